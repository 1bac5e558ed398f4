from decimal import Decimal

from portal import testing
from portal.insights.figures import national_figures
from portal.insights.filters import Filters


def by_key(figures):
    return {f.key: f for f in figures}


def test_headline_figures_match_the_hand_count(scheme_data):
    figures = national_figures(Filters())
    headline = by_key(figures.headline)
    assert headline["registered"].value == 4
    assert headline["approved"].value == 3
    assert headline["north_east"].value == 1
    assert headline["members"].value == 4  # member_a, second, member_b, the Assam firm


def test_requirement_medians_and_rating_are_computed_by_the_database(scheme_data):
    requirements = by_key(national_figures(Filters()).sections["requirements"])
    assert requirements["posted"].value == 3
    assert requirements["resolved"].value == 2
    assert requirements["first_response"].value == Decimal("2.0")  # 1, 2, 5 days → 2
    assert requirements["resolution"].value == Decimal("10.0")  # 4, 10 → the upper middle of two
    assert requirements["rating"].value == Decimal("4.5")
    assert requirements["open"].value == 1


def test_the_north_east_filter_applies_to_every_figure(scheme_data):
    figures = national_figures(Filters(north_east=True))
    headline = by_key(figures.headline)
    assert headline["approved"].value == 1
    assert headline["members"].value == 1
    assert by_key(figures.sections["requirements"])["posted"].value == 0
    assert [row["name"] for row in figures.sections["by_sector"]] == ["Food processing"]
    assam = next(row for row in figures.sections["states"] if row["code"] == "AS")
    assert assam["associations"] == 1 and assam["members"] == 1


def test_sector_state_and_stage_filters(scheme_data):
    assert by_key(national_figures(Filters(sector="engineering")).headline)["approved"].value == 1
    assert by_key(national_figures(Filters(state="TN")).headline)["members"].value == 2
    stages = {row["stage"]: row["associations"] for row in national_figures(Filters()).sections["stages"]}
    assert stages == {"initiation": 2, "establishment": 1, "operationalisation": 0, "transformation": 0}
    assert by_key(national_figures(Filters(stage="establishment")).headline)["approved"].value == 1


def test_the_query_count_does_not_grow_with_the_data(db, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            national_figures(Filters())
        return len(context.captured_queries)

    for _ in range(3):
        association = testing.make_association()
        testing.make_membership(association=association, enterprise=testing.make_enterprise())
    few = count_queries()
    for _ in range(17):
        association = testing.make_association(state_code="AS")
        testing.make_membership(association=association, enterprise=testing.make_enterprise())
    assert count_queries() == few


def test_moved_up_counts_associations_whose_stage_rose_within_the_period(scheme_data, association_a, association_b):
    from datetime import timedelta

    from django.utils import timezone

    from portal.scheme.models import StageAssessment

    today = timezone.localdate()
    north_east = scheme_data["north_east"]
    history = [
        (association_a, 400, "initiation"),
        (association_a, 30, "establishment"),  # moved up within the last 12 months
        (association_b, 400, "establishment"),
        (association_b, 30, "establishment"),  # stayed
        (north_east, 30, "operationalisation"),  # first assessment: nothing to compare with
    ]
    for association, days_ago, stage in history:
        StageAssessment.objects.create(
            association=association, assessed_on=today - timedelta(days=days_ago), stage=stage
        )

    assert by_key(national_figures(Filters()).headline)["moved_up"].value == 1
    assert by_key(national_figures(Filters(state="PB")).headline)["moved_up"].value == 0


def test_moved_up_drills_down_to_the_associations_that_moved(scheme_data, association_a, officer, client_for):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from portal.scheme.models import StageAssessment

    today = timezone.localdate()
    StageAssessment.objects.create(
        association=association_a, assessed_on=today - timedelta(days=400), stage="initiation"
    )
    StageAssessment.objects.create(
        association=association_a, assessed_on=today - timedelta(days=3), stage="establishment"
    )
    response = client_for(officer).get(reverse("insights:drilldown"), {"moved_up": "1"})
    assert [a.pk for a in response.context["page"]] == [association_a.pk]
