from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser


@transaction.atomic
def enterprise_create(*, form, by) -> Enterprise:
    """Create an enterprise from a validated profile form; its creator becomes the owner."""
    try:
        with transaction.atomic():
            enterprise = form.save()
    except IntegrityError as exc:
        raise ActionRefused(_("An enterprise with this Udyam number or GSTIN is already on the portal.")) from exc
    EnterpriseUser.objects.create(enterprise=enterprise, user=by, role=EnterpriseRole.OWNER)
    audit(actor=by, action="enterprise.created", target=enterprise)
    return enterprise


@transaction.atomic
def enterprise_update(*, form, by) -> Enterprise:
    changed = list(form.changed_data)
    try:
        with transaction.atomic():
            enterprise = form.save()
    except IntegrityError as exc:
        raise ActionRefused(_("An enterprise with this Udyam number or GSTIN is already on the portal.")) from exc
    audit(actor=by, action="enterprise.updated", target=enterprise, fields=changed)
    return enterprise


@transaction.atomic
def enterprise_add_person(*, enterprise: Enterprise, email: str, by) -> EnterpriseUser:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ActionRefused(_("Nobody with this email has an account yet. Ask them to sign up first, then add them."))
    person, created = EnterpriseUser.objects.get_or_create(
        enterprise=enterprise, user=user, defaults={"role": EnterpriseRole.STAFF}
    )
    if not created:
        raise ActionRefused(_("%(email)s already acts for this enterprise.") % {"email": user.email})
    audit(actor=by, action="enterprise.person_added", target=enterprise, user=user.email)
    return person


@transaction.atomic
def enterprise_remove_person(*, person: EnterpriseUser, by) -> None:
    if person.role == EnterpriseRole.OWNER:
        raise ActionRefused(_("The owner cannot be removed."))
    audit(actor=by, action="enterprise.person_removed", target=person.enterprise, user=person.user.email)
    person.delete()
