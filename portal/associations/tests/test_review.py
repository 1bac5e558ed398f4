"""SIDBI's review of applications: the queue (/associations/review/) and the decision (/<slug>/review/)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import testing
from portal.associations.models import Association, AssociationStatusChange, Status
from portal.associations.tests.helpers import page_messages
from portal.core.models import AuditLog

QUEUE_URL = reverse("associations:review_queue")
DIRECTORY_URL = reverse("associations:directory")


def review_url(association) -> str:
    return reverse("associations:review", args=[association.slug])


def review_record(association) -> tuple:
    """What a decision changes: compared before and after a refused one."""
    association.refresh_from_db()
    return (
        association.status,
        association.approved_at,
        AssociationStatusChange.objects.filter(association=association).count(),
        AuditLog.objects.filter(association=association).count(),
    )


# --- The queue ----------------------------------------------------------------------------------


def test_queue_lists_applications_waiting_for_review_and_not_decided_ones(client_for, officer, pending, association_a):
    response = client_for(officer).get(QUEUE_URL)

    html = response.content.decode()
    assert [a.slug for a in response.context["page"]] == ["cbe-pumps"]
    assert "Coimbatore Pump Makers Association" in html
    assert review_url(pending) in html
    assert association_a.name not in html


def test_queue_can_show_applications_waiting_for_an_answer(client_for, officer, info_requested, association_a):
    response = client_for(officer).get(QUEUE_URL, {"status": "info_requested"})

    assert [a.slug for a in response.context["page"]] == ["cbe-pumps"]
    assert list(client_for(officer).get(QUEUE_URL).context["page"]) == []


def test_queue_with_an_unknown_status_shows_the_submitted_ones(client_for, officer, pending):
    response = client_for(officer).get(QUEUE_URL, {"status": "<script>", "page": "junk"})

    assert response.status_code == 200
    assert response.context["status"] == Status.SUBMITTED
    assert [a.slug for a in response.context["page"]] == ["cbe-pumps"]


def test_queue_runs_the_same_number_of_queries_for_3_or_23_applications(client_for, officer):
    client = client_for(officer)
    for _ in range(3):
        testing.make_association(status=Status.SUBMITTED)
    client.get(QUEUE_URL)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(QUEUE_URL)
    assert len(response.context["page"]) == 3
    for _ in range(20):
        testing.make_association(status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE_URL)
    assert len(response.context["page"]) == 20  # one full page
    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["authority", "bearer_a", "member_a", "provider_user", "bearer_b"])
def test_queue_is_refused_to_anyone_but_a_sidbi_officer(request, client_for, who, pending):
    user = request.getfixturevalue(who)

    response = client_for(user).get(QUEUE_URL)

    assert response.status_code == 403
    assert "Coimbatore Pump Makers Association" not in response.content.decode()


def test_queue_sends_anonymous_visitor_to_log_in(anonymous, pending):
    response = anonymous.get(QUEUE_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- The review page ----------------------------------------------------------------------------


def test_review_page_shows_the_officer_everything_needed_to_decide(client_for, officer, pending):
    response = client_for(officer).get(review_url(pending))

    html = response.content.decode()
    assert pending.pan in html
    assert pending.registration_number in html
    assert "K. Senthil, Secretary" in html
    assert "applicant@pumpmakers.example.in" in html
    assert reverse("associations:certificate", args=[pending.slug]) in html
    assert 'name="decision"' in html
    assert "Application submitted" in html  # the history so far


# --- Decisions ----------------------------------------------------------------------------------


def test_officer_approves_and_the_association_appears_in_the_directory(
    client_for, officer, applicant, pending, anonymous, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(review_url(pending), {"decision": "approve", "reason": ""}, follow=True)

    assert response.redirect_chain == [(QUEUE_URL, 302)]
    assert "Decision recorded and the applicant told." in page_messages(response)
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert before <= pending.approved_at <= timezone.now()
    change = pending.status_changes.last()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        Status.SUBMITTED,
        Status.APPROVED,
        officer,
        "",
    )
    log = AuditLog.objects.filter(association=pending, action="association.approved").get()
    assert log.actor == officer
    assert log.data == {"from_status": "submitted", "to_status": "approved"}
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert "Approved" in mail.outbox[0].subject
    assert pending.get_absolute_url() in mail.outbox[0].body
    directory = anonymous.get(DIRECTORY_URL)
    assert "Coimbatore Pump Makers Association" in directory.content.decode()
    assert anonymous.get(pending.get_absolute_url()).status_code == 200


def test_officer_rejects_with_a_reason_the_applicant_is_told(
    client_for, officer, applicant, pending, anonymous, django_capture_on_commit_callbacks
):
    reason = "The registration certificate belongs to another society."
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(review_url(pending), {"decision": "reject", "reason": f"  {reason}  "})

    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert pending.approved_at is None
    change = pending.status_changes.last()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        Status.SUBMITTED,
        Status.REJECTED,
        officer,
        reason,
    )
    log = AuditLog.objects.get(association=pending, action="association.rejected")
    assert (log.actor, log.reason) == (officer, reason)
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert reason in mail.outbox[0].body
    assert "Rejected" in mail.outbox[0].subject
    assert "Coimbatore Pump Makers Association" not in anonymous.get(DIRECTORY_URL).content.decode()


def test_officer_asks_for_more_information_with_a_question(
    client_for, officer, applicant, pending, django_capture_on_commit_callbacks
):
    question = "Please upload the 2023 renewal of the registration."
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(review_url(pending), {"decision": "request_info", "reason": question})

    pending.refresh_from_db()
    assert pending.status == Status.INFO_REQUESTED
    change = pending.status_changes.last()
    assert (change.to_status, change.by, change.reason) == (Status.INFO_REQUESTED, officer, question)
    assert AuditLog.objects.filter(association=pending, action="association.info_requested", actor=officer).exists()
    assert question in mail.outbox[0].body
    assert mail.outbox[0].to == [applicant.email]


def test_every_office_bearer_with_a_log_in_is_told_of_the_decision(
    client_for, officer, applicant, pending, django_capture_on_commit_callbacks
):
    from portal.associations.models import AssociationStaff, StaffRole

    colleague = testing.make_user("treasurer@pumpmakers.example.in")
    AssociationStaff.objects.create(association=pending, user=colleague, role=StaffRole.STAFF)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(review_url(pending), {"decision": "approve"})

    # One email each, so that each reads it in their own language.
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [applicant.email, colleague.email]
    )


@pytest.mark.parametrize("decision", ["reject", "request_info"])
@pytest.mark.parametrize("reason", ["", "    \n  "])
def test_reject_or_question_without_a_reason_is_refused_and_nothing_changes(
    client_for, officer, pending, decision, reason, django_capture_on_commit_callbacks
):
    before = review_record(pending)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(review_url(pending), {"decision": decision, "reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Say why, so that the applicant knows what to do."]
    assert "Say why, so that the applicant knows what to do." in response.content.decode()
    assert review_record(pending) == before
    assert mail.outbox == []


@pytest.mark.parametrize("decision", ["", "delete", "approve_all"])
def test_unknown_decision_is_refused(client_for, officer, pending, decision):
    before = review_record(pending)

    response = client_for(officer).post(review_url(pending), {"decision": decision, "reason": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["decision"]
    assert review_record(pending) == before


def test_very_long_reason_is_a_form_error(client_for, officer, pending):
    before = review_record(pending)

    response = client_for(officer).post(review_url(pending), {"decision": "reject", "reason": "क" * 10_000})

    assert response.status_code == 200
    assert "at most 4000 characters" in response.context["form"].errors["reason"][0]
    assert review_record(pending) == before


def test_hindi_reason_is_kept_as_typed(client_for, officer, pending):
    client_for(officer).post(review_url(pending), {"decision": "request_info", "reason": "कृपया प्रमाणपत्र भेजें"})

    assert pending.status_changes.last().reason == "कृपया प्रमाणपत्र भेजें"


def test_platform_admin_can_review_too(client_for, platform_admin, pending):
    client_for(platform_admin).post(review_url(pending), {"decision": "approve"})

    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert pending.status_changes.last().by == platform_admin


# --- Refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["authority", "bearer_a", "member_a", "provider_user", "applicant"])
def test_review_is_refused_to_anyone_but_a_sidbi_officer(request, client_for, who, pending):
    user = request.getfixturevalue(who)
    before = review_record(pending)
    client = client_for(user)

    assert client.get(review_url(pending)).status_code == 403
    response = client.post(review_url(pending), {"decision": "approve", "reason": ""})

    assert response.status_code == 403
    assert review_record(pending) == before
    assert pending.status == Status.SUBMITTED


def test_review_sends_anonymous_visitor_to_log_in_and_changes_nothing(anonymous, pending):
    before = review_record(pending)

    response = anonymous.post(review_url(pending), {"decision": "approve"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert review_record(pending) == before


def test_review_of_an_unknown_association_is_404(client_for, officer):
    assert client_for(officer).get(reverse("associations:review", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("decision", ["approve", "reject", "request_info"])
def test_approved_association_cannot_be_decided_again(client_for, officer, association_a, decision):
    before = review_record(association_a)

    response = client_for(officer).post(review_url(association_a), {"decision": decision, "reason": "Again"})

    assert response.status_code == 200
    message = "An application that is “Approved” cannot become"
    assert any(message in error for error in response.context["form"].non_field_errors())
    assert message in response.content.decode()
    assert review_record(association_a) == before


def test_rejected_association_cannot_be_approved_later(client_for, officer, applicant):
    rejected = testing.make_association(office_bearer=applicant, status=Status.REJECTED)
    before = review_record(rejected)

    response = client_for(officer).post(review_url(rejected), {"decision": "approve"})

    assert "An application that is “Rejected” cannot become “Approved”." in response.content.decode()
    assert review_record(rejected) == before


def test_application_waiting_for_an_answer_cannot_be_approved_before_the_answer(client_for, officer, info_requested):
    before = review_record(info_requested)

    response = client_for(officer).post(review_url(info_requested), {"decision": "approve"})

    assert "cannot become “Approved”" in response.content.decode()
    assert review_record(info_requested) == before


def test_application_waiting_for_an_answer_can_still_be_rejected(client_for, officer, info_requested):
    client_for(officer).post(review_url(info_requested), {"decision": "reject", "reason": "No answer in 90 days."})

    info_requested.refresh_from_db()
    assert info_requested.status == Status.REJECTED
    assert [c.to_status for c in info_requested.status_changes.all()] == [
        Status.SUBMITTED,
        Status.INFO_REQUESTED,
        Status.REJECTED,
    ]


def test_review_service_refuses_a_non_officer_even_if_called_directly(authority, pending):
    from portal.associations import services
    from portal.core.errors import ActionRefused

    with pytest.raises(ActionRefused, match="Only a SIDBI scheme officer"):
        services.association_review(association=pending, by=authority, decision="approve")

    assert Association.objects.get(pk=pending.pk).status == Status.SUBMITTED
