from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from portal.insights.figures import national_figures
from portal.insights.filters import Filters


def sanction(association, *, by, heads, days_ago=20):
    from portal.support.models import Application, Sanction, SanctionHead

    application = Application.objects.create(
        association=association, title="Support", justification="x", status="approved", created_by=by
    )
    made = Sanction.objects.create(
        application=application,
        association=association,
        sanctioned_total=sum((Decimal(v) for v in heads.values()), Decimal(0)),
        approved_by=by,
        approved_at=timezone.now() - timedelta(days=days_ago),
    )
    for head, amount in heads.items():
        SanctionHead.objects.create(sanction=made, head=head, amount=Decimal(amount))
    return made


def release(made, *, by, number, head, amount, utilised=None):
    from portal.support.models import Tranche, UtilisationCertificate

    tranche = Tranche.objects.create(
        sanction=made,
        number=number,
        head=head,
        amount=Decimal(amount),
        milestone="m",
        status="released",
        planned_by=by,
        released_by=by,
        released_at=timezone.now() - timedelta(days=10),
    )
    if utilised:
        UtilisationCertificate.objects.create(
            tranche=tranche,
            amount_utilised=Decimal(utilised),
            period_from=timezone.localdate() - timedelta(days=9),
            period_to=timezone.localdate(),
            statement="spent",
            declaration=True,
            status="accepted",
            submitted_by=by,
            decided_by=by,
            decided_at=timezone.now() - timedelta(days=2),
        )
    return tranche


def test_support_is_summed_by_head_within_the_period_and_the_filters(association_a, association_b, authority):
    a = sanction(association_a, by=authority, heads={"human_resources": "1200000.00", "infrastructure": "500000.50"})
    release(a, by=authority, number=1, head="human_resources", amount="400000", utilised="399999.99")
    b = sanction(association_b, by=authority, heads={"initial_activities": "300000"})
    release(b, by=authority, number=1, head="initial_activities", amount="100000")
    sanction(association_b, by=authority, heads={"infrastructure": "999999"}, days_ago=900)  # outside the period

    figures = national_figures(Filters())
    totals = {f.key: f.value for f in figures.sections["support"]}
    assert totals == {
        "sanctioned": Decimal("2000000.50"),
        "released": Decimal("500000.00"),
        "accounted": Decimal("399999.99"),
    }
    heads = {row["head"]: row for row in figures.sections["support_by_head"]}
    assert heads["human_resources"]["released"] == Decimal("400000.00")
    assert heads["infrastructure"]["sanctioned"] == Decimal("500000.50")

    punjab = {f.key: f.value for f in national_figures(Filters(state="PB")).sections["support"]}
    assert punjab == {
        "sanctioned": Decimal("300000.00"),
        "released": Decimal("100000.00"),
        "accounted": Decimal("0.00"),
    }
