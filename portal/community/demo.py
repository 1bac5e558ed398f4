"""Demo discussions: believable topics in the national space, a few sector and state spaces, the Tiruppur and
Ludhiana associations' private spaces and Tiruppur's "Exporters' circle", with replies, reactions, follows, an
accepted answer and a topic in Hindi.

Bulk inserts, no notifications, e-mails or audit rows: this is sample data, not something that happened.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.associations.models import Association, AssociationStaff, MembershipStatus
from portal.community.models import Reaction, ReactionKind, Reply, Space, SpaceKind, Topic, TopicFollow, TopicRead
from portal.community.services import ensure_public_spaces, handle_for, space_for_association

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
LUDHIANA = "ludhiana-engineering-manufacturers-association"

# (space key, title, body, replies, index of the accepted reply or None)
THREADS = [
    (
        "national",
        "Has anyone used CGTMSE cover for a loan above ₹2 crore?",
        "Our bank says the guarantee fee makes it costly. What fee did you pay, and did the bank still ask for "
        "collateral?",
        [
            "We took ₹2.5 crore last year. The fee was about 0.75% a year; no collateral was asked.",
            "Ask for the reduced fee for units in the **North East** or owned by women: it is lower.",
            "Our branch insisted on a property mortgage anyway. Complain to the regional office if that happens.",
        ],
        0,
    ),
    (
        "national",
        "TReDS: worth it for small suppliers?",
        "Large buyers keep paying after 60 days. Has anyone discounted invoices on a TReDS platform?\n\n"
        "- Which platform?\n- How long did onboarding take?",
        [
            "RXIL took us two weeks. The discount rate was about 8.5%, better than our overdraft.",
            "Only works if your buyer is registered. Ours refused at first.",
        ],
        None,
    ),
    (
        "national",
        "निर्यात के लिए ऋण: सिडबी से किसी ने लिया है?",
        "हम छोटे निर्यातक हैं। क्या किसी सदस्य ने सिडबी से निर्यात ऋण लिया है? ब्याज दर और कागज़ात के बारे में बताइए।",
        [
            "हमने पिछले साल लिया था। ब्याज दर लगभग 9% थी और उद्यम पंजीकरण ज़रूरी है।",
            "GST रिटर्न और पिछले दो साल की बैलेंस शीट तैयार रखें।",
        ],
        None,
    ),
    (
        "sector-textiles",
        "Cotton yarn prices this quarter",
        "Yarn went up ₹18 a kg in three weeks. Are spinners passing on the cotton price, or is this hoarding?",
        [
            "CAI's crop estimate is down; mills are buying ahead. Expect it to ease after January.",
            "We switched part of our order to polyester blends for the winter line.",
        ],
        None,
    ),
    (
        "sector-textiles",
        "Buyers asking for a Higg FEM score",
        "Two European buyers now want a Higg Facility Environmental Module score. Has any small unit done it?",
        ["Our association ran a group verification; it cut the cost per unit by half."],
        0,
    ),
    (
        "sector-engineering",
        "Induction furnace power factor penalties",
        "The state board charged us a penalty for low power factor. Which capacitor banks have worked for you?",
        ["An APFC panel paid back in seven months for us.", "Get the harmonics measured first."],
        None,
    ),
    (
        "state-pb",
        "Punjab state incentives for MSME exporters",
        "Does anyone have the new notification on freight subsidy for exporters from Punjab?",
        ["It is on the Invest Punjab site under Industrial Policy 2022, annexure 4."],
        None,
    ),
    (
        "state-tn",
        "TNPCB consent renewal online",
        "The consent-to-operate renewal portal keeps timing out. Any tips?",
        ["Upload the documents as one PDF under 5 MB; it worked for us after that."],
        0,
    ),
    (
        "tiruppur",
        "Common effluent treatment plant: share of costs for 2026-27",
        "The CETP board proposes ₹42 per kilolitre. Members, please give your views before the general body meeting.",
        [
            "Too steep for units below 50 KL a day. Can we have a slab?",
            "The ZLD upgrade was partly funded by the state; that should reduce the rate.",
            "Agree with a slab. We will raise it at the meeting.",
        ],
        None,
    ),
    (
        "tiruppur",
        "Group booking for the Heimtextil stall",
        "The association can book a shared stall at Heimtextil. Who is interested? Reply by Friday.",
        ["Count us in for two panels.", "We are in, and can share the freight."],
        None,
    ),
    (
        "exporters",
        "RoDTEP rates for knitted garments",
        "The revised RoDTEP schedule is out. Has anyone compared it with the old rates for HS 6109?",
        ["About 0.3 percentage points lower for cotton T-shirts. I will share the sheet."],
        0,
    ),
    (
        "ludhiana",
        "Steel price hike and running contracts",
        "HR coil is up again. How are members handling fixed-price orders with OEMs?",
        [
            "We added a price variation clause linked to the JPC index for new orders.",
            "Two OEMs agreed to a quarterly revision when the association wrote to them jointly.",
        ],
        1,
    ),
    (
        "ludhiana",
        "Testing lab for fasteners: pooled booking",
        "Should we book the NABL lab in Mohali for members at a pooled rate?",
        ["Yes, the rate per test could fall by a third."],
        None,
    ),
]


def _people(association: Association | None) -> list:
    if association is None:
        return []
    user_model = get_user_model()
    members = user_model.objects.filter(
        is_active=True,
        enterprise_roles__enterprise__memberships__association=association,
        enterprise_roles__enterprise__memberships__status=MembershipStatus.APPROVED,
    )
    office = user_model.objects.filter(
        pk__in=AssociationStaff.objects.filter(association=association).values("user_id"), is_active=True
    )
    return list(office.order_by("pk")[:2]) + list(members.distinct().order_by("pk")[:12])


def seed(*, rng: random.Random) -> None:
    """Create the demo discussions once (returns at once if any topic exists)."""
    if Topic.objects.exists():
        return
    ensure_public_spaces()
    tiruppur = Association.objects.filter(slug=TIRUPPUR).first()
    ludhiana = Association.objects.filter(slug=LUDHIANA).first()
    tiruppur_people, ludhiana_people = _people(tiruppur), _people(ludhiana)
    everyone = tiruppur_people + ludhiana_people
    if not everyone:
        everyone = list(get_user_model().objects.filter(is_active=True, is_superuser=False).order_by("pk")[:12])
    if not everyone:
        return
    spaces = {space.slug: space for space in Space.objects.public()}
    authors_by_space: dict[str, list] = {}
    if tiruppur:
        spaces["tiruppur"] = space_for_association(tiruppur)
        circle = Space.objects.filter(association=tiruppur, kind=SpaceKind.CIRCLE, name="Exporters' circle").first()
        spaces["exporters"] = circle or Space.objects.create(
            kind=SpaceKind.CIRCLE,
            association=tiruppur,
            name="Exporters' circle",
            slug=f"{tiruppur.slug[:60]}-exporters-circle",
            description="Members who export: buyers, compliance and incentives.",
            created_by=tiruppur_people[0] if tiruppur_people else None,
        )
        authors_by_space["tiruppur"] = authors_by_space["exporters"] = tiruppur_people
    if ludhiana:
        spaces["ludhiana"] = space_for_association(ludhiana)
        authors_by_space["ludhiana"] = ludhiana_people
    for person in everyone:
        handle_for(person)

    now = timezone.now()
    topics, thread_replies = [], []
    for key, title, body, replies, accepted in THREADS:
        space = spaces.get(key)
        people = authors_by_space.get(key) or everyone
        if space is None or not people:
            continue
        started = now - timedelta(days=rng.randint(3, 60), hours=rng.randint(0, 23))
        author = rng.choice(people)
        topic = Topic(space=space, author=author, title=title, body=body, created_at=started)
        at = started
        rows = []
        for text in replies:
            at = at + timedelta(hours=rng.randint(1, 40))
            rows.append(Reply(author=rng.choice(people), body=text, created_at=min(at, now)))
        topic.last_activity_at = rows[-1].created_at if rows else started
        topic.reply_count = len(rows)
        topic.pinned = key in ("tiruppur", "ludhiana") and not topics_in(topics, space)
        topics.append(topic)
        thread_replies.append((rows, accepted, people))
    Topic.objects.bulk_create(topics)

    all_replies = []
    for topic, (rows, *_rest) in zip(topics, thread_replies, strict=True):
        for reply in rows:
            reply.topic = topic
            all_replies.append(reply)
    Reply.objects.bulk_create(all_replies)

    accepted_topics, reactions, follows, reads = [], [], [], []
    kinds = list(ReactionKind.values)
    for topic, (rows, accepted, people) in zip(topics, thread_replies, strict=True):
        if accepted is not None and rows:
            topic.accepted_reply = rows[accepted]
            accepted_topics.append(topic)
        followers = {topic.author_id} | {reply.author_id for reply in rows}
        follows += [TopicFollow(topic=topic, user_id=user_id) for user_id in followers]
        reads += [TopicRead(topic=topic, user_id=topic.author_id, read_at=topic.last_activity_at)]
        for target in [None, *rows]:
            for person in rng.sample(people, k=min(len(people), rng.randint(0, 4))):
                kind = rng.choice(kinds)
                if target is None:
                    reactions.append(Reaction(user=person, topic=topic, kind=kind))
                else:
                    reactions.append(Reaction(user=person, reply=target, kind=kind))
    Topic.objects.bulk_update(accepted_topics, ["accepted_reply"])
    TopicFollow.objects.bulk_create(follows, ignore_conflicts=True)
    TopicRead.objects.bulk_create(reads, ignore_conflicts=True)
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)


def topics_in(topics: list[Topic], space: Space) -> bool:
    return any(topic.space_id == space.pk for topic in topics)
