"""The demo discussions: content in every kind of space, once, without notifications."""

import random

from django.core import mail

from portal import testing
from portal.community import selectors
from portal.community.demo import LUDHIANA, TIRUPPUR, seed
from portal.community.models import Reaction, Reply, Space, SpaceKind, Topic
from portal.core.models import Sector
from portal.notifications.models import Notification


def _association(slug, state_code="TN", sector="textiles"):
    bearer = testing.make_user(full_name=f"Secretary {slug[:8]}")
    association = testing.make_association(
        office_bearer=bearer, slug=slug, state_code=state_code, sectors=[Sector.objects.get(slug=sector)]
    )
    for n in range(4):
        user = testing.make_user(full_name=f"Member {n} {slug[:8]}")
        enterprise = testing.make_enterprise(owner=user, state_code=state_code, sector=sector)
        testing.make_membership(association=association, enterprise=enterprise)
    return association, bearer


def test_the_demo_seeds_every_kind_of_space_once(db):
    tiruppur, _ = _association(TIRUPPUR)
    _ludhiana, bearer_b = _association(LUDHIANA, "PB", "engineering")

    seed(rng=random.Random(3))
    seed(rng=random.Random(3))

    kinds = set(Topic.objects.values_list("space__kind", flat=True))
    assert kinds == {SpaceKind.NATIONAL, SpaceKind.SECTOR, SpaceKind.STATE, SpaceKind.ASSOCIATION, SpaceKind.CIRCLE}
    assert Topic.objects.count() == 13 and Reply.objects.count() > 20
    assert Space.objects.get(kind="circle").name == "Exporters' circle"
    assert Topic.objects.filter(accepted_reply__isnull=False).exists() and Reaction.objects.exists()
    assert Topic.objects.filter(title__contains="निर्यात").exists()
    for topic in Topic.objects.all():
        assert topic.reply_count == topic.replies.count()
    # Tiruppur's private talk stays private from Ludhiana's office.
    assert not selectors.search(bearer_b, "effluent")[0].exists()
    assert not Notification.objects.exists() and not mail.outbox
    assert tiruppur.spaces.count() == 2
