"""The desk's services: references, routing, offers, concurrency, bad input, reopening and notifications."""

import html
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal import testing
from portal.associations.models import AssociationStaff, StaffRole
from portal.core.errors import ActionRefused
from portal.core.samples import demo_pdf_bytes
from portal.desk import services
from portal.desk.forms import OfferForm, RequirementForm
from portal.desk.models import (
    Attachment,
    Holder,
    Message,
    Offer,
    OfferStatus,
    Requirement,
    RoutingRule,
    Status,
    Transition,
)
from portal.desk.tests.flows import drive, fresh, quote
from portal.notifications.models import Notification

IST = ZoneInfo("Asia/Kolkata")


def page(response) -> str:
    return html.unescape(response.content.decode())


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def new_post_data(member, **overrides) -> dict:
    data = {
        "enterprise": member.enterprise.pk,
        "association": member.enterprise.memberships.get().association_id,
        "kind": "term_loan",
        "title": "Loan for a circular knitting machine",
        "description": "A 30-inch machine to double our capacity.",
        "urgency": "normal",
        "visibility": "association",
        "amount": "2500000",
        "purpose": "Machinery",
        "tenure_months": "60",
        "latest_turnover": "30000000",
        "post": "1",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- reference numbers


def test_references_are_sequential_within_the_year(member_a):
    year = timezone.localdate().year
    references = [testing.make_requirement(by=member_a).reference for _ in range(3)]
    assert references == [f"DIA-REQ-{year}-{n:06d}" for n in (1, 2, 3)]


def test_a_draft_has_no_reference_until_it_is_posted(member_a):
    draft = testing.make_requirement(by=member_a, post=False)
    assert draft.reference is None
    posted = services.requirement_post(requirement=draft, by=member_a)
    assert posted.reference.startswith("DIA-REQ-")


def test_references_start_again_each_year(member_a):
    with time_machine.travel(datetime(2026, 12, 31, 12, 0, tzinfo=IST), tick=False):
        first = testing.make_requirement(by=member_a).reference
        second = testing.make_requirement(by=member_a).reference
    with time_machine.travel(datetime(2027, 1, 1, 10, 0, tzinfo=IST), tick=False):
        third = testing.make_requirement(by=member_a).reference
    assert (first, second, third) == ("DIA-REQ-2026-000001", "DIA-REQ-2026-000002", "DIA-REQ-2027-000001")


def test_the_year_of_a_reference_is_the_year_in_india(member_a):
    # 19:00 UTC on 31 December is already half past midnight on 1 January in India.
    with time_machine.travel(datetime(2026, 12, 31, 19, 0, tzinfo=UTC), tick=False):
        assert testing.make_requirement(by=member_a).reference == "DIA-REQ-2027-000001"


def test_references_are_unique_across_members_and_associations(member_a, member_b, member_a2):
    references = [testing.make_requirement(by=user).reference for user in (member_a, member_b, member_a2) * 3]
    assert len(set(references)) == 9


# ---------------------------------------------------------------- routing rules


def test_a_routing_rule_for_the_kind_pre_assigns_a_new_requirement(member_a, bearer_a, lab, lab_user):
    RoutingRule.objects.create(kind="testing", provider=lab)
    requirement = testing.make_requirement(by=member_a)
    assert (requirement.status, requirement.holder, requirement.assigned_provider) == (
        Status.ASSIGNED,
        Holder.PROVIDER,
        lab,
    )
    steps = list(requirement.transitions.values_list("from_status", "to_status", "by"))
    assert steps == [(Status.DRAFT, Status.POSTED, member_a.pk), (Status.POSTED, Status.ASSIGNED, None)]
    assert requirement.transitions.last().reason.startswith("Assigned by routing rule: Testing and certification")
    assert kinds_for(lab_user) == ["desk.assigned"]
    assert kinds_for(bearer_a) == ["desk.new"]


def test_a_routing_rule_for_another_kind_does_not_apply(member_a, lab):
    RoutingRule.objects.create(kind="energy", provider=lab)
    requirement = testing.make_requirement(by=member_a)
    assert (requirement.status, requirement.assigned_provider) == (Status.POSTED, None)


@pytest.mark.parametrize(
    "criteria,applies",
    [
        ({"sector": "textiles"}, True),
        ({"sector": "engineering"}, False),
        ({"state": "TN"}, True),
        ({"state": "PB"}, False),
        ({"sector": "textiles", "state": "PB"}, False),
        ({}, True),
    ],
    ids=["same-sector", "other-sector", "same-state", "other-state", "sector-but-not-state", "blank-matches-all"],
)
def test_a_routing_rule_matches_by_sector_and_state(member_a, lab, criteria, applies):
    from portal.core.models import Sector, State

    rule = RoutingRule(provider=lab)
    if "sector" in criteria:
        rule.sector = Sector.objects.get(slug=criteria["sector"])
    if "state" in criteria:
        rule.state = State.objects.get(code=criteria["state"])
    rule.save()
    requirement = testing.make_requirement(by=member_a)
    assert (requirement.assigned_provider == lab) is applies


def test_the_rule_with_the_lowest_priority_number_wins(member_a, lab, rival):
    RoutingRule.objects.create(kind="testing", provider=rival, priority=50)
    RoutingRule.objects.create(kind="testing", provider=lab, priority=10)
    assert testing.make_requirement(by=member_a).assigned_provider == lab


def test_an_inactive_rule_is_ignored_and_the_next_one_applies(member_a, lab, rival):
    RoutingRule.objects.create(kind="testing", provider=lab, priority=1, active=False)
    RoutingRule.objects.create(kind="testing", provider=rival, priority=2)
    assert testing.make_requirement(by=member_a).assigned_provider == rival


def test_a_rule_pointing_to_an_unapproved_provider_is_ignored(member_a, lab):
    pending = testing.make_provider(status="pending", help_kinds=["testing"])
    RoutingRule.objects.create(kind="testing", provider=pending, priority=1)
    assert testing.make_requirement(by=member_a).assigned_provider is None
    RoutingRule.objects.create(kind="testing", provider=lab, priority=2)
    assert testing.make_requirement(by=member_a).assigned_provider == lab


def test_a_platform_admin_adds_a_routing_rule_in_the_admin(client_for, platform_admin, member_a, lab):
    response = client_for(platform_admin).post(
        "/admin/desk/routingrule/add/",
        {"kind": "testing", "sector": "", "state": "", "provider": lab.pk, "priority": "10", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert testing.make_requirement(by=member_a).assigned_provider == lab


# ---------------------------------------------------------------- offers


def test_accepting_one_offer_declines_the_others(member_a, lab_user, lab, rival_user, rival, cast):
    requirement = drive(cast, Status.POSTED)
    chosen = quote(requirement, lab_user, price="45000")
    other = quote(requirement, rival_user, price="39000")

    services.offer_accept(offer=chosen, by=member_a)

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, other.status) == (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
    assert chosen.decided_at is not None and other.decided_at is not None
    requirement = fresh(requirement)
    assert requirement.accepted_offer == chosen
    assert (requirement.assigned_provider, requirement.holder) == (lab, Holder.PROVIDER)
    assert "desk.offer_accepted" in kinds_for(lab_user)
    assert "desk.offer_declined" in kinds_for(rival_user)


def test_a_second_accept_is_refused_and_changes_nothing(member_a, lab_user, lab, rival_user, rival, cast):
    requirement = drive(cast, Status.POSTED)
    chosen = quote(requirement, lab_user)
    other = quote(requirement, rival_user)
    stale_other = Offer.objects.get(pk=other.pk)  # loaded while still open, as a second browser tab would
    services.offer_accept(offer=chosen, by=member_a)

    for offer in (stale_other, chosen):
        with pytest.raises(ActionRefused, match="already been accepted"):
            services.offer_accept(offer=offer, by=member_a)
    assert fresh(requirement).accepted_offer == chosen
    assert Offer.objects.get(pk=other.pk).status == OfferStatus.DECLINED


def test_a_second_accept_through_the_page_shows_the_refusal(client_for, member_a, lab_user, lab, rival_user, cast):
    testing.make_provider(user=rival_user, help_kinds=["testing"])
    requirement = drive(cast, Status.POSTED)
    first, second = quote(requirement, lab_user), quote(requirement, rival_user)
    client = client_for(member_a)
    client.post(f"/desk/{requirement.pk}/offers/{first.pk}/accept/")
    response = client.post(f"/desk/{requirement.pk}/offers/{second.pk}/accept/", follow=True)
    assert "An offer on this requirement has already been accepted." in page(response)
    assert fresh(requirement).accepted_offer_id == first.pk


def test_declining_an_offer_leaves_the_others_open(member_a, lab_user, rival_user, rival, cast):
    requirement = drive(cast, Status.POSTED)
    declined, kept = quote(requirement, lab_user), quote(requirement, rival_user)
    services.offer_decline(offer=declined, by=member_a, reason="Too slow")
    assert Offer.objects.get(pk=declined.pk).status == OfferStatus.DECLINED
    assert Offer.objects.get(pk=kept.pk).status == OfferStatus.OPEN
    assert fresh(requirement).status == Status.OFFER_MADE
    with pytest.raises(ActionRefused, match="no longer open"):
        services.offer_accept(offer=declined, by=member_a)


def test_no_offer_can_be_made_once_one_is_accepted(member_a, lab_user, rival_user, rival, cast):
    requirement = drive(cast, Status.POSTED)
    services.offer_accept(offer=quote(requirement, lab_user), by=member_a)
    with pytest.raises(ActionRefused):
        quote(requirement, rival_user)


def test_an_offer_on_a_withdrawn_requirement_cannot_be_accepted(member_a, lab_user, cast):
    requirement = drive(cast, Status.POSTED)
    offer = quote(requirement, lab_user)
    services.requirement_withdraw(requirement=requirement, by=member_a)
    with pytest.raises(ActionRefused, match="no longer open"):
        services.offer_accept(offer=offer, by=member_a)


@pytest.mark.parametrize(
    "data,field",
    [
        ({"kind": "loan", "amount": "0", "interest_rate": "9", "tenure_months": "60"}, "amount"),
        ({"kind": "loan", "amount": "-100", "interest_rate": "9", "tenure_months": "60"}, "amount"),
        ({"kind": "loan", "amount": "10000000000000", "interest_rate": "9", "tenure_months": "60"}, "amount"),
        ({"kind": "loan", "amount": "500000", "interest_rate": "37", "tenure_months": "60"}, "interest_rate"),
        ({"kind": "loan", "amount": "500000", "interest_rate": "9", "tenure_months": "0"}, "tenure_months"),
        ({"kind": "loan", "amount": "500000", "tenure_months": "60"}, "interest_rate"),
        ({"kind": "service", "scope": "Audit"}, "price"),
        ({"kind": "service", "price": "-1", "scope": "Audit"}, "price"),
        ({"kind": "service", "price": "1000"}, "scope"),
    ],
)
def test_offer_terms_must_be_complete_and_sane(member_a, data, field):
    requirement = testing.make_requirement(by=member_a, kind="term_loan")
    form = OfferForm(data, requirement=requirement)
    assert not form.is_valid()
    assert field in form.errors


def test_a_technical_requirement_accepts_only_service_quotes_in_the_form(member_a):
    requirement = testing.make_requirement(by=member_a)
    form = OfferForm(
        {"kind": "loan", "amount": "1000", "interest_rate": "9", "tenure_months": "12"}, requirement=requirement
    )
    assert not form.is_valid()
    assert "kind" in form.errors


# ---------------------------------------------------------------- two officers at once


def test_two_people_assigning_at_once_leave_one_consistent_result(
    association_a, bearer_a, lab, rival, rival_user, cast
):
    colleague = testing.make_user("staff-a@example.in", full_name="Staff A")
    AssociationStaff.objects.create(association=association_a, user=colleague, role=StaffRole.STAFF)
    requirement = drive(cast, Status.IN_TRIAGE)
    seen_by_first = Requirement.objects.get(pk=requirement.pk)
    seen_by_second = Requirement.objects.get(pk=requirement.pk)

    services.requirement_assign(requirement=seen_by_first, provider=lab, by=bearer_a)
    with pytest.raises(ActionRefused) as refused:
        services.requirement_assign(requirement=seen_by_second, provider=rival, by=colleague)

    assert "It has just been assigned to Tiruppur Test Lab" in refused.value.message
    requirement = fresh(requirement)
    assert requirement.assigned_provider == lab
    assert requirement.transitions.filter(to_status=Status.ASSIGNED).count() == 1
    assert not Notification.objects.filter(user=rival_user).exists()


def test_the_second_assign_through_the_page_shows_who_has_it(client_for, association_a, bearer_a, lab, rival, cast):
    colleague = testing.make_user("staff-a@example.in")
    AssociationStaff.objects.create(association=association_a, user=colleague, role=StaffRole.STAFF)
    requirement = drive(cast, Status.POSTED)
    client_for(bearer_a).post(f"/desk/{requirement.pk}/assign/", {"provider": lab.pk})
    response = client_for(colleague).post(f"/desk/{requirement.pk}/assign/", {"provider": rival.pk}, follow=True)
    assert "It has just been assigned to Tiruppur Test Lab." in page(response)
    assert fresh(requirement).assigned_provider == lab


def test_assigning_to_an_unapproved_provider_is_refused(bearer_a, cast):
    pending = testing.make_provider(status="pending", help_kinds=["testing"])
    requirement = drive(cast, Status.POSTED)
    with pytest.raises(ActionRefused, match="approved by SIDBI"):
        services.requirement_assign(requirement=requirement, provider=pending, by=bearer_a)
    assert fresh(requirement).status == Status.POSTED


# ---------------------------------------------------------------- amounts and dates


def financial_form(member, **overrides) -> RequirementForm:
    return RequirementForm(new_post_data(member, **overrides), user=member)


@pytest.mark.parametrize(
    "overrides,field,text",
    [
        ({"amount": "0"}, "amount", None),
        ({"amount": "-250000"}, "amount", None),
        ({"amount": "10000000000000"}, "amount", None),
        ({"amount": "400000000"}, "amount", "more than ten times your turnover"),
        ({"amount": ""}, "amount", "Say how much you need."),
        ({"purpose": ""}, "purpose", "Say what the money is for."),
        ({"tenure_months": "0"}, "tenure_months", None),
        ({"tenure_months": "361"}, "tenure_months", None),
        ({"existing_borrowing": "-1"}, "existing_borrowing", None),
        ({"amount": "lots"}, "amount", None),
    ],
    ids=[
        "zero",
        "negative",
        "ten-to-the-13",
        "ten-times-turnover",
        "missing",
        "no-purpose",
        "tenure-0",
        "tenure-361",
        "negative-borrowing",
        "not-a-number",
    ],
)
def test_financial_amounts_must_be_positive_and_sane(member_a, overrides, field, text):
    form = financial_form(member_a, **overrides)
    assert not form.is_valid()
    assert len(form.errors[field]) == 1, "one clear message beside the field, not two"
    if text:
        assert any(text in error for error in form.errors[field])


def test_an_amount_within_ten_times_turnover_is_accepted(member_a):
    assert financial_form(member_a, amount="300000000", latest_turnover="30000000").is_valid()


def test_needed_by_in_the_past_is_refused(member_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    data = new_post_data(member_a, kind="testing", needed_by=yesterday.isoformat())
    form = RequirementForm(data, user=member_a)
    assert not form.is_valid()
    assert form.errors["needed_by"] == ["Choose a date from today on."]
    data["needed_by"] = timezone.localdate().isoformat()
    assert RequirementForm(data, user=member_a).is_valid()


def test_a_technical_need_must_say_by_when(member_a):
    form = RequirementForm(new_post_data(member_a, kind="testing"), user=member_a)
    assert form.errors["needed_by"] == ["Say by when you need it."]


def test_a_member_cannot_post_for_someone_elses_enterprise_or_association(member_a, member_b):
    form = RequirementForm(new_post_data(member_a, enterprise=member_b.enterprise.pk), user=member_a)
    assert "enterprise" in form.errors
    other = member_b.enterprise.memberships.get().association_id
    form = RequirementForm(new_post_data(member_a, association=other), user=member_a)
    assert "association" in form.errors


def test_a_bad_amount_on_the_page_is_shown_beside_the_field_and_nothing_is_saved(client_for, member_a):
    response = client_for(member_a).post("/desk/new/", new_post_data(member_a, amount="400000000"))
    assert response.status_code == 200
    assert "more than ten times your turnover" in page(response)
    assert not Requirement.objects.exists()
    assert not Transition.objects.exists()


def test_a_technical_requirement_drops_financial_fields(member_a):
    requirement = testing.make_requirement(by=member_a, kind="testing", amount="500000", purpose="Leftover")
    assert (requirement.amount, requirement.purpose) == (None, "")


# ---------------------------------------------------------------- attachments


def pdf(name="balance-sheet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf_bytes("Balance sheet"), content_type="application/pdf")


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT / "desk"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("balance-sheet.pdf", b"Just some text, not a PDF at all.\n", content_type="application/pdf"),
        SimpleUploadedFile("photo.png", demo_pdf_bytes("A PDF in disguise"), content_type="image/png"),
        SimpleUploadedFile("statement.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 20, content_type="application/pdf"),
        SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
    ],
    ids=["text-called-pdf", "pdf-called-png", "exe-called-pdf", "empty"],
)
def test_a_bad_attachment_refuses_the_whole_requirement_and_saves_nothing(client_for, member_a, settings, upload):
    response = client_for(member_a).post("/desk/new/", {**new_post_data(member_a), "attachments": upload})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Requirement.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_a_real_pdf_is_kept_with_its_name(client_for, member_a, settings):
    response = client_for(member_a).post("/desk/new/", {**new_post_data(member_a), "attachments": pdf()})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "balance-sheet.pdf"
    assert attachment.requirement.status == Status.POSTED
    assert len(stored_files(settings)) == 1


def test_more_than_five_attachments_are_refused(client_for, member_a):
    files = [pdf(f"page{n}.pdf") for n in range(6)]
    response = client_for(member_a).post("/desk/new/", {**new_post_data(member_a), "attachments": files})
    assert response.status_code == 200
    assert "Attach at most 5 files." in page(response)
    assert not Requirement.objects.exists()


def test_one_bad_file_among_good_ones_saves_none_of_them(client_for, member_a, settings):
    files = [pdf("good.pdf"), SimpleUploadedFile("bad.pdf", b"plain text", content_type="application/pdf")]
    client_for(member_a).post("/desk/new/", {**new_post_data(member_a), "attachments": files})
    assert not Requirement.objects.exists()
    assert stored_files(settings) == []


def test_a_bad_attachment_on_a_message_saves_neither_message_nor_file(client_for, member_a, cast, settings):
    requirement = drive(cast, Status.POSTED)
    bad = SimpleUploadedFile("invoice.pdf", b"text pretending", content_type="application/pdf")
    response = client_for(member_a).post(
        f"/desk/{requirement.pk}/messages/", {"body": "See attached", "attachments": bad}
    )
    assert response.status_code == 400
    assert "is not what its name says" in page(response)
    assert not Message.objects.exists()
    assert stored_files(settings) == []


def test_a_bad_attachment_on_a_draft_edit_keeps_the_draft_as_it_was(client_for, member_a):
    draft = testing.make_requirement(by=member_a, post=False, kind="term_loan", title="Original title")
    data = new_post_data(member_a, title="Changed title")
    del data["post"]
    data["attachments"] = SimpleUploadedFile("x.pdf", b"text", content_type="application/pdf")
    response = client_for(member_a).post(f"/desk/{draft.pk}/edit/", data)
    assert response.status_code == 200
    assert fresh(draft).title == "Original title"
    assert not Attachment.objects.exists()


def test_a_csv_and_a_png_with_matching_names_are_accepted(member_a, cast):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    files = [
        SimpleUploadedFile("orders.csv", b"buyer,qty\nAcme,100\n", content_type="text/csv"),
        SimpleUploadedFile("Machine.PNG", buffer.getvalue(), content_type="image/png"),
    ]
    requirement = drive(cast, Status.POSTED)
    services.message_post(requirement=requirement, by=member_a, body="Order book and photo", files=files)
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == ["Machine.PNG", "orders.csv"]


# ---------------------------------------------------------------- reopening


def test_a_resolved_requirement_can_be_reopened_within_the_period(member_a, bearer_a, settings, cast):
    settings.DESK_REOPEN_DAYS = 7
    start = datetime(2026, 3, 2, 10, 0, tzinfo=IST)
    with time_machine.travel(start, tick=False):
        requirement = drive(cast, Status.POSTED)
        services.requirement_resolve(requirement=requirement, by=member_a, rating=4)
    with time_machine.travel(start + timedelta(days=6, hours=23), tick=False):
        services.requirement_reopen(requirement=requirement, by=member_a, reason="The buyer rejected the report")
    requirement = fresh(requirement)
    assert requirement.status == Status.REOPENED
    assert (requirement.rating, requirement.resolved_at) == (None, None)
    assert "desk.reopened" in kinds_for(bearer_a)


def test_reopening_after_the_period_is_refused_and_changes_nothing(member_a, settings, cast):
    settings.DESK_REOPEN_DAYS = 7
    start = datetime(2026, 3, 2, 10, 0, tzinfo=IST)
    with time_machine.travel(start, tick=False):
        requirement = drive(cast, Status.POSTED)
        services.requirement_resolve(requirement=requirement, by=member_a, rating=4)
    too_late = time_machine.travel(start + timedelta(days=7, minutes=1), tick=False)
    with too_late, pytest.raises(ActionRefused, match="only within 7 days"):
        services.requirement_reopen(requirement=requirement, by=member_a, reason="Too late")
    requirement = fresh(requirement)
    assert (requirement.status, requirement.rating) == (Status.RESOLVED, 4)


def test_reopening_needs_a_reason(member_a, cast):
    requirement = drive(cast, Status.RESOLVED)
    with pytest.raises(ActionRefused, match="still not solved"):
        services.requirement_reopen(requirement=requirement, by=member_a, reason="  ")


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused(member_a, cast, rating):
    requirement = drive(cast, Status.POSTED)
    with pytest.raises(ActionRefused, match="Rate from 1 to 5"):
        services.requirement_resolve(requirement=requirement, by=member_a, rating=rating)
    assert fresh(requirement).status == Status.POSTED


# ---------------------------------------------------------------- notifications and emails


def emails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_a_new_requirement_tells_the_association_office_by_notification_and_email(
    member_a, bearer_a, member_a2, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requirement = testing.make_requirement(by=member_a, title="Loom finance")
    assert kinds_for(bearer_a) == ["desk.new"]
    assert kinds_for(member_a) == []
    assert kinds_for(member_a2) == []
    [email] = emails_to(bearer_a.email)
    assert "New requirement from A Knit Works: Loom finance" in email.subject
    assert f"/desk/{requirement.pk}/" in email.body
    assert not emails_to(member_a.email)


def test_assigning_tells_the_providers_people_and_the_member(
    member_a, bearer_a, lab, lab_user, cast, django_capture_on_commit_callbacks
):
    requirement = drive(cast, Status.POSTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.requirement_assign(requirement=requirement, provider=lab, by=bearer_a, note="Urgent export order")
    assert kinds_for(lab_user) == ["desk.assigned"]
    assert kinds_for(member_a) == ["desk.assigned"]
    assert Notification.objects.get(user=lab_user).body == "Urgent export order"
    assert emails_to(lab_user.email) and emails_to(member_a.email)
    assert not emails_to(bearer_a.email)


def test_an_offer_tells_the_member(member_a, lab_user, cast, django_capture_on_commit_callbacks):
    requirement = drive(cast, Status.POSTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quote(requirement, lab_user)
    assert Notification.objects.get(user=member_a).title == (
        f"Tiruppur Test Lab made an offer on {requirement.reference}"
    )
    assert [m.to for m in mail.outbox] == [[member_a.email]]


def test_forwarding_tells_sidbi_officers(officer, authority, bearer_a, cast):
    requirement = drive(cast, Status.POSTED)
    services.requirement_forward_to_sidbi(requirement=requirement, by=bearer_a, reason="CGTMSE question")
    assert kinds_for(officer) == ["desk.forwarded"]
    assert kinds_for(authority) == []


def test_a_message_tells_the_other_side_but_not_its_author(member_a, bearer_a, lab_user, lab, cast):
    requirement = drive(cast, Status.ASSIGNED)
    Notification.objects.all().delete()
    services.message_post(requirement=requirement, by=member_a, body="Any update?")
    assert kinds_for(member_a) == []
    assert kinds_for(bearer_a) == ["desk.message"]
    assert kinds_for(lab_user) == ["desk.message"]


def test_an_internal_note_is_never_announced_to_the_member(member_a, bearer_a, lab_user, cast):
    requirement = drive(cast, Status.ASSIGNED)
    Notification.objects.all().delete()
    services.message_post(requirement=requirement, by=bearer_a, body="Their CIBIL is weak", internal=True)
    assert kinds_for(member_a) == []
    assert kinds_for(lab_user) == ["desk.message"]


def test_resolution_tells_the_office_and_the_provider(
    member_a, bearer_a, lab_user, cast, django_capture_on_commit_callbacks
):
    requirement = drive(cast, Status.ASSIGNED)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.requirement_resolve(requirement=requirement, by=member_a, rating=5, comment="Excellent")
    for user in (bearer_a, lab_user):
        assert kinds_for(user) == ["desk.resolved"]
        assert emails_to(user.email)
    assert kinds_for(member_a) == []
    assert Notification.objects.get(user=bearer_a).title == f"Resolved: {requirement.reference}, rated 5/5"


def test_withdrawing_a_draft_tells_no_one_but_withdrawing_a_posted_one_tells_the_holder(member_a, bearer_a, cast):
    draft = drive(cast, Status.DRAFT)
    services.requirement_withdraw(requirement=draft, by=member_a)
    assert not Notification.objects.exists()
    posted = drive(cast, Status.POSTED)
    Notification.objects.all().delete()
    services.requirement_withdraw(requirement=posted, by=member_a)
    assert kinds_for(bearer_a) == ["desk.withdrawn"]


def test_an_inactive_office_user_is_not_notified(member_a, bearer_a):
    bearer_a.is_active = False
    bearer_a.save(update_fields=["is_active"])
    testing.make_requirement(by=member_a)
    assert not Notification.objects.filter(user=bearer_a).exists()


def test_nothing_is_emailed_when_a_service_refuses(member_a, cast, django_capture_on_commit_callbacks):
    requirement = drive(cast, Status.CLOSED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionRefused):
        services.requirement_reopen(requirement=requirement, by=member_a, reason="Again")
    assert mail.outbox == []


def test_the_first_answer_from_the_desk_stops_the_first_response_clock_but_the_members_own_does_not(
    member_a, bearer_a, cast
):
    requirement = drive(cast, Status.POSTED)
    services.message_post(requirement=requirement, by=member_a, body="Adding details")
    assert fresh(requirement).first_response_at is None
    services.message_post(requirement=requirement, by=bearer_a, body="Looking into it")
    first = fresh(requirement).first_response_at
    assert first is not None
    services.requirement_take_up(requirement=requirement, by=bearer_a)
    assert fresh(requirement).first_response_at == first


def test_an_offer_amount_is_kept_as_an_exact_decimal(member_a, bank, provider_user):
    requirement = testing.make_requirement(by=member_a, kind="term_loan", visibility="providers")
    offer = services.offer_make(
        requirement=requirement,
        by=provider_user,
        kind="loan",
        amount=Decimal("2500000.50"),
        interest_rate=Decimal("9.25"),
        tenure_months=60,
    )
    offer.refresh_from_db()
    assert offer.amount == Decimal("2500000.50")
    assert offer.interest_rate == Decimal("9.25")
