"""Who reads, writes and moderates which space: every refusal has a test."""

import pytest
from django.contrib.auth.models import Permission

from portal import testing
from portal.community import permissions, services
from portal.community.models import Space
from portal.core.errors import ActionRefused

from .conftest import post


def test_every_registered_user_reads_public_spaces_but_nobody_anonymous(national, member_b, provider_user):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.can_read(member_b, national) and permissions.can_read(provider_user, national)
    assert not permissions.can_read(AnonymousUser(), national)
    assert not Space.objects.visible_to(AnonymousUser()).exists()


def test_the_association_space_is_for_its_members_and_office_only(space_a, member_a, bearer_a, member_b, bearer_b):
    assert permissions.can_read(member_a, space_a) and permissions.can_read(bearer_a, space_a)
    assert not permissions.can_read(member_b, space_a)
    assert not permissions.can_read(bearer_b, space_a)
    assert space_a not in Space.objects.visible_to(member_b)


def test_a_member_whose_request_is_pending_cannot_read_the_private_space(space_a, association_a):
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user)
    testing.make_membership(association=association_a, enterprise=enterprise, status="requested")
    assert not permissions.can_read(user, space_a)


def test_sidbi_and_platform_admins_read_all_but_sidbi_does_not_write_in_private_spaces(
    space_a, officer, platform_admin
):
    assert permissions.can_read(officer, space_a) and permissions.can_read(platform_admin, space_a)
    assert not permissions.can_post(officer, space_a)
    assert permissions.can_post(platform_admin, space_a)


def test_the_cluster_expert_does_not_read_the_private_space(space_a, cluster_expert):
    assert not permissions.can_read(cluster_expert, space_a)


def test_office_bearers_moderate_only_their_association_spaces(space_a, space_b, national, bearer_a, bearer_b):
    assert permissions.can_moderate(bearer_a, space_a)
    assert not permissions.can_moderate(bearer_a, space_b)
    assert not permissions.can_moderate(bearer_b, space_a)
    assert not permissions.can_moderate(bearer_a, national)


def test_members_and_sidbi_do_not_moderate(space_a, national, member_a, officer):
    for user in (member_a, officer):
        assert not permissions.can_moderate(user, space_a) and not permissions.can_moderate(user, national)


def test_the_moderate_all_permission_makes_a_platform_moderator(space_b, national):
    user = testing.make_user()
    user.user_permissions.add(Permission.objects.get(codename="moderate_all", content_type__app_label="community"))
    user = type(user).objects.get(pk=user.pk)
    assert permissions.can_moderate(user, national) and permissions.can_moderate(user, space_b)
    assert permissions.can_read(user, space_b)


def test_association_staff_read_but_do_not_moderate(space_a, association_a):
    from portal.associations.models import AssociationStaff, StaffRole

    clerk = testing.make_user()
    AssociationStaff.objects.create(association=association_a, user=clerk, role=StaffRole.STAFF)
    assert permissions.can_read(clerk, space_a) and not permissions.can_moderate(clerk, space_a)


def test_only_office_bearers_open_circles(association_a, bearer_a, member_a, bearer_b):
    circle = services.space_create_circle(association=association_a, name="Exporters' circle", by=bearer_a)
    assert circle.is_private and circle.association == association_a
    for user in (member_a, bearer_b):
        with pytest.raises(ActionRefused):
            services.space_create_circle(association=association_a, name="Another", by=user)


def test_a_circle_is_private_to_its_association(association_a, bearer_a, member_a, member_b):
    circle = services.space_create_circle(association=association_a, name="Exporters' circle", by=bearer_a)
    post(circle, member_a)
    assert permissions.can_read(member_a, circle) and not permissions.can_read(member_b, circle)
