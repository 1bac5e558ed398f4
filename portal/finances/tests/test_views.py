import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from portal import testing
from portal.finances import services
from portal.finances.models import Invoice, InvoiceStatus, LedgerEntry, Payment, SustainabilityTarget, financial_year_of

from .conftest import add_member, make_schedule, record


def book_url(association):
    return reverse("finances:book", args=[association.slug])


def sustainability_url(association):
    return reverse("finances:sustainability", args=[association.slug])


# Index ---------------------------------------------------------------------------------------------------------


def test_index_sends_the_office_bearer_to_their_book(client_for, bearer_a, association_a):
    response = client_for(bearer_a).get(reverse("finances:index"))
    assert response.status_code == 302 and response.url == book_url(association_a)


def test_index_shows_a_member_their_invoices(client_for, member_a, invoice_a):
    response = client_for(member_a).get(reverse("finances:index"))
    assert response.status_code == 200
    assert invoice_a.number in response.text


def test_index_lists_associations_for_sidbi(client_for, officer, association_a, association_b, bearer_a):
    record(association_a, by=bearer_a, amount="1234567")
    response = client_for(officer).get(reverse("finances:index"))
    assert response.status_code == 200
    assert association_a.name in response.text and association_b.name in response.text
    assert "₹12.35 lakh" in response.text


def test_index_lists_only_the_cluster_experts_associations(client_for, cluster_expert, association_a, association_b):
    response = client_for(cluster_expert).get(reverse("finances:index"))
    assert association_a.name in response.text
    assert association_b.name not in response.text


def test_anonymous_is_sent_to_log_in(anonymous, association_a):
    for url in (reverse("finances:index"), book_url(association_a), sustainability_url(association_a)):
        response = anonymous.get(url)
        assert response.status_code == 302 and "login" in response.url


# The book ------------------------------------------------------------------------------------------------------


def test_the_book_shows_months_totals_in_indian_format(client_for, bearer_a, association_a):
    year = financial_year_of(timezone.localdate())
    record(association_a, by=bearer_a, amount="1234567.5", on_date=date(year, 4, 10))
    record(association_a, by=bearer_a, direction="expense", category="rent", amount="100000", on_date=date(year, 4, 20))
    response = client_for(bearer_a).get(book_url(association_a), {"year": year})
    assert response.status_code == 200
    text = response.text
    assert "₹12,34,567.50" in text
    assert "₹11,34,567.50" in text  # the surplus
    assert reverse("finances:entry_add", args=[association_a.slug]) in text


def test_adding_an_entry_by_the_form(client_for, bearer_a, association_a):
    response = client_for(bearer_a).post(
        reverse("finances:entry_add", args=[association_a.slug]),
        {"kind": "income:sponsorship", "amount": "2500.50", "on_date": "2025-05-01", "description": "Fair sponsor"},
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.direction, entry.category, entry.amount, entry.created_by) == (
        "income",
        "sponsorship",
        Decimal("2500.50"),
        bearer_a,
    )


def test_an_invalid_entry_shows_the_errors_and_saves_nothing(client_for, bearer_a, association_a):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client_for(bearer_a).post(
        reverse("finances:entry_add", args=[association_a.slug]),
        {"kind": "income:nonsense", "amount": "-3", "on_date": future, "description": ""},
    )
    assert response.status_code == 200
    assert "The date cannot be in the future." in response.text
    assert not LedgerEntry.objects.exists()


def test_correcting_an_entry_adds_a_reversing_entry(client_for, bearer_a, association_a):
    entry = record(association_a, by=bearer_a, amount="1000")
    url = reverse("finances:entry_correct", args=[association_a.slug, entry.pk])
    response = client_for(bearer_a).post(url, {"amount": "250", "reason": "Typed too much"})
    assert response.status_code == 302
    correction = LedgerEntry.objects.get(corrects=entry)
    assert correction.amount == Decimal("-250.00")
    entry.refresh_from_db()
    assert entry.amount == Decimal("1000.00")
    response = client_for(bearer_a).post(url, {"amount": "800", "reason": "Too much"})
    assert "at most ₹750.00" in response.text


def test_import_template_downloads(client_for, bearer_a, association_a):
    response = client_for(bearer_a).get(reverse("finances:import_template", args=[association_a.slug]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_the_book_list_runs_a_fixed_number_of_queries(
    client_for, bearer_a, association_a, django_assert_max_num_queries
):
    client = client_for(bearer_a)
    for n in range(3):
        record(association_a, by=bearer_a, amount=str(100 + n))
    client.get(book_url(association_a))
    with django_assert_max_num_queries(16) as few:
        client.get(book_url(association_a))
    for n in range(17):
        record(association_a, by=bearer_a, amount=str(200 + n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(book_url(association_a))
    assert response.status_code == 200


# Permissions on the book ------------------------------------------------------------------------------------


def test_another_associations_office_bearer_gets_404(client_for, bearer_b, association_a):
    client = client_for(bearer_b)
    assert client.get(book_url(association_a)).status_code == 404
    assert client.get(sustainability_url(association_a)).status_code == 404
    assert client.get(reverse("finances:entry_add", args=[association_a.slug])).status_code == 404


def test_a_member_of_another_association_gets_404(client_for, member_b, association_a):
    assert client_for(member_b).get(book_url(association_a)).status_code == 404


def test_a_member_cannot_see_their_associations_book(client_for, member_a, association_a):
    assert client_for(member_a).get(book_url(association_a)).status_code == 403


def test_sidbi_reads_any_book_but_cannot_write(client_for, officer, authority, association_a):
    for user in (officer, authority):
        client = client_for(user)
        response = client.get(book_url(association_a))
        assert response.status_code == 200
        assert "Read-only" in response.text
        assert client.get(sustainability_url(association_a)).status_code == 200
        response = client.post(
            reverse("finances:entry_add", args=[association_a.slug]),
            {"kind": "income:dues", "amount": "1", "on_date": "2025-01-01", "description": "x"},
        )
        assert response.status_code == 403
    assert not LedgerEntry.objects.exists()


def test_cluster_expert_reads_their_associations_books_only(client_for, cluster_expert, association_a, association_b):
    client = client_for(cluster_expert)
    assert client.get(book_url(association_a)).status_code == 200
    assert client.get(book_url(association_b)).status_code == 404
    assert client.get(reverse("finances:opening_balance", args=[association_a.slug])).status_code == 403


def test_nobody_corrects_another_associations_entry(client_for, bearer_a, bearer_b, association_a, association_b):
    entry_b = record(association_b, by=bearer_b)
    url = reverse("finances:entry_correct", args=[association_a.slug, entry_b.pk])
    assert client_for(bearer_a).post(url, {"reason": "mine now"}).status_code == 404
    assert not LedgerEntry.objects.filter(corrects=entry_b).exists()


def test_there_is_no_way_to_edit_or_delete_an_entry(client_for, platform_admin, bearer_a, association_a):
    entry = record(association_a, by=bearer_a)
    client = client_for(platform_admin)
    assert client.get(reverse("admin:finances_ledgerentry_change", args=[entry.pk])).status_code in (200, 403)
    response = client.post(reverse("admin:finances_ledgerentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert LedgerEntry.objects.filter(pk=entry.pk, amount=entry.amount).exists()


# Sustainability ---------------------------------------------------------------------------------------------


def test_sustainability_page_shows_indicators_charts_and_the_target_path(client_for, bearer_a, association_a):
    today = timezone.localdate()
    record(association_a, by=bearer_a, category="dues", amount="60000", on_date=today)
    record(association_a, by=bearer_a, category="grant_other", amount="40000", on_date=today)
    record(association_a, by=bearer_a, direction="expense", category="staff", amount="120000", on_date=today)
    client = client_for(bearer_a)
    target_year = financial_year_of(today) + 3
    response = client.post(reverse("finances:target_set", args=[association_a.slug]), {"target_year": target_year})
    assert response.status_code == 302
    assert SustainabilityTarget.objects.get(association=association_a).target_year == target_year
    response = client.get(sustainability_url(association_a))
    text = response.text
    assert response.status_code == 200
    assert "50.0 %" in text  # cost coverage: 60,000 ÷ 1,20,000
    assert "60.0 %" in text  # self-earned share
    assert "Target path to 100" in text
    assert "Cost coverage over time" in text and "Dependence on grants" in text
    assert text.count("<canvas") == 3
    assert client.get(sustainability_url(association_a), {"by": "year"}).status_code == 200


def test_sidbi_cannot_set_the_target(client_for, officer, association_a):
    response = client_for(officer).post(
        reverse("finances:target_set", args=[association_a.slug]), {"target_year": 2040}
    )
    assert response.status_code == 403
    assert not SustainabilityTarget.objects.exists()


def test_pages_have_no_inline_styles_or_handlers(client_for, bearer_a, association_a, invoice_a):
    client = client_for(bearer_a)
    urls = [
        book_url(association_a),
        sustainability_url(association_a),
        reverse("finances:entry_add", args=[association_a.slug]),
        reverse("finances:book_import", args=[association_a.slug]),
        reverse("finances:opening_balance", args=[association_a.slug]),
        reverse("finances:dues", args=[association_a.slug]),
        reverse("finances:invoices", args=[association_a.slug]),
        reverse("finances:invoice", args=[invoice_a.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not re.search(r"\sstyle=\"|\son[a-z]+=\"", response.text), url


# Dues, invoices, payments ------------------------------------------------------------------------------------


def test_office_sets_up_dues_and_raises_invoices(client_for, bearer_a, association_a, member_a):
    client = client_for(bearer_a)
    year = financial_year_of(timezone.localdate())
    data = {
        "financial_year": year,
        "invoice_prefix": "tkma",
        "due_days": 30,
        "categories-TOTAL_FORMS": 4,
        "categories-INITIAL_FORMS": 0,
        "categories-MIN_NUM_FORMS": 0,
        "categories-MAX_NUM_FORMS": 12,
        "categories-0-name": "Micro",
        "categories-0-msme_category": "micro",
        "categories-0-amount": "3000",
        "categories-1-name": "Small",
        "categories-1-msme_category": "small",
        "categories-1-amount": "6000",
        "categories-2-name": "Others",
        "categories-2-is_default": "on",
        "categories-2-amount": "9000",
    }
    response = client.post(reverse("finances:dues", args=[association_a.slug]), data)
    assert response.status_code == 302, response.content
    response = client.post(reverse("finances:invoices_raise", args=[association_a.slug, year]))
    assert response.status_code == 302
    invoice = Invoice.objects.get(enterprise=member_a.enterprise)
    assert invoice.number.startswith("TKMA/") and invoice.amount == Decimal("3000.00")
    client.post(reverse("finances:invoices_raise", args=[association_a.slug, year]))
    assert Invoice.objects.count() == 1


def test_a_dues_category_without_a_match_is_refused(client_for, bearer_a, association_a):
    data = {
        "financial_year": financial_year_of(timezone.localdate()),
        "invoice_prefix": "T",
        "due_days": 30,
        "categories-TOTAL_FORMS": 4,
        "categories-INITIAL_FORMS": 0,
        "categories-MIN_NUM_FORMS": 0,
        "categories-MAX_NUM_FORMS": 12,
        "categories-0-name": "Floating",
        "categories-0-amount": "3000",
    }
    response = client_for(bearer_a).post(reverse("finances:dues", args=[association_a.slug]), data)
    assert response.status_code == 200
    assert "or make it the default" in response.text


def test_recording_a_payment_from_the_invoice_page(client_for, bearer_a, invoice_a):
    client = client_for(bearer_a)
    url = reverse("finances:payment_add", args=[invoice_a.pk])
    response = client.post(url, {"amount": "5000", "paid_on": timezone.localdate().isoformat(), "mode": "upi"})
    assert response.status_code == 302
    invoice_a.refresh_from_db()
    assert invoice_a.status == InvoiceStatus.PAID
    response = client.post(
        url, {"amount": "1", "paid_on": timezone.localdate().isoformat(), "mode": "upi"}, follow=True
    )
    assert "more than what is due" in response.text
    response = client.post(url, {"amount": "abc", "paid_on": "", "mode": "upi"})
    assert response.status_code == 400
    assert Payment.objects.count() == 1


def test_member_sees_and_downloads_their_invoice_and_receipt(client_for, member_a, bearer_a, invoice_a):
    payment = services.payment_record(
        invoice=invoice_a, amount=Decimal("1000"), paid_on=timezone.localdate(), mode="upi", by=bearer_a
    )
    client = client_for(member_a)
    response = client.get(reverse("finances:invoice", args=[invoice_a.pk]))
    assert response.status_code == 200
    assert "Record a payment" not in response.text
    pdf = client.get(reverse("finances:invoice_pdf", args=[invoice_a.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    receipt = client.get(reverse("finances:receipt_pdf", args=[invoice_a.pk, payment.pk]))
    assert receipt.status_code == 200
    assert (
        client.post(
            reverse("finances:payment_add", args=[invoice_a.pk]),
            {"amount": "1", "paid_on": timezone.localdate().isoformat(), "mode": "upi"},
        ).status_code
        == 403
    )


def test_another_members_invoice_is_404(client_for, member_a, invoice_a, association_a):
    other = add_member(association_a)
    client = client_for(other)
    assert client.get(reverse("finances:invoice", args=[invoice_a.pk])).status_code == 404
    assert client.get(reverse("finances:invoice_pdf", args=[invoice_a.pk])).status_code == 404


def test_another_associations_invoices_are_404(client_for, bearer_a, invoice_b, association_b):
    client = client_for(bearer_a)
    assert client.get(reverse("finances:invoice", args=[invoice_b.pk])).status_code == 404
    assert client.get(reverse("finances:invoices", args=[association_b.slug])).status_code == 404
    assert (
        client.post(
            reverse("finances:payment_add", args=[invoice_b.pk]),
            {"amount": "1", "paid_on": timezone.localdate().isoformat(), "mode": "upi"},
        ).status_code
        == 404
    )


def test_a_receipt_of_another_invoice_is_404(client_for, member_a, bearer_b, invoice_a, invoice_b):
    payment_b = services.payment_record(
        invoice=invoice_b, amount=Decimal("10"), paid_on=timezone.localdate(), mode="upi", by=bearer_b
    )
    response = client_for(member_a).get(reverse("finances:receipt_pdf", args=[invoice_a.pk, payment_b.pk]))
    assert response.status_code == 404


def test_sidbi_does_not_manage_invoices(client_for, officer, association_a, invoice_a):
    client = client_for(officer)
    assert client.get(reverse("finances:invoices", args=[association_a.slug])).status_code == 403
    assert client.get(reverse("finances:invoice", args=[invoice_a.pk])).status_code == 404


def _invoices(association, by, n):
    for _ in range(n):
        add_member(association)
    schedule = make_schedule(association, by=by)
    services.invoices_raise(schedule=schedule, by=by, notify_members=False)


def test_invoice_lists_run_a_fixed_number_of_queries(
    client_for, bearer_a, association_a, django_assert_max_num_queries
):
    _invoices(association_a, bearer_a, 3)
    client = client_for(bearer_a)
    url = reverse("finances:invoices", args=[association_a.slug])
    client.get(url)
    with django_assert_max_num_queries(15) as three:
        client.get(url)
    for _ in range(17):
        add_member(association_a)
    services.invoices_raise(schedule=association_a.dues_schedules.get(), by=bearer_a, notify_members=False)
    assert Invoice.objects.count() == 20
    with django_assert_max_num_queries(len(three.captured_queries)):
        assert client.get(url).status_code == 200


def test_my_invoices_runs_a_fixed_number_of_queries(client_for, db, django_assert_max_num_queries):
    owner = testing.make_user()
    enterprise = testing.make_enterprise(owner=owner)
    associations = []
    for _ in range(3):
        bearer = testing.make_user()
        association = testing.make_association(office_bearer=bearer)
        testing.make_membership(association=association, enterprise=enterprise)
        associations.append((association, bearer))
    for association, bearer in associations:
        services.invoices_raise(
            schedule=make_schedule(association, by=bearer, prefix="A"), by=bearer, notify_members=False
        )
    client = client_for(owner)
    url = reverse("finances:my_invoices")
    with django_assert_max_num_queries(12) as three:
        client.get(url)
    year = financial_year_of(timezone.localdate())
    for offset in range(1, 7):
        for association, bearer in associations[:3]:
            schedule = make_schedule(association, by=bearer, year=year - offset, prefix="A")
            services.invoices_raise(schedule=schedule, by=bearer, notify_members=False)
    assert Invoice.objects.of_member(owner).count() >= 20
    with django_assert_max_num_queries(len(three.captured_queries)):
        assert client.get(url).status_code == 200
