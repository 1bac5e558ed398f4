from portal.associations.models import Status
from portal.associations.permissions import can_manage, can_view_member_directory


def test_the_cast_has_the_powers_the_permission_table_gives_them(
    association_a, association_b, bearer_a, member_a, member_b
):
    assert association_a.status == Status.APPROVED
    assert can_manage(bearer_a, association_a)
    assert not can_manage(bearer_a, association_b)
    assert can_view_member_directory(member_a, association_a)
    assert not can_view_member_directory(member_b, association_a)
