"""Demo DIA support: applications in every status across about 25 associations, sanctions with tranches released
and utilisation certificates, and the income of each released tranche in the association's book.

Tiruppur has a trained-human-resources sanction with its first tranche released (its certificate is still to
come); Ludhiana has an application waiting for the officer. Bulk inserts only; no notifications, emails or audit
rows: this is sample data, not something that happened.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from portal.accounts.models import User
from portal.associations.models import Association, AssociationStaff, StaffRole
from portal.finances.models import LedgerEntry
from portal.support.models import (
    Application,
    BudgetLine,
    Head,
    Sanction,
    SanctionHead,
    Status,
    StatusChange,
    Tranche,
    TrancheStatus,
    UCStatus,
    UtilisationCertificate,
)

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"
OTHERS = 23

# (head, item, amount in rupees, own contribution, years)
ITEMS = {
    Head.INFRASTRUCTURE: [
        ("Office set-up: furniture, computers and a meeting room", 600000, 100000, 1),
        ("Common facility centre: testing equipment", 2500000, 500000, 1),
        ("Design studio and CAD workstations", 1200000, 200000, 1),
    ],
    Head.HUMAN_RESOURCES: [
        ("Professional chief executive (salary support)", 1800000, 300000, 3),
        ("Training of association staff", 200000, 0, 1),
        ("Business development executive (salary support)", 900000, 150000, 2),
    ],
    Head.INITIAL_ACTIVITIES: [
        ("Baseline survey of member units", 250000, 25000, 1),
        ("Buyer–seller meet and exhibition", 400000, 100000, 1),
        ("Onboarding members to the DIA Portal", 150000, 0, 1),
    ],
}
TITLES = {
    Head.INFRASTRUCTURE: "Office and common facility",
    Head.HUMAN_RESOURCES: "Professional staff for the association",
    Head.INITIAL_ACTIVITIES: "Survey, outreach and events",
}
# Statuses for the other associations, with "approved" most common so the totals mean something.
STATUSES = [Status.APPROVED] * 10 + [Status.SUBMITTED] * 4 + [Status.RECOMMENDED] * 3
STATUSES += [Status.SENT_BACK] * 2 + [Status.REJECTED] * 2 + [Status.DRAFT] * 2


def _office_user(association: Association, fallback: User) -> int:
    staff = AssociationStaff.objects.filter(association=association, role=StaffRole.ADMIN).order_by("pk").first()
    return staff.user_id if staff else (association.created_by_id or fallback.pk)


def seed(*, rng: random.Random) -> None:
    if Application.objects.exists():
        return
    officer = User.objects.filter(email="officer@demo.diaportal.in").first()
    authority = User.objects.filter(email="authority@demo.diaportal.in").first()
    if officer is None or authority is None:
        return
    approved = list(Association.objects.approved().exclude(slug__in=[TIRUPPUR, LUDHIANA]).order_by("pk"))
    chosen = rng.sample(approved, k=min(OTHERS, len(approved)))
    plan: list[tuple[Association, str, list[str], int]] = []  # association, status, heads, tranches released
    tiruppur = Association.objects.filter(slug=TIRUPPUR).first()
    ludhiana = Association.objects.filter(slug=LUDHIANA).first()
    if tiruppur:
        plan.append((tiruppur, Status.APPROVED, [Head.HUMAN_RESOURCES], 1))
    if ludhiana:
        plan.append((ludhiana, Status.SUBMITTED, [Head.INFRASTRUCTURE, Head.INITIAL_ACTIVITIES], 0))
    for index, association in enumerate(chosen):
        status = STATUSES[index % len(STATUSES)]
        heads = rng.sample(list(Head), k=rng.randint(1, 3))
        plan.append((association, status, heads, rng.randint(0, 3) if status == Status.APPROVED else 0))
    _create(plan, rng=rng, officer=officer, authority=authority)


def _create(plan, *, rng, officer, authority) -> None:
    now = timezone.now()
    applications = []
    for association, status, heads, _released in plan:
        created = now - timedelta(days=rng.randint(120, 400))
        by = _office_user(association, officer)
        head = heads[0]
        applications.append(
            Application(
                association=association,
                title=TITLES[head],
                justification=(
                    f"{association.name} serves its cluster's member units with shared services. This support "
                    f"lets the association build its capacity under the head “{head.label}” and move towards "
                    "financial sustainability through fee-earning services."
                ),
                status=status,
                created_by_id=by,
                created_at=created,
                submitted_at=None if status == Status.DRAFT else created + timedelta(days=5),
            )
        )
    Application.objects.bulk_create(applications)

    lines, changes = [], []
    for application, (association, status, heads, _released) in zip(applications, plan, strict=True):
        submitted = application.submitted_at
        reviewed = status in {Status.RECOMMENDED, Status.APPROVED} or (status == Status.REJECTED and rng.random() < 0.5)
        for head in heads:
            # Tiruppur: a professional chief executive and staff training, the demo's HR sanction.
            picks = ITEMS[head][:2] if association.slug == TIRUPPUR else rng.sample(ITEMS[head], k=rng.randint(1, 2))
            for item, amount, own, years in picks:
                requested = Decimal(amount)
                recommended = None
                reason = ""
                if reviewed:
                    recommended = requested
                    if association.slug != TIRUPPUR and rng.random() < 0.25:
                        recommended = (requested * Decimal("0.8")).quantize(Decimal("1"))
                        reason = "Reduced to the scheme's norm for a cluster of this size."
                lines.append(
                    BudgetLine(
                        application=application,
                        head=head,
                        item=item,
                        amount_requested=requested,
                        own_contribution=Decimal(own),
                        years=years,
                        amount_recommended=recommended,
                        change_reason=reason,
                    )
                )
        if status == Status.DRAFT:
            continue
        by = application.created_by_id
        changes.append(StatusChange(application=application, to_status=Status.SUBMITTED, by_id=by, at=submitted))
        if status == Status.SENT_BACK:
            changes.append(
                StatusChange(
                    application=application,
                    from_status=Status.SUBMITTED,
                    to_status=Status.SENT_BACK,
                    by=officer,
                    reason="Please attach quotations from two suppliers.",
                    at=submitted + timedelta(days=7),
                )
            )
        if status in {Status.RECOMMENDED, Status.APPROVED} or (status == Status.REJECTED and reviewed):
            application.recommended_by, application.recommended_at = officer, submitted + timedelta(days=10)
            application.recommendation_note = "The association has a working office and paying members; recommended."
            application.proposed_conditions = "Quarterly progress reports; utilisation certificate for each tranche."
            changes.append(
                StatusChange(
                    application=application,
                    from_status=Status.SUBMITTED,
                    to_status=Status.RECOMMENDED,
                    by=officer,
                    reason=application.recommendation_note,
                    at=application.recommended_at,
                )
            )
        if status in {Status.APPROVED, Status.REJECTED}:
            decider = authority if application.recommended_by_id else officer
            application.decided_by, application.decided_at = decider, submitted + timedelta(days=20)
            if status == Status.REJECTED:
                application.decision_note = "The activities proposed are already funded under another scheme."
            changes.append(
                StatusChange(
                    application=application,
                    from_status=Status.RECOMMENDED if application.recommended_by_id else Status.SUBMITTED,
                    to_status=status,
                    by=decider,
                    reason=application.decision_note,
                    at=application.decided_at,
                )
            )
    BudgetLine.objects.bulk_create(lines)
    StatusChange.objects.bulk_create(changes)
    Application.objects.bulk_update(
        applications,
        [
            "recommended_by",
            "recommended_at",
            "recommendation_note",
            "proposed_conditions",
            "decided_by",
            "decided_at",
            "decision_note",
        ],
    )
    _sanctions(applications, plan, lines, rng=rng, officer=officer, authority=authority)


def _sanctions(applications, plan, lines, *, rng, officer, authority) -> None:
    by_application: dict[int, dict[str, Decimal]] = {}
    for line in lines:
        if line.amount_recommended:
            heads = by_application.setdefault(line.application_id, {})
            heads[line.head] = heads.get(line.head, Decimal("0")) + line.amount_recommended
    sanctions, released_counts = [], []
    for application, (_association, status, _heads, released) in zip(applications, plan, strict=True):
        if status != Status.APPROVED:
            continue
        total = sum(by_application[application.pk].values(), Decimal("0"))
        sanctions.append(
            Sanction(
                application=application,
                association_id=application.association_id,
                sanctioned_total=total,
                conditions="Quarterly progress reports; utilisation certificate for each tranche within 90 days.",
                approved_by=authority,
                approved_at=application.decided_at,
            )
        )
        released_counts.append(released)
    Sanction.objects.bulk_create(sanctions)
    heads_rows, tranches, certificates, ledger = [], [], [], []
    for sanction in sanctions:
        number = 0
        for head, amount in sorted(by_application[sanction.application_id].items()):
            heads_rows.append(SanctionHead(sanction=sanction, head=head, amount=amount))
            parts = 3 if head == Head.HUMAN_RESOURCES else 2
            # Round tranches to ₹10,000; the last one takes the remainder.
            share = (amount / parts / 10000).to_integral_value(rounding="ROUND_FLOOR") * 10000
            for part in range(parts):
                number += 1
                tranches.append(
                    Tranche(
                        sanction=sanction,
                        number=number,
                        head=head,
                        amount=share if part < parts - 1 else amount - share * (parts - 1),
                        milestone=(
                            ["Appointment or order placed", "Half-yearly progress report", "Completion report"][part]
                        ),
                        planned_by=officer,
                        planned_at=sanction.approved_at + timedelta(days=2),
                    )
                )
    SanctionHead.objects.bulk_create(heads_rows)
    # Release the first ``released`` tranches of each sanction, each previous one accounted for.
    by_sanction: dict[int, list[Tranche]] = {}
    for tranche in tranches:
        by_sanction.setdefault(tranche.sanction_id, []).append(tranche)
    for sanction, released in zip(sanctions, released_counts, strict=True):
        own = by_sanction[sanction.pk]
        count = min(released, len(own))
        for position, tranche in enumerate(own[:count]):
            tranche.status = TrancheStatus.RELEASED
            tranche.released_by = authority
            tranche.released_at = sanction.approved_at + timedelta(days=10 + 60 * position)
            sanction.released_total += tranche.amount
            last = position == count - 1
            is_tiruppur = sanction.association.slug == TIRUPPUR
            if not last or (not is_tiruppur and rng.random() < 0.6):
                tranche.accounted = tranche.amount if not last or rng.random() < 0.5 else Decimal("0")
    Tranche.objects.bulk_create(tranches)
    Sanction.objects.bulk_update(sanctions, ["released_total"])
    for tranche in tranches:
        if tranche.status != TrancheStatus.RELEASED:
            continue
        ledger.append(
            LedgerEntry(
                association_id=tranche.sanction.association_id,
                direction="income",
                category="grant_dia",
                amount=tranche.amount,
                on_date=tranche.released_at.date(),
                description=f"DIA support, tranche {tranche.number} of {tranche.sanction.reference}",
                reference=f"support.tranche:{tranche.pk}",
                created_by=authority,
            )
        )
        accepted = tranche.accounted > 0
        pending = not accepted and tranche.sanction.association.slug != TIRUPPUR and rng.random() < 0.5
        if accepted or pending:
            start = tranche.released_at.date()
            certificates.append(
                UtilisationCertificate(
                    tranche=tranche,
                    amount_utilised=tranche.amount,
                    period_from=start,
                    period_to=start + timedelta(days=90),
                    statement="Spent as sanctioned: invoices, salary register and bank statement attached.",
                    declaration=True,
                    status=UCStatus.ACCEPTED if accepted else UCStatus.SUBMITTED,
                    submitted_by_id=tranche.sanction.application.created_by_id,
                    submitted_at=tranche.released_at + timedelta(days=80),
                    decided_by=officer if accepted else None,
                    decided_at=tranche.released_at + timedelta(days=90) if accepted else None,
                )
            )
    LedgerEntry.objects.bulk_create(ledger)
    UtilisationCertificate.objects.bulk_create(certificates)
