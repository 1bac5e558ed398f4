import random

import pytest
from django.utils import timezone

from portal import testing
from portal.notifications.models import Broadcast, Notification
from portal.updates.demo import seed_updates
from portal.updates.models import Kind, Recognition, Update

pytestmark = pytest.mark.django_db


def test_seed_updates_creates_realistic_targeted_updates_without_notifying_anyone(officer, bearer_a, member_b):
    tiruppur = testing.make_association(
        office_bearer=bearer_a, slug="tiruppur-knitwear-manufacturers-association", name="Tiruppur Knitwear"
    )
    member = testing.make_user()
    testing.make_membership(association=tiruppur, enterprise=testing.make_enterprise(owner=member))
    made = seed_updates(random.Random(7), timezone.now())
    assert 35 <= made <= 45
    assert Update.objects.filter(kind=Kind.CIRCULAR).exclude(attachment="").exclude(circular_number="").count() == 6
    assert not Update.objects.filter(kind=Kind.OPPORTUNITY, deadline__isnull=True).exists()
    assert Update.objects.filter(states__is_north_east=True).exists()
    tiruppur_only = Update.objects.filter(association=tiruppur)
    assert tiruppur_only.count() == 5
    visible_to_member = Update.objects.visible_to(member)
    assert all(visible_to_member.filter(pk=u.pk).exists() for u in tiruppur_only)
    assert not Update.objects.visible_to(member_b).filter(association=tiruppur).exists()
    assert visible_to_member.filter(sectors__slug="textiles").exists()
    assert Recognition.objects.exists() and all(r.update_id for r in Recognition.objects.all())
    assert not Broadcast.objects.exists() and not Notification.objects.exists()
