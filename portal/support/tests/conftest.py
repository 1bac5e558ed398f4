"""Support applications at each stage, built through the services the way users build them."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from portal.core.samples import demo_pdf_bytes
from portal.support import services
from portal.support.models import Head


def pdf_file(name: str = "bill.pdf") -> ContentFile:
    return ContentFile(demo_pdf_bytes("Evidence"), name=name)


def make_draft(association, by, *, lines=None):
    application = services.application_create(
        association=association,
        title="Professional chief executive",
        justification="A full-time CEO to run services for 600 member units.",
        by=by,
    )
    for head, item, amount, own, years in lines or [
        (Head.HUMAN_RESOURCES, "Chief executive salary", "1800000", "200000", 3),
        (Head.INITIAL_ACTIVITIES, "Baseline survey of members", "200000", "0", 1),
    ]:
        services.line_add(
            application=application,
            head=head,
            item=item,
            amount_requested=Decimal(amount),
            own_contribution=Decimal(own),
            years=years,
            by=by,
        )
    return application


@pytest.fixture
def draft(association_a, bearer_a):
    return make_draft(association_a, bearer_a)


@pytest.fixture
def submitted(draft, bearer_a):
    return services.application_submit(application=draft, by=bearer_a)


@pytest.fixture
def recommended(submitted, officer):
    return services.application_recommend(application=submitted, amounts={}, note="Well justified.", by=officer)


@pytest.fixture
def sanction(recommended, authority):
    return services.application_approve(
        application=recommended, conditions="Appoint the CEO within six months.", by=authority
    )


@pytest.fixture
def tranches(sanction, officer):
    first = services.tranche_plan(
        sanction=sanction, head=Head.HUMAN_RESOURCES, amount=Decimal("600000"), milestone="CEO appointed", by=officer
    )
    second = services.tranche_plan(
        sanction=sanction,
        head=Head.HUMAN_RESOURCES,
        amount=Decimal("600000"),
        milestone="First year report",
        by=officer,
    )
    return first, second


def submit_uc(tranche, by, amount=None):
    from datetime import date

    return services.uc_submit(
        tranche=tranche,
        amount_utilised=amount or tranche.amount,
        period_from=date(2026, 4, 1),
        period_to=date(2026, 9, 30),
        statement="Salary of the CEO for six months.",
        declaration=True,
        files=[pdf_file()],
        by=by,
    )
