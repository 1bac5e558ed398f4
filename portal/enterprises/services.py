from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.accounts.models import User
from portal.core.audit import audit
from portal.core.errors import ActionRefused
from portal.core.models import Sector, State
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser, default_shared_fields


@dataclass(frozen=True)
class EnterpriseProfile:
    """An enterprise's profile as its people give it (the profile form's fields, already validated)."""

    name: str
    udyam_number: str
    pan: str
    category: str
    sector: Sector
    employees: int
    address: str
    district: str
    state: State
    pin_code: str
    gstin: str = ""
    products: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    shared_fields: Sequence[str] = field(default_factory=lambda: list(default_shared_fields()))

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


DUPLICATE = _lazy("An enterprise with this Udyam number or GSTIN is already on the portal.")


@transaction.atomic
def enterprise_create(*, profile: EnterpriseProfile, by) -> Enterprise:
    """Create an enterprise from its profile; its creator becomes the owner."""
    try:
        with transaction.atomic():
            enterprise = Enterprise.objects.create(**profile.fields())
    except IntegrityError as exc:
        raise ActionRefused(str(DUPLICATE)) from exc
    EnterpriseUser.objects.create(enterprise=enterprise, user=by, role=EnterpriseRole.OWNER)
    audit(actor=by, action="enterprise.created", target=enterprise)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, profile: EnterpriseProfile, by) -> Enterprise:
    """Save the profile; the audit row names the fields that changed."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    values = profile.fields()
    changed = [name for name, value in values.items() if getattr(enterprise, name) != value]
    for name, value in values.items():
        setattr(enterprise, name, value)
    try:
        with transaction.atomic():
            enterprise.save(update_fields=list(values))
    except IntegrityError as exc:
        raise ActionRefused(str(DUPLICATE)) from exc
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
