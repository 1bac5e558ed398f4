"""Demo learning library: scheme guides, toolkits, case studies of real clusters, publications, documents, videos,
the "DIA Conversations" series of recorded sessions, a Hindi guide, learning paths for every cluster stage, and a
Tiruppur member's bookmarks and progress.

Bulk inserts only and no broadcasts, notifications or audit rows: this is sample data, not something that happened.
PDFs are drawn with the shared PortalPDF so they open (and read well) in a browser.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from portal.accounts.models import User
from portal.associations.models import Association, Stage
from portal.core.models import Sector
from portal.learning.models import (
    Audience,
    Bookmark,
    Kind,
    Language,
    LearningPath,
    PathStep,
    Resource,
    ResourceTranslation,
    Series,
    Status,
    StepDone,
    Topic,
)

TIRUPPUR = "tiruppur-knitwear-manufacturers-association"
OFFICER = "officer@demo.diaportal.in"
SECRETARY = "secretary@tiruppur.demo.diaportal.in"
MEMBER = "member@tiruppur.demo.diaportal.in"
SERIES_SLUG = "dia-conversations"
VIDEO_HOST = "https://video.demo.diaportal.in"
SERVICES_PATH = "From establishment to operationalisation: services your association can sell"

TOPICS = [
    ("dia-scheme", "DIA scheme"),
    ("gst", "GST and taxes"),
    ("finance", "Finance and credit"),
    ("services", "Services and income"),
    ("common-facilities", "Common facilities"),
    ("energy", "Energy and environment"),
    ("exports", "Exports and buyers"),
    ("governance", "Governance and members"),
    ("quality", "Technology and quality"),
]


@dataclass
class Item:
    key: str
    kind: str
    title: str
    summary: str
    points: list[tuple[str, str]]
    topics: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    stage: str = ""
    language: str = Language.ENGLISH
    pdf: bool = False
    link: str = ""
    speakers: str = ""
    minutes: int | None = None
    tiruppur: str = ""  # "members" or "public" for the Tiruppur association's own resources


INIT, EST, OPS, TRANS = Stage.INITIATION, Stage.ESTABLISHMENT, Stage.OPERATIONALISATION, Stage.TRANSFORMATION

ITEMS = [
    # Scheme guides
    Item(
        "guide",
        Kind.SCHEME_GUIDE,
        "The DIA scheme: a guide for industry associations",
        "What the Development of Industry Associations scheme funds, who can apply and how an association moves "
        "from initiation to transformation.",
        [
            ("Who can apply", "Registered associations of MSMEs in a cluster, with audited accounts for one year."),
            ("Three heads of support", "Infrastructure, trained human resources and initial activities, on demand."),
            ("The four stages", "Initiation, establishment, operationalisation and transformation, with markers."),
            ("How to apply", "Register the association on the portal, self-assess, and send the application."),
        ],
        ["dia-scheme"],
        stage=INIT,
        pdf=True,
    ),
    Item(
        "guide-hi",
        Kind.SCHEME_GUIDE,
        "डीआईए योजना: उद्योग संघों के लिए मार्गदर्शिका",
        "उद्योग संघ विकास (डीआईए) योजना क्या देती है, कौन आवेदन कर सकता है और संघ आगे कैसे बढ़ता है।",
        [
            ("कौन आवेदन कर सकता है", "किसी क्लस्टर के एमएसएमई का पंजीकृत संघ, एक वर्ष के लेखापरीक्षित खातों के साथ।"),
            ("सहायता के तीन मद", "बुनियादी ढाँचा, प्रशिक्षित मानव संसाधन और प्रारंभिक गतिविधियाँ।"),
            ("चार चरण", "आरंभ, स्थापना, संचालन और रूपांतरण।"),
        ],
        ["dia-scheme"],
        stage=INIT,
        language=Language.HINDI,
        pdf=True,
    ),
    Item(
        "apply",
        Kind.SCHEME_GUIDE,
        "Applying for DIA support: infrastructure, trained people and initial activities",
        "A step-by-step guide to the support application, the documents SIDBI asks for and how tranches are "
        "released and accounted for.",
        [
            ("Before you apply", "An approved action plan and a sustainability self-assessment."),
            ("Documents", "Registration certificate, PAN, audited accounts, bye-laws, list of office-bearers."),
            ("Tranches", "Released against milestones; each is accounted for with bills and a utilisation note."),
        ],
        ["dia-scheme", "finance"],
        stage=EST,
        pdf=True,
    ),
    Item(
        "action-plan",
        Kind.SCHEME_GUIDE,
        "Writing your association's action plan",
        "How to set goals, list activities with budgets and choose the services that will make the association "
        "self-reliant within three years.",
        [
            ("Start from members' needs", "Use the requirements desk and a short survey to rank what members want."),
            ("Activities and budgets", "Each with a month, an owner and a rupee amount; keep grants under half."),
            ("Indicators", "Paying members, self-earned income, services sold, people trained."),
        ],
        ["dia-scheme", "services"],
        stage=OPS,
        pdf=True,
    ),
    Item(
        "cgtmse",
        Kind.SCHEME_GUIDE,
        "Collateral-free credit for members: what an association can do",
        "How the Credit Guarantee Fund Trust for Micro and Small Enterprises works and how an association can "
        "help members get loans faster.",
        [
            ("Cover", "Loans up to ₹5 crore without collateral, with a guarantee fee paid by the borrower."),
            ("The association's part", "Loan camps with banks, help with documents, follow-up of pending cases."),
        ],
        ["finance"],
        stage=OPS,
    ),
    # Toolkits
    Item(
        "gst",
        Kind.TOOLKIT,
        "GST toolkit for MSMEs and job workers",
        "Checklists, calendars and worked examples for GST returns, e-way bills and input tax credit, with the "
        "rules for goods sent to job workers.",
        [
            ("Return calendar", "GSTR-1 by the 11th, GSTR-3B by the 20th; QRMP for turnover up to ₹5 crore."),
            ("Job work", "Send goods on a delivery challan (ITC-04); return within one year for inputs."),
            ("E-way bills", "Needed above ₹50,000 of goods; Part B with the vehicle number."),
            ("Input tax credit", "Match purchases with GSTR-2B every month before claiming."),
        ],
        ["gst"],
        pdf=True,
    ),
    Item(
        "dues",
        Kind.TOOLKIT,
        "Membership dues and member records: a toolkit",
        "Fee slabs, receipts, reminders and a member register that stands up to an audit.",
        [
            ("Fee slabs", "By turnover or employees, reviewed every year at the general body meeting."),
            ("Receipts", "Numbered receipts for every payment; reconcile with the bank every month."),
            ("Retention", "Call members whose dues are overdue; tell them what the association did for them."),
        ],
        ["governance"],
        stage=EST,
    ),
    Item(
        "cfc",
        Kind.TOOLKIT,
        "Running a common facility centre that pays for itself",
        "Pricing, booking, maintenance and accounts for a shared facility: tool room, testing lab or design centre.",
        [
            ("Pricing", "Cover running costs and a reserve for repairs; discount for members, not free."),
            ("Bookings", "A simple booking register or the portal's services module; publish the queue."),
            ("Reporting", "Monthly use, income and downtime to the managing committee."),
        ],
        ["common-facilities", "services"],
        stage=OPS,
    ),
    Item(
        "energy",
        Kind.TOOLKIT,
        "Energy audit toolkit for foundries and forging units",
        "Walk-through audit sheets, typical savings and where to find finance for efficient furnaces and motors.",
        [
            ("Walk-through", "Furnace, compressed air, motors and lighting: the four places to look first."),
            ("Typical savings", "10 to 25 per cent of the power bill with payback under three years."),
        ],
        ["energy"],
        ["engineering"],
        stage=TRANS,
    ),
    # Case studies
    Item(
        "tiruppur",
        Kind.CASE_STUDY,
        "Tiruppur: how knitwear units built a common effluent treatment plant",
        "Hundreds of dyeing and bleaching units pooled land, money and know-how for zero liquid discharge.",
        [
            ("The problem", "Court orders closed units that let untreated water into the Noyyal river."),
            ("What they did", "Formed companies per group of units; shared plants with reverse osmosis."),
            ("Results", "Water recovered and reused; units reopened; buyers' audits passed."),
        ],
        ["common-facilities", "energy"],
        ["textiles"],
        stage=TRANS,
    ),
    Item(
        "morbi",
        Kind.CASE_STUDY,
        "Morbi: ceramic tile makers switch to natural gas together",
        "How the Morbi ceramic cluster moved from coal gasifiers to piped natural gas and what the association did.",
        [
            ("Why", "Pollution orders against coal gasifiers and buyers asking for cleaner tiles."),
            ("The association's part", "Negotiated gas supply, connection schedules and a price review."),
        ],
        ["energy"],
        ["ceramics"],
        stage=TRANS,
    ),
    Item(
        "ludhiana",
        Kind.CASE_STUDY,
        "Ludhiana: a testing lab run by the bicycle parts association",
        "A members' testing laboratory that now earns more than the association's dues.",
        [
            ("Start", "Members sent parts to labs in Delhi and waited weeks for results."),
            ("The lab", "Set up with a grant and members' contributions; NABL accreditation in year three."),
            ("Income", "Tests sold to members and non-members; the lab covers its costs and more."),
        ],
        ["common-facilities", "services", "quality"],
        ["engineering"],
        stage=OPS,
    ),
    Item(
        "sivakasi",
        Kind.CASE_STUDY,
        "Sivakasi: pooled purchase of paper and board",
        "Printers buy paper together through their association and save on price and credit terms.",
        [
            ("How it works", "Members post monthly needs; the association negotiates one order with mills."),
            ("Fee", "A small service charge per tonne covers the association's costs."),
        ],
        ["services"],
        ["printing"],
        stage=OPS,
    ),
    # Publications
    Item(
        "newsletter",
        Kind.PUBLICATION,
        "DIA Newsletter, issue 12: associations that earn their own way",
        "News from clusters, a scheme update from SIDBI and three associations that now live on service income.",
        [
            ("From the clusters", "Jalandhar's design studio, Moradabad's export desk, Kollam's cashew lab."),
            ("Scheme update", "New format for quarterly reports; the next appraisal window."),
        ],
        ["dia-scheme", "services"],
        pdf=True,
    ),
    Item(
        "annual-report",
        Kind.PUBLICATION,
        "DIA scheme report 2025-26",
        "The scheme's year: associations supported, stages reached, money sanctioned and released, and lessons.",
        [
            ("Reach", "147 associations on the portal, 38 supported this year, 8 in the north-east."),
            ("Money", "Sanctioned and released by head: infrastructure, trained people, initial activities."),
            ("Lessons", "Associations with an approved action plan move a stage faster."),
        ],
        ["dia-scheme"],
        pdf=True,
    ),
    Item(
        "study",
        Kind.PUBLICATION,
        "Study: services MSMEs want from their association",
        "A survey of 1,200 units in 30 clusters on the services they would pay their association for.",
        [
            ("Top five", "Testing, GST and compliance help, bank linkage, pooled purchase, training."),
            ("Willingness to pay", "Most units would pay for testing and compliance help, few for events."),
        ],
        ["services"],
        stage=EST,
        pdf=True,
    ),
    # Documents
    Item(
        "bye-laws",
        Kind.DOCUMENT,
        "Model bye-laws for a cluster association (society)",
        "A model set of bye-laws for an association registered as a society: membership, committee, meetings, "
        "accounts and audit.",
        [
            ("Membership", "Who may join, fees, rights and cessation."),
            ("Managing committee", "Election, terms, office-bearers and their powers."),
            ("Accounts", "Financial year, bank accounts, audit and the annual general meeting."),
        ],
        ["governance"],
        stage=INIT,
        pdf=True,
    ),
    Item(
        "mou",
        Kind.DOCUMENT,
        "Template: agreement with a testing laboratory",
        "A template agreement for an association offering members discounted tests through a partner laboratory.",
        [
            ("Scope", "Tests covered, turnaround times and the report format."),
            ("Fees", "Member rate, association's service charge and settlement every month."),
        ],
        ["services", "quality"],
        stage=OPS,
        pdf=True,
    ),
    Item(
        "price-list",
        Kind.DOCUMENT,
        "Sample service price list for an association",
        "Twelve services an association can sell, with sample prices for members and non-members.",
        [
            ("Compliance", "GST filing help, Udyam updates, factory licence renewals."),
            ("Business", "Buyer-seller meets, export documentation, tender alerts."),
            ("Technical", "Testing through partner labs, energy audits, design help."),
        ],
        ["services"],
        stage=EST,
        pdf=True,
    ),
    # Videos
    Item(
        "udyam",
        Kind.VIDEO,
        "Registering on the Udyam portal: a walk-through",
        "A 12-minute screen recording of a micro unit's Udyam registration, with the documents to keep ready.",
        [("Keep ready", "Aadhaar of the owner, PAN and GSTIN of the unit, bank account details.")],
        ["governance"],
        stage=INIT,
        link=f"{VIDEO_HOST}/videos/udyam-walk-through",
        minutes=12,
    ),
    Item(
        "zed",
        Kind.VIDEO,
        "ZED certification explained",
        "Zero defect, zero effect: the bronze, silver and gold levels and the subsidy on certification costs.",
        [("Levels", "Bronze, silver and gold, with the subsidy for micro units.")],
        ["quality"],
        stage=OPS,
        link=f"{VIDEO_HOST}/videos/zed-certification",
        minutes=18,
    ),
    Item(
        "lean",
        Kind.VIDEO,
        "Lean manufacturing for small units: a 20-minute introduction",
        "5S, value-stream mapping and quick changeovers, filmed on the shop floor of a Rajkot pump maker.",
        [("5S", "Sort, set in order, shine, standardise, sustain.")],
        ["quality"],
        ["engineering"],
        stage=TRANS,
        link=f"{VIDEO_HOST}/videos/lean-for-small-units",
        minutes=21,
    ),
    # The Tiruppur association's own
    Item(
        "tiruppur-gst-clinic",
        Kind.DOCUMENT,
        "Tiruppur association: GST clinic notes for members (2026)",
        "Questions members brought to the monthly GST clinic and the practitioner's answers.",
        [("Job work returns", "ITC-04 every half-year for units above ₹5 crore, yearly below.")],
        ["gst"],
        ["textiles"],
        pdf=True,
        tiruppur=Audience.MEMBERS,
    ),
    Item(
        "tiruppur-water",
        Kind.CASE_STUDY,
        "Tiruppur: how three dyeing units halved their water use",
        "Members share what changed on their floors and what it cost.",
        [("Changes", "Low liquor ratio machines, counter-current washing and metering every line.")],
        ["energy"],
        ["textiles"],
        stage=TRANS,
        tiruppur=Audience.PUBLIC,
    ),
]

EPISODES = [
    (
        "Why your association should sell services",
        "Anita Deshpande (SIDBI); K. Senthil Kumar (Tiruppur Knitwear Manufacturers Association)",
        38,
        "An association that lives on dues and grants stays small. Which services members pay for, how to price "
        "them, and how Tiruppur started with a GST clinic.",
    ),
    (
        "From a WhatsApp group to a registered society: Jalandhar sports goods makers",
        "Harpreet Singh (Jalandhar Sports Goods Association); cluster expert R. Menon",
        31,
        "How a group of makers registered, wrote bye-laws, opened a bank account and held their first election.",
    ),
    (
        "A common facility centre that pays for itself",
        "Office-bearers of the Morbi and Ludhiana associations",
        44,
        "Pricing, bookings and maintenance of shared facilities, and the mistakes they would not repeat.",
    ),
    (
        "Bank finance for clusters: ask the SIDBI officers",
        "R. Venkataraman and Anita Deshpande (SIDBI)",
        52,
        "Questions from associations on cluster loans, credit guarantees and how SIDBI appraises a proposal.",
    ),
    (
        "Export readiness: what Tiruppur learnt about buyers' audits",
        "Lakshmi Narayanan (member, Tiruppur); an export compliance consultant",
        36,
        "Social and environmental audits, and how an association can prepare a hundred small units at once.",
    ),
]

PATHS = [
    (
        "Starting a cluster association: first steps",
        INIT,
        "For groups of MSMEs about to form an association: what the DIA scheme offers, how to register members' "
        "units and the association itself, and how others began.",
        ["guide", "guide-hi", "udyam", "episode-2", "bye-laws"],
    ),
    (
        SERVICES_PATH,
        EST,
        "An established association with members and an office can start **selling services**: this path shows "
        "which services members pay for, how to price them and how other clusters did it. By the end you can "
        "draft a price list and a first service agreement.",
        ["episode-1", "study", "price-list", "cfc", "ludhiana", "sivakasi", "mou"],
    ),
    (
        "Getting established: members, dues and records",
        EST,
        "The basics an association needs in place before applying for DIA support.",
        ["dues", "apply", "bye-laws"],
    ),
    (
        "An action plan SIDBI will approve",
        OPS,
        "Write an action plan with budgets and indicators, and use credit and scheme support to carry it out.",
        ["action-plan", "cgtmse", "annual-report", "episode-4", "zed"],
    ),
    (
        "Towards transformation: green and export-ready clusters",
        TRANS,
        "Clusters that cut energy and water use and pass buyers' audits together.",
        ["tiruppur", "morbi", "energy", "lean", "episode-5"],
    ),
    (
        "GST basics for every member",
        "",
        "Returns, e-way bills and job work, for any association to share with its members.",
        ["gst", "newsletter"],
    ),
]


# A few SIDBI resources in Hindi and Tamil too (issue #12): readers of those languages see these versions.
TRANSLATIONS = {
    "guide": {
        "hi": (
            "DIA योजना: उद्योग संघों के लिए मार्गदर्शिका",
            "उद्योग संघ विकास (DIA) योजना किन कामों के लिए सहायता देती है, कौन आवेदन कर सकता है और एक संघ आरंभ से "
            "रूपांतरण तक कैसे आगे बढ़ता है।",
            "## मुख्य बातें\n\n"
            "- **कौन आवेदन कर सकता है**: किसी क्लस्टर के एमएसएमई का पंजीकृत उद्योग संघ, जिसके कम से कम एक वर्ष के "
            "लेखा-परीक्षित खाते हों।\n"
            "- **सहायता के तीन मद**: अवसंरचना, प्रशिक्षित मानव संसाधन और प्रारंभिक गतिविधियाँ, ज़रूरत के अनुसार।\n"
            "- **चार चरण**: आरंभ, स्थापना, संचालन और रूपांतरण; हर चरण के अपने पैमाने हैं।\n"
            "- **आवेदन कैसे करें**: संघ को पोर्टल पर पंजीकृत करें, स्व-मूल्यांकन करें और आवेदन भेजें।",
        ),
        "ta": (
            "DIA திட்டம்: தொழில் சங்கங்களுக்கான வழிகாட்டி",
            "தொழில் சங்க மேம்பாட்டு (DIA) திட்டம் எவற்றுக்கு நிதியுதவி தருகிறது, யார் விண்ணப்பிக்கலாம், ஒரு சங்கம் "
            "தொடக்கம் முதல் மாற்றம் வரை எப்படி முன்னேறுகிறது என்பதை இந்த வழிகாட்டி விளக்குகிறது.",
            "## முக்கியக் குறிப்புகள்\n\n"
            "- **யார் விண்ணப்பிக்கலாம்**: ஒரு தொழில் தொகுப்பின் (கிளஸ்டர்) MSME நிறுவனங்களின் பதிவு செய்யப்பட்ட "
            "தொழில் சங்கம்; குறைந்தது ஓர் ஆண்டின் தணிக்கை செய்யப்பட்ட கணக்குகளுடன்.\n"
            "- **மூன்று உதவித் தலைப்புகள்**: உள்கட்டமைப்பு, பயிற்சி பெற்ற மனித வளம், தொடக்கச் செயல்பாடுகள்; "
            "தேவைக்கு ஏற்ப.\n"
            "- **நான்கு நிலைகள்**: தொடக்கம், நிறுவுதல், செயல்படுத்துதல், மாற்றம்; ஒவ்வொன்றுக்கும் அதன் அளவுகோல்கள் "
            "உண்டு.\n"
            "- **எப்படி விண்ணப்பிப்பது**: சங்கத்தை போர்ட்டலில் பதிவு செய்து, சுய மதிப்பீடு செய்து, விண்ணப்பத்தை "
            "அனுப்புங்கள்.",
        ),
    },
    "apply": {
        "hi": (
            "DIA सहायता के लिए आवेदन: अवसंरचना, प्रशिक्षित लोग और प्रारंभिक गतिविधियाँ",
            "सहायता के आवेदन की चरण-दर-चरण जानकारी: SIDBI कौन-से दस्तावेज़ माँगता है, और किस्तें कैसे जारी होती हैं "
            "और उनका हिसाब कैसे दिया जाता है।",
            "## मुख्य बातें\n\n"
            "- **आवेदन से पहले**: स्वीकृत कार्य योजना और स्थिरता का स्व-मूल्यांकन।\n"
            "- **दस्तावेज़**: पंजीकरण प्रमाणपत्र, PAN, लेखा-परीक्षित खाते, उपनियम और पदाधिकारियों की सूची।\n"
            "- **किस्तें**: तय पड़ाव पूरे होने पर जारी होती हैं; हर किस्त का हिसाब बिलों और उपयोगिता प्रमाणपत्र से "
            "दिया जाता है।",
        ),
        "ta": (
            "DIA உதவிக்கு விண்ணப்பித்தல்: உள்கட்டமைப்பு, பயிற்சி பெற்றவர்கள், தொடக்கச் செயல்பாடுகள்",
            "உதவி விண்ணப்பத்திற்கான படிப்படியான வழிகாட்டி: SIDBI கேட்கும் ஆவணங்கள், தவணைகள் எப்படி விடுவிக்கப்படுகின்றன, "
            "அவற்றுக்கு எப்படிக் கணக்குக் காட்டுவது.",
            "## முக்கியக் குறிப்புகள்\n\n"
            "- **விண்ணப்பிக்கும் முன்**: ஒப்புதல் பெற்ற செயல் திட்டமும், நிலைத்தன்மை சுய மதிப்பீடும்.\n"
            "- **ஆவணங்கள்**: பதிவுச் சான்றிதழ், PAN, தணிக்கை செய்யப்பட்ட கணக்குகள், துணை விதிகள், நிர்வாகிகளின் "
            "பட்டியல்.\n"
            "- **தவணைகள்**: குறிப்பிட்ட இலக்குகளை எட்டியதும் விடுவிக்கப்படும்; ஒவ்வொரு தவணைக்கும் பில்கள் மற்றும் "
            "பயன்பாட்டுச் சான்றிதழ் மூலம் கணக்குக் காட்ட வேண்டும்.",
        ),
    },
    "gst": {
        "hi": (
            "एमएसएमई और जॉब वर्कर के लिए GST टूलकिट",
            "GST रिटर्न, ई-वे बिल और इनपुट टैक्स क्रेडिट के लिए जाँच-सूचियाँ, कैलेंडर और हल किए गए उदाहरण, साथ में "
            "जॉब वर्कर को भेजे गए माल के नियम।",
            "## मुख्य बातें\n\n"
            "- **रिटर्न कैलेंडर**: GSTR-1 हर महीने की 11 तारीख तक, GSTR-3B 20 तारीख तक; ₹5 करोड़ तक के कारोबार "
            "के लिए QRMP।\n"
            "- **जॉब वर्क**: माल डिलीवरी चालान (ITC-04) पर भेजें; कच्चा माल एक वर्ष के भीतर वापस आना चाहिए।\n"
            "- **ई-वे बिल**: ₹50,000 से अधिक के माल के लिए ज़रूरी; भाग B में गाड़ी का नंबर।\n"
            "- **इनपुट टैक्स क्रेडिट**: दावा करने से पहले हर महीने खरीद का मिलान GSTR-2B से करें।",
        ),
        "ta": (
            "MSME நிறுவனங்களுக்கும் ஜாப் வொர்க் செய்பவர்களுக்குமான GST கருவித்தொகுப்பு",
            "GST ரிட்டர்ன், இ-வே பில், உள்ளீட்டு வரி வரவு ஆகியவற்றுக்கான சரிபார்ப்புப் பட்டியல்கள், நாள்காட்டிகள், "
            "எடுத்துக்காட்டுகள்; ஜாப் வொர்க்கிற்கு அனுப்பும் சரக்குகளுக்கான விதிகளுடன்.",
            "## முக்கியக் குறிப்புகள்\n\n"
            "- **ரிட்டர்ன் நாள்காட்டி**: GSTR-1 ஒவ்வொரு மாதமும் 11-ஆம் தேதிக்குள், GSTR-3B 20-ஆம் தேதிக்குள்; "
            "₹5 கோடி வரை விற்றுமுதல் உள்ளவர்களுக்கு QRMP.\n"
            "- **ஜாப் வொர்க்**: சரக்குகளை டெலிவரி சலான் (ITC-04) மூலம் அனுப்புங்கள்; மூலப்பொருள்கள் ஓர் ஆண்டுக்குள் "
            "திரும்ப வர வேண்டும்.\n"
            "- **இ-வே பில்**: ₹50,000-க்கு மேற்பட்ட சரக்குகளுக்குத் தேவை; பகுதி B-யில் வாகன எண்.\n"
            "- **உள்ளீட்டு வரி வரவு**: கோருவதற்கு முன் ஒவ்வொரு மாதமும் கொள்முதல்களை GSTR-2B உடன் ஒப்பிட்டுப் "
            "பாருங்கள்.",
        ),
    },
}


def _pdf(item: Item) -> bytes:
    from portal.core.pdf import PortalPDF

    pdf = PortalPDF(title=item.title)
    pdf.heading(item.title)
    pdf.paragraph(item.summary)
    for heading, text in item.points:
        pdf.paragraph(heading, bold=True)
        pdf.paragraph(text)
    return pdf.to_bytes()


def _body(item: Item) -> str:
    lines = ["## " + ("मुख्य बातें" if item.language == Language.HINDI else "What you will find"), ""]
    lines += [f"- **{heading}**: {text}" for heading, text in item.points]
    return "\n".join(lines)


def seed(*, rng: random.Random) -> None:
    """Seed the library once; does nothing when the demo series already exists or the demo officer is missing."""
    if Series.objects.filter(slug=SERIES_SLUG).exists():
        return
    officer = User.objects.filter(email=OFFICER).first()
    if officer is None:
        return
    secretary = User.objects.filter(email=SECRETARY).first()
    tiruppur = Association.objects.filter(slug=TIRUPPUR).first()
    now = timezone.now()

    topics = {t.slug: t for t in Topic.objects.bulk_create([Topic(slug=slug, name=name) for slug, name in TOPICS])}
    sectors = {s.slug: s for s in Sector.objects.all()}
    series = Series.objects.create(
        title="DIA Conversations",
        slug=SERIES_SLUG,
        description="Recorded conversations with experts, association leaders and SIDBI officers on building "
        "associations that serve their members and pay their way.",
        created_by=officer,
        created_at=now - timedelta(days=200),
    )

    items = [item for item in ITEMS if not item.tiruppur or (tiruppur and secretary)]
    resources: dict[str, Resource] = {}
    rows = []
    for item in items:
        published = now - timedelta(days=rng.randint(5, 330), hours=rng.randint(0, 23))
        resource = Resource(
            kind=item.kind,
            title=item.title,
            summary=item.summary,
            body=_body(item),
            language=item.language,
            link=item.link,
            cluster_stage=item.stage,
            association=tiruppur if item.tiruppur else None,
            audience=item.tiruppur or Audience.PUBLIC,
            status=Status.PUBLISHED,
            duration_minutes=item.minutes,
            created_by=secretary if item.tiruppur else officer,
            created_at=published - timedelta(days=2),
            published_at=published,
        )
        if item.pdf:
            resource.file.name = default_storage.save(f"learning/files/demo/{item.key}.pdf", ContentFile(_pdf(item)))
        resources[item.key] = resource
        rows.append(resource)
    for number, (title, speakers, minutes, summary) in enumerate(EPISODES, start=1):
        recorded = date(2026, 1, 15) + timedelta(days=28 * (number - 1))
        resource = Resource(
            kind=Kind.EPISODE,
            title=title,
            summary=summary,
            body=f"## Notes\n\n{summary}\n\n### In this episode\n\n- Questions from associations\n- What to do next",
            link=f"{VIDEO_HOST}/dia-conversations/episode-{number}",
            series=series,
            episode_number=number,
            speakers=speakers,
            recorded_on=recorded,
            duration_minutes=minutes,
            cluster_stage=[EST, INIT, OPS, OPS, TRANS][number - 1],
            status=Status.PUBLISHED,
            created_by=officer,
            created_at=now - timedelta(days=190 - 28 * number),
            published_at=now - timedelta(days=180 - 28 * number),
        )
        resources[f"episode-{number}"] = resource
        rows.append(resource)
    Resource.objects.bulk_create(rows)

    topic_links, sector_links, related_links = [], [], []
    for item in items:
        resource = resources[item.key]
        topic_links += [Resource.topics.through(resource=resource, topic=topics[slug]) for slug in item.topics]
        sector_links += [Resource.sectors.through(resource=resource, sector=sectors[slug]) for slug in item.sectors]
    for number in range(1, len(EPISODES) + 1):
        episode = resources[f"episode-{number}"]
        topic_links.append(
            Resource.topics.through(resource=episode, topic=topics["services" if number != 4 else "finance"])
        )
    for source, targets in {
        "episode-1": ["price-list", "study"],
        "episode-3": ["cfc", "ludhiana", "morbi"],
        "episode-4": ["cgtmse", "apply"],
        "episode-5": ["tiruppur", "gst"],
        "gst": ["tiruppur-gst-clinic" if "tiruppur-gst-clinic" in resources else "newsletter"],
        "guide": ["guide-hi", "apply"],
        "guide-hi": ["guide"],
    }.items():
        related_links += [
            Resource.related.through(from_resource=resources[source], to_resource=resources[target])
            for target in targets
            if target in resources
        ]
    Resource.topics.through.objects.bulk_create(topic_links)
    Resource.sectors.through.objects.bulk_create(sector_links)
    Resource.related.through.objects.bulk_create(related_links)
    ResourceTranslation.objects.bulk_create(
        ResourceTranslation(resource=resources[key], language=language, title=title, summary=summary, body=body)
        for key, versions in TRANSLATIONS.items()
        if key in resources
        for language, (title, summary, body) in versions.items()
    )

    paths = {}
    steps = []
    for index, (title, stage, description, keys) in enumerate(PATHS):
        path = LearningPath.objects.create(
            title=title,
            slug=_slug(title),
            description=description,
            cluster_stage=stage,
            status=Status.PUBLISHED,
            created_by=officer,
            created_at=now - timedelta(days=120 - index),
            published_at=now - timedelta(days=119 - index),
        )
        paths[title] = path
        steps += [PathStep(path=path, resource=resources[key], order=order) for order, key in enumerate(keys, start=1)]
    PathStep.objects.bulk_create(steps)

    member = User.objects.filter(email=MEMBER).first()
    if member is not None:
        started = list(paths[SERVICES_PATH].steps.order_by("order")[:2])
        StepDone.objects.bulk_create(
            [
                StepDone(user=member, step=step, path=step.path, done_at=now - timedelta(days=3 - n))
                for n, step in enumerate(started)
            ]
        )
        keys = ["gst", "ludhiana", "episode-1"] + (
            ["tiruppur-gst-clinic"] if "tiruppur-gst-clinic" in resources else []
        )
        Bookmark.objects.bulk_create(
            [
                Bookmark(user=member, resource=resources[key], created_at=now - timedelta(days=n))
                for n, key in enumerate(keys)
            ]
        )


def _slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:200]
