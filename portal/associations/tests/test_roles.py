"""Roles and recipients in one module, the per-request memo, and the check/can pair."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal import testing
from portal.associations import permissions, roles
from portal.associations.models import AssociationStaff, StaffRole


def test_sidbi_staff_are_officers_authorities_and_platform_admins(
    officer, authority, cluster_expert, platform_admin, bearer_a, member_a, provider_user, anonymous
):
    from django.contrib.auth.models import AnonymousUser

    assert all(roles.is_sidbi_staff(user) for user in (officer, authority, platform_admin))
    assert not any(roles.is_sidbi_staff(user) for user in (cluster_expert, bearer_a, member_a, provider_user))
    assert not roles.is_sidbi_staff(AnonymousUser())


def test_office_users_are_office_bearers_or_the_whole_office_and_never_a_deactivated_account(association_a, bearer_a):
    clerk = testing.make_user("clerk@example.in")
    AssociationStaff.objects.create(association=association_a, user=clerk, role=StaffRole.STAFF)
    gone = testing.make_user("gone@example.in", is_active=False)
    AssociationStaff.objects.create(association=association_a, user=gone, role=StaffRole.ADMIN)

    assert set(roles.office_users(association_a, admins_only=True)) == {bearer_a}
    assert set(roles.office_users(association_a, admins_only=False)) == {bearer_a, clerk}


def test_managed_by_leaves_out_staff_when_admins_only(association_a, bearer_a):
    clerk = testing.make_user("clerk@example.in")
    AssociationStaff.objects.create(association=association_a, user=clerk, role=StaffRole.STAFF)

    assert list(roles.managed_by(clerk)) == [association_a]
    assert list(roles.managed_by(clerk, admins_only=True)) == []
    assert list(roles.managed_by(bearer_a, admins_only=True)) == [association_a]


def test_the_memo_sees_a_role_granted_after_it_was_first_asked(association_a):
    user = testing.make_user("new-bearer@example.in")
    assert not permissions.can_manage(user, association_a)

    AssociationStaff.objects.create(association=association_a, user=user, role=StaffRole.ADMIN)

    assert permissions.can_manage(user, association_a)


def test_the_memo_asks_the_database_once_per_request(association_a, bearer_a, django_assert_num_queries):
    permissions.can_manage(bearer_a, association_a)
    with django_assert_num_queries(0):
        assert permissions.can_manage(bearer_a, association_a)
        assert permissions.can_work_on(bearer_a, association_a)


def test_check_refuses_outsiders_as_if_absent_and_members_as_forbidden(association_a, member_a, member_b, bearer_b):
    for outsider in (member_b, bearer_b):
        with pytest.raises(Http404):
            permissions.check_manage(outsider, association_a)
    with pytest.raises(PermissionDenied):
        permissions.check_manage(member_a, association_a)
    assert not permissions.can_manage(member_a, association_a)
    assert not permissions.can_manage(member_b, association_a)
