"""One per-request memo for what a user is (their offices, enterprises, providers), that cannot go stale.

The memo lives on the user object, which Django builds afresh for every request, so nothing outlives the
request. Within a request (and in tests that keep one user object across calls) a saved or deleted role
row bumps a generation counter, and every memo computed before it is recomputed on next read.
"""

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save

_generation = 0


def _bump(**_kwargs) -> None:
    global _generation
    _generation += 1


def invalidated_by(*models) -> None:
    """Rows of these models decide roles: saving or deleting one invalidates every memo."""
    for model in models:
        uid = f"portal.core.memo:{model._meta.label}"
        post_save.connect(_bump, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_bump, sender=model, dispatch_uid=uid + ":delete", weak=False)


def remember(user, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per request and user, unless a role row changed since."""
    memo = getattr(user, "_portal_memo", None)
    if memo is None:
        memo = {}
        user._portal_memo = memo
    hit = memo.get(name)
    if hit is not None and hit[0] == _generation:
        return hit[1]
    value = compute()
    memo[name] = (_generation, value)
    return value


def forget(user) -> None:
    """Drop everything remembered about the user (after a change made with bulk queries, which send no signals)."""
    if getattr(user, "_portal_memo", None):
        user._portal_memo = {}
