from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.roles import is_sidbi_staff
from portal.core import exports
from portal.core.errors import ActionRefused
from portal.core.pdf import pdf_response
from portal.finances import documents, indicators, permissions, selectors, services
from portal.finances.forms import (
    CorrectionForm,
    DuesCategoryFormSet,
    DuesScheduleForm,
    EntryForm,
    ImportForm,
    OpeningBalanceForm,
    PaymentForm,
    TargetForm,
)
from portal.finances.models import (
    BookImport,
    DuesSchedule,
    Invoice,
    InvoiceStatus,
    LedgerEntry,
    OpeningBalance,
    Payment,
    financial_year_label,
    financial_year_of,
)

PAGE_SIZE = 20


def get_association(user, slug: str, *, keep: bool = False) -> Association:
    """The association if the user may read (or, with ``keep``, keep) its books.

    A reader who may not keep them, or a member of the association, gets 403; anyone else 404, so
    another association's books do not even show they exist.
    """
    association = get_object_or_404(Association.objects.approved().select_related("state"), slug=slug)
    allowed = permissions.can_keep_books if keep else permissions.can_view_books
    if allowed(user, association):
        return association
    if permissions.can_view_books(user, association) or permissions.belongs_to(user, association):
        raise PermissionDenied
    raise Http404


def get_invoice(user, pk: int) -> Invoice:
    """The invoice if it is addressed to the user's enterprise or belongs to the association they work for."""
    return get_object_or_404(Invoice.objects.visible_to(user).select_related("association__state", "enterprise"), pk=pk)


def _year(request) -> int:
    this_year = financial_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year + 1 else this_year


@login_required
def index(request):
    """Role-aware: SIDBI and cluster experts get the associations; the office its book; a member their invoices."""
    user = request.user
    offices = list(Association.objects.managed_by(user).order_by("name"))
    if len(offices) == 1 and not permissions.can_list_associations(user):
        return redirect("finances:book", offices[0].slug)
    if permissions.can_list_associations(user) or offices:
        if is_sidbi_staff(user):
            associations = Association.objects.approved()
        elif offices:
            associations = Association.objects.managed_by(user)
        else:
            associations = Association.objects.approved().filter(cluster_expert=user)
        query = request.GET.get("q", "").strip()
        if query:
            associations = associations.filter(name__icontains=query)
        page = Paginator(associations.select_related("state").order_by("name"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        figures = indicators.indicators_by_association([a.pk for a in page])
        rows = [(association, figures.get(association.pk)) for association in page]
        return render(request, "finances/associations.html", {"page": page, "rows": rows, "query": query})
    return my_invoices(request)


@login_required
def my_invoices(request):
    """A member's dues invoices from every association their enterprises belong to."""
    invoices = (
        Invoice.objects.of_member(request.user)
        .select_related("association", "enterprise")
        .order_by("-issued_on", "-pk")
    )
    page = Paginator(invoices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finances/my_invoices.html", {"page": page})


# The book ------------------------------------------------------------------------------------------------------


@login_required
def book(request, slug):
    association = get_association(request.user, slug)
    year = _year(request)
    table = selectors.book_table(association, year)
    entries = (
        LedgerEntry.objects.filter(association=association).select_related("created_by").order_by("-on_date", "-pk")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.category_label = selectors.category_label(entry.direction, entry.category)
    this_year = financial_year_of(timezone.localdate())
    return render(
        request,
        "finances/book.html",
        {
            "association": association,
            "table": table,
            "chart": selectors.book_chart(table),
            "page": page,
            "can_keep": permissions.can_keep_books(request.user, association),
            "now": indicators.indicators_for(association),
            "opening": OpeningBalance.objects.filter(association=association).first(),
            "years": [(y, financial_year_label(y)) for y in range(this_year, this_year - 5, -1)],
            "year": year,
        },
    )


@login_required
def entry_add(request, slug):
    association = get_association(request.user, slug, keep=True)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_record(association=association, by=request.user, **form.entry())
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Entry added to the book."))
            return redirect("finances:book", association.slug)
    return render(request, "finances/entry_form.html", {"association": association, "form": form})


@login_required
def entry_correct(request, slug, pk):
    association = get_association(request.user, slug, keep=True)
    entry = get_object_or_404(LedgerEntry, association=association, pk=pk)
    entry.category_label = selectors.category_label(entry.direction, entry.category)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_correct(
                entry=entry, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The correction is recorded as a reversing entry."))
            return redirect("finances:book", association.slug)
    corrections = entry.corrections.order_by("pk")
    return render(
        request,
        "finances/entry_correct.html",
        {"association": association, "entry": entry, "form": form, "corrections": corrections},
    )


@login_required
def book_import(request, slug):
    association = get_association(request.user, slug, keep=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.book_import_start(
                association=association, uploaded=form.cleaned_data["file"], by=request.user
            )
        except ActionRefused as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("finances:book_import_status", association.slug, job.pk)
    recent = BookImport.objects.filter(association=association)[:5]
    return render(request, "finances/import.html", {"association": association, "form": form, "imports": recent})


@login_required
def book_import_status(request, slug, import_id):
    """How far an import has got, and its errors by row; the partial refreshes itself while the worker runs."""
    association = get_association(request.user, slug, keep=True)
    job = get_object_or_404(BookImport, pk=import_id, association=association)
    template = "finances/_import_status.html" if request.htmx else "finances/import_status.html"
    return render(request, template, {"association": association, "job": job})


@login_required
def import_template(request, slug):
    get_association(request.user, slug, keep=True)
    return exports.bytes_response("xlsx", "book-import-template", services.import_template())


@login_required
def opening_balance(request, slug):
    association = get_association(request.user, slug, keep=True)
    current = OpeningBalance.objects.filter(association=association).first()
    initial = {"amount": current.amount, "as_of": current.as_of} if current else {}
    form = OpeningBalanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.opening_balance_set(association=association, by=request.user, **form.cleaned_data)
        messages.success(request, _("Opening balance saved."))
        return redirect("finances:sustainability", association.slug)
    return render(request, "finances/opening_balance.html", {"association": association, "form": form})


# Sustainability ------------------------------------------------------------------------------------------------


@login_required
def sustainability(request, slug):
    association = get_association(request.user, slug)
    by = "year" if request.GET.get("by") == "year" else "month"
    data = selectors.sustainability(association)
    can_keep = permissions.can_keep_books(request.user, association)
    target_form = TargetForm(initial={"target_year": data.target.target_year} if data.target else None)
    return render(
        request,
        "finances/sustainability.html",
        {
            "association": association,
            "data": data,
            "income_chart": selectors.income_by_source_chart(association, by=by),
            "by": by,
            "can_keep": can_keep,
            "target_form": target_form if can_keep else None,
            "paying_members": indicators.paying_members_count(association),
            "retention": indicators.retention_rate(association),
        },
    )


@login_required
@require_POST
def target_set(request, slug):
    association = get_association(request.user, slug, keep=True)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            services.target_set(association=association, target_year=form.cleaned_data["target_year"], by=request.user)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Target saved."))
    else:
        messages.error(request, _("Choose a financial year from the list."))
    return redirect("finances:sustainability", association.slug)


# Dues and invoices ---------------------------------------------------------------------------------------------


def _category_initial(schedule):
    if schedule is None:
        return [
            {"name": _("Micro"), "msme_category": "micro"},
            {"name": _("Small"), "msme_category": "small"},
            {"name": _("Medium"), "msme_category": "medium"},
        ]
    return [
        {"name": c.name, "msme_category": c.msme_category, "is_default": c.is_default, "amount": c.amount}
        for c in schedule.categories.all()
    ]


@login_required
def dues(request, slug):
    """The dues schedules by year, a form to set one up (or change it until invoices are raised)."""
    association = get_association(request.user, slug, keep=True)
    schedules = DuesSchedule.objects.filter(association=association).prefetch_related("categories")
    year = _year(request)
    schedule = next((s for s in schedules if s.financial_year == year), None)
    initial = {
        "financial_year": year,
        "invoice_prefix": schedule.invoice_prefix if schedule else services.default_prefix(association),
        "due_days": schedule.due_days if schedule else 30,
    }
    form = DuesScheduleForm(request.POST or None, initial=initial)
    formset = DuesCategoryFormSet(request.POST or None, initial=_category_initial(schedule), prefix="categories")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        categories = [f.cleaned_data for f in formset if f.cleaned_data.get("name")]
        try:
            saved = services.dues_schedule_save(
                association=association,
                financial_year=form.cleaned_data["financial_year"],
                invoice_prefix=form.cleaned_data["invoice_prefix"],
                due_days=form.cleaned_data["due_days"],
                categories=categories,
                by=request.user,
            )
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Dues schedule for %(year)s saved.") % {"year": saved.label})
            return redirect(f"{request.path}?year={saved.financial_year}")
    return render(
        request,
        "finances/dues.html",
        {
            "association": association,
            "schedules": schedules,
            "schedule": schedule,
            "form": form,
            "formset": formset,
            "year": year,
        },
    )


@login_required
@require_POST
def invoices_raise(request, slug, year):
    association = get_association(request.user, slug, keep=True)
    schedule = get_object_or_404(DuesSchedule, association=association, financial_year=year)
    count = services.invoices_raise(schedule=schedule, by=request.user)
    if count:
        messages.success(request, _("%(n)s invoices raised for %(year)s.") % {"n": count, "year": schedule.label})
    else:
        messages.info(request, _("Every active member already has an invoice for %(year)s.") % {"year": schedule.label})
    return redirect("finances:invoices", association.slug)


@login_required
def invoices(request, slug):
    association = get_association(request.user, slug, keep=True)
    invoices = Invoice.objects.filter(association=association).select_related("enterprise")
    status = request.GET.get("status", "")
    if status in InvoiceStatus.values:
        invoices = invoices.filter(status=status)
    year = request.GET.get("year", "")
    if year.isdigit():
        invoices = invoices.filter(financial_year=int(year))
    page = Paginator(invoices.order_by("-financial_year", "-sequence"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finances/invoices.html",
        {
            "association": association,
            "page": page,
            "statuses": InvoiceStatus.choices,
            "status": status,
            "year": year,
            "years": DuesSchedule.objects.filter(association=association).values_list("financial_year", flat=True),
        },
    )


@login_required
def invoice(request, pk):
    invoice = get_invoice(request.user, pk)
    can_manage = permissions.can_manage_invoice(request.user, invoice)
    form = PaymentForm(initial={"amount": invoice.balance, "paid_on": timezone.localdate()}) if can_manage else None
    return render(
        request,
        "finances/invoice.html",
        {
            "invoice": invoice,
            "payments": invoice.payments.order_by("paid_on", "pk"),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def payment_add(request, pk):
    invoice = get_invoice(request.user, pk)
    if not permissions.can_manage_invoice(request.user, invoice):
        raise PermissionDenied
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_record(invoice=invoice, by=request.user, **form.cleaned_data)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Payment recorded; the receipt is ready."))
        return redirect("finances:invoice", invoice.pk)
    return render(
        request,
        "finances/invoice.html",
        {"invoice": invoice, "payments": invoice.payments.order_by("paid_on", "pk"), "form": form, "can_manage": True},
        status=400,
    )


@login_required
def invoice_pdf(request, pk):
    invoice = get_invoice(request.user, pk)
    return pdf_response(documents.invoice_pdf(invoice), f"{invoice.number.replace('/', '-')}.pdf")


@login_required
def receipt_pdf(request, pk, payment_pk):
    invoice = get_invoice(request.user, pk)
    payment = get_object_or_404(Payment.objects.select_related("invoice"), invoice=invoice, pk=payment_pk)
    payment.invoice = invoice
    return pdf_response(documents.receipt_pdf(payment), f"{payment.receipt_number.replace('/', '-')}.pdf")
