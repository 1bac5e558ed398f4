"""Writes for the learning library: resources, series, bookmarks, learning paths and progress on them."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.uploads import validate_upload
from portal.learning import permissions, states
from portal.learning.models import (
    Audience,
    Bookmark,
    Kind,
    LearningPath,
    PathStep,
    Resource,
    Series,
    Status,
    StepDone,
)

RESOURCE_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "language",
    "link",
    "cluster_stage",
    "audience",
    "series",
    "episode_number",
    "speakers",
    "recorded_on",
    "duration_minutes",
)
M2M_FIELDS = ("topics", "sectors", "related")
RESERVED_SLUGS = {"new"}


def unique_slug(model, text: str, *, fallback: str) -> str:
    """A slug from the title; a Hindi-only title gives none, so it falls back to "<fallback>-<n>"."""
    base = slugify(text)[:200] or fallback
    if base in RESERVED_SLUGS:  # "paths/new/" and "series/new/" are pages
        base = f"{base}-{fallback}"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_resource(resource: Resource) -> None:
    """The rules every resource keeps, whoever saves it."""
    if resource.kind == Kind.DOCUMENT and not resource.file:
        raise ActionRefused(_("A document needs its PDF."))
    if resource.kind in (Kind.VIDEO, Kind.EPISODE) and not resource.link:
        raise ActionRefused(_("A video or recorded session needs the link to the recording."))
    if resource.kind == Kind.EPISODE and resource.series_id is None:
        raise ActionRefused(_("A recorded session belongs to a series: choose one."))
    if resource.kind != Kind.EPISODE and resource.series_id is not None:
        raise ActionRefused(_("Only recorded sessions belong to a series."))
    if resource.link and not resource.link.lower().startswith(("https://", "http://")):
        raise ActionRefused(_("The link must start with https:// or http://."))
    if resource.series_id and resource.series.association_id != resource.association_id:
        raise ActionRefused(_("The series belongs to someone else."))
    if resource.association_id is None:
        resource.audience = Audience.PUBLIC


def _set_file(resource: Resource, upload) -> None:
    if upload is not None:
        validate_upload(upload, kinds=("pdf",))
        resource.file.save("document.pdf", upload, save=False)


def _set_m2m(resource: Resource, values: dict) -> None:
    for name in M2M_FIELDS:
        if name in values:
            items = [item for item in values[name] if name != "related" or item.pk != resource.pk]
            getattr(resource, name).set(items)


@transaction.atomic
def resource_create(*, association=None, file=None, by, **fields) -> Resource:
    """Add a resource as a draft for the association (or nationally when association is None)."""
    if not permissions.can_add_for(by, association):
        raise ActionRefused(_("You may not add resources here."))
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    resource = Resource(association=association, created_by=by, **fields)
    _set_file(resource, file)
    _check_resource(resource)
    resource.save()
    _set_m2m(resource, m2m)
    audit(actor=by, action="learning.resource_created", target=resource, association=association, kind=resource.kind)
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, file=None, by, **fields) -> Resource:
    if not permissions.can_edit(by, resource):
        raise ActionRefused(_("You may not edit this resource."))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(resource, name) != value)
    for name, value in fields.items():
        setattr(resource, name, value)
    old_file = resource.file.name if file is not None and resource.file else None
    _set_file(resource, file)
    _check_resource(resource)
    resource.save()
    _set_m2m(resource, m2m)
    if old_file:
        transaction.on_commit(lambda: resource.file.storage.delete(old_file))
    audit(
        actor=by,
        action="learning.resource_updated",
        target=resource,
        association=resource.association,
        fields=changed,
        new_file=file is not None,
    )
    return resource


@transaction.atomic
def resource_publish(*, resource: Resource, by) -> Resource:
    if not permissions.can_edit(by, resource):
        raise ActionRefused(_("You may not publish this resource."))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    states.RESOURCE.check(resource.status, Status.PUBLISHED, refusal=_("This resource is already published."))
    _check_resource(resource)
    resource.status, resource.published_at = Status.PUBLISHED, timezone.now()
    resource.save(update_fields=["status", "published_at", "audience"])
    audit(actor=by, action="learning.resource_published", target=resource, association=resource.association)
    if resource.association_id and resource.audience == Audience.MEMBERS:
        _tell_members(resource, by)
    return resource


def _tell_members(resource: Resource, by) -> None:
    """Members of the association hear of a new resource meant for them (in the background, batched)."""
    from django.contrib.auth import get_user_model

    from portal.associations.models import MembershipStatus
    from portal.notifications.services import broadcast

    users = get_user_model().objects.filter(
        enterprise_roles__enterprise__memberships__association=resource.association,
        enterprise_roles__enterprise__memberships__status=MembershipStatus.APPROVED,
    )
    broadcast(
        users=users,
        kind="learning.resource_published",
        title=_("New in your association's library: %(title)s") % {"title": resource.title},
        link=resource.get_absolute_url(),
        body=resource.summary,
        started_by=by,
    )


@transaction.atomic
def resource_unpublish(*, resource: Resource, by) -> Resource:
    if not permissions.can_edit(by, resource):
        raise ActionRefused(_("You may not unpublish this resource."))
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    states.RESOURCE.check(resource.status, Status.DRAFT, refusal=_("This resource is not published."))
    resource.status, resource.published_at = Status.DRAFT, None
    resource.save(update_fields=["status", "published_at"])
    audit(actor=by, action="learning.resource_unpublished", target=resource, association=resource.association)
    return resource


@transaction.atomic
def series_create(*, title: str, description: str = "", association=None, by) -> Series:
    if not permissions.can_add_for(by, association):
        raise ActionRefused(_("You may not start a series here."))
    series = Series.objects.create(
        title=title,
        description=description,
        association=association,
        created_by=by,
        slug=unique_slug(Series, title, fallback="series"),
    )
    audit(actor=by, action="learning.series_created", target=series, association=association)
    return series


# Bookmarks


@transaction.atomic
def bookmark_toggle(*, resource: Resource, by) -> bool:
    """Bookmark the resource, or remove the bookmark; returns whether it is now bookmarked."""
    if not permissions.can_bookmark(by):
        raise ActionRefused(_("Log in to bookmark resources."))
    deleted, _rows = Bookmark.objects.filter(user=by, resource=resource).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Bookmark.objects.create(user=by, resource=resource)
    except IntegrityError:
        pass  # a double click from another tab already made it
    return True


# Learning paths


def _check_path_manager(by) -> None:
    if not permissions.can_manage_paths(by):
        raise ActionRefused(_("Only SIDBI staff and platform admins make learning paths."))


@transaction.atomic
def path_create(*, title: str, description: str, cluster_stage: str = "", by) -> LearningPath:
    _check_path_manager(by)
    path = LearningPath.objects.create(
        title=title,
        description=description,
        cluster_stage=cluster_stage,
        created_by=by,
        slug=unique_slug(LearningPath, title, fallback="path"),
    )
    audit(actor=by, action="learning.path_created", target=path)
    return path


@transaction.atomic
def path_update(*, path: LearningPath, title: str, description: str, cluster_stage: str, by) -> LearningPath:
    _check_path_manager(by)
    path.title, path.description, path.cluster_stage = title, description, cluster_stage
    path.save(update_fields=["title", "description", "cluster_stage"])
    audit(actor=by, action="learning.path_updated", target=path)
    return path


def _lock(path: LearningPath) -> LearningPath:
    return LearningPath.objects.select_for_update().get(pk=path.pk)


@transaction.atomic
def path_add_step(*, path: LearningPath, resource: Resource, note: str = "", by) -> PathStep:
    """Add a resource at the end. Paths are for everyone, so only published public resources may be steps."""
    _check_path_manager(by)
    path = _lock(path)
    if not Resource.objects.public().filter(pk=resource.pk).exists():
        raise ActionRefused(_("Only published resources open to everyone can be steps of a learning path."))
    if path.steps.filter(resource=resource).exists():
        raise ActionRefused(_("This resource is already a step of the path."))
    last = path.steps.aggregate(last=Max("order"))["last"] or 0
    step = PathStep.objects.create(path=path, resource=resource, order=last + 1, note=note)
    audit(actor=by, action="learning.path_step_added", target=path, resource=resource.pk)
    return step


@transaction.atomic
def path_remove_step(*, step: PathStep, by) -> None:
    _check_path_manager(by)
    path = _lock(step.path)
    audit(actor=by, action="learning.path_step_removed", target=path, resource=step.resource_id)
    step.delete()


@transaction.atomic
def path_move_step(*, step: PathStep, direction: str, by) -> None:
    """Swap the step with its neighbour above ("up") or below ("down")."""
    _check_path_manager(by)
    path = _lock(step.path)
    steps = list(path.steps.order_by("order", "id"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(steps):
        raise ActionRefused(_("This step cannot move further."))
    steps[index], steps[other] = steps[other], steps[index]
    for position, item in enumerate(steps, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    audit(actor=by, action="learning.path_step_moved", target=path, resource=step.resource_id, direction=direction)


@transaction.atomic
def path_publish(*, path: LearningPath, by) -> LearningPath:
    _check_path_manager(by)
    path = _lock(path)
    states.PATH.check(path.status, Status.PUBLISHED, refusal=_("This path is already published."))
    if not path.steps.exists():
        raise ActionRefused(_("Add at least one step before publishing the path."))
    path.status, path.published_at = Status.PUBLISHED, timezone.now()
    path.save(update_fields=["status", "published_at"])
    audit(actor=by, action="learning.path_published", target=path)
    return path


@transaction.atomic
def path_unpublish(*, path: LearningPath, by) -> LearningPath:
    _check_path_manager(by)
    path = _lock(path)
    states.PATH.check(path.status, Status.DRAFT, refusal=_("This path is not published."))
    path.status, path.published_at = Status.DRAFT, None
    path.save(update_fields=["status", "published_at"])
    audit(actor=by, action="learning.path_unpublished", target=path)
    return path


@transaction.atomic
def step_mark_done(*, step: PathStep, by) -> bool:
    """Mark a step of a published path done for the user; returns False if it already was."""
    if not permissions.can_follow_paths(by):
        raise ActionRefused(_("Log in to keep your progress."))
    if not LearningPath.objects.published().filter(pk=step.path_id).exists():
        raise ActionRefused(_("This learning path is not published."))
    try:
        with transaction.atomic():
            StepDone.objects.create(user=by, step=step, path_id=step.path_id)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def step_mark_undone(*, step: PathStep, by) -> None:
    StepDone.objects.filter(user=by, step=step).delete()
