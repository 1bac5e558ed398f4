"""Audience targeting: visible_to and audience_users agree, and association A's updates never reach B."""

import pytest

from portal.updates.models import Update, audience_users
from portal.updates.services import follows_set
from portal.updates.tests.conftest import publish, sectors, states

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Update.objects.visible_to(user).values_list("title", flat=True))


def test_textiles_member_sees_a_textiles_opportunity_and_jewellery_member_does_not(
    officer, member_a, jewellery_member_a, future_deadline
):
    update = publish(
        officer,
        kind="opportunity",
        title="GeM tender: knitted T-shirts",
        deadline=future_deadline,
        audience={"sectors": sectors("textiles")},
    )
    assert "GeM tender: knitted T-shirts" in visible(member_a)
    assert "GeM tender: knitted T-shirts" not in visible(jewellery_member_a)
    users = set(audience_users(update))
    assert member_a in users and jewellery_member_a not in users
    assert update.broadcast.recipient_ids == [member_a.pk] or member_a.pk in update.broadcast.recipient_ids
    assert jewellery_member_a.pk not in update.broadcast.recipient_ids


def test_following_a_sector_brings_its_targeted_updates_to_the_follower(officer, jewellery_member_a):
    publish(officer, title="Textile fair", audience={"sectors": sectors("textiles")})
    follows_set(user=jewellery_member_a, sectors=sectors("textiles"), associations=[])
    assert "Textile fair" in visible(jewellery_member_a)


def test_update_for_association_a_is_invisible_to_members_of_b(bearer_a, association_a, member_a, member_b, bearer_b):
    update = publish(bearer_a, association=association_a, title="AGM notice", audience={"for_everyone": False})
    assert list(update.associations.all()) == [association_a]
    assert "AGM notice" in visible(member_a)
    assert "AGM notice" not in visible(member_b)
    assert "AGM notice" not in visible(bearer_b)
    users = set(audience_users(update))
    assert member_a in users and bearer_a in users
    assert member_b not in users and bearer_b not in users


def test_following_association_a_does_not_reveal_its_members_only_updates(bearer_a, association_a, member_b):
    publish(bearer_a, association=association_a, title="AGM notice", audience={"for_everyone": False})
    follows_set(user=member_b, sectors=[], associations=[association_a])
    assert "AGM notice" not in visible(member_b)
    assert not Update.objects.feed_for(member_b).filter(title="AGM notice").exists()


def test_state_targeting_reaches_only_enterprises_in_those_states(officer, member_a, member_b):
    publish(officer, title="Punjab power tariff", audience={"states": states("PB")})
    assert "Punjab power tariff" in visible(member_b)
    assert "Punjab power tariff" not in visible(member_a)


def test_dimensions_combine_so_both_sector_and_state_must_match(officer, member_a, member_b):
    publish(officer, title="Textiles in Punjab", audience={"sectors": sectors("textiles"), "states": states("PB")})
    assert "Textiles in Punjab" not in visible(member_a)  # textiles but Tamil Nadu
    assert "Textiles in Punjab" not in visible(member_b)  # Punjab but engineering


def test_role_targeting_for_office_bearers_leaves_out_members_and_providers(officer, bearer_a, member_a, provider_user):
    update = publish(officer, title="For office-bearers", audience={"roles": ["office_bearers"]})
    assert "For office-bearers" in visible(bearer_a)
    assert "For office-bearers" not in visible(member_a)
    assert "For office-bearers" not in visible(provider_user)
    assert set(audience_users(update)) == {bearer_a}


def test_providers_role_reaches_providers(officer, provider_user, member_a):
    publish(officer, title="For banks", audience={"roles": ["providers"]})
    assert "For banks" in visible(provider_user)
    assert "For banks" not in visible(member_a)


def test_anonymous_sees_only_updates_aimed_at_everyone(officer, anonymous):
    from django.contrib.auth.models import AnonymousUser

    publish(officer, title="Public news")
    publish(officer, title="Textiles only", audience={"sectors": sectors("textiles")})
    assert visible(AnonymousUser()) == {"Public news"}


def test_sidbi_sees_every_live_update(officer, authority, bearer_a, association_a):
    publish(bearer_a, association=association_a, title="AGM notice", audience={"for_everyone": False})
    assert "AGM notice" in visible(authority)


def test_everyone_update_is_aimed_at_every_active_user(officer, member_a, member_b):
    update = publish(officer, title="Public news")
    assert {member_a, member_b, officer} <= set(audience_users(update))
