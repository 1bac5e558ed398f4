"""Demo updates and recognitions: SIDBI circulars, scheme news, opportunities and an association's notices.

Bulk inserts only and no broadcasts, notifications or audit rows: this is sample data, not something that happened.
"""

import random
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from portal.accounts.models import User
from portal.associations.models import Association
from portal.core.models import Sector, State
from portal.core.samples import demo_pdf_bytes
from portal.updates.models import Kind, Recognition, Role, Update, UpdateStatus, financial_year_of

CIRCULARS = [
    ("SIDBI/DIA/2026/01", "Revised guidelines for the DIA scheme's capacity-building grant"),
    ("SIDBI/DIA/2026/02", "Documents needed for the association establishment grant"),
    ("SIDBI/DIA/2026/03", "Interest subvention on cluster infrastructure loans: procedure"),
    ("SIDBI/DIA/2026/04", "Quarterly reporting format for associations in the operationalisation stage"),
    ("SIDBI/DIA/2026/05", "Empanelment of consultants for cluster diagnostic studies"),
    ("SIDBI/DIA/2026/06", "Timelines for the 2026-27 ambassador and champion nominations"),
]
SCHEMES = [
    ("GST: quarterly return with monthly payment (QRMP) reminders for small taxpayers", None),
    ("MSME Samadhaan: filing delayed-payment cases against buyers", None),
    ("Credit Guarantee Scheme for Micro and Small Enterprises: higher cover for loans up to ₹5 crore", None),
    ("PM Vishwakarma: toolkit incentive for artisans", "handicrafts"),
    ("Amended Technology Upgradation Fund Scheme: claims window reopened", "textiles"),
    ("PLI for textiles (MMF apparel): second round of applications", "textiles"),
    ("Raising and Accelerating MSME Performance (RAMP): state plans approved", None),
    ("Udyam Assist: registering informal micro units", None),
    ("North East Industrial Development Scheme: incentives for new units", "NE"),
    ("Hallmarking: mandatory HUID for gold jewellery, new districts added", "jewellery"),
]
NEWS = [
    "SIDBI opens a helpdesk for association office-bearers",
    "Cluster development: 40 associations move to the establishment stage",
    "MSME Day: awards for exporters from clusters",
    "New digital lending partners on the portal",
    "Webinar recording: TReDS for small suppliers",
    "Zero-defect zero-effect: 1,000 units certified in the quarter",
]
OPPORTUNITIES = [
    ("IITF 2026, Bharat Mandapam: subsidised stalls for MSME exhibitors", 10, None),
    ("GeM tender: knitted T-shirts for a central police force", 12, "textiles"),
    ("GeM tender: hosiery and innerwear for hospitals", 25, "textiles"),
    ("ZED certification: call for applications with 80% fee subsidy", 40, None),
    ("Trade fair: India International Garment Fair, New Delhi", 9, "textiles"),
    ("Call for applications: North East handloom and handicraft marketing support", 20, "NE"),
    ("IHGF Delhi Fair: shared pavilion for handicraft exporters", 30, "handicrafts"),
    ("GeM tender: brass lamps and décor items for a state emporium", 13, "handicrafts"),
    ("International Jewellery Show, Mumbai: MSME stall support", 35, "jewellery"),
    ("Lean manufacturing scheme: consultants' visits for clusters", 60, None),
    ("Export promotion: buyer-seller meet in Dubai", 45, None),
    ("SIDBI cluster intervention: proposals for common facility centres", 50, None),
]
TIRUPPUR_NOTICES = [
    (Kind.NEWS, "Annual general meeting on the last Saturday of the month"),
    (Kind.NEWS, "Effluent treatment plant charges revised from next month"),
    (Kind.OPPORTUNITY, "Joint purchase of cotton yarn: book your quantity"),
    (Kind.NEWS, "Power tariff representation to the state electricity board"),
    (Kind.SCHEME, "How to claim the state's capital subsidy for new knitting machines"),
]

BODY = (
    "{title}.\n\nThis update is for members of industry associations on the DIA Portal. "
    "Read the details below and contact your association's office for help.\n\n"
    "Eligibility: micro and small enterprises with a valid Udyam registration.\n"
    "How to apply: through the portal or your association's office."
)


def seed_updates(rng: random.Random, now: datetime) -> int:
    """About 40 updates and a few recognitions. Returns the number of updates created."""
    officer = User.objects.filter(sidbi_role="officer").order_by("pk").first()
    if officer is None:
        return 0
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    north_east = list(State.objects.filter(is_north_east=True))
    tiruppur = Association.objects.filter(slug="tiruppur-knitwear-manufacturers-association").first()
    pdf_name = "updates/attachments/demo/circular.pdf"
    if not default_storage.exists(pdf_name):
        pdf_name = default_storage.save(pdf_name, ContentFile(demo_pdf_bytes("SIDBI circular (demo)")))

    rows: list[tuple[Update, str | None]] = []

    def add(kind, title, *, days_ago, target=None, association=None, **fields):
        publish_at = now - timedelta(days=days_ago, hours=rng.randrange(0, 10))
        update = Update(
            kind=kind,
            title=title[:200],
            body=BODY.format(title=title),
            publish_at=publish_at,
            published_at=publish_at,
            status=UpdateStatus.PUBLISHED,
            created_by=officer if association is None else association.created_by,
            association=association,
            for_everyone=target is None and association is None,
            **fields,
        )
        rows.append((update, target))

    for number, title in CIRCULARS:
        add(Kind.CIRCULAR, title, days_ago=rng.randrange(1, 300), circular_number=number, attachment=pdf_name)
    for title, target in SCHEMES:
        add(Kind.SCHEME, title, days_ago=rng.randrange(1, 200), target=target)
    for title in NEWS:
        add(Kind.NEWS, title, days_ago=rng.randrange(0, 120))
    for title, days_ahead, target in OPPORTUNITIES:
        add(
            Kind.OPPORTUNITY,
            title,
            days_ago=rng.randrange(0, 20),
            target=target,
            deadline=(now + timedelta(days=days_ahead)).date(),
        )
    if tiruppur is not None:
        for kind, title in TIRUPPUR_NOTICES:
            extra = {"deadline": (now + timedelta(days=8)).date()} if kind == Kind.OPPORTUNITY else {}
            add(kind, title, days_ago=rng.randrange(0, 60), target="members", association=tiruppur, **extra)

    created = Update.objects.bulk_create([update for update, _target in rows])
    sector_links, state_links, association_links = [], [], []
    for update, (_row, target) in zip(created, rows, strict=True):
        if target == "NE":
            state_links += [Update.states.through(update_id=update.pk, state_id=s.pk) for s in north_east]
        elif target == "members":
            association_links.append(Update.associations.through(update_id=update.pk, association_id=tiruppur.pk))
            update.roles = [Role.MEMBERS]
        elif target in sectors:
            sector_links.append(Update.sectors.through(update_id=update.pk, sector_id=sectors[target].pk))
    Update.sectors.through.objects.bulk_create(sector_links)
    Update.states.through.objects.bulk_create(state_links)
    Update.associations.through.objects.bulk_create(association_links)
    Update.objects.bulk_update([u for u in created if u.roles], ["roles"])
    seed_recognitions(rng, now, officer)
    seed_translations(created)
    return len(created)


# A few SIDBI updates in Hindi and Tamil too (issue #12): readers of those languages see these versions.
TRANSLATIONS = {
    "Documents needed for the association establishment grant": {
        "hi": (
            "संघ स्थापना अनुदान के लिए आवश्यक दस्तावेज़",
            "संघ स्थापना अनुदान के लिए आवेदन करने वाले उद्योग संघ ये दस्तावेज़ तैयार रखें:\n\n"
            "- संघ का पंजीकरण प्रमाणपत्र और उपनियम\n"
            "- पिछले दो वर्षों के लेखा-परीक्षित खाते\n"
            "- पदाधिकारियों की सूची, उनके PAN के साथ\n"
            "- सदस्य उद्यमों की सूची, उनकी Udyam पंजीकरण संख्या के साथ\n\n"
            "सहायता के लिए अपने क्लस्टर विशेषज्ञ या SIDBI योजना अधिकारी से संपर्क करें।",
        ),
        "ta": (
            "சங்கம் நிறுவும் மானியத்திற்குத் தேவையான ஆவணங்கள்",
            "சங்கம் நிறுவும் மானியத்திற்கு விண்ணப்பிக்கும் தொழில் சங்கங்கள் இந்த ஆவணங்களைத் தயாராக வைத்திருக்கவும்:\n\n"
            "- சங்கத்தின் பதிவுச் சான்றிதழ் மற்றும் துணை விதிகள்\n"
            "- கடந்த இரண்டு ஆண்டுகளின் தணிக்கை செய்யப்பட்ட கணக்குகள்\n"
            "- நிர்வாகிகளின் பட்டியல், அவர்களின் PAN உடன்\n"
            "- உறுப்பினர் நிறுவனங்களின் பட்டியல், அவற்றின் Udyam பதிவு எண்ணுடன்\n\n"
            "உதவிக்கு உங்கள் கிளஸ்டர் நிபுணரையோ SIDBI திட்ட அலுவலரையோ தொடர்பு கொள்ளவும்.",
        ),
    },
    "SIDBI opens a helpdesk for association office-bearers": {
        "hi": (
            "SIDBI ने संघ पदाधिकारियों के लिए सहायता डेस्क शुरू की",
            "उद्योग संघों के पदाधिकारी अब DIA योजना, कार्य योजना और किस्तों के बारे में अपने प्रश्न सीधे "
            "SIDBI की सहायता डेस्क से पूछ सकते हैं। डेस्क सोमवार से शुक्रवार, सुबह 10 से शाम 5 बजे तक खुली है।",
        ),
        "ta": (
            "சங்க நிர்வாகிகளுக்காக SIDBI உதவி மையம் தொடக்கம்",
            "தொழில் சங்க நிர்வாகிகள் இனி DIA திட்டம், செயல் திட்டம் மற்றும் தவணைகள் குறித்த கேள்விகளை நேரடியாக "
            "SIDBI உதவி மையத்திடம் கேட்கலாம். உதவி மையம் திங்கள் முதல் வெள்ளி வரை, காலை 10 முதல் மாலை 5 மணி வரை "
            "செயல்படும்.",
        ),
    },
    "ZED certification: call for applications with 80% fee subsidy": {
        "hi": (
            "ZED प्रमाणन: 80% शुल्क सहायता के साथ आवेदन आमंत्रित",
            "सूक्ष्म और लघु उद्यम ZED प्रमाणन के लिए आवेदन कर सकते हैं; प्रमाणन शुल्क का 80% सरकार वहन करेगी। "
            "आवेदन की अंतिम तिथि से पहले अपने संघ के कार्यालय से संपर्क करें।",
        ),
        "ta": (
            "ZED சான்றிதழ்: 80% கட்டண மானியத்துடன் விண்ணப்பங்கள் வரவேற்பு",
            "குறு மற்றும் சிறு நிறுவனங்கள் ZED சான்றிதழுக்கு விண்ணப்பிக்கலாம்; சான்றிதழ் கட்டணத்தில் 80% அரசு ஏற்கும். "
            "கடைசி தேதிக்கு முன் உங்கள் சங்க அலுவலகத்தைத் தொடர்பு கொள்ளவும்.",
        ),
    },
}


def seed_translations(updates) -> None:
    """Hindi and Tamil versions of the updates named in TRANSLATIONS (bulk insert, like the rest of the demo)."""
    from portal.updates.models import UpdateTranslation

    versions = [
        UpdateTranslation(update=update, language=language, title=title, body=body)
        for update in updates
        for language, (title, body) in TRANSLATIONS.get(update.title, {}).items()
    ]
    UpdateTranslation.objects.bulk_create(versions)


PEOPLE = ["Kavitha Ramasamy", "Arjun Mehta", "Noor Fatima", "Sanjay Barua", "Priya Nair", "Deepak Chauhan"]


def seed_recognitions(rng: random.Random, now: datetime, officer) -> None:
    associations = list(Association.objects.approved().order_by("pk")[:6])
    year = financial_year_of(now.date())
    recognitions, announcements = [], []
    for index, association in enumerate(associations):
        title = "ambassador" if index % 2 == 0 else "champion"
        person = PEOPLE[index % len(PEOPLE)]
        citation = (
            f"{person} is named {title} of {association.name} for {year} for bringing members onto the portal "
            "and leading the cluster's joint purchase and testing programmes."
        )
        announcements.append(
            Update(
                kind=Kind.NEWS,
                title=f"{person} named {title} of {association.name} for {year}"[:200],
                body=citation,
                publish_at=now - timedelta(days=rng.randrange(1, 30)),
                published_at=now,
                status=UpdateStatus.PUBLISHED,
                created_by=officer,
            )
        )
        recognitions.append(
            Recognition(
                association=association,
                person_name=person,
                title=title,
                financial_year=year,
                citation=citation,
                created_by=officer,
            )
        )
    for recognition, announcement in zip(recognitions, Update.objects.bulk_create(announcements), strict=True):
        recognition.update = announcement
    Recognition.objects.bulk_create(recognitions)
