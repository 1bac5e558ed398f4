"""The desk's own cast on top of the shared one: a textile testing lab and its rival, a second member of A."""

import pytest

from portal import testing
from portal.desk.tests.flows import Cast
from portal.providers.models import Provider


@pytest.fixture
def bank(provider_user):
    """The shared "Test Bank", lending term loans and working capital anywhere."""
    provider = Provider.objects.get(name="Test Bank")
    provider.help_kinds = ["term_loan", "working_capital"]
    provider.save()
    return provider


@pytest.fixture
def lab_user(db):
    return testing.make_user("lab@lab.example.in", full_name="Lab Person")


@pytest.fixture
def lab(lab_user):
    """A testing laboratory serving textile enterprises in Tamil Nadu."""
    return testing.make_provider(
        user=lab_user,
        name="Tiruppur Test Lab",
        kind="lab",
        help_kinds=["testing", "quality_zed"],
        sectors=["textiles"],
        states=["TN"],
    )


@pytest.fixture
def rival_user(db):
    return testing.make_user("rival@labs.example.in", full_name="Rival Person")


@pytest.fixture
def rival(rival_user):
    """A competing laboratory that serves the same kinds, anywhere in India."""
    return testing.make_provider(user=rival_user, name="Coimbatore Labs", kind="lab", help_kinds=["testing"])


@pytest.fixture
def member_a2(association_a):
    """Another member enterprise of association A: a fellow member, never a reader of A's requirements."""
    user = testing.make_user("member-a2@example.in", full_name="Member A Two")
    enterprise = testing.make_enterprise(owner=user, name="A Two Garments")
    testing.make_membership(association=association_a, enterprise=enterprise)
    user.enterprise = enterprise
    return user


@pytest.fixture
def cast(member_a, bearer_a, lab_user, lab):
    return Cast(member=member_a, office=bearer_a, lab_user=lab_user, lab=lab)
