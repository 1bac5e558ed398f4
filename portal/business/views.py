from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.business import permissions, selectors, services
from portal.business.forms import (
    CapacityForm,
    ConnectForm,
    DirectoryFilterForm,
    InterestForm,
    LeadFilterForm,
    LeadForm,
    MessageForm,
    ProductForm,
    ReportForm,
    ResolveForm,
)
from portal.business.models import (
    Connection,
    ConnectionStatus,
    Conversation,
    Interest,
    Lead,
    Message,
    Product,
    Report,
    ReportStatus,
)
from portal.core.errors import ActionRefused
from portal.enterprises.models import Enterprise

PAGE_SIZE = 20
THREAD_SIZE = 50


def _require_browse(user) -> None:
    if not permissions.can_browse(user):
        raise PermissionDenied(_("The business directory is for member enterprises of approved associations."))


def _own_enterprises(user):
    return Enterprise.objects.filter(pk__in=permissions.member_enterprise_ids(user)).order_by("name")


def _get_directory_enterprise(user, pk) -> Enterprise:
    _require_browse(user)
    return get_object_or_404(permissions.directory_enterprises().select_related("sector", "state"), pk=pk)


# Directory and enterprises


@login_required
def directory(request):
    _require_browse(request.user)
    form = DirectoryFilterForm(request.GET or None)
    filters = selectors.DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.DirectoryFilters(
            q=data["q"].strip(),
            sector=data["sector"].pk if data["sector"] else None,
            state=data["state"].pk if data["state"] else None,
            association=data["association"].pk if data["association"] else None,
            spare=data["spare"],
        )
    page = Paginator(selectors.directory(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    connected = permissions.connected_ids(request.user)
    own = set(permissions.member_enterprise_ids(request.user))
    rows = []
    for enterprise in page:
        shares = selectors.shows_products(enterprise)
        rows.append(
            {
                "enterprise": enterprise,
                "profile": selectors.shown_profile(enterprise),
                "products": list(enterprise.catalogue.all()) if shares else [],
                "capacity": selectors.capacity_of(enterprise) if shares else None,
                "associations": [m.association for m in enterprise.active_memberships],
                "connected": enterprise.pk in connected,
                "own": enterprise.pk in own,
                "contact": selectors.contact_details(enterprise) if enterprise.pk in connected | own else [],
            }
        )
    return render(
        request,
        "business/directory.html",
        {"form": form, "page": page, "rows": rows, "is_member": permissions.is_business_member(request.user)},
    )


@login_required
def enterprise(request, pk):
    user = request.user
    enterprise = _get_directory_enterprise(user, pk)
    shares = selectors.shows_products(enterprise)
    see_contact = permissions.can_see_contact(user, enterprise)
    connection = selectors.connection_with(user, enterprise)
    own = enterprise.pk in permissions.member_enterprise_ids(user)
    context = {
        "enterprise": enterprise,
        "profile": selectors.shown_profile(enterprise),
        "products": enterprise.catalogue.select_related("sector") if shares else [],
        "capacity": selectors.capacity_of(enterprise) if shares else None,
        "associations": [
            m.association
            for m in enterprise.memberships.filter(status="approved", association__status="approved").select_related(
                "association"
            )
        ],
        "contact": selectors.contact_details(enterprise) if see_contact else [],
        "see_contact": see_contact,
        "connection": connection,
        "own": own,
        "can_edit": permissions.can_edit_offer(user, enterprise),
        "people": selectors.people_of(enterprise).exclude(pk=user.pk)
        if see_contact and not own and connection and connection.status == ConnectionStatus.ACCEPTED
        else [],
    }
    if permissions.can_request_connection(user, enterprise) and connection is None:
        context["connect_form"] = ConnectForm(enterprises=_own_enterprises(user))
    return render(request, "business/enterprise.html", context)


@login_required
@require_POST
def connect(request, pk):
    user = request.user
    target = _get_directory_enterprise(user, pk)
    if not permissions.can_request_connection(user, target):
        raise PermissionDenied
    form = ConnectForm(request.POST, enterprises=_own_enterprises(user))
    if form.is_valid():
        try:
            services.connection_request(
                from_enterprise=form.cleaned_data["enterprise"],
                to_enterprise=target,
                note=form.cleaned_data["note"],
                by=user,
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Request sent. You will see their contact details once they accept."))
    else:
        messages.error(request, _("The note can be 1,000 characters at most."))
    return redirect("business:enterprise", target.pk)


@login_required
def connections(request):
    user = request.user
    if not permissions.is_business_member(user):
        raise PermissionDenied(_("Connections are for member enterprises of approved associations."))
    own = set(permissions.member_enterprise_ids(user))
    rows = list(selectors.connections_of(user)[:200])
    incoming = [c for c in rows if c.status == ConnectionStatus.REQUESTED and c.target_id in own]
    outgoing = [c for c in rows if c.status == ConnectionStatus.REQUESTED and c.requester_id in own]
    accepted = [c for c in rows if c.status == ConnectionStatus.ACCEPTED]
    for connection in accepted:
        connection.other_enterprise = connection.target if connection.requester_id in own else connection.requester
    return render(
        request,
        "business/connections.html",
        {"incoming": incoming, "outgoing": outgoing, "accepted": accepted},
    )


@login_required
@require_POST
def connection_decide(request, pk, action):
    if action not in ("accept", "decline"):
        raise Http404
    user = request.user
    own = permissions.member_enterprise_ids(user)
    connection = get_object_or_404(Connection.objects.involving(own), pk=pk)
    if connection.target_id not in own:
        raise PermissionDenied
    try:
        services.connection_decide(connection=connection, accept=action == "accept", by=user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Connected: you can now see each other's contact details and message each other.")
            if action == "accept"
            else _("Request declined."),
        )
    return redirect("business:connections")


# Products and capacity


def _get_offer_enterprise(user, pk) -> Enterprise:
    enterprise = get_object_or_404(Enterprise.objects.select_related("sector", "state"), pk=pk)
    if not permissions.can_edit_offer(user, enterprise):
        raise Http404  # someone else's enterprise: answered as if the id did not exist
    return enterprise


@login_required
def my_offer(request):
    """Shortcut to the products and capacity of the user's (first) enterprise."""
    first = Enterprise.objects.of_user(request.user).order_by("name").first()
    if first is None:
        raise Http404
    return redirect("business:offer", first.pk)


@login_required
def offer(request, pk):
    enterprise = _get_offer_enterprise(request.user, pk)
    capacity = selectors.capacity_of(enterprise)
    capacity_form = CapacityForm(request.POST or None, instance=capacity, prefix="capacity")
    if request.method == "POST" and capacity_form.is_valid():
        data = capacity_form.cleaned_data
        try:
            services.capacity_set(
                enterprise=enterprise,
                monthly_capacity=data["monthly_capacity"],
                unit=data["unit"],
                spare_available=data["spare_available"],
                machines=data["machines"],
                by=request.user,
            )
        except ActionRefused as exc:
            capacity_form.add_error(None, exc.message)
        else:
            messages.success(request, _("Capacity saved."))
            return redirect("business:offer", enterprise.pk)
    return _offer_page(request, enterprise, capacity_form=capacity_form)


def _offer_page(request, enterprise, *, capacity_form=None, product_form=None):
    return render(
        request,
        "business/offer.html",
        {
            "enterprise": enterprise,
            "products": enterprise.catalogue.select_related("sector"),
            "capacity_form": capacity_form
            or CapacityForm(instance=selectors.capacity_of(enterprise), prefix="capacity"),
            "product_form": product_form or ProductForm(prefix="product", initial={"sector": enterprise.sector_id}),
            "shows_products": selectors.shows_products(enterprise),
        },
    )


@login_required
@require_POST
def product_add(request, pk):
    enterprise = _get_offer_enterprise(request.user, pk)
    form = ProductForm(request.POST, prefix="product")
    if form.is_valid():
        try:
            services.product_add(enterprise=enterprise, **form.cleaned_data, by=request.user)
        except ActionRefused as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, _("Product added."))
            return redirect("business:offer", enterprise.pk)
    return _offer_page(request, enterprise, product_form=form)


@login_required
def product_edit(request, pk, product_pk):
    enterprise = _get_offer_enterprise(request.user, pk)
    product = get_object_or_404(Product, pk=product_pk, enterprise=enterprise)
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        product.refresh_from_db()
        try:
            services.product_update(product=product, **data, by=request.user)
        except ActionRefused as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, _("Product saved."))
            return redirect("business:offer", enterprise.pk)
    return render(request, "business/product_form.html", {"enterprise": enterprise, "form": form, "product": product})


@login_required
@require_POST
def product_remove(request, pk, product_pk):
    enterprise = _get_offer_enterprise(request.user, pk)
    product = get_object_or_404(Product, pk=product_pk, enterprise=enterprise)
    services.product_remove(product=product, by=request.user)
    messages.success(request, _("Product removed."))
    return redirect("business:offer", enterprise.pk)


# Leads


@login_required
def leads(request):
    user = request.user
    _require_browse(user)
    form = LeadFilterForm(request.GET or None)
    filters = selectors.LeadFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.LeadFilters(
            q=data["q"].strip(),
            kind=data["kind"],
            sector=data["sector"].pk if data["sector"] else None,
            state=data["state"].pk if data["state"] else None,
        )
    page = Paginator(selectors.leads(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "business/leads.html",
        {
            "form": form,
            "page": page,
            "can_post": permissions.can_post_lead(user),
            "mine": selectors.leads_of(user)[:10] if permissions.is_business_member(user) else [],
        },
    )


@login_required
def lead_new(request):
    user = request.user
    if not permissions.can_post_lead(user):
        raise PermissionDenied(_("Leads can be posted by member enterprises of approved associations."))
    enterprises = _own_enterprises(user)
    initial = {}
    first = enterprises.first()
    if first:
        initial = {"sector": first.sector_id, "state": first.state_id, "district": first.district}
    form = LeadForm(request.POST or None, enterprises=enterprises, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            lead = services.lead_post(**data, by=user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Lead posted. Members can now show their interest."))
            return redirect(lead)
    return render(request, "business/lead_form.html", {"form": form})


def _get_lead(user, pk) -> Lead:
    """A live lead for any member; an expired or closed one only for its poster and those who answered it."""
    _require_browse(user)
    lead = get_object_or_404(Lead.objects.select_related("enterprise", "sector", "state", "posted_by"), pk=pk)
    if not lead.is_live() and not (
        permissions.is_poster(user, lead)
        or lead.interests.filter(enterprise_id__in=permissions.member_enterprise_ids(user)).exists()
    ):
        raise Http404
    return lead


@login_required
def lead(request, pk):
    user = request.user
    lead = _get_lead(user, pk)
    own = permissions.member_enterprise_ids(user)
    mine = list(lead.interests.filter(enterprise_id__in=own).select_related("enterprise"))
    context = {"lead": lead, "my_interests": mine, "is_poster": permissions.is_poster(user, lead)}
    if permissions.can_see_interests(user, lead):
        context["interests"] = lead.interests.select_related("enterprise", "enterprise__sector", "by")
    answered = {interest.enterprise_id for interest in mine}
    choices = _own_enterprises(user).exclude(pk=lead.enterprise_id).exclude(pk__in=answered)
    if permissions.can_express_interest(user, lead) and choices.exists():
        context["interest_form"] = InterestForm(enterprises=choices)
    return render(request, "business/lead.html", context)


@login_required
@require_POST
def lead_interest(request, pk):
    user = request.user
    lead = _get_lead(user, pk)
    if not permissions.can_express_interest(user, lead):
        raise PermissionDenied
    form = InterestForm(request.POST, enterprises=_own_enterprises(user).exclude(pk=lead.enterprise_id))
    if form.is_valid():
        try:
            services.interest_express(
                lead=lead, enterprise=form.cleaned_data["enterprise"], message=form.cleaned_data["message"], by=user
            )
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your interest was sent to the poster."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(lead)


@login_required
@require_POST
def interest_accept(request, pk, interest_pk):
    user = request.user
    lead = _get_lead(user, pk)
    if not permissions.can_see_interests(user, lead):
        raise PermissionDenied
    interest = get_object_or_404(Interest, pk=interest_pk, lead=lead)
    try:
        services.interest_accept(interest=interest, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Accepted: your enterprises are now connected and can message each other."))
    return redirect(lead)


@login_required
@require_POST
def lead_close(request, pk):
    user = request.user
    lead = _get_lead(user, pk)
    if not permissions.is_poster(user, lead):
        raise PermissionDenied
    try:
        services.lead_close(lead=lead, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Lead closed."))
    return redirect(lead)


# Messages


@login_required
def inbox(request):
    user = request.user
    page = Paginator(selectors.inbox(user), PAGE_SIZE).get_page(request.GET.get("page"))
    for conversation in page:
        conversation.other = conversation.user_high if conversation.user_low_id == user.pk else conversation.user_low
    return render(request, "business/inbox.html", {"page": page})


@login_required
@require_POST
def message_start(request, user_pk):
    other = get_object_or_404(get_user_model(), pk=user_pk, is_active=True)
    try:
        conversation = services.conversation_open(with_user=other, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("business:inbox")
    return redirect(conversation)


def _get_conversation(user, pk) -> Conversation:
    return get_object_or_404(
        Conversation.objects.of_user(user).select_related(
            "user_low", "user_high", "connection__requester", "connection__target"
        ),
        pk=pk,
    )


def _thread_context(user, conversation, form=None):
    other = conversation.user_high if conversation.user_low_id == user.pk else conversation.user_low
    recent = list(conversation.messages.select_related("sender").order_by("-created_at", "-id")[:THREAD_SIZE])[::-1]
    return {
        "conversation": conversation,
        "other": other,
        "thread": recent,
        "form": form or MessageForm(),
        "i_blocked": permissions.is_blocked(blocker=user, blocked=other),
        "blocked_me": permissions.is_blocked(blocker=other, blocked=user),
    }


@login_required
def thread(request, pk):
    user = request.user
    conversation = _get_conversation(user, pk)
    services.conversation_mark_read(conversation=conversation, by=user)
    return render(request, "business/thread.html", _thread_context(user, conversation))


@login_required
@require_POST
def send(request, pk):
    user = request.user
    conversation = _get_conversation(user, pk)
    form = MessageForm(request.POST)
    error = None
    message = None
    if form.is_valid():
        try:
            message = services.message_send(conversation=conversation, body=form.cleaned_data["body"], by=user)
        except ActionRefused as exc:
            error = exc.message
    else:
        error = " ".join(form.errors["body"])
    if request.htmx:
        status = 200 if message else 422
        return render(
            request,
            "business/_send_result.html",
            {
                "message": message,
                "error": error,
                "form": MessageForm() if message else form,
                "conversation": conversation,
            },
            status=status,
        )
    if error:
        messages.error(request, error)
    return redirect(conversation)


@login_required
@require_POST
def block(request, pk, action):
    """Block (or unblock) the other person of a conversation: they can no longer message you."""
    if action not in ("block", "unblock"):
        raise Http404
    user = request.user
    conversation = _get_conversation(user, pk)
    other = conversation.user_high if conversation.user_low_id == user.pk else conversation.user_low
    try:
        if action == "block":
            services.user_block(user=other, by=user)
            messages.success(request, _("Blocked: %(name)s can no longer message you.") % {"name": other})
        else:
            services.user_unblock(user=other, by=user)
            messages.success(request, _("Unblocked."))
    except ActionRefused as exc:
        messages.error(request, exc.message)
    return redirect(conversation)


@login_required
def report(request, message_pk):
    user = request.user
    message = get_object_or_404(
        Message.objects.filter(conversation__in=Conversation.objects.of_user(user)).select_related("conversation"),
        pk=message_pk,
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(message=message, reason=form.cleaned_data["reason"], by=user)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you. The platform admins will look at this message."))
            return redirect(message.conversation)
    return render(request, "business/report.html", {"message": message, "form": form})


@login_required
def reports(request):
    if not permissions.can_handle_reports(request.user):
        raise PermissionDenied
    queryset = Report.objects.select_related("message__sender", "reporter", "resolved_by").order_by(
        "status", "-created_at", "-pk"
    )
    show = request.GET.get("show", "open")
    if show != "all":
        queryset = queryset.filter(status=ReportStatus.OPEN)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.form = ResolveForm(auto_id=f"id_report{row.pk}_%s")
    return render(request, "business/reports.html", {"page": page, "show": show})


@login_required
@require_POST
def report_resolve(request, pk):
    if not permissions.can_handle_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(Report, pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.report_resolve(report=report, resolution=form.cleaned_data["resolution"], by=request.user)
        except ActionRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Report resolved."))
    return redirect("business:reports")
