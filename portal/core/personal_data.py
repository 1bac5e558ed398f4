"""The one registry of personal data: each app declares, in its own ``privacy.py``, which of its tables point
at a person and what deleting the account does to them. The privacy app reads only this registry, so it never
imports the apps above it; ``portal.privacy`` autodiscovers the ``privacy`` modules when Django starts.

Erasure actions:

- ``KEEP``: the row stays (the law or other people need it: books, invoices, decisions, case files); it points
  at the account, whose name, email and phone are pseudonymised, so it no longer says who the person was.
- ``DELETE``: the row is deleted (it exists only for the person: preferences, follows, bookmarks, tokens).
- ``DETACH``: the link to the person is set to NULL (anonymous contributions such as survey answers).
- ``blank(field, ...)``: the row stays but the named text fields are emptied (private messages' bodies).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

KEEP = "keep"
DELETE = "delete"
DETACH = "detach"


def blank(*fields: str) -> str:
    return "blank:" + ",".join(fields)


@dataclass(frozen=True)
class Source:
    """One table holding personal data: ``model`` ("app_label.ModelName") rows whose ``user_field`` is the person."""

    model: str
    user_field: str
    erase: str = KEEP
    why: str = ""
    exclude: tuple[str, ...] = field(default_factory=tuple)  # columns never exported (tokens, secrets)


@dataclass
class Registry:
    sources: list[Source] = field(default_factory=list)
    erasers: list[Callable] = field(default_factory=list)
    withdrawal_hooks: dict[str, list[Callable]] = field(default_factory=dict)
    retention_jobs: dict[str, Callable] = field(default_factory=dict)


registry = Registry()


def register(*sources: Source) -> None:
    """Declare tables holding personal data (call from ``portal/<app>/privacy.py``)."""
    for source in sources:
        if source not in registry.sources:
            registry.sources.append(source)


def register_eraser(function: Callable) -> Callable:
    """A function ``f(user)`` run inside the account-deletion transaction, for what the actions above cannot say."""
    if function not in registry.erasers:
        registry.erasers.append(function)
    return function


def on_consent_withdrawn(purpose: str) -> Callable:
    """Decorate ``f(user)`` to run when ``user`` withdraws (or refuses at sign-up) consent for ``purpose``."""

    def decorate(function: Callable) -> Callable:
        hooks = registry.withdrawal_hooks.setdefault(purpose, [])
        if function not in hooks:
            hooks.append(function)
        return function

    return decorate


def register_retention(name: str) -> Callable:
    """Decorate ``f(now) -> int`` (rows removed) as the retention job for one kind of data in ``apply_retention``."""

    def decorate(function: Callable) -> Callable:
        registry.retention_jobs[name] = function
        return function

    return decorate
