"""The applicant's own application: correcting it, answering SIDBI and resubmitting (/<slug>/application/)."""

import pytest
from django.core import mail
from django.urls import reverse

from portal import testing
from portal.associations.models import AssociationStaff, AssociationStatusChange, StaffRole, Status
from portal.associations.tests.helpers import (
    PDF_BYTES,
    assert_error_beside,
    certificate_upload,
    edit_data,
    page_messages,
)
from portal.core.models import AuditLog

QUESTION = "Please upload the 2023 renewal certificate."
ANSWER = "Uploaded the renewal dated 14 March 2023; our membership is now 360."


def edit_url(association) -> str:
    return reverse("associations:edit_application", args=[association.slug])


def snapshot(association) -> dict:
    """The stored application, to show a refused change left it as it was."""
    association.refresh_from_db()
    return {
        "fields": (association.name, association.district, association.status, association.pan),
        "certificate": association.registration_certificate.name,
        "bearers": list(association.office_bearers.values_list("id", "name", "phone")),
        "changes": AssociationStatusChange.objects.filter(association=association).count(),
        "audit": AuditLog.objects.filter(association=association).count(),
    }


# --- Answering a request for information --------------------------------------------------------


def test_page_shows_the_applicant_what_sidbi_asked(client_for, applicant, info_requested):
    response = client_for(applicant).get(edit_url(info_requested))

    html = response.content.decode()
    assert "SIDBI asked:" in html
    assert QUESTION in html
    assert 'name="answer"' in html
    assert "Resubmit for review" in html


def test_applicant_edits_answers_and_the_application_goes_back_to_review(
    client_for, applicant, officer, info_requested, django_capture_on_commit_callbacks
):
    data = edit_data(info_requested, approx_member_count="360", answer=ANSWER)
    data["registration_certificate"] = certificate_upload("renewal-2023.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(applicant).post(edit_url(info_requested), data, follow=True)

    assert response.redirect_chain == [(info_requested.get_absolute_url(), 302)]
    assert "Sent back to SIDBI for review." in page_messages(response)
    info_requested.refresh_from_db()
    assert info_requested.status == Status.SUBMITTED
    assert info_requested.approx_member_count == 360
    assert info_requested.registration_certificate.name.endswith("renewal-2023.pdf")
    with info_requested.registration_certificate.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    change = info_requested.status_changes.last()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        Status.INFO_REQUESTED,
        Status.SUBMITTED,
        applicant,
        ANSWER,
    )
    log = AuditLog.objects.filter(association=info_requested).first()  # newest first
    assert (log.action, log.actor, log.reason) == ("association.submitted", applicant, ANSWER)
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Application to review" in mail.outbox[0].subject


def test_history_shows_the_applicant_every_step_in_order(client_for, applicant, officer, info_requested):
    client = client_for(applicant)
    client.post(edit_url(info_requested), edit_data(info_requested, answer=ANSWER))

    response = client.get(info_requested.get_absolute_url())

    history = list(response.context["history"])
    assert [(h.from_status, h.to_status, h.by) for h in history] == [
        ("", Status.SUBMITTED, applicant),
        (Status.SUBMITTED, Status.INFO_REQUESTED, officer),
        (Status.INFO_REQUESTED, Status.SUBMITTED, applicant),
    ]
    html = response.content.decode()
    positions = [html.index(text) for text in ("Application submitted", QUESTION, ANSWER)]
    assert positions == sorted(positions)
    assert "More information requested" in html


def test_answer_is_required_to_resubmit(client_for, applicant, info_requested):
    before = snapshot(info_requested)

    response = client_for(applicant).post(
        edit_url(info_requested), edit_data(info_requested, district="Erode", answer="   ")
    )

    assert_error_beside(response, "answer", "This field is required.", form="answer_form")
    assert snapshot(info_requested) == before
    assert before["fields"][2] == Status.INFO_REQUESTED


def test_resubmission_with_a_bad_field_saves_nothing(client_for, applicant, info_requested):
    before = snapshot(info_requested)

    response = client_for(applicant).post(
        edit_url(info_requested), edit_data(info_requested, district="Erode", pin_code="12", answer=ANSWER)
    )

    assert_error_beside(response, "pin_code", "A PIN code has six digits")
    assert snapshot(info_requested) == before


def test_very_long_answer_is_a_form_error(client_for, applicant, info_requested):
    before = snapshot(info_requested)

    response = client_for(applicant).post(edit_url(info_requested), edit_data(info_requested, answer="उ" * 10_000))

    assert_error_beside(response, "answer", "at most 4000 characters", form="answer_form")
    assert snapshot(info_requested) == before


# --- Correcting an application still waiting for review ------------------------------------------


def test_submitted_application_can_be_corrected_without_changing_its_status(client_for, applicant, pending):
    changes_before = pending.status_changes.count()

    response = client_for(applicant).post(
        edit_url(pending), edit_data(pending, district="Erode", name="Erode Pump Makers Association"), follow=True
    )

    assert "Application updated." in page_messages(response)
    pending.refresh_from_db()
    assert (pending.name, pending.district, pending.status) == ("Erode Pump Makers Association", "Erode", "submitted")
    assert pending.slug == "cbe-pumps"  # links already sent to SIDBI keep working
    assert pending.status_changes.count() == changes_before
    log = AuditLog.objects.filter(association=pending).first()
    assert (log.action, log.actor) == ("association.application_edited", applicant)


def test_correction_keeps_the_certificate_when_none_is_uploaded(client_for, applicant, pending):
    certificate = pending.registration_certificate.name

    client_for(applicant).post(edit_url(pending), edit_data(pending, district="Erode"))

    pending.refresh_from_db()
    assert pending.district == "Erode"
    assert pending.registration_certificate.name == certificate


def test_office_bearers_can_be_changed_and_added(client_for, applicant, pending):
    secretary = pending.office_bearers.get()
    rows = (
        {
            "id": secretary.pk,
            "name": "K. Senthil Kumar",
            "designation": "Secretary",
            "phone": "9876543210",
            "email": secretary.email,
        },
        {"name": "M. Kavitha", "designation": "Treasurer", "phone": "9443300000", "email": "t@p.example.in"},
    )

    client_for(applicant).post(edit_url(pending), edit_data(pending, bearers=rows))

    assert list(pending.office_bearers.values_list("name", "designation")) == [
        ("K. Senthil Kumar", "Secretary"),
        ("M. Kavitha", "Treasurer"),
    ]


def test_office_bearer_of_another_association_cannot_be_edited_through_the_form(
    client_for, applicant, pending, association_a
):
    theirs = association_a.office_bearers.get()
    row = {"id": theirs.pk, "name": "Hijacked", "designation": "x", "phone": "9876543210", "email": "x@x.in"}
    before = snapshot(pending)

    client_for(applicant).post(edit_url(pending), edit_data(pending, bearers=(row,)))

    # Django's inline formset ignores a row whose id is not one of this association's office-bearers.
    theirs.refresh_from_db()
    assert (theirs.association, theirs.name) == (association_a, "K. Senthil")
    assert snapshot(pending)["bearers"] == before["bearers"]


def test_correction_to_a_pan_already_registered_is_refused(client_for, applicant, pending, association_a):
    before = snapshot(pending)

    response = client_for(applicant).post(edit_url(pending), edit_data(pending, pan=association_a.pan, gstin=""))

    assert_error_beside(response, "pan", "An association with this PAN is already registered.")
    assert snapshot(pending) == before


def test_correction_keeping_its_own_gstin_is_not_a_duplicate(client_for, applicant, pending):
    assert pending.gstin
    client_for(applicant).post(edit_url(pending), edit_data(pending, district="Erode"))

    pending.refresh_from_db()
    assert pending.district == "Erode"


# --- Refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bearer_b", "member_a"])
def test_someone_elses_unapproved_application_is_404(request, client_for, who, pending):
    client = client_for(request.getfixturevalue(who))
    before = snapshot(pending)

    assert client.get(edit_url(pending)).status_code == 404
    response = client.post(edit_url(pending), edit_data(pending, name="Taken over"))

    assert response.status_code == 404
    assert snapshot(pending) == before


def test_anonymous_visitor_is_sent_to_log_in(anonymous, pending):
    before = snapshot(pending)

    response = anonymous.post(edit_url(pending), edit_data(pending, name="Taken over"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert snapshot(pending) == before


def test_office_bearer_of_another_approved_association_gets_404(client_for, bearer_b, association_a):
    before = snapshot(association_a)

    response = client_for(bearer_b).post(edit_url(association_a), edit_data(association_a, name="Taken over"))

    assert response.status_code == 404
    assert snapshot(association_a) == before


def test_approved_application_cannot_be_edited_by_its_own_office_bearer(client_for, bearer_a, association_a):
    before = snapshot(association_a)
    client = client_for(bearer_a)

    assert client.get(edit_url(association_a)).status_code == 403
    response = client.post(edit_url(association_a), edit_data(association_a, name="Renamed after approval"))

    assert response.status_code == 403
    assert snapshot(association_a) == before


def test_rejected_application_cannot_be_edited(client_for, applicant):
    rejected = testing.make_association(office_bearer=applicant, status=Status.REJECTED)
    before = snapshot(rejected)

    response = client_for(applicant).post(edit_url(rejected), edit_data(rejected, name="Try again", answer="x"))

    assert response.status_code == 403
    assert snapshot(rejected) == before


def test_staff_member_who_is_not_an_admin_cannot_edit_the_application(client_for, pending):
    clerk = testing.make_user("clerk@pumpmakers.example.in")
    AssociationStaff.objects.create(association=pending, user=clerk, role=StaffRole.STAFF)
    before = snapshot(pending)

    response = client_for(clerk).post(edit_url(pending), edit_data(pending, name="Clerk's edit"))

    assert response.status_code == 403
    assert snapshot(pending) == before


def test_sidbi_officer_reviews_but_does_not_edit_the_application(client_for, officer, pending):
    before = snapshot(pending)

    response = client_for(officer).post(edit_url(pending), edit_data(pending, name="Officer's edit"))

    assert response.status_code == 403
    assert snapshot(pending) == before


def test_application_approved_while_the_applicant_was_editing_is_not_changed(
    client_for, applicant, officer, pending, monkeypatch
):
    """The page was opened while submitted; SIDBI approves; the late save is refused by the service."""
    from portal.associations import permissions, services

    data = edit_data(pending, name="Late edit")
    services.association_review(association=pending, by=officer, decision="approve")
    before = snapshot(pending)
    # The view's own check would already refuse; let it pass to show the service re-checks under its lock.
    monkeypatch.setattr(permissions, "check_edit_application", lambda user, association: None)

    response = client_for(applicant).post(edit_url(pending), data, follow=True)

    assert "This application can no longer be changed." in page_messages(response)
    assert snapshot(pending) == before
