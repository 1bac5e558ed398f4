from datetime import date
from decimal import Decimal

from django.urls import reverse

from portal import testing
from portal.accounts.models import SidbiRole
from portal.support import services
from portal.support.models import Application, BudgetLine, Head, Sanction, SanctionHead, Status, Tranche, TrancheStatus
from portal.support.tests.conftest import make_draft, pdf_file, submit_uc


def url(name, *args):
    return reverse(f"support:{name}", args=args)


# The association's side


def test_office_bearer_applies_through_the_pages(client_for, bearer_a, association_a):
    client = client_for(bearer_a)
    response = client.post(url("new", association_a.slug), {"title": "CEO", "justification": "Run services"})
    application = Application.objects.get()
    assert response.status_code == 302
    client.post(
        url("line_add", application.pk),
        {
            "head": Head.HUMAN_RESOURCES,
            "item": "CEO salary",
            "amount_requested": "1800000",
            "own_contribution": "0",
            "years": "3",
        },
    )
    response = client.post(url("document_add", application.pk), {"title": "Job description", "file": pdf_file()})
    assert application.documents.count() == 1
    client.post(url("submit", application.pk))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.lines.get().years == 3


def test_a_bad_line_shows_a_message_and_saves_nothing(client_for, bearer_a, draft):
    response = client_for(bearer_a).post(
        url("line_add", draft.pk),
        {"head": Head.INFRASTRUCTURE, "item": "Shed", "amount_requested": "-5", "years": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert draft.lines.count() == 2
    assert "Amount requested" in response.content.decode()


def test_a_fake_pdf_document_is_refused(client_for, bearer_a, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("quote.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client_for(bearer_a).post(url("document_add", draft.pk), {"title": "Quote", "file": fake}, follow=True)
    assert "not a PDF" in response.content.decode()
    assert draft.documents.count() == 0


def test_member_of_a_cannot_start_an_application(client_for, member_a, association_a):
    assert client_for(member_a).get(url("new", association_a.slug)).status_code == 404


def test_office_bearer_of_b_cannot_apply_for_a(client_for, bearer_b, association_a):
    assert client_for(bearer_b).get(url("new", association_a.slug)).status_code == 404


# Who sees an application


def test_association_b_gets_404_for_a_application(client_for, bearer_b, submitted):
    assert client_for(bearer_b).get(url("detail", submitted.pk)).status_code == 404


def test_member_of_a_gets_404_for_their_association_application(client_for, member_a, submitted):
    assert client_for(member_a).get(url("detail", submitted.pk)).status_code == 404


def test_provider_and_anonymous_are_refused(client_for, provider_user, anonymous, submitted):
    assert client_for(provider_user).get(url("detail", submitted.pk)).status_code == 404
    assert anonymous.get(url("detail", submitted.pk)).status_code == 302


def test_sidbi_does_not_see_drafts(client_for, officer, draft):
    assert client_for(officer).get(url("detail", draft.pk)).status_code == 404


def test_cluster_expert_reads_their_association_application_without_actions(client_for, cluster_expert, submitted):
    client = client_for(cluster_expert)
    response = client.get(url("detail", submitted.pk))
    assert response.status_code == 200
    assert url("recommend", submitted.pk) not in response.content.decode()
    assert client.get(url("recommend", submitted.pk)).status_code == 403
    assert client.post(url("send_back", submitted.pk), {"reason": "x"}).status_code == 403


def test_cluster_expert_of_another_association_gets_404(client_for, cluster_expert, association_b, bearer_b):
    other = make_draft(association_b, bearer_b)
    services.application_submit(application=other, by=bearer_b)
    assert client_for(cluster_expert).get(url("detail", other.pk)).status_code == 404


# Maker–checker through the pages


def test_officer_recommends_with_a_changed_amount(client_for, officer, submitted):
    line = submitted.lines.get(head=Head.INITIAL_ACTIVITIES)
    other = submitted.lines.get(head=Head.HUMAN_RESOURCES)
    client = client_for(officer)
    data = {
        f"amount_{line.pk}": "150000",
        f"reason_{line.pk}": "",
        f"amount_{other.pk}": str(other.amount_requested),
        "note": "Recommended",
    }
    response = client.post(url("recommend", submitted.pk), data)
    assert response.status_code == 200
    assert "Say why the amount is changed" in response.content.decode()
    data[f"reason_{line.pk}"] = "Smaller survey"
    assert client.post(url("recommend", submitted.pk), data).status_code == 302
    line.refresh_from_db()
    assert line.amount_recommended == Decimal("150000.00")


def test_authority_cannot_recommend_or_send_back(client_for, authority, submitted):
    client = client_for(authority)
    assert client.get(url("recommend", submitted.pk)).status_code == 403
    assert client.post(url("send_back", submitted.pk), {"reason": "x"}).status_code == 403


def test_office_bearer_cannot_recommend(client_for, bearer_a, submitted):
    assert client_for(bearer_a).get(url("recommend", submitted.pk)).status_code == 403


def test_officer_cannot_approve(client_for, officer, recommended):
    assert client_for(officer).post(url("approve", recommended.pk)).status_code == 403
    assert not Sanction.objects.exists()


def test_office_bearer_cannot_approve(client_for, bearer_a, recommended):
    assert client_for(bearer_a).post(url("approve", recommended.pk)).status_code == 403


def test_the_recommender_cannot_approve_their_own_recommendation(client_for, officer, recommended):
    officer.sidbi_role = SidbiRole.AUTHORITY
    officer.save(update_fields=["sidbi_role"])
    assert client_for(officer).post(url("approve", recommended.pk)).status_code == 403
    assert not Sanction.objects.exists()


def test_authority_approves_and_the_letter_link_appears(client_for, authority, recommended):
    client = client_for(authority)
    response = client.post(url("approve", recommended.pk), {"conditions": "Hire within 6 months"}, follow=True)
    assert url("letter", recommended.pk) in response.content.decode()
    assert Sanction.objects.get().conditions == "Hire within 6 months"


def test_sanction_letter_says_what_was_sanctioned(client_for, bearer_a, officer, tranches, association_a, authority):
    for user in (bearer_a, officer):
        response = client_for(user).get(url("letter", tranches[0].sanction.application_id))
        assert response["Content-Type"] == "application/pdf"
    text = " ".join(testing.pdf_text(response.content).split())
    sanction = tranches[0].sanction
    for expected in (
        association_a.name,
        association_a.gstin,
        association_a.pan,
        "12, Industrial Estate",
        sanction.reference,
        "₹18,00,000.00",
        "₹2,00,000.00",
        "₹20,00,000.00",
        "₹6,00,000.00",
        "CEO appointed",
        "Appoint the CEO within six months.",
        "Trained human resources",
        authority.full_name or authority.email,
    ):
        assert expected in text, expected


def test_association_b_cannot_download_a_letter(client_for, bearer_b, sanction):
    assert client_for(bearer_b).get(url("letter", sanction.application_id)).status_code == 404


# Decided rows cannot be changed


def test_an_approved_application_cannot_be_modified_through_the_views(client_for, bearer_a, officer, sanction):
    application = sanction.application
    line = application.lines.first()
    bearer, sidbi = client_for(bearer_a), client_for(officer)
    assert bearer.get(url("edit", application.pk)).status_code == 403
    assert bearer.post(url("edit", application.pk), {"title": "x", "justification": "y"}).status_code == 403
    assert (
        bearer.post(
            url("line_add", application.pk),
            {"head": Head.INFRASTRUCTURE, "item": "More", "amount_requested": "99", "years": "1"},
        ).status_code
        == 403
    )
    assert bearer.post(url("line_remove", application.pk, line.pk)).status_code == 403
    assert bearer.post(url("submit", application.pk)).status_code == 403
    assert sidbi.get(url("recommend", application.pk)).status_code == 403
    assert sidbi.post(url("reject", application.pk), {"reason": "x"}).status_code == 403
    sanction.refresh_from_db()
    assert sanction.sanctioned_total == Decimal("2000000.00")
    assert BudgetLine.objects.filter(application=application).count() == 2
    assert SanctionHead.objects.filter(sanction=sanction).count() == 2
    application.refresh_from_db()
    assert application.status == Status.APPROVED


# Tranches and certificates


def test_officer_plans_and_authority_releases(client_for, officer, authority, sanction):
    client_for(officer).post(
        url("tranche_add", sanction.application_id),
        {"head": Head.HUMAN_RESOURCES, "amount": "600000", "milestone": "CEO appointed"},
    )
    tranche = Tranche.objects.get()
    assert client_for(officer).post(url("release", tranche.pk)).status_code == 403
    assert client_for(authority).post(url("release", tranche.pk)).status_code == 302
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.RELEASED


def test_authority_cannot_plan_tranches(client_for, authority, sanction):
    response = client_for(authority).post(
        url("tranche_add", sanction.application_id), {"head": Head.HUMAN_RESOURCES, "amount": "1", "milestone": "m"}
    )
    assert response.status_code == 403


def test_release_out_of_order_shows_a_message(client_for, authority, tranches):
    response = client_for(authority).post(url("release", tranches[1].pk), follow=True)
    assert "Release the earlier tranches first" in response.content.decode()


def test_association_submits_a_certificate_and_officer_accepts(client_for, bearer_a, officer, authority, tranches):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    response = client_for(bearer_a).post(
        url("uc_new", first.pk),
        {
            "amount_utilised": "600000",
            "period_from": "2026-04-01",
            "period_to": "2026-09-30",
            "statement": "CEO salary",
            "evidence": [pdf_file("salary.pdf"), pdf_file("bank.pdf")],
            "declaration": "on",
        },
    )
    assert response.status_code == 302
    certificate = first.certificates.get()
    assert certificate.evidence.count() == 2
    evidence = certificate.evidence.first()
    before = certificate.status
    assert client_for(officer).get(url("evidence", certificate.pk, evidence.pk)).status_code == 200
    assert client_for(bearer_a).post(url("uc_decide", certificate.pk, "accept")).status_code == 403
    # An unknown decision is 404, never taken for "send back".
    assert client_for(officer).post(url("uc_decide", certificate.pk, "approve")).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == before
    client_for(officer).post(url("uc_decide", certificate.pk, "accept"))
    first.refresh_from_db()
    assert first.is_accounted


def test_certificate_without_declaration_is_refused_with_a_message(client_for, bearer_a, authority, tranches):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    response = client_for(bearer_a).post(
        url("uc_new", first.pk),
        {
            "amount_utilised": "1",
            "period_from": "2026-04-01",
            "period_to": "2026-09-30",
            "statement": "s",
            "evidence": [pdf_file()],
        },
    )
    assert response.status_code == 200
    assert not first.certificates.exists()


def test_member_and_association_b_cannot_submit_a_certificate(client_for, member_a, bearer_b, authority, tranches):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    assert client_for(member_a).get(url("uc_new", first.pk)).status_code == 404
    assert client_for(bearer_b).get(url("uc_new", first.pk)).status_code == 404


def test_association_b_cannot_see_a_evidence(client_for, bearer_a, bearer_b, authority, tranches):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    certificate = submit_uc(first, bearer_a)
    evidence = certificate.evidence.get()
    assert client_for(bearer_b).get(url("evidence", certificate.pk, evidence.pk)).status_code == 404


# Lists


def test_overview_shows_totals_and_counts_for_sidbi(client_for, officer, tranches, authority):
    services.tranche_release(tranche=tranches[0], by=authority)
    response = client_for(officer).get(url("index"))
    body = response.content.decode()
    assert "₹20,00,000.00" in body and "₹6,00,000.00" in body
    assert response.context["totals"]["released"] == Decimal("600000.00")


def test_index_filters_by_status(client_for, officer, submitted, association_b, bearer_b):
    other = make_draft(association_b, bearer_b)
    services.application_submit(application=other, by=bearer_b)
    services.application_reject(application=other, reason="no", by=officer)
    response = client_for(officer).get(url("index"), {"status": "rejected"})
    assert [a.pk for a in response.context["page"]] == [other.pk]


def test_office_sees_only_its_own_applications(client_for, bearer_b, submitted):
    response = client_for(bearer_b).get(url("index"))
    assert list(response.context["page"]) == []
    assert "totals" not in response.context


def _add_submitted(n):
    for _ in range(n):
        bearer = testing.make_user()
        association = testing.make_association(office_bearer=bearer)
        application = make_draft(association, bearer)
        services.application_submit(application=application, by=bearer)


def test_index_runs_the_same_number_of_queries_for_3_and_20_rows(client_for, officer, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(officer)
    counts = []
    for more in (3, 17):
        _add_submitted(more)
        client.get(url("index"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("index"))
        counts.append(len(queries))
    assert len(response.context["page"]) == 20
    assert counts[0] == counts[1], counts


def test_period_dates_are_checked(client_for, bearer_a, authority, tranches):
    first = services.tranche_release(tranche=tranches[0], by=authority)
    response = client_for(bearer_a).post(
        url("uc_new", first.pk),
        {
            "amount_utilised": "1",
            "period_from": str(date(2026, 9, 1)),
            "period_to": str(date(2026, 4, 1)),
            "statement": "s",
            "evidence": [pdf_file()],
            "declaration": "on",
        },
    )
    assert "must end after it starts" in response.content.decode()


def test_release_button_waits_for_the_previous_certificate(client_for, authority, tranches):
    services.tranche_release(tranche=tranches[0], by=authority)
    body = client_for(authority).get(url("detail", tranches[0].sanction.application_id)).content.decode()
    assert url("release", tranches[1].pk) not in body
