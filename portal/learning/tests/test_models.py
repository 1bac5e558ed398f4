"""Visibility rules of resources and the ordering of paths_for_stage."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError

from portal.associations.models import Stage
from portal.learning import services
from portal.learning.models import Audience, LearningPath, Resource, Status
from portal.learning.selectors import paths_for_stage

from .conftest import make_resource


def visible(user):
    return set(Resource.objects.visible_to(user).values_list("title", flat=True))


def test_anonymous_sees_national_and_public_association_resources_only(national, private_a, public_a):
    assert visible(AnonymousUser()) == {national.title, public_a.title}


def test_member_of_a_sees_a_private_resource(member_a, national, private_a, public_a):
    assert private_a.title in visible(member_a)


def test_member_of_b_does_not_see_a_private_resource(member_b, private_a, public_a):
    assert visible(member_b) == {public_a.title}


def test_office_bearer_of_b_does_not_see_a_private_resource(bearer_b, private_a):
    assert private_a.title not in visible(bearer_b)


def test_sidbi_and_admin_see_private_resources(officer, platform_admin, private_a):
    assert private_a.title in visible(officer) and private_a.title in visible(platform_admin)


def test_drafts_are_visible_only_to_those_who_may_edit_them(bearer_a, member_a, officer, association_a, member_b):
    draft = make_resource(by=bearer_a, association=association_a, publish=False, title="Draft toolkit")
    national_draft = make_resource(by=officer, publish=False, title="National draft")
    assert draft.title in visible(bearer_a)
    assert draft.title not in visible(member_a)
    assert national_draft.title in visible(officer)
    assert national_draft.title not in visible(member_b) and national_draft.title not in visible(bearer_a)


def test_a_national_resource_cannot_be_members_only(officer, db):
    resource = make_resource(by=officer)
    with pytest.raises(IntegrityError):
        Resource.objects.filter(pk=resource.pk).update(audience=Audience.MEMBERS)


def _path(officer, title, stage, publish=True):
    path = services.path_create(title=title, description="d", cluster_stage=stage, by=officer)
    if publish:
        path.status = Status.PUBLISHED
        path.save(update_fields=["status"])
    return path


def test_paths_for_stage_returns_that_stage_then_the_blank_stage(officer):
    _path(officer, "B any stage", "")
    _path(officer, "A establishment", Stage.ESTABLISHMENT)
    _path(officer, "C establishment", Stage.ESTABLISHMENT)
    _path(officer, "Transformation", Stage.TRANSFORMATION)
    _path(officer, "Draft establishment", Stage.ESTABLISHMENT, publish=False)
    titles = [p.title for p in paths_for_stage(Stage.ESTABLISHMENT)]
    assert titles == ["A establishment", "C establishment", "B any stage"]
    first = paths_for_stage(Stage.ESTABLISHMENT).first()
    assert isinstance(first, LearningPath) and first.get_absolute_url() == f"/learning/paths/{first.slug}/"


def test_a_hindi_title_gets_a_usable_slug(officer):
    path = services.path_create(title="क्लस्टर संघ की सेवाएँ", description="d", by=officer)
    other = services.path_create(title="क्लस्टर संघ", description="d", by=officer)
    assert path.slug == "path" and other.slug == "path-2"


def test_a_path_titled_new_does_not_hide_the_new_path_page(officer):
    assert services.path_create(title="New", description="d", by=officer).slug != "new"
