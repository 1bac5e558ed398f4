"""SIDBI's review of provider registrations: only scheme officers decide, a rejection needs a reason."""

import pytest
from django.urls import reverse

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.providers import services
from portal.providers.models import ProviderStatus

from .conftest import register

QUEUE = reverse("providers:review_queue")


def review_url(provider) -> str:
    return reverse("providers:review", args=[provider.pk])


def test_officer_approves_a_registration_and_its_people_are_told(client_for, officer, pending, applicant, anonymous):
    response = client_for(officer).post(review_url(pending), {"decision": "approve", "reason": ""})

    assert response.status_code == 302 and response.url == QUEUE
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.APPROVED and pending.approved_at is not None
    record = AuditLog.objects.for_object(pending).get(action="provider.approved")
    assert record.actor == officer and record.data == {"from_status": "pending", "to_status": "approved"}
    note = Notification.objects.get(user=applicant)
    assert note.kind == "provider.approved" and "approved" in note.title and note.link == pending.get_absolute_url()
    assert anonymous.get(pending.get_absolute_url()).status_code == 200
    assert pending.name in anonymous.get(reverse("providers:directory")).content.decode()


def test_officer_rejects_with_a_reason_that_the_provider_reads(client_for, officer, pending, applicant, anonymous):
    client_for(officer).post(review_url(pending), {"decision": "reject", "reason": "No NABL certificate attached."})

    pending.refresh_from_db()
    assert pending.status == ProviderStatus.REJECTED and pending.approved_at is None
    assert (
        AuditLog.objects.for_object(pending).get(action="provider.rejected").reason == "No NABL certificate attached."
    )
    note = Notification.objects.get(user=applicant)
    assert note.kind == "provider.rejected" and "No NABL certificate attached." in note.body
    own_page = client_for(applicant).get(pending.get_absolute_url()).content.decode()
    assert "No NABL certificate attached." in own_page and "Correct and send for review again" in own_page
    assert anonymous.get(pending.get_absolute_url()).status_code == 404


def test_rejecting_without_a_reason_shows_an_error_beside_the_reason(client_for, officer, pending):
    response = client_for(officer).post(review_url(pending), {"decision": "reject", "reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Say why, so that the provider knows what to put right."]
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.PENDING


def test_a_decided_registration_cannot_be_decided_again(client_for, officer, pending):
    services.provider_review(provider=pending, decision="approve", by=officer)

    response = client_for(officer).post(review_url(pending), {"decision": "reject", "reason": "Changed my mind"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This registration has already been decided (Approved)."]
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.APPROVED
    assert not AuditLog.objects.for_object(pending).filter(action="provider.rejected").exists()


@pytest.mark.parametrize("who", ["authority", "bearer_a", "member_a", "provider_user", "applicant"])
def test_anyone_but_a_scheme_officer_gets_403_on_the_queue_and_the_review(request, client_for, pending, who):
    client = client_for(request.getfixturevalue(who))

    assert client.get(QUEUE).status_code == 403
    assert client.get(review_url(pending)).status_code == 403
    assert client.post(review_url(pending), {"decision": "approve"}).status_code == 403
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.PENDING


def test_anonymous_visitor_is_sent_to_log_in_from_the_review(anonymous, pending):
    response = anonymous.post(review_url(pending), {"decision": "approve"})

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_service_refuses_a_non_officer_whatever_the_caller(authority, pending):
    with pytest.raises(ActionRefused, match="Only a SIDBI scheme officer"):
        services.provider_review(provider=pending, decision="approve", by=authority)
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.PENDING


def test_the_service_refuses_an_unknown_decision(officer, pending):
    with pytest.raises(ActionRefused, match="Unknown decision"):
        services.provider_review(provider=pending, decision="suspend", by=officer)


def test_platform_admin_may_review(platform_admin, pending):
    services.provider_review(provider=pending, decision="approve", by=platform_admin)

    pending.refresh_from_db()
    assert pending.status == ProviderStatus.APPROVED


def test_queue_lists_pending_registrations_oldest_first_and_filters_by_status(client_for, officer, pending):
    from portal import testing

    second = register(testing.make_user(), name="Second Lab")
    services.provider_review(provider=second, decision="reject", by=officer, reason="Duplicate")
    third = register(testing.make_user(), name="Third Lab")

    client = client_for(officer)
    assert [p.name for p in client.get(QUEUE).context["page"]] == [pending.name, third.name]
    assert [p.name for p in client.get(QUEUE + "?status=rejected").context["page"]] == ["Second Lab"]
    assert [p.name for p in client.get(QUEUE + "?status=nonsense").context["page"]] == [pending.name, third.name]


def test_queue_runs_a_fixed_number_of_queries(client_for, officer, django_assert_num_queries):
    from portal import testing

    def count_for(n: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for i in range(n):
            register(testing.make_user(), name=f"Lab {n}-{i}")
        client = client_for(officer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE)
        assert response.status_code == 200
        return len(queries)

    assert count_for(3) == count_for(20)
