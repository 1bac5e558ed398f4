import pytest

from tests.e2e.browser import launch_browser


@pytest.fixture
def browser():
    yield from launch_browser()


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Browser tests run in real transactions: every one reloads the states and sectors (root conftest)."""
