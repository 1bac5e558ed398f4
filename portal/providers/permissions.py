"""Who may do what with a provider organisation (docs/permissions.md, "Providers").

- Anyone sees approved providers in the directory; a pending or rejected one is seen only by its
  own people and by SIDBI (everyone else gets a 404).
- A provider's people edit its profile and add colleagues; nobody else does (SIDBI uses the admin).
- SIDBI scheme officers (and platform admins) approve or reject registrations.
"""

from portal.associations.permissions import is_sidbi_reviewer, is_sidbi_staff
from portal.core import memo
from portal.providers.models import Provider, ProviderStatus, ProviderUser

memo.invalidated_by(ProviderUser)


def _provider_roles(user) -> dict[int, str]:
    """{provider id: provider status} for every provider the user acts for, read once per request."""
    if not user.is_authenticated:
        return {}
    return memo.remember(
        user,
        "provider_roles",
        lambda: dict(ProviderUser.objects.filter(user=user).values_list("provider_id", "provider__status")),
    )


def is_provider_user(user, provider: Provider) -> bool:
    """The user acts for this provider, whatever its status (they can follow their registration)."""
    return provider.pk in _provider_roles(user)


def provider_ids_for(user) -> set[int]:
    """Approved providers the user acts for: only these may answer requirements."""
    return {pk for pk, status in _provider_roles(user).items() if status == ProviderStatus.APPROVED}


def can_see_unapproved(user) -> bool:
    """SIDBI staff and platform admins see pending and rejected registrations."""
    return is_sidbi_staff(user)


def can_review(user) -> bool:
    return is_sidbi_reviewer(user)


def can_edit(user, provider: Provider) -> bool:
    return user.is_authenticated and user.is_active and is_provider_user(user, provider)


def forget_roles(user) -> None:
    """Drop the cached roles after a change (a registration, a colleague added)."""
    memo.forget(user)
