"""Writes to a person's own profile."""

from django.db import transaction

from portal.core.audit import audit
from portal.core.i18n import language_codes


@transaction.atomic
def user_language_set(*, user, language: str) -> bool:
    """Remember ``language`` on the profile so every device and every email follows it; returns whether it changed."""
    if language not in language_codes():
        raise ValueError(f"unknown language: {language!r}")
    if user.language == language:
        return False
    before = user.language
    user.language = language
    user.save(update_fields=["language"])
    audit(actor=user, action="accounts.language_set", target=user, before=before, after=language)
    return True
