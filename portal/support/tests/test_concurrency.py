"""Releases racing each other: exactly the allowed ones succeed and the sum released never exceeds the sanction."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import OperationalError, connection

from portal import testing
from portal.accounts.models import SidbiRole
from portal.core.errors import ActionRefused
from portal.finances.models import LedgerEntry
from portal.support import services
from portal.support.models import Head, Sanction, Tranche, TrancheStatus
from portal.support.tests.conftest import make_draft, submit_uc

THREADS = 6


def race(calls):
    """Run each call in its own thread at the same moment; return how many succeeded and how many were refused."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    call()
                except OperationalError as exc:
                    # The in-memory SQLite test database shares one cache between connections, where a lock
                    # conflict fails at once ("table is locked") instead of waiting on the busy timeout as the file
                    # database does. Waiting and trying the (rolled back) transaction again is that timeout.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
                    continue
                outcomes.append("ok")
                break
        except ActionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes.count("ok"), outcomes.count("refused")


@pytest.fixture
def planned(db):
    bearer = testing.make_user()
    association = testing.make_association(office_bearer=bearer)
    officer = testing.make_user(sidbi_role=SidbiRole.OFFICER)
    authorities = [testing.make_user(sidbi_role=SidbiRole.AUTHORITY) for _ in range(THREADS)]
    application = make_draft(association, bearer)
    services.application_submit(application=application, by=bearer)
    services.application_recommend(application=application, amounts={}, note="", by=officer)
    sanction = services.application_approve(application=application, conditions="", by=authorities[0])
    first = services.tranche_plan(
        sanction=sanction, head=Head.HUMAN_RESOURCES, amount=Decimal("1200000"), milestone="CEO", by=officer
    )
    second = services.tranche_plan(
        sanction=sanction, head=Head.HUMAN_RESOURCES, amount=Decimal("600000"), milestone="Year 1", by=officer
    )
    return sanction, first, second, authorities, officer, bearer


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_concurrent_releases_of_one_tranche_release_it_once(planned):
    sanction, first, second, authorities, _officer, _bearer = planned
    calls = [
        (lambda by=by, t=(first if i % 2 == 0 else second): services.tranche_release(tranche=t, by=by))
        for i, by in enumerate(authorities)
    ]
    succeeded, refused = race(calls)
    assert (succeeded, refused) == (1, THREADS - 1)
    sanction.refresh_from_db()
    assert sanction.released_total == Decimal("1200000.00")
    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.RELEASED
    assert Tranche.objects.get(pk=second.pk).status == TrancheStatus.PLANNED
    assert LedgerEntry.objects.filter(reference__startswith="support.tranche:").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_concurrent_releases_never_exceed_the_sanction(planned):
    """Tranches planned above the sanction (as if the plan had been tampered with): only what fits is released."""
    sanction, first, second, authorities, officer, bearer = planned
    services.tranche_release(tranche=first, by=authorities[0])
    certificate = submit_uc(Tranche.objects.get(pk=first.pk), bearer)
    services.uc_decide(certificate=certificate, accept=True, by=officer)
    # 1,200,000 of 2,000,000 is out; the second tranche is raised past what remains, bypassing the planner's check.
    Tranche.objects.filter(pk=second.pk).update(amount=Decimal("900000"))
    calls = [lambda by=by: services.tranche_release(tranche=second, by=by) for by in authorities]
    succeeded, refused = race(calls)
    assert (succeeded, refused) == (0, THREADS)
    Tranche.objects.filter(pk=second.pk).update(amount=Decimal("600000"))
    succeeded, refused = race(calls)
    assert (succeeded, refused) == (1, THREADS - 1)
    sanction = Sanction.objects.get(pk=sanction.pk)
    assert sanction.released_total == Decimal("1800000.00") <= sanction.sanctioned_total
