"""`manage.py seed_demo`: a realistic, valid, repeatable data set and a working log-in for every role."""

import random

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, override_settings

from portal.accounts.models import User
from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus, Status
from portal.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from portal.core.identifiers import validate_gstin, validate_mobile, validate_pan, validate_pin, validate_udyam
from portal.enterprises.models import Enterprise

NORTH_EAST = {"AR", "AS", "MN", "ML", "MZ", "NL", "SK", "TR"}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once for this module (it takes seconds) in a transaction rolled back at the end.

    Each test still runs in its own savepoint (the ``db`` fixture), so tests cannot disturb one another.
    """
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("seed-media"),
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    )
    with fast, django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", "--quiet-logins")
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(demo_data, db):
    return None


def test_demo_has_a_hundred_associations_over_twenty_states_and_two_thousand_enterprises(seeded):
    approved = Association.objects.approved()
    assert Association.objects.count() >= 100
    assert approved.count() >= 100
    assert approved.values("state").distinct().count() >= 20
    assert approved.filter(state__code__in=NORTH_EAST).count() >= 8
    assert approved.filter(state__is_north_east=True).count() >= 8
    assert Association.objects.filter(status=Status.SUBMITTED).exists()
    assert Enterprise.objects.count() >= 2000
    members = Membership.objects.filter(status=MembershipStatus.APPROVED).values("enterprise").distinct().count()
    assert members >= 1500
    assert Membership.objects.filter(status=MembershipStatus.REQUESTED).exists()


def test_a_sample_of_demo_enterprises_and_associations_pass_the_real_identifier_checks(seeded):
    enterprises = list(Enterprise.objects.select_related("state"))
    sample = random.Random(7).sample(enterprises, 200)
    for enterprise in sample:
        try:
            validate_udyam(enterprise.udyam_number)
            validate_pan(enterprise.pan)
            validate_pin(enterprise.pin_code)
            validate_mobile(enterprise.phone)
            if enterprise.gstin:
                validate_gstin(enterprise.gstin)
                assert enterprise.gstin[:2] == enterprise.state.gst_code
                assert enterprise.gstin[2:12] == enterprise.pan
        except ValidationError as exc:
            pytest.fail(f"{enterprise.name}: {exc.messages}")
        assert enterprise.udyam_number.split("-")[1] == enterprise.state.code
    assert len({e.pan for e in enterprises}) == len(enterprises)
    for association in Association.objects.all():
        validate_pan(association.pan)
        validate_pin(association.pin_code)
        validate_mobile(association.phone)
        if association.gstin:
            validate_gstin(association.gstin)


def test_every_demo_log_in_is_verified_works_with_the_demo_password_and_has_its_role(seeded):
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert EmailAddress.objects.filter(user=user, email=login.email, verified=True, primary=True).exists()

        client = Client()
        response = client.post("/accounts/login/", {"login": login.email, "password": DEMO_PASSWORD})

        assert response.status_code == 302, login.email
        if user.needs_two_factor:
            # SIDBI and admin accounts come with TOTP set up, so the log-in goes on to ask for the code.
            assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            assert response.url == "/accounts/2fa/authenticate/", login.email
        else:
            assert response.url == "/me/", login.email
            assert client.get("/me/").status_code == 200

    roles = dict(AssociationStaff.objects.values_list("user__email", "association__slug"))
    assert roles["secretary@tiruppur.demo.diaportal.in"] == "tiruppur-knitwear-manufacturers-association"
    assert roles["secretary@ludhiana.demo.diaportal.in"] == "ludhiana-engineering-manufacturers-association"
    applicant = Association.objects.get(created_by__email="applicant@demo.diaportal.in")
    assert applicant.status == Status.SUBMITTED
    assert applicant.state.is_north_east


def test_running_the_seed_twice_creates_nothing_new(seeded):
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (Association, Enterprise, Membership, User, EmailAddress, Authenticator, AssociationStaff)
        }

    before = counts()
    call_command("seed_demo", "--quiet-logins")
    assert counts() == before


def test_seed_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    before = Association.objects.count()
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("seed_demo", "--quiet-logins")
    assert Association.objects.count() == before


def test_demo_people_speak_different_languages_and_updates_carry_hindi_and_tamil_versions(seeded):
    from portal.updates.models import UpdateTranslation

    languages = dict(User.objects.filter(email__endswith="demo.diaportal.in").values_list("email", "language"))
    assert languages["member@tiruppur.demo.diaportal.in"] == "ta"
    assert languages["member@ludhiana.demo.diaportal.in"] == "pa"
    assert languages["applicant@demo.diaportal.in"] == "en"
    assert languages["officer@demo.diaportal.in"] == "hi"
    assert set(UpdateTranslation.objects.values_list("language", flat=True)) == {"hi", "ta"}
    assert UpdateTranslation.objects.count() >= 6
