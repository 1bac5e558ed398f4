"""Services: who may add, edit and publish; the rules a resource keeps; bookmarks; paths and progress."""

import pytest
from django.core.files.base import ContentFile

from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.learning import services
from portal.learning.models import Audience, Bookmark, Kind, PathStep, Status, StepDone
from portal.learning.selectors import progress_of
from portal.notifications.models import Broadcast

from .conftest import make_resource, pdf


def test_officer_publishes_a_national_resource_with_an_audit_row(officer):
    resource = make_resource(by=officer)
    assert resource.status == Status.PUBLISHED and resource.published_at is not None
    actions = set(AuditLog.objects.for_object(resource).values_list("action", flat=True))
    assert actions == {"learning.resource_created", "learning.resource_published"}


@pytest.mark.parametrize("who", ["member_a", "bearer_a", "cluster_expert", "provider_user"])
def test_only_sidbi_and_admins_add_national_resources(request, db, who):
    with pytest.raises(ActionRefused):
        make_resource(by=request.getfixturevalue(who))


def test_office_bearer_of_b_cannot_add_for_a(bearer_b, association_a):
    with pytest.raises(ActionRefused):
        make_resource(by=bearer_b, association=association_a)


def test_member_cannot_add_for_their_own_association(member_a, association_a):
    with pytest.raises(ActionRefused):
        make_resource(by=member_a, association=association_a)


def test_a_document_needs_a_pdf(officer):
    with pytest.raises(ActionRefused):
        services.resource_create(kind=Kind.DOCUMENT, title="t", summary="s", by=officer)


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_saved(officer):
    fake = ContentFile(b"MZ\x90\x00 this is an executable", name="guide.pdf")
    with pytest.raises(Exception, match="not a PDF"):
        services.resource_create(kind=Kind.DOCUMENT, title="t", summary="s", file=fake, by=officer)
    assert not AuditLog.objects.filter(action="learning.resource_created").exists()


def test_an_episode_needs_a_series_and_a_link(officer):
    with pytest.raises(ActionRefused, match="series"):
        services.resource_create(kind=Kind.EPISODE, title="t", summary="s", link="https://v.example.in/1", by=officer)
    series = services.series_create(title="DIA Conversations", by=officer)
    with pytest.raises(ActionRefused, match="link"):
        services.resource_create(kind=Kind.EPISODE, title="t", summary="s", series=series, by=officer)


def test_a_javascript_link_is_refused(officer):
    with pytest.raises(ActionRefused):
        services.resource_create(kind=Kind.VIDEO, title="t", summary="s", link="javascript:alert(1)", by=officer)


def test_an_association_cannot_file_an_episode_under_a_national_series(officer, bearer_a, association_a):
    series = services.series_create(title="DIA Conversations", by=officer)
    with pytest.raises(ActionRefused, match="someone else"):
        make_resource(by=bearer_a, association=association_a, kind=Kind.EPISODE, series=series)


def test_national_resources_are_always_public(officer):
    resource = make_resource(by=officer, audience=Audience.MEMBERS)
    assert resource.audience == Audience.PUBLIC


def test_publishing_a_members_only_resource_tells_the_members(bearer_a, association_a, member_a, member_b):
    make_resource(by=bearer_a, association=association_a, audience=Audience.MEMBERS)
    broadcast = Broadcast.objects.get(kind="learning.resource_published")
    assert broadcast.recipient_ids == [member_a.pk]


def test_member_of_a_cannot_edit_or_publish_a_resource(member_a, bearer_a, association_a):
    resource = make_resource(by=bearer_a, association=association_a, publish=False)
    with pytest.raises(ActionRefused):
        services.resource_publish(resource=resource, by=member_a)
    with pytest.raises(ActionRefused):
        services.resource_update(resource=resource, title="Hacked", by=member_a)


def test_update_replaces_the_file_and_records_the_changed_fields(officer):
    resource = make_resource(by=officer, kind=Kind.DOCUMENT)
    services.resource_update(resource=resource, title="New title", file=pdf("v2.pdf"), by=officer)
    resource.refresh_from_db()
    assert resource.title == "New title"
    entry = AuditLog.objects.get(action="learning.resource_updated")
    assert entry.data["fields"] == ["title"] and entry.data["new_file"] is True


def test_unpublish_hides_and_publish_twice_is_refused(officer):
    resource = make_resource(by=officer)
    with pytest.raises(ActionRefused):
        services.resource_publish(resource=resource, by=officer)
    services.resource_unpublish(resource=resource, by=officer)
    resource.refresh_from_db()
    assert resource.status == Status.DRAFT and resource.published_at is None


def test_bookmark_toggles(member_a, national):
    assert services.bookmark_toggle(resource=national, by=member_a) is True
    assert Bookmark.objects.filter(user=member_a, resource=national).count() == 1
    assert services.bookmark_toggle(resource=national, by=member_a) is False
    assert not Bookmark.objects.exists()


def test_anonymous_cannot_bookmark(national):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ActionRefused):
        services.bookmark_toggle(resource=national, by=AnonymousUser())


@pytest.fixture
def path(officer):
    path = services.path_create(title="From establishment to operationalisation", description="d", by=officer)
    for n in range(1, 5):
        services.path_add_step(path=path, resource=make_resource(by=officer, title=f"Step {n}"), by=officer)
    return services.path_publish(path=path, by=officer)


def test_progress_counts_done_steps_and_continues_at_the_first_not_done(path, member_a):
    steps = list(path.steps.order_by("order"))
    services.step_mark_done(step=steps[0], by=member_a)
    services.step_mark_done(step=steps[2], by=member_a)
    assert services.step_mark_done(step=steps[2], by=member_a) is False
    progress = progress_of(path, member_a)
    assert (progress.done, progress.total, progress.percent) == (2, 4, 50)
    assert progress.next_step == steps[1]
    services.step_mark_undone(step=steps[0], by=member_a)
    assert progress_of(path, member_a).next_step == steps[0]


def test_progress_is_per_user(path, member_a, member_b):
    services.step_mark_done(step=path.steps.first(), by=member_a)
    assert progress_of(path, member_b).done == 0


def test_a_private_resource_cannot_be_a_step(path, officer, private_a):
    with pytest.raises(ActionRefused, match="open to everyone"):
        services.path_add_step(path=path, resource=private_a, by=officer)


def test_a_draft_resource_cannot_be_a_step(path, officer):
    with pytest.raises(ActionRefused):
        services.path_add_step(path=path, resource=make_resource(by=officer, publish=False), by=officer)


def test_the_same_resource_twice_is_refused(path, officer):
    with pytest.raises(ActionRefused, match="already"):
        services.path_add_step(path=path, resource=path.steps.first().resource, by=officer)


def test_members_cannot_make_paths(member_a, bearer_a):
    for user in (member_a, bearer_a):
        with pytest.raises(ActionRefused):
            services.path_create(title="t", description="d", by=user)


def test_moving_a_step_swaps_it_with_its_neighbour(path, officer):
    first, second = list(path.steps.order_by("order"))[:2]
    services.path_move_step(step=second, direction="up", by=officer)
    assert list(path.steps.order_by("order").values_list("pk", flat=True))[:2] == [second.pk, first.pk]
    with pytest.raises(ActionRefused):
        services.path_move_step(step=PathStep.objects.get(pk=second.pk), direction="up", by=officer)


def test_removing_a_step_drops_its_progress(path, officer, member_a):
    step = path.steps.first()
    services.step_mark_done(step=step, by=member_a)
    services.path_remove_step(step=step, by=officer)
    assert not StepDone.objects.exists() and progress_of(path, member_a).total == 3


def test_an_empty_path_cannot_be_published(officer):
    empty = services.path_create(title="Empty", description="d", by=officer)
    with pytest.raises(ActionRefused):
        services.path_publish(path=empty, by=officer)


def test_progress_on_a_draft_path_is_refused(officer, member_a):
    draft = services.path_create(title="Draft", description="d", by=officer)
    step = services.path_add_step(path=draft, resource=make_resource(by=officer), by=officer)
    with pytest.raises(ActionRefused):
        services.step_mark_done(step=step, by=member_a)
