"""The two shapes of every access rule (docs/permissions.md).

In each app's ``permissions.py``, ``check_<action>(user, obj)`` raises the refusal: ``Http404`` where the
object must not be revealed to this user (it is not theirs: answered exactly as if it did not exist),
``PermissionDenied`` with the message the user sees where they may see it but not do this. ``can_<action>``
is derived with :func:`can`, so what a button shows and what the service enforces cannot drift apart.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.core.errors import ActionRefused


class Forbidden(PermissionDenied, ActionRefused):
    """Refused with a reason the user may read (403). Services' callers catch it as ActionRefused too."""


class NotYours(Http404, ActionRefused):
    """Refused exactly as if the object did not exist (404): the user has no standing to know of it."""


# While can() asks, a refusal needs no 403-or-404 decision (which may cost a query): it is just False.
_asking: ContextVar[bool] = ContextVar("portal_permission_asking", default=False)


def can(check: Callable[..., None]) -> Callable[..., bool]:
    """``can_x = can(check_x)``: True where ``check_x`` lets the user through, False where it refuses."""

    def allowed(*args, **kwargs) -> bool:
        token = _asking.set(True)
        try:
            check(*args, **kwargs)
        except (PermissionDenied, Http404):
            return False
        finally:
            _asking.reset(token)
        return True

    allowed.__name__ = check.__name__.replace("check_", "can_", 1)
    allowed.__qualname__ = allowed.__name__
    allowed.__doc__ = check.__doc__
    allowed.__module__ = check.__module__
    return allowed


def refuse(message: str = "", *, reveal: bool | Callable[[], bool]) -> None:
    """Refuse: as forbidden (403 with ``message``) where ``reveal``, else exactly as if it did not exist (404).

    ``reveal`` may be a function (asked only when a refusal really reaches the user, never inside :func:`can`).
    """
    if _asking.get():
        raise Forbidden(message)
    if callable(reveal):
        reveal = reveal()
    if reveal:
        raise Forbidden(message)
    raise NotYours(message)
