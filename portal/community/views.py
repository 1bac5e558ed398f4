from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.associations.models import Association
from portal.associations.permissions import refuse_at
from portal.community import permissions, selectors, services
from portal.community.forms import CircleForm, MoveForm, ReplyForm, ReportForm, TopicForm
from portal.community.models import PRIVATE_KINDS, Reply, Report, Space, SpaceFollow, SpaceKind, Topic, TopicFollow
from portal.core.errors import ActionRefused

TOPICS_PER_PAGE = 20
REPLIES_PER_PAGE = 20


def get_space(user, slug: str) -> Space:
    """The space if the user may read it; a private space of another association is a 404."""
    return get_object_or_404(Space.objects.visible_to(user).select_related("association", "sector", "state"), slug=slug)


def get_topic(user, pk: int) -> Topic:
    return get_object_or_404(
        Topic.objects.filter(space__in=Space.objects.visible_to(user)).select_related(
            "space__association",
            "space__sector",
            "space__state",
            "author__community_profile",
            "accepted_reply__author__community_profile",
        ),
        pk=pk,
    )


def get_moderated_topic(user, pk: int) -> Topic:
    topic = get_topic(user, pk)
    if not permissions.can_moderate(user, topic.space):
        raise PermissionDenied
    return topic


def _posted_reply(request, topic: Topic) -> Reply | None:
    """The reply named in the form (``reply``), which must be in this topic; none named: None."""
    value = request.POST.get("reply", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(Reply, pk=int(value), topic=topic)


def _back(request, default: str):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/community/") and "//" not in target else default)


@login_required
def index(request):
    """Every space the user can read: national, their associations', sectors, states (and all others for SIDBI)."""
    user = request.user
    services.ensure_public_spaces()
    for association in selectors.my_associations(user):
        services.space_for_association(association)
    spaces = list(
        Space.objects.visible_to(user)
        .select_related("association", "sector", "state")
        .annotate(
            topic_count=Count("topics", filter=Q(topics__hidden=False)),
            following=Exists(SpaceFollow.objects.filter(space=OuterRef("pk"), user=user)),
        )
        .order_by("name")
    )
    mine = set(selectors.my_associations(user).values_list("pk", flat=True))
    sections = {
        "national": [s for s in spaces if s.kind == SpaceKind.NATIONAL],
        "mine": [s for s in spaces if s.kind in PRIVATE_KINDS and s.association_id in mine],
        "sectors": [s for s in spaces if s.kind == SpaceKind.SECTOR],
        "states": [s for s in spaces if s.kind == SpaceKind.STATE],
        "others": [s for s in spaces if s.kind in PRIVATE_KINDS and s.association_id not in mine],
    }
    offices = selectors.managed_associations(user).order_by("name")
    return render(
        request,
        "community/index.html",
        {
            "sections": sections,
            "offices": offices,
            "handle": services.handle_for(user),
            "can_moderate_any": permissions.is_moderation_user(user),
        },
    )


@login_required
def space(request, slug):
    user = request.user
    space = get_space(user, slug)
    moderator = permissions.can_moderate(user, space)
    topics = selectors.topics_for(user, space=space, moderator=moderator).order_by(
        "-pinned", "-last_activity_at", "-id"
    )
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    for topic in page:
        topic.unread = selectors.is_unread(topic)
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page": page,
            "can_post": permissions.can_post(user, space),
            "moderator": moderator,
            "following": SpaceFollow.objects.filter(space=space, user=user).exists(),
        },
    )


@login_required
def topic_new(request, slug):
    user = request.user
    space = get_space(user, slug)
    permissions.check_post(user, space)
    form = TopicForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_create(space=space, by=user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Your topic is posted."))
            return redirect(topic)
    return render(
        request, "community/topic_new.html", {"space": space, "form": form, "handle": services.handle_for(user)}
    )


@login_required
def topic(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    space = topic.space
    moderator = permissions.can_moderate(user, space)
    previous_read = topic.reads.filter(user=user).values_list("read_at", flat=True).first()
    page = Paginator(selectors.replies_for(topic), REPLIES_PER_PAGE).get_page(request.GET.get("page"))
    replies = list(page)
    for reply in replies:
        reply.is_new = previous_read is not None and reply.created_at > previous_read and reply.author_id != user.pk
    reactions = selectors.reaction_counts(user, topic=topic, replies=replies)
    for reply in replies:
        reply.reaction_counts = reactions[("reply", reply.pk)]
    if not topic.hidden or moderator:
        services.topic_mark_read(topic=topic, by=user)
    can_post = permissions.can_reply(user, topic)
    context = {
        "topic": topic,
        "space": space,
        "page": page,
        "replies": replies,
        "topic_reactions": reactions[("topic", topic.pk)],
        "moderator": moderator,
        "can_accept": permissions.can_accept(user, topic),
        "can_post": can_post,
        "following": TopicFollow.objects.filter(topic=topic, user=user).exists(),
        "reply_form": ReplyForm(user=user),
        "report_form": ReportForm(),
        "handle": services.handle_for(user),
    }
    if moderator:
        context["move_form"] = MoveForm(spaces=Space.objects.moderated_by(user).exclude(pk=space.pk).order_by("name"))
    return render(request, "community/topic.html", context)


@login_required
def topic_edit(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    if not permissions.can_edit_post(user, topic):
        raise PermissionDenied
    form = TopicForm(
        request.POST or None, user=user, initial={"title": topic.title, "body": topic.body, "language": topic.language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_edit(topic=topic, by=user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(topic)
    return render(
        request,
        "community/post_edit.html",
        {"topic": topic, "space": topic.space, "form": form, "handle": services.handle_for(user)},
    )


@login_required
def reply_edit(request, pk):
    user = request.user
    reply = get_object_or_404(
        Reply.objects.filter(topic__space__in=Space.objects.visible_to(user)).select_related("topic__space"), pk=pk
    )
    if not permissions.can_edit_post(user, reply.topic, reply):
        raise PermissionDenied
    form = ReplyForm(request.POST or None, user=user, initial={"body": reply.body, "language": reply.language})
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_edit(reply=reply, by=user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("community:reply", reply.pk)
    return render(
        request,
        "community/post_edit.html",
        {
            "topic": reply.topic,
            "space": reply.topic.space,
            "reply": reply,
            "form": form,
            "handle": services.handle_for(user),
        },
    )


@login_required
def reply(request, pk):
    """A reply's permanent address: the page of its topic it is on, scrolled to it."""
    reply = get_object_or_404(
        Reply.objects.filter(topic__space__in=Space.objects.visible_to(request.user)).select_related("topic"), pk=pk
    )
    before = Reply.objects.filter(topic_id=reply.topic_id).filter(
        Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
    )
    page = before.count() // REPLIES_PER_PAGE + 1
    url = reverse("community:topic", args=[reply.topic_id])
    return redirect(f"{url}?page={page}#reply-{reply.pk}" if page > 1 else f"{url}#reply-{reply.pk}")


@login_required
@require_POST
def reply_new(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    permissions.check_post(user, topic.space)
    form = ReplyForm(request.POST, user=user)
    if form.is_valid():
        try:
            reply = services.reply_create(topic=topic, by=user, **form.cleaned_data)
        except ActionRefused as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect("community:reply", reply.pk)
    else:
        # Keep what they wrote: show the form again with its message instead of losing a long post.
        return render(
            request,
            "community/reply_retry.html",
            {"topic": topic, "space": topic.space, "form": form, "handle": services.handle_for(user)},
            status=400,
        )
    return redirect(topic)


@login_required
@require_POST
def react(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    reply = _posted_reply(request, topic)
    try:
        services.reaction_toggle(kind=request.POST.get("kind", ""), topic=topic, reply=reply, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    return _back(request, topic.get_absolute_url())


@login_required
@require_POST
def follow_topic(request, pk):
    topic = get_topic(request.user, pk)
    services.topic_follow(topic=topic, by=request.user, follow=request.POST.get("follow") == "1")
    return _back(request, topic.get_absolute_url())


@login_required
@require_POST
def follow_space(request, slug):
    space = get_space(request.user, slug)
    services.space_follow(space=space, by=request.user, follow=request.POST.get("follow") == "1")
    return _back(request, space.get_absolute_url())


@login_required
@require_POST
def accept(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    if not permissions.can_accept(user, topic):
        raise PermissionDenied
    reply = _posted_reply(request, topic)
    try:
        services.topic_accept(topic=topic, reply=reply, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    return redirect(reply or topic)


@login_required
@require_POST
def report(request, pk):
    user = request.user
    topic = get_topic(user, pk)
    reply = _posted_reply(request, topic)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the moderators what is wrong (1,000 characters at most)."))
    else:
        try:
            services.report_create(topic=topic, reply=reply, reason=form.cleaned_data["reason"], by=user)
        except ActionRefused as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
    return redirect(reply or topic)


TOPIC_ACTIONS = {
    "hide": (services.topic_hide, "hidden", True),
    "unhide": (services.topic_hide, "hidden", False),
    "lock": (services.topic_lock, "locked", True),
    "unlock": (services.topic_lock, "locked", False),
    "pin": (services.topic_pin, "pinned", True),
    "unpin": (services.topic_pin, "pinned", False),
}


@login_required
@require_POST
def moderate_topic(request, pk, action):
    if action not in TOPIC_ACTIONS:
        raise Http404
    topic = get_moderated_topic(request.user, pk)
    handler, argument, value = TOPIC_ACTIONS[action]
    try:
        handler(topic=topic, by=request.user, **{argument: value})
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Done."))
    return _back(request, topic.get_absolute_url())


@login_required
@require_POST
def moderate_reply(request, pk, action):
    if action not in ("hide", "unhide"):
        raise Http404
    reply = get_object_or_404(
        Reply.objects.filter(topic__space__in=Space.objects.visible_to(request.user)).select_related(
            "topic__space__association"
        ),
        pk=pk,
    )
    if not permissions.can_moderate(request.user, reply.topic.space):
        raise PermissionDenied
    services.reply_hide(reply=reply, hidden=action == "hide", by=request.user)
    messages.success(request, _("Done."))
    return _back(request, reverse("community:reply", args=[reply.pk]))


@login_required
@require_POST
def move(request, pk):
    user = request.user
    topic = get_moderated_topic(user, pk)
    form = MoveForm(request.POST, spaces=Space.objects.moderated_by(user).exclude(pk=topic.space_id))
    if not form.is_valid():
        messages.error(request, _("Choose a space you moderate."))
        return redirect(topic)
    try:
        services.topic_move(topic=topic, to=form.cleaned_data["to"], by=user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Topic moved."))
    return redirect(topic)


@login_required
def moderation(request):
    """Open reports in the spaces the user moderates (office-bearers: their association's; platform: all)."""
    user = request.user
    if not permissions.is_moderation_user(user):
        raise PermissionDenied
    page = Paginator(selectors.open_reports_for(user), 30).get_page(request.GET.get("page"))
    return render(request, "community/moderation.html", {"page": page})


@login_required
@require_POST
def report_dismiss(request, pk):
    user = request.user
    report = get_object_or_404(
        Report.objects.filter(topic__space__in=Space.objects.visible_to(user)).select_related(
            "topic__space__association"
        ),
        pk=pk,
    )
    if not permissions.can_moderate(user, report.topic.space):
        raise PermissionDenied
    try:
        services.report_dismiss(report=report, by=user)
    except ActionRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Report dismissed."))
    return redirect("community:moderation")


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    topics, replies = selectors.search(request.user, query)
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/search.html",
        {"query": query, "page": page, "replies": list(replies[:20]) if query else []},
    )


@login_required
def circle_new(request, slug):
    user = request.user
    association = get_object_or_404(Association.objects.visible_to(user), slug=slug)
    if not permissions.can_open_circle(user, association):
        refuse_at(user, association, _("Only the association's office-bearers open its circles."))
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            space = services.space_create_circle(association=association, by=user, **form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Space opened. Only your association's members and office can see it."))
            return redirect(space)
    return render(request, "community/circle_new.html", {"form": form, "association": association})
