"""Fixtures for discussions (the shared cast is in the root conftest.py)."""

import pytest

from portal.community import services


def post(
    space, by, title="Which bank gives the best CGTMSE rate?", body="Looking for advice on collateral-free loans."
):
    return services.topic_create(space=space, title=title, body=body, by=by)


@pytest.fixture
def national(db):
    return services.national_space()


@pytest.fixture
def space_a(association_a):
    return services.space_for_association(association_a)


@pytest.fixture
def space_b(association_b):
    return services.space_for_association(association_b)


@pytest.fixture
def topic_a(space_a, member_a):
    """A topic in association A's private space, by member A."""
    return post(space_a, member_a, title="Dyeing unit effluent norms", body="What does the TNPCB inspector check?")


@pytest.fixture
def public_topic(national, member_a):
    return post(national, member_a)
