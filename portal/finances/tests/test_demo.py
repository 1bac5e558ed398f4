import random

from portal.finances import demo
from portal.finances.indicators import indicators_for
from portal.finances.models import Invoice, LedgerEntry, OpeningBalance, Payment


def test_demo_seeds_books_dues_and_payments_once(association_a, association_b, member_a, member_b):
    demo.seed(rng=random.Random(1))
    entries = LedgerEntry.objects.count()
    assert entries > 100
    assert OpeningBalance.objects.filter(association=association_a).exists()
    assert Invoice.objects.filter(enterprise=member_a.enterprise).count() == 2  # last year and this year
    for payment in Payment.objects.all():
        assert LedgerEntry.objects.filter(reference=f"finances.payment:{payment.pk}", amount=payment.amount).exists()
    assert not LedgerEntry.objects.filter(reference__startswith="services.").exists()
    assert not LedgerEntry.objects.filter(category__in=["service_fees", "grant_dia"]).exists()
    assert indicators_for(association_a).cost_coverage is not None
    demo.seed(rng=random.Random(1))
    assert LedgerEntry.objects.count() == entries
