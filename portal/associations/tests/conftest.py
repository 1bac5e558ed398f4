"""Fixtures for the association registry tests (the shared cast is in the root conftest.py)."""

import pytest

from portal import testing
from portal.associations.models import Status


@pytest.fixture
def applicant(db):
    """A verified user with no association yet, about to register one."""
    return testing.make_user("applicant@pumpmakers.example.in", full_name="R. Palaniswamy")


@pytest.fixture
def pending(applicant):
    """An application waiting for SIDBI's review, made by the applicant (its admin office-bearer)."""
    return testing.make_association(
        office_bearer=applicant, status=Status.SUBMITTED, name="Coimbatore Pump Makers Association", slug="cbe-pumps"
    )


@pytest.fixture
def info_requested(pending, officer):
    """The pending application after SIDBI asked a question."""
    from portal.associations import services

    return services.association_review(
        association=pending, by=officer, decision="request_info", reason="Please upload the 2023 renewal certificate."
    )
