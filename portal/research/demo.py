"""Demo research: topics with votes, and one finished study by the Tiruppur association with results and findings.

Bulk inserts only and no broadcasts, notifications or audit rows: this is sample data, not something that happened.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from portal.associations.models import Association, AssociationStaff, Membership, MembershipStatus
from portal.enterprises.models import EnterpriseRole, EnterpriseUser
from portal.research.models import (
    Answer,
    Kind,
    Question,
    Response,
    Study,
    StudyStatus,
    Topic,
    TopicFollow,
    TopicStatus,
    TopicVote,
)
from portal.research.services import response_token

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
TOPICS = [
    ("GST compliance for job workers", "Returns, e-way bills and input credit when fabric moves between units.", True),
    ("Solar rooftop finance", "Loans, net metering and payback for rooftop plants on factory sheds.", True),
    ("Export to the EU", "CBAM, due-diligence rules and buyers' audits for small exporters.", False),
    ("Delayed payments from large buyers", "How often the 45-day rule is broken and what members do about it.", False),
    ("Skilling machine operators", "Finding and training operators for knitting and stitching machines.", False),
]
FINDINGS = (
    "Two in three member units file their GST returns through an accountant or consultant, and most find the "
    "monthly cycle hard (3.6 on a scale of 5). Job workers spend about 9 hours a month on GST work. Members ask the "
    "association to run a monthly clinic with a GST practitioner and to press for a simpler quarterly return for "
    "job workers. The association will take these findings to the GST council's MSME consultation."
)


def _topics(rng: random.Random, voters: list[int], now: datetime) -> list[Topic]:
    topics = Topic.objects.bulk_create(
        [
            Topic(
                title=title,
                description=description,
                status=TopicStatus.ACTIVE if active else TopicStatus.PROPOSED,
                proposed_by_id=rng.choice(voters) if voters else None,
                created_at=now - timedelta(days=rng.randint(20, 120)),
            )
            for title, description, active in TOPICS
        ]
    )
    votes, follows = [], []
    for topic in topics:
        for user_id in rng.sample(voters, k=min(len(voters), rng.randint(3, 25))):
            votes.append(TopicVote(topic=topic, user_id=user_id, created_at=topic.created_at + timedelta(days=1)))
        for user_id in rng.sample(voters, k=min(len(voters), rng.randint(2, 10))):
            follows.append(TopicFollow(topic=topic, user_id=user_id))
    TopicVote.objects.bulk_create(votes)
    TopicFollow.objects.bulk_create(follows)
    return topics


def seed_research(rng: random.Random, now: datetime) -> Study | None:
    """A few topics with votes and follows, and the Tiruppur association's finished study with about 30 answers.

    Returns the study (None when the Tiruppur association is not in the demo data).
    """
    association = Association.objects.filter(slug=TIRUPPUR).first()
    owners = list(
        EnterpriseUser.objects.filter(
            role=EnterpriseRole.OWNER,
            enterprise__in=Membership.objects.filter(status=MembershipStatus.APPROVED).values("enterprise"),
        )
        .select_related("user", "enterprise")
        .order_by("pk")
    )
    topics = _topics(rng, sorted({owner.user_id for owner in owners}), now)
    if association is None:
        return None
    staff = AssociationStaff.objects.filter(association=association).order_by("pk").first()
    enterprise_ids = set(
        Membership.objects.filter(association=association, status=MembershipStatus.APPROVED).values_list(
            "enterprise_id", flat=True
        )
    )
    members = [owner for owner in owners if owner.enterprise_id in enterprise_ids]
    study = Study.objects.create(
        topic=topics[0],
        owner=association,
        created_by_id=staff.user_id if staff else association.created_by_id,
        title="How do our members manage GST as job workers?",
        purpose="To find out how much GST work costs member units, so the association can ask for simpler returns "
        "and plan a clinic.",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=12),
        anonymous=True,
        status=StudyStatus.PUBLISHED,
        invited_count=len({member.user_id for member in members}),
        findings=FINDINGS,
        created_at=now - timedelta(days=45),
        published_at=now - timedelta(days=5),
    )
    Question.objects.bulk_create(
        [
            Question(
                study=study,
                order=1,
                text="Who files your GST returns?",
                kind=Kind.SINGLE,
                choices=["We do it ourselves", "An accountant or consultant", "The principal manufacturer"],
            ),
            Question(
                study=study,
                order=2,
                text="Which returns do you file?",
                kind=Kind.MULTIPLE,
                choices=["GSTR-1", "GSTR-3B", "ITC-04", "GSTR-9"],
                required=False,
            ),
            Question(
                study=study, order=3, text="How hard is the monthly GST cycle? (1 easy, 5 very hard)", kind=Kind.SCALE
            ),
            Question(
                study=study,
                order=4,
                text="Hours a month spent on GST work",
                kind=Kind.NUMBER,
                min_value=Decimal("0"),
                max_value=Decimal("200"),
            ),
            Question(study=study, order=5, text="What would help most?", kind=Kind.LONG_TEXT, required=False),
        ]
    )
    questions = list(study.questions.order_by("order"))
    ideas = [
        "A monthly GST clinic at the association office.",
        "A quarterly return for job workers.",
        "Training for our accounts staff.",
        "",
    ]
    chosen = rng.sample(members, k=min(30, len(members)))
    Response.objects.bulk_create(
        [
            Response(
                study=study,
                token=response_token(study, member.user),
                sector_id=member.enterprise.sector_id,
                state_id=member.enterprise.state_id,
                submitted_at=now - timedelta(days=rng.randint(13, 39), minutes=rng.randint(0, 600)),
            )
            for member in chosen
        ]
    )
    responses = list(Response.objects.filter(study=study))
    answers = []
    for response in responses:
        filer = rng.choices(questions[0].choices, weights=[3, 6, 1])[0]
        hardness = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 3])[0]
        values = [
            (questions[0], filer, None),
            (questions[1], rng.sample(questions[1].choices[:3], k=rng.randint(1, 3)), None),
            (questions[2], str(hardness), Decimal(hardness)),
        ]
        hours = Decimal(rng.randint(2, 20))
        values.append((questions[3], str(hours), hours))
        idea = rng.choice(ideas)
        if idea:
            values.append((questions[4], idea, None))
        answers += [
            Answer(response=response, question=question, value=value, number=number)
            for question, value, number in values
        ]
    Answer.objects.bulk_create(answers)
    return study
