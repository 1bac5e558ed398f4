"""Who may do what in research. Views, templates and services use these predicates."""

from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus
from portal.associations.models import Status as AssociationStatus
from portal.associations.permissions import can_work_on
from portal.associations.roles import is_sidbi_staff
from portal.core import memo


def is_member(user) -> bool:
    """A person of an enterprise with an approved membership of an approved association."""
    if not user.is_authenticated:
        return False
    return memo.remember(
        user,
        "research_is_member",
        lambda: Membership.objects.filter(
            status=MembershipStatus.APPROVED,
            association__status=AssociationStatus.APPROVED,
            enterprise__people__user=user,
        ).exists(),
    )


def can_propose(user) -> bool:
    """Members propose topics and vote on them."""
    return is_member(user)


def can_activate_topics(user) -> bool:
    """SIDBI staff or the office of an approved association take a proposed topic up."""
    if not user.is_authenticated:
        return False
    if is_sidbi_staff(user):
        return True
    return AssociationStaff.objects.filter(user=user, association__status=AssociationStatus.APPROVED).exists()


def can_run_studies_for(user, association: Association | None) -> bool:
    """An association's office runs its studies; SIDBI staff run SIDBI's (association None)."""
    if not user.is_authenticated:
        return False
    if association is None:
        return is_sidbi_staff(user)
    return can_work_on(user, association)


def can_manage_study(user, study) -> bool:
    return can_run_studies_for(user, study.owner)


def can_answer(user, study) -> bool:
    """Invited: the study is out of draft and the user belongs to an enterprise of its audience."""
    from portal.research.models import Study

    return Study.objects.invited(user).filter(pk=study.pk).exists()


def can_read_findings(user, study) -> bool:
    from portal.research.models import StudyStatus

    return study.status == StudyStatus.PUBLISHED and (can_manage_study(user, study) or can_answer(user, study))
