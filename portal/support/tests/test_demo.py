import random
from decimal import Decimal

from portal import testing
from portal.accounts.models import SidbiRole
from portal.finances.models import LedgerEntry
from portal.support import demo
from portal.support.models import Application, Sanction, Status, Tranche, TrancheStatus
from portal.support.selectors import support_totals


def test_seed_makes_every_status_and_consistent_money_and_runs_once(db):
    testing.make_user("officer@demo.diaportal.in", sidbi_role=SidbiRole.OFFICER)
    testing.make_user("authority@demo.diaportal.in", sidbi_role=SidbiRole.AUTHORITY)
    tiruppur = testing.make_association(office_bearer=testing.make_user(), slug=demo.TIRUPPUR)
    ludhiana = testing.make_association(office_bearer=testing.make_user(), slug=demo.LUDHIANA)
    for _ in range(25):
        testing.make_association(office_bearer=testing.make_user())

    demo.seed(rng=random.Random(7))
    count = Application.objects.count()
    demo.seed(rng=random.Random(7))
    assert Application.objects.count() == count == 25

    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert Application.objects.get(association=ludhiana).status == Status.SUBMITTED
    mine = Sanction.objects.get(association=tiruppur)
    assert set(mine.heads.values_list("head", flat=True)) == {"human_resources"}
    assert list(mine.tranches.filter(status=TrancheStatus.RELEASED).values_list("number", flat=True)) == [1]
    for sanction in Sanction.objects.all():
        released = sum((t.amount for t in sanction.tranches.filter(status=TrancheStatus.RELEASED)), Decimal("0"))
        assert sanction.released_total == released <= sanction.sanctioned_total
        assert sanction.sanctioned_total == sum(h.amount for h in sanction.heads.all())
    released = Tranche.objects.filter(status=TrancheStatus.RELEASED)
    assert released.count() == LedgerEntry.objects.filter(reference__startswith="support.tranche:").count() > 1
    totals = support_totals()
    assert totals["released"] == sum(s.released_total for s in Sanction.objects.all())
    assert totals["accounted"] > 0
