from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.core.errors import ActionRefused
from portal.learning import permissions, selectors, services
from portal.learning.forms import LibraryFilterForm, PathForm, ResourceForm, SeriesForm, StepForm
from portal.learning.models import Bookmark, LearningPath, PathStep, Resource, Series

PAGE_SIZE = 20


def get_resource(user, pk: int) -> Resource:
    """The resource if the user may open it; anything else (another association's private one) is a 404."""
    return get_object_or_404(
        Resource.objects.visible_to(user)
        .with_version(selectors.reader_language())
        .select_related("association", "series", "created_by"),
        pk=pk,
    )


def get_editable_resource(user, pk: int) -> Resource:
    resource = get_resource(user, pk)
    if not permissions.can_edit(user, resource):
        raise PermissionDenied
    return resource


def get_path(user, slug: str) -> LearningPath:
    return get_object_or_404(LearningPath.objects.visible_to(user), slug=slug)


def get_managed_path(user, slug: str) -> LearningPath:
    if not permissions.can_manage_paths(user):
        raise PermissionDenied
    return get_path(user, slug)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return default


def _offices(user):
    """Associations the user may add resources for."""
    return [a for a in Association.objects.managed_by(user).order_by("name") if permissions.can_add_for(user, a)]


def index(request):
    """Library home: shelves by kind, or with a search or filter the matching resources, paginated."""
    user = request.user
    form = LibraryFilterForm(request.GET or None)
    filters = selectors.LibraryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.LibraryFilters(
            q=data["q"], kind=data["kind"], topic=data["topic"], sector=data["sector"], stage=data["stage"]
        )
    context = {
        "form": form,
        "filters": filters,
        "can_publish_national": permissions.can_publish_national(user),
        "continue_progress": selectors.continue_where_left_off(user),
    }
    if filters.any:
        context["page"] = Paginator(selectors.search(user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        context["shelves"] = selectors.shelves(user)
        context["paths"] = list(LearningPath.objects.published().blank_stage_last()[:6])
    return render(request, "learning/index.html", context)


def resource(request, pk):
    """A resource's page; with ?path=<slug> it shows where it stands in that learning path."""
    user = request.user
    item = get_resource(user, pk)
    related = selectors.resources_for(user).filter(pk__in=item.related.values("pk")).select_related("association")
    episodes = []
    if item.series_id:
        episodes = list(
            selectors.resources_for(user).filter(series=item.series).order_by("episode_number", "recorded_on", "id")
        )
    context = {
        "resource": item,
        "version": selectors.version_of(item, selectors.reader_language()),
        "related": list(related),
        "episodes": episodes,
        "topics": list(item.topics.order_by("name")),
        "sectors": list(item.sectors.order_by("name")),
        "can_edit": permissions.can_edit(user, item),
        "bookmarked": user.is_authenticated and Bookmark.objects.filter(user=user, resource=item).exists(),
    }
    path_slug = request.GET.get("path")
    if path_slug:
        path = LearningPath.objects.published().filter(slug=path_slug).first()
        if path is not None:
            progress = selectors.progress_of(path, user)
            step = next((s for s in progress.steps if s.resource_id == item.pk), None)
            if step is not None:
                context.update(
                    progress=progress,
                    step=step,
                    step_number=progress.position(step),
                    step_done=step.pk in progress.done_ids,
                )
    return render(request, "learning/resource.html", context)


def resource_file(request, pk):
    """The PDF, only for those who may open the resource: a private resource's file is a 404 to everyone else."""
    item = get_resource(request.user, pk)
    if not item.file:
        raise Http404
    name = f"{slugify(item.title)[:80] or f'resource-{item.pk}'}.pdf"
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:  # the row outlived its file (a restore without media): not a 500
        raise Http404 from exc
    return FileResponse(handle, content_type="application/pdf", filename=name, as_attachment=True)


@login_required
@require_POST
def bookmark(request, pk):
    item = get_resource(request.user, pk)
    bookmarked = services.bookmark_toggle(resource=item, by=request.user)
    if request.htmx:
        context = {"resource": item, "bookmarked": bookmarked, "next": _safe_next(request, item.get_absolute_url())}
        return render(request, "learning/_bookmark.html", context)
    messages.success(request, _("Bookmarked.") if bookmarked else _("Bookmark removed."))
    return redirect(_safe_next(request, item.get_absolute_url()))


@login_required
def bookmarks(request):
    page = Paginator(selectors.bookmarks_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for mark in page:
        mark.resource.bookmarked = True
    return render(request, "learning/bookmarks.html", {"page": page})


@login_required
def mine(request):
    """Resources the user may edit (drafts included), newest first, and links to add more."""
    user = request.user
    items = Resource.objects.editable_by(user).select_related("association", "series").order_by("status", "-created_at")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/mine.html",
        {
            "page": page,
            "offices": _offices(user),
            "can_publish_national": permissions.can_publish_national(user),
        },
    )


def _association_or_none(slug):
    return get_object_or_404(Association.objects.approved(), slug=slug) if slug else None


@login_required
def resource_new(request, slug=None):
    user = request.user
    association = _association_or_none(slug)
    if not permissions.can_add_for(user, association):
        if association is not None:
            refuse_at(user, association, _("Only the association's office-bearers add its learning material."))
        raise PermissionDenied
    form = ResourceForm(request.POST or None, request.FILES or None, association=association, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.resource_create(
                association=association, file=form.cleaned_data.get("upload"), by=user, **form.service_fields()
            )
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Saved as a draft. Check it, then publish it."))
            return redirect(item.get_absolute_url())
    return render(request, "learning/resource_form.html", {"form": form, "association": association})


@login_required
def resource_edit(request, pk):
    user = request.user
    item = get_editable_resource(user, pk)
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=item, association=item.association, user=user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(
                resource=Resource.objects.get(pk=item.pk),
                file=form.cleaned_data.get("upload"),
                by=user,
                **form.service_fields(),
            )
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Changes saved."))
            return redirect(item.get_absolute_url())
    return render(
        request, "learning/resource_form.html", {"form": form, "association": item.association, "resource": item}
    )


@login_required
@require_POST
def resource_action(request, pk, action):
    item = get_editable_resource(request.user, pk)
    handlers = {"publish": services.resource_publish, "unpublish": services.resource_unpublish}
    if action not in handlers:
        raise Http404
    try:
        handlers[action](resource=item, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Published.") if action == "publish" else _("Back to draft: hidden from readers."))
    return redirect(item.get_absolute_url())


def series(request, slug):
    """A series of recorded sessions and the episodes the user may open."""
    user = request.user
    item = get_object_or_404(Series.objects.select_related("association"), slug=slug)
    episodes = list(
        Resource.objects.visible_to(user)
        .filter(series=item)
        .select_related("association")
        .order_by("episode_number", "recorded_on", "id")
    )
    can_edit = permissions.can_edit(user, item)
    if not episodes and not can_edit:
        raise Http404
    return render(request, "learning/series.html", {"series": item, "episodes": episodes, "can_edit": can_edit})


@login_required
def series_new(request, slug=None):
    user = request.user
    association = _association_or_none(slug)
    if not permissions.can_add_for(user, association):
        if association is not None:
            refuse_at(user, association, _("Only the association's office-bearers add its learning material."))
        raise PermissionDenied
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.series_create(association=association, by=user, **form.cleaned_data)
        messages.success(request, _("Series started. Add its recorded sessions as resources."))
        return redirect(item.get_absolute_url())
    return render(request, "learning/series_form.html", {"form": form, "association": association})


# Learning paths


def paths(request):
    """All published paths (and drafts for those who make them), with the user's progress on each."""
    user = request.user
    items = LearningPath.objects.visible_to(user).blank_stage_last()
    return render(
        request,
        "learning/paths.html",
        {
            "progresses": selectors.paths_with_progress(user, items),
            "can_manage": permissions.can_manage_paths(user),
        },
    )


def path(request, slug):
    user = request.user
    item = get_path(user, slug)
    progress = selectors.progress_of(item, user)
    return render(
        request,
        "learning/path.html",
        {"path": item, "progress": progress, "can_manage": permissions.can_manage_paths(user)},
    )


def path_continue(request, slug):
    """Continue where the user left off: the first step not yet done (the path page when all are done)."""
    item = get_path(request.user, slug)
    progress = selectors.progress_of(item, request.user)
    step = progress.next_step
    if step is None:
        return redirect(item.get_absolute_url())
    return redirect(f"{step.resource.get_absolute_url()}?path={item.slug}")


@login_required
@require_POST
def step_done(request, slug, step_pk, action):
    item = get_path(request.user, slug)
    step = get_object_or_404(PathStep.objects.select_related("path", "resource"), pk=step_pk, path=item)
    if action == "done":
        try:
            services.step_mark_done(step=step, by=request.user)
        except ActionRefused as exc:
            messages.error(request, exc.messages[0])
            return redirect(item.get_absolute_url())
        if request.POST.get("then") == "continue":
            return redirect("learning:path_continue", item.slug)
    elif action == "undone":
        services.step_mark_undone(step=step, by=request.user)
    else:
        raise Http404
    return redirect(_safe_next(request, item.get_absolute_url()))


@login_required
def path_new(request):
    if not permissions.can_manage_paths(request.user):
        raise PermissionDenied
    form = PathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.path_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("Path saved as a draft. Add its steps, then publish it."))
        return redirect("learning:path_manage", item.slug)
    return render(request, "learning/path_form.html", {"form": form})


@login_required
def path_manage(request, slug):
    """Edit a path: its description, its steps (add, remove, reorder) and publish it."""
    item = get_managed_path(request.user, slug)
    form = PathForm(request.POST if "save" in request.POST else None, instance=item)
    step_form = StepForm(request.POST if "add" in request.POST else None, path=item)
    if request.method == "POST":
        try:
            if "save" in request.POST and form.is_valid():
                services.path_update(path=item, by=request.user, **form.cleaned_data)
                messages.success(request, _("Path saved."))
                return redirect("learning:path_manage", item.slug)
            if "add" in request.POST and step_form.is_valid():
                services.path_add_step(path=item, by=request.user, **step_form.cleaned_data)
                messages.success(request, _("Step added."))
                return redirect("learning:path_manage", item.slug)
        except ActionRefused as exc:
            messages.error(request, exc.messages[0])
    steps = list(item.steps.select_related("resource").order_by("order", "id"))
    return render(
        request, "learning/path_manage.html", {"path": item, "form": form, "step_form": step_form, "steps": steps}
    )


@login_required
@require_POST
def path_step_action(request, slug, step_pk, action):
    item = get_managed_path(request.user, slug)
    step = get_object_or_404(PathStep, pk=step_pk, path=item)
    try:
        if action == "remove":
            services.path_remove_step(step=step, by=request.user)
        elif action in ("up", "down"):
            services.path_move_step(step=step, direction=action, by=request.user)
        else:
            raise Http404
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    return redirect("learning:path_manage", item.slug)


@login_required
@require_POST
def path_action(request, slug, action):
    item = get_managed_path(request.user, slug)
    handlers = {"publish": services.path_publish, "unpublish": services.path_unpublish}
    if action not in handlers:
        raise Http404
    try:
        handlers[action](path=item, by=request.user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Path published.") if action == "publish" else _("Path back to draft."))
    return redirect("learning:path_manage", item.slug)
