"""Fixtures for updates (the shared cast is in the root conftest.py)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from portal import testing
from portal.core.models import Sector, State
from portal.core.samples import demo_pdf_bytes
from portal.updates import services


def publish(by, *, association=None, publish=True, audience=None, **fields):
    """An update saved and published through the services, as the form would. ``audience``: dict of
    for_everyone/sectors/states/associations/roles (default: everyone)."""
    values = {"kind": "news", "title": "GST return dates extended", "body": "Line one.\nLine two."}
    values.update(fields)
    audience = audience or {}
    audience.setdefault(
        "for_everyone", not any(audience.get(k) for k in ("sectors", "states", "associations", "roles"))
    )
    update = services.update_save(by=by, association=association, fields=values, **audience)
    return services.update_publish(update=update, by=by) if publish else update


def sectors(*slugs):
    return list(Sector.objects.filter(slug__in=slugs))


def states(*codes):
    return list(State.objects.filter(code__in=codes))


def pdf_file(name="circular.pdf"):
    return ContentFile(demo_pdf_bytes("Circular"), name=name)


@pytest.fixture
def jewellery_member_a(association_a):
    """A member of association A whose enterprise is in gems and jewellery."""
    user = testing.make_user("jeweller@example.in", full_name="Jeweller")
    enterprise = testing.make_enterprise(owner=user, sector="jewellery", name="A Gold Works")
    testing.make_membership(association=association_a, enterprise=enterprise)
    return user


@pytest.fixture
def future_deadline():
    return timezone.localdate() + timedelta(days=7)
