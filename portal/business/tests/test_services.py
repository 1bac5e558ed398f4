"""Business services: products and capacity, connections, leads and interests, messages, blocks and reports."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from portal import testing
from portal.business import permissions, services
from portal.business.models import (
    MESSAGE_MAX_LENGTH,
    Capacity,
    Connection,
    ConnectionStatus,
    Conversation,
    InterestStatus,
    Message,
    Product,
    Report,
    ReportStatus,
)
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification

from .conftest import add_member, connect, fresh, make_lead

# Products and capacity


def test_enterprise_people_add_products_and_set_capacity(member_a):
    product = services.product_add(enterprise=member_a.enterprise, name="Polo shirts", hs_code="6105", by=member_a)
    capacity = services.capacity_set(
        enterprise=member_a.enterprise,
        monthly_capacity=Decimal("25000"),
        unit="pieces",
        spare_available=True,
        machines="12 circular knitting machines",
        by=member_a,
    )
    assert product.enterprise == member_a.enterprise and Product.objects.count() == 1
    assert capacity.spare_available and capacity.monthly_capacity == Decimal("25000")
    assert AuditLog.objects.filter(action="business.product_added").exists()
    assert AuditLog.objects.filter(action="business.capacity_set").exists()
    services.capacity_set(
        enterprise=member_a.enterprise, monthly_capacity=Decimal("100"), unit="kg", spare_available=False, by=member_a
    )
    assert Capacity.objects.get().unit == "kg"


def test_another_enterprise_cannot_change_products_or_capacity(member_a, member_b):
    with pytest.raises(ActionRefused):
        services.product_add(enterprise=member_a.enterprise, name="Polo shirts", by=member_b)
    with pytest.raises(ActionRefused):
        services.capacity_set(
            enterprise=member_a.enterprise, monthly_capacity=Decimal(1), unit="kg", spare_available=True, by=member_b
        )
    assert not Product.objects.exists() and not Capacity.objects.exists()


def test_a_product_is_listed_once_per_enterprise(member_a):
    services.product_add(enterprise=member_a.enterprise, name="Polo shirts", by=member_a)
    with pytest.raises(ActionRefused, match="already listed"):
        services.product_add(enterprise=member_a.enterprise, name="Polo shirts", by=member_a)


# Connections


def test_a_connection_is_requested_then_accepted_by_the_target(member_a, member_b):
    connection = services.connection_request(
        from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, note="We buy fasteners", by=member_a
    )
    assert connection.status == ConnectionStatus.REQUESTED
    assert Notification.objects.filter(user=member_b, kind="business.connection").exists()
    assert not permissions.can_see_contact(fresh(member_a), member_b.enterprise)

    services.connection_decide(connection=connection, accept=True, by=member_b)

    assert Connection.objects.get().status == ConnectionStatus.ACCEPTED
    assert permissions.can_see_contact(fresh(member_a), member_b.enterprise)
    assert permissions.can_see_contact(fresh(member_b), member_a.enterprise)
    assert Notification.objects.filter(user=member_a, kind="business.connection_accepted").exists()


def test_the_requester_cannot_accept_its_own_request(member_a, member_b):
    connection = services.connection_request(
        from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a
    )
    with pytest.raises(ActionRefused, match="enterprise that was asked"):
        services.connection_decide(connection=connection, accept=True, by=member_a)
    assert Connection.objects.get().status == ConnectionStatus.REQUESTED


def test_a_second_request_for_the_same_pair_is_refused_either_way(member_a, member_b):
    services.connection_request(from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a)
    with pytest.raises(ActionRefused, match="already waiting"):
        services.connection_request(from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a)
    with pytest.raises(ActionRefused, match="accept their request"):
        services.connection_request(from_enterprise=member_b.enterprise, to_enterprise=member_a.enterprise, by=member_b)
    assert Connection.objects.count() == 1


def test_the_database_keeps_one_row_per_pair_of_enterprises(member_a, member_b):
    Connection.objects.create(requester=member_a.enterprise, target=member_b.enterprise)
    with pytest.raises(IntegrityError):
        Connection.objects.create(requester=member_b.enterprise, target=member_a.enterprise)


def test_a_declined_requester_cannot_ask_again_but_the_decliner_can(member_a, member_b):
    connection = services.connection_request(
        from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a
    )
    services.connection_decide(connection=connection, accept=False, by=member_b)
    with pytest.raises(ActionRefused, match="declined"):
        services.connection_request(from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a)
    again = services.connection_request(
        from_enterprise=member_b.enterprise, to_enterprise=member_a.enterprise, by=member_b
    )
    assert (again.pk, again.requester, again.status) == (connection.pk, member_b.enterprise, "requested")


def test_an_enterprise_outside_the_directory_cannot_connect(member_a):
    outsider = testing.make_user()
    outsider_enterprise = testing.make_enterprise(owner=outsider)
    with pytest.raises(ActionRefused):
        services.connection_request(from_enterprise=outsider_enterprise, to_enterprise=member_a.enterprise, by=outsider)
    with pytest.raises(ActionRefused, match="not in the business directory"):
        services.connection_request(from_enterprise=member_a.enterprise, to_enterprise=outsider_enterprise, by=member_a)


# Leads and interests


def test_a_lead_cannot_be_posted_with_a_past_expiry(member_a):
    with pytest.raises(ActionRefused, match="expiry date has passed"):
        make_lead(by=member_a, days=-1)
    assert make_lead(by=member_a, days=0).is_live()


def test_expired_leads_leave_the_live_list(member_a):
    lead = make_lead(by=member_a, days=3)
    from portal.business.models import Lead

    assert list(Lead.objects.live()) == [lead]
    assert list(Lead.objects.live(timezone.localdate() + timedelta(days=4))) == []


def test_only_a_member_enterprise_posts_leads(member_a):
    outsider = testing.make_user()
    outsider.enterprise = testing.make_enterprise(owner=outsider)
    with pytest.raises(ActionRefused):
        make_lead(by=outsider)


def test_interest_notifies_the_poster_and_acceptance_connects_the_enterprises(member_a, member_b):
    lead = make_lead(by=member_a)
    interest = services.interest_express(
        lead=lead, enterprise=member_b.enterprise, message="We can supply 5 tonnes", by=member_b
    )
    assert Notification.objects.filter(user=member_a, kind="business.interest").exists()
    assert permissions.connection_between_users(member_a, member_b) is None

    services.interest_accept(interest=interest, by=member_a)

    interest.refresh_from_db()
    assert interest.status == InterestStatus.ACCEPTED
    assert permissions.connection_between_users(member_a, member_b).status == ConnectionStatus.ACCEPTED
    assert Notification.objects.filter(user=member_b, kind="business.accepted").exists()
    assert services.conversation_open(with_user=member_b, by=member_a)


def test_the_poster_may_accept_several_interests(member_a, member_b, member_a2):
    lead = make_lead(by=member_a)
    first = services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Yes", by=member_b)
    second = services.interest_express(lead=lead, enterprise=member_a2.enterprise, message="Us too", by=member_a2)
    services.interest_accept(interest=first, by=member_a)
    services.interest_accept(interest=second, by=member_a)
    assert Connection.objects.accepted().count() == 2


def test_only_the_poster_accepts_an_interest(member_a, member_b, member_a2):
    lead = make_lead(by=member_a)
    interest = services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Yes", by=member_b)
    with pytest.raises(ActionRefused, match="Only the poster"):
        services.interest_accept(interest=interest, by=member_a2)
    with pytest.raises(ActionRefused, match="Only the poster"):
        services.interest_accept(interest=interest, by=member_b)
    assert not Connection.objects.exists()


def test_interest_in_an_own_expired_or_repeated_lead_is_refused(member_a, member_b):
    lead = make_lead(by=member_a)
    with pytest.raises(ActionRefused, match="your own lead"):
        services.interest_express(lead=lead, enterprise=member_a.enterprise, message="Me", by=member_a)
    services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Yes", by=member_b)
    with pytest.raises(ActionRefused, match="already shown interest"):
        services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Again", by=member_b)
    expired = make_lead(by=member_a, days=0)
    expired.expires_on = timezone.localdate() - timedelta(days=1)
    expired.save(update_fields=["expires_on"])
    with pytest.raises(ActionRefused, match="expired"):
        services.interest_express(lead=expired, enterprise=member_b.enterprise, message="Late", by=member_b)


# Messages


def test_people_of_connected_enterprises_message_each_other(member_a, member_b, connected):
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    services.message_send(conversation=conversation, body="Hello from Tiruppur", by=member_a)
    services.message_send(conversation=conversation, body="Hello from Ludhiana", by=member_b)
    assert Message.objects.count() == 2
    assert services.conversation_open(with_user=member_a, by=member_b) == conversation
    assert services.conversation_mark_read(conversation=conversation, by=member_b) == 1


def test_people_of_unconnected_enterprises_cannot_message(member_a, member_b, member_a2):
    with pytest.raises(ActionRefused, match="connected with"):
        services.conversation_open(with_user=member_b, by=member_a)
    services.connection_request(from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a)
    with pytest.raises(ActionRefused, match="connected with"):
        services.conversation_open(with_user=member_b, by=member_a)
    assert not Conversation.objects.exists()


def test_a_blocked_person_cannot_message_the_blocker(member_a, member_b, connected):
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    services.user_block(user=member_a, by=member_b)
    with pytest.raises(ActionRefused, match="they have blocked you"):
        services.message_send(conversation=conversation, body="Hello?", by=member_a)
    with pytest.raises(ActionRefused, match="Unblock them"):
        services.message_send(conversation=conversation, body="Hello", by=member_b)
    assert not Message.objects.exists()
    services.user_unblock(user=member_a, by=member_b)
    services.message_send(conversation=conversation, body="Hello again", by=member_a)
    assert Message.objects.count() == 1


def test_a_message_longer_than_the_limit_is_refused(member_a, member_b, connected):
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    with pytest.raises(ActionRefused, match=f"{MESSAGE_MAX_LENGTH} characters at most"):
        services.message_send(conversation=conversation, body="x" * (MESSAGE_MAX_LENGTH + 1), by=member_a)
    services.message_send(conversation=conversation, body="x" * MESSAGE_MAX_LENGTH, by=member_a)


def test_an_outsider_cannot_write_into_a_conversation(member_a, member_b, member_a2, connected):
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    with pytest.raises(ActionRefused, match="not part of this conversation"):
        services.message_send(conversation=conversation, body="Hi", by=member_a2)


def test_a_reported_message_reaches_the_admin_queue_and_is_resolved(member_a, member_b, connected, platform_admin):
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    message = services.message_send(conversation=conversation, body="Buy my scheme now", by=member_a)
    with pytest.raises(ActionRefused, match="your own message"):
        services.message_report(message=message, reason="spam", by=member_a)
    report = services.message_report(message=message, reason="Spam", by=member_b)
    assert Notification.objects.filter(user=platform_admin, kind="business.report").exists()
    with pytest.raises(ActionRefused, match="already reported"):
        services.message_report(message=message, reason="Spam", by=member_b)
    with pytest.raises(ActionRefused, match="platform admins"):
        services.report_resolve(report=report, resolution="", by=member_b)
    services.report_resolve(report=report, resolution="Warned the sender", by=platform_admin)
    assert Report.objects.get().status == ReportStatus.RESOLVED


def test_a_user_of_a_second_enterprise_also_connected_can_message(association_a, member_b):
    owner = add_member(association_a, name="Two Hats")
    staff = testing.make_user()
    from portal.enterprises.models import EnterpriseUser

    EnterpriseUser.objects.create(enterprise=owner.enterprise, user=staff, role="staff")
    connect(owner, member_b)
    assert services.conversation_open(with_user=member_b, by=staff)
