import pytest

from tests.e2e.browser import launch_browser


@pytest.fixture
def browser():
    yield from launch_browser()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run in real transactions, and each one's flush empties the states and sectors."""
    from portal.core.models import Sector, State
    from portal.core.reference import load_reference_data

    load_reference_data(State, Sector)
