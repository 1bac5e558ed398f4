"""Demo business data: offers, about 40 live leads, interests, connections and the Tiruppur member's thread."""

import random

from django.core import mail

from portal import testing
from portal.business import selectors
from portal.business.demo import LUDHIANA_MEMBER, TIRUPPUR_MEMBER, seed
from portal.business.models import Capacity, Connection, Conversation, Interest, Lead, Message, Product
from portal.notifications.models import Notification


def test_the_demo_seeds_offers_leads_connections_and_a_thread_and_runs_once(association_a, association_b):
    tiruppur = testing.make_user(TIRUPPUR_MEMBER)
    ludhiana = testing.make_user(LUDHIANA_MEMBER)
    for user, association in ((tiruppur, association_a), (ludhiana, association_b)):
        enterprise = testing.make_enterprise(owner=user, products="knitted garments, hosiery")
        testing.make_membership(association=association, enterprise=enterprise)
    for index in range(50):
        # Like most demo enterprises, these have nobody who logs in.
        enterprise = testing.make_enterprise(name=f"Unit {index}")
        testing.make_membership(association=association_a if index % 2 else association_b, enterprise=enterprise)

    seed(rng=random.Random(3))
    counts = (Product.objects.count(), Lead.objects.count(), Interest.objects.count(), Connection.objects.count())
    seed(rng=random.Random(3))

    assert counts == (
        Product.objects.count(),
        Lead.objects.count(),
        Interest.objects.count(),
        Connection.objects.count(),
    )
    assert Capacity.objects.count() == 52 and Lead.objects.live().count() == 40
    assert Connection.objects.accepted().count() >= 2
    conversation = Conversation.objects.get()
    assert conversation.has_participant(tiruppur) and conversation.has_participant(ludhiana)
    assert Message.objects.count() == 5
    assert selectors.inbox(tiruppur).get().unread == 1
    assert not Notification.objects.exists() and not mail.outbox


def test_the_demo_runs_without_the_named_demo_members(member_a, member_b):
    seed(rng=random.Random(1))
    assert Product.objects.exists() and Lead.objects.count() == 2 and not Conversation.objects.exists()
