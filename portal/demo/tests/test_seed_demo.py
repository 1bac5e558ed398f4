"""`manage.py seed_demo`: a realistic, valid, repeatable data set and a working log-in for every role."""

import random

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from portal import testing
from portal.accounts.models import User
from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus, Status
from portal.core.identifiers import validate_gstin, validate_mobile, validate_pan, validate_pin, validate_udyam
from portal.core.samples import DEMO_PASSWORD
from portal.demo.seeding import DEMO_LOGINS
from portal.enterprises.models import Enterprise

NORTH_EAST = {"AR", "AS", "MN", "ML", "MZ", "NL", "SK", "TR"}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once for this module (it takes seconds) in a transaction rolled back at the end.

    Each test still runs in its own savepoint (the ``db`` fixture), so tests cannot disturb one another.
    """
    with testing.demo_world(django_db_blocker, tmp_path_factory.mktemp("seed-media")):
        yield


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


def test_each_money_figure_agrees_everywhere_on_the_demo_data(seeded):
    """One definition per figure: the support pages, the national dashboard (and its single-statement buckets),
    the drill-down and the running copies the services keep all give the same numbers on the demo data."""

    from django.db.models import Sum

    from portal.finances.indicators import money, totals_by_association
    from portal.finances.models import LedgerEntry
    from portal.insights import drill
    from portal.insights.figures import national_figures, period_of
    from portal.insights.filters import Filters, association_scope
    from portal.support import figures as support
    from portal.support.models import Sanction, Tranche
    from portal.support.selectors import association_totals, support_totals

    # Support: the scheme's totals, the national dashboard over all time, and the running copies.
    totals = support_totals()
    assert totals["sanctioned"] > 0 and totals["released"] > 0 and totals["accounted"] > 0
    everything = Filters(period="all")
    national = {figure.key: figure.value for figure in national_figures(everything).sections["support"]}
    # "All time" on the dashboard ends today; the demo dates some decisions ahead, so compare like with like.
    up_to_today = support.by_head(period=period_of(everything.bounds()))
    assert national == {key: up_to_today[key] for key in support.FIGURES}
    assert totals["sanctioned"] == Sanction.objects.aggregate(t=Sum("sanctioned_total"))["t"]
    assert totals["released"] == Sanction.objects.aggregate(t=Sum("released_total"))["t"]
    assert totals["accounted"] == Tranche.objects.aggregate(t=Sum("accounted"))["t"]
    for row in association_totals(limit=1000):
        one = support_totals(Sanction.objects.filter(association_id=row["association_id"]).first().association)
        assert {key: row[key] for key in support.FIGURES} == {key: one[key] for key in support.FIGURES}
    bounds = everything.bounds()
    for key, figure in support.FIGURES.items():
        with_rows = association_scope(everything).filter(drill.activity_condition(key, bounds))
        assert set(with_rows.values_list("pk", flat=True)) == set(figure.by_association())

    # Self-earned share and cost coverage: the one-statement bucket counts equal the drill-down's filters,
    # which equal the book's own sums per association.
    for filters in (Filters(), Filters(period="all"), Filters(period="fy")):
        scope, bounds = association_scope(filters), filters.bounds()
        counts = drill.money_bucket_counts(scope, bounds)
        annotated = drill.with_money(scope, bounds)
        for key, _label in drill.SHARE_BUCKETS:
            assert counts[f"share_{key}"] == annotated.filter(drill.share_condition(key)).count(), key
        for key, _label in drill.COVERAGE_BUCKETS:
            assert counts[f"coverage_{key}"] == annotated.filter(drill.coverage_condition(key)).count(), key
        assert sum(counts[f"share_{key}"] for key, _label in drill.SHARE_BUCKETS) == scope.count()
        entries = LedgerEntry.objects.filter(on_date__gte=bounds[0], on_date__lte=bounds[1])
        book = {row["association_id"]: row for row in totals_by_association(entries)}
        for association in annotated:
            row = book.get(association.pk, {"self_earned": 0, "grants": 0, "running": 0})
            assert (money(association.self_earned), money(association.grants), money(association.running)) == (
                money(row["self_earned"]),
                money(row["grants"]),
                money(row["running"]),
            )


def test_demo_people_speak_different_languages_and_updates_carry_hindi_and_tamil_versions(seeded):
    from portal.updates.models import UpdateTranslation

    languages = dict(User.objects.filter(email__endswith="demo.diaportal.in").values_list("email", "language"))
    assert languages["member@tiruppur.demo.diaportal.in"] == "ta"
    assert languages["member@ludhiana.demo.diaportal.in"] == "pa"
    assert languages["applicant@demo.diaportal.in"] == "en"
    assert languages["officer@demo.diaportal.in"] == "hi"
    assert set(UpdateTranslation.objects.values_list("language", flat=True)) == {"hi", "ta"}
    assert UpdateTranslation.objects.count() >= 6
