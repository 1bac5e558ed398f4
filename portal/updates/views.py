from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core.errors import ActionRefused
from portal.core.i18n import normalise_language, version_for
from portal.core.models import Sector, State
from portal.updates import permissions, selectors, services
from portal.updates.forms import FollowForm, RecognitionForm, UpdateForm, WithdrawForm
from portal.updates.models import Follow, Kind, Update

PAGE_SIZE = 20


def get_update(user, pk: int) -> Update:
    """A live update the user may read, or any update the user may manage; anything else is a 404."""
    queryset = Update.objects.select_related("association", "broadcast", "created_by")
    update = queryset.filter(pk=pk).filter(pk__in=Update.objects.visible_to(user).values("pk")).first()
    if update is None:
        update = queryset.filter(pk=pk).filter(pk__in=Update.objects.manageable_by(user).values("pk")).first()
    if update is None:
        raise Http404
    return update


def get_manageable(user, pk: int) -> Update:
    """Visible but not the user's to manage → 403; not visible at all → 404."""
    update = get_update(user, pk)
    if not permissions.can_edit(user, update):
        raise PermissionDenied
    return update


@login_required
def feed(request):
    """What is aimed at the user and what they follow, newest first, with closing-soon opportunities on top."""
    queryset = Update.objects.feed_for(request.user).select_related("association").order_by("-publish_at", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    closing = list(selectors.closing_soon(fetched_by=request.user)[:5])
    return render(request, "updates/feed.html", {"page": page, "closing": closing})


def archive(request):
    """Search and filter everything the visitor may read (anonymous visitors: public updates)."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    sector = Sector.objects.filter(slug=request.GET.get("sector", "")).first() if request.GET.get("sector") else None
    state = State.objects.filter(code=request.GET.get("state", "")).first() if request.GET.get("state") else None
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    q = request.GET.get("q", "").strip()[:100]
    queryset = selectors.update_archive(fetched_by=request.user, q=q, kind=kind, sector=sector, state=state, year=year)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "updates/archive.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": Kind.choices,
            "sector": sector,
            "sectors": Sector.objects.all(),
            "state": state,
            "states": State.objects.all(),
            "year": year,
        },
    )


def detail(request, pk):
    update = get_update(request.user, pk)
    can_edit = permissions.can_edit(request.user, update)
    version = version_for(update, update.translations.all(), normalise_language(get_language()))
    context = {"update": update, "can_edit": can_edit, "version": version}
    if can_edit:
        context.update(
            sectors=list(update.sectors.all()),
            states=list(update.states.all()),
            associations=list(update.associations.all()),
            withdraw_form=WithdrawForm(),
        )
    return render(request, "updates/detail.html", context)


def attachment(request, pk):
    update = get_update(request.user, pk)
    if not update.attachment:
        raise Http404
    return FileResponse(
        update.attachment.open("rb"), content_type="application/pdf", filename=f"update-{pk}.pdf", as_attachment=True
    )


@login_required
def progress(request, pk):
    """HTMX partial: how far the notification of the update's audience has got."""
    update = get_manageable(request.user, pk)
    return render(request, "updates/_progress.html", {"update": update})


@login_required
def manage(request):
    """Updates the user may edit or withdraw (SIDBI's or their associations'), in every status."""
    queryset = Update.objects.manageable_by(request.user).select_related("association").order_by("-created_at", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    sidbi = permissions.can_publish_for_sidbi(request.user)
    offices = [a for a in Association.objects.managed_by(request.user) if permissions.can_publish_for(request.user, a)]
    if not sidbi and not offices:
        raise PermissionDenied
    return render(request, "updates/manage.html", {"page": page, "sidbi": sidbi, "offices": offices})


def _save_and_maybe_publish(request, form, *, update=None, association=None):
    update = services.update_save(
        by=request.user, update=update, association=association, fields=form.model_fields(), **form.audience_kwargs()
    )
    if "publish" in request.POST:
        update = services.update_publish(update=update, by=request.user)
        if update.status == "scheduled":
            messages.success(request, _("Scheduled. It will be published at the chosen time."))
        else:
            messages.success(request, _("Published. Its audience is being notified."))
    else:
        messages.success(request, _("Saved as a draft."))
    return redirect(update)


def _edit_form(request, *, association=None, update=None):
    form = UpdateForm(request.POST or None, request.FILES or None, instance=update, association=association)
    if request.method == "POST" and form.is_valid():
        try:
            return _save_and_maybe_publish(request, form, update=update, association=association)
        except ActionRefused as refusal:
            form.add_error(None, refusal)
    return render(request, "updates/form.html", {"form": form, "association": association, "update": update})


@login_required
def create(request):
    """SIDBI publishes an update."""
    if not permissions.can_publish_for_sidbi(request.user):
        raise PermissionDenied
    return _edit_form(request)


@login_required
def create_for_association(request, slug):
    """An association's office publishes an update (public, or for its own members)."""
    association = get_object_or_404(Association.objects.approved(), slug=slug)
    if not permissions.can_publish_for(request.user, association):
        refuse_at(request.user, association, _("Only the association's office-bearers publish its updates."))
    return _edit_form(request, association=association)


@login_required
def edit(request, pk):
    update = get_manageable(request.user, pk)
    if not update.is_editable:
        messages.error(request, _("A published or withdrawn update can no longer be edited."))
        return redirect(update)
    return _edit_form(request, association=update.association, update=update)


@login_required
@require_POST
def publish(request, pk):
    update = get_manageable(request.user, pk)
    try:
        services.update_publish(update=update, by=request.user)
        messages.success(request, _("Published."))
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    return redirect(update)


@login_required
@require_POST
def withdraw(request, pk):
    update = get_manageable(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.update_withdraw(update=update, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Withdrawn. It no longer appears in feeds, the archive or Atom feeds."))
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
    return redirect(update)


@login_required
def follow(request):
    current = Follow.objects.filter(user=request.user)
    initial = {
        "sectors": [f.sector_id for f in current if f.sector_id],
        "associations": [f.association_id for f in current if f.association_id],
    }
    form = FollowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.follows_set(
            user=request.user, sectors=form.cleaned_data["sectors"], associations=form.cleaned_data["associations"]
        )
        messages.success(request, _("Saved. Your feed now includes what you follow."))
        return redirect("updates:feed")
    return render(request, "updates/follow.html", {"form": form})


def recognitions(request):
    return render(request, "updates/recognitions.html", {"recognitions": selectors.current_recognitions()})


@login_required
def recognition_create(request):
    if not permissions.can_create_recognition(request.user):
        raise PermissionDenied
    form = RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recognition = services.recognition_create(by=request.user, **form.cleaned_data)
        except ActionRefused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Recognition recorded and announced."))
            return redirect(recognition.update)
    return render(request, "updates/recognition_form.html", {"form": form})
