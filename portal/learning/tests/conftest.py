"""Fixtures for the learning library (the shared cast is in the root conftest.py)."""

import pytest
from django.core.files.base import ContentFile

from portal.core.samples import demo_pdf_bytes
from portal.learning import services
from portal.learning.models import Audience, Kind, Topic


def pdf(name: str = "guide.pdf") -> ContentFile:
    upload = ContentFile(demo_pdf_bytes("A learning resource"), name=name)
    return upload


def make_resource(*, by, association=None, publish: bool = True, kind: str = Kind.SCHEME_GUIDE, **fields):
    """A resource made through the services, published unless asked otherwise."""
    values = {"kind": kind, "title": "A guide to the DIA scheme", "summary": "What the scheme funds and how."}
    if kind == Kind.DOCUMENT and "file" not in fields:
        fields["file"] = pdf()
    if kind in (Kind.VIDEO, Kind.EPISODE) and "link" not in fields:
        fields["link"] = "https://video.example.in/watch/1"
    values.update(fields)
    resource = services.resource_create(association=association, by=by, **values)
    if publish:
        resource = services.resource_publish(resource=resource, by=by)
    return resource


@pytest.fixture
def national(officer):
    """A published national scheme guide with a PDF."""
    return make_resource(by=officer, title="DIA scheme guide", file=pdf())


@pytest.fixture
def private_a(association_a, bearer_a):
    """Association A's published members-only document."""
    return make_resource(
        by=bearer_a,
        association=association_a,
        kind=Kind.DOCUMENT,
        title="Tiruppur members' GST notes",
        audience=Audience.MEMBERS,
    )


@pytest.fixture
def public_a(association_a, bearer_a):
    return make_resource(
        by=bearer_a, association=association_a, kind=Kind.CASE_STUDY, title="Common effluent plant", audience="public"
    )


@pytest.fixture
def gst_topic(db):
    return Topic.objects.create(name="GST", slug="gst")
