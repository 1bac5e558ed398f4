"""The fixed cast every test draws from (see docs/permissions.md):

SIDBI officer, SIDBI authority, cluster expert of A, office-bearer of association A, member of A, member of B,
office-bearer of B, a provider's user, a platform admin and the anonymous visitor.
"""

import pytest
from django.test import Client

from portal import testing
from portal.accounts.models import SidbiRole


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """The .mo files are built, not committed (make messages); a bare ``pytest`` builds the stale ones too."""
    from portal.core.management.commands.compile_catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Argon2 is deliberately slow; tests use a fast hasher (test_password_hashing checks production's).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests post far faster than people: the limits are tested on their own (portal/core/tests/test_ratelimits.py).
    settings.RATE_LIMIT_SCALE = 1000
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
    # A request by a Tamil- or Hindi-speaking user leaves its language active in the thread: the next test
    # starts in English again.
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def reference_data(transactional_db):
    """States and sectors for tests that run in real transactions (each one's flush empties the tables)."""
    from portal.core.models import Sector, State
    from portal.core.reference import load_reference_data

    load_reference_data(State, Sector)


@pytest.fixture
def officer(db):
    return testing.make_user("officer@sidbi.example.in", sidbi_role=SidbiRole.OFFICER, totp=True, full_name="Officer")


@pytest.fixture
def authority(db):
    return testing.make_user("authority@sidbi.example.in", sidbi_role=SidbiRole.AUTHORITY, totp=True)


@pytest.fixture
def cluster_expert(db, association_a):
    """The DIA scheme's field expert assigned to association A (not to B)."""
    user = testing.make_user(
        "expert@dia.example.in", sidbi_role=SidbiRole.CLUSTER_EXPERT, totp=True, full_name="Cluster Expert"
    )
    association_a.cluster_expert = user
    association_a.save(update_fields=["cluster_expert"])
    return user


@pytest.fixture
def platform_admin(db):
    return testing.make_user("admin@example.in", is_staff=True, is_superuser=True, totp=True)


@pytest.fixture
def bearer_a(db):
    return testing.make_user("bearer-a@example.in", full_name="Bearer A")


@pytest.fixture
def bearer_b(db):
    return testing.make_user("bearer-b@example.in", full_name="Bearer B")


@pytest.fixture
def association_a(bearer_a):
    return testing.make_association(office_bearer=bearer_a, name="Tiruppur Knitwear Association", slug="tiruppur")


@pytest.fixture
def association_b(bearer_b):
    return testing.make_association(
        office_bearer=bearer_b,
        name="Ludhiana Engineering Association",
        slug="ludhiana",
        state_code="PB",
        sectors=[testing.Sector.objects.get(slug="engineering")],
    )


@pytest.fixture
def member_a(association_a):
    user = testing.make_user("member-a@example.in", full_name="Member A")
    enterprise = testing.make_enterprise(owner=user, name="A Knit Works")
    testing.make_membership(association=association_a, enterprise=enterprise)
    user.enterprise = enterprise
    return user


@pytest.fixture
def member_b(association_b):
    user = testing.make_user("member-b@example.in", full_name="Member B")
    enterprise = testing.make_enterprise(owner=user, state_code="PB", sector="engineering", name="B Fasteners")
    testing.make_membership(association=association_b, enterprise=enterprise)
    user.enterprise = enterprise
    return user


@pytest.fixture
def provider_user(db):
    from portal.providers.models import Provider, ProviderStatus, ProviderUser

    user = testing.make_user("banker@bank.example.in")
    provider = Provider.objects.create(name="Test Bank", kind="bank", status=ProviderStatus.APPROVED)
    ProviderUser.objects.create(provider=provider, user=user)
    return user


@pytest.fixture
def client_for(db):
    """A logged-in client for any user of the cast: ``client_for(member_a)``."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def anonymous(db) -> Client:
    return Client()
