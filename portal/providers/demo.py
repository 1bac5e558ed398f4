"""Demo providers: about 25 approved organisations of every kind, across India, for the directory and the desk.

Called by the demo seeder; idempotent (looked up by name). The organisations are invented: no real
bank, institute or firm is named, and every description says it is demo data.
"""

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from portal.core.models import Sector, State
from portal.providers.models import Provider, ProviderKind, ProviderStatus
from portal.providers.needs import Kind

K = Kind
FINANCE = [K.TERM_LOAN, K.WORKING_CAPITAL, K.EQUIPMENT_FINANCE, K.INVOICE_DISCOUNTING, K.OTHER_FINANCE]
DEMO_NOTE = "Demo data: an invented organisation."


@dataclass(frozen=True)
class DemoProvider:
    name: str
    kind: str
    city: str
    states: tuple[str, ...]  # state codes; empty = the whole of India
    sectors: tuple[str, ...]  # sector slugs; empty = every sector
    help_kinds: tuple[str, ...]
    description: str


BANK, INSTITUTION, CONSULTANT, LAB, AGENCY = (
    ProviderKind.BANK,
    ProviderKind.INSTITUTION,
    ProviderKind.CONSULTANT,
    ProviderKind.LAB,
    ProviderKind.AGENCY,
)

PROVIDERS = [
    DemoProvider(
        "Kaveri Commercial Bank – MSME branch, Coimbatore",
        BANK,
        "Coimbatore",
        ("TN", "KL", "KA"),
        (),
        tuple(FINANCE[:4]),
        "Term loans, working capital limits and machinery loans for micro and small units.",
    ),
    DemoProvider(
        "Indus Valley Bank – SME centre, Ludhiana",
        BANK,
        "Ludhiana",
        ("PB", "HR", "HP", "CH"),
        (),
        tuple(FINANCE),
        "Cash credit, term loans and export packing credit for engineering and textile firms.",
    ),
    DemoProvider(
        "Brahmaputra Rural Bank",
        BANK,
        "Guwahati",
        ("AS", "ML", "AR", "NL", "MN", "MZ", "TR", "SK"),
        (),
        (K.TERM_LOAN, K.WORKING_CAPITAL, K.OTHER_FINANCE),
        "Small loans for first-generation entrepreneurs in the north-east, with guarantee cover.",
    ),
    DemoProvider(
        "Sahyadri Equipment Finance Ltd (NBFC)",
        BANK,
        "Pune",
        (),
        ("engineering", "plastics", "printing"),
        (K.EQUIPMENT_FINANCE,),
        "Finance for CNC machines, moulding and printing presses, new or refurbished.",
    ),
    DemoProvider(
        "Konkan Small Finance Bank",
        BANK,
        "Mumbai",
        ("MH", "GA", "GJ"),
        (),
        (K.WORKING_CAPITAL, K.TERM_LOAN),
        "Working capital for micro enterprises, with doorstep service.",
    ),
    DemoProvider(
        "Bharat Receivables Exchange (TReDS platform)",
        BANK,
        "Mumbai",
        (),
        (),
        (K.INVOICE_DISCOUNTING,),
        "Discounting of invoices raised on large buyers and public sector undertakings.",
    ),
    DemoProvider(
        "Ganga Udyam Finance (NBFC)",
        BANK,
        "Kanpur",
        ("UP", "BR", "UK", "JH"),
        ("leather", "food-processing"),
        (K.TERM_LOAN, K.WORKING_CAPITAL, K.EQUIPMENT_FINANCE),
        "Loans for tanneries, footwear and food units.",
    ),
    DemoProvider(
        "Institute of Knitting Technology, Tiruppur",
        INSTITUTION,
        "Tiruppur",
        ("TN",),
        ("textiles",),
        (K.TECHNOLOGY, K.SKILLING, K.QUALITY_ZED),
        "Process audits, machine operator courses and dyeing trials.",
    ),
    DemoProvider(
        "Regional Tool Room and Training Centre, Ludhiana",
        INSTITUTION,
        "Ludhiana",
        ("PB", "HR", "JK"),
        ("engineering", "sports-goods"),
        (K.TECHNOLOGY, K.SKILLING, K.TESTING),
        "Die and mould making, CNC training and design of jigs and fixtures.",
    ),
    DemoProvider(
        "Plastics Technology Centre, Guwahati",
        INSTITUTION,
        "Guwahati",
        ("AS", "ML", "TR", "MN"),
        ("plastics",),
        (K.TECHNOLOGY, K.SKILLING, K.TESTING),
        "Product design, polymer testing and skilling for plastics units.",
    ),
    DemoProvider(
        "Food Processing Technology Centre, Mysuru",
        INSTITUTION,
        "Mysuru",
        (),
        ("food-processing",),
        (K.TECHNOLOGY, K.TESTING, K.COMPLIANCE),
        "Shelf-life studies, pilot plant trials and FSSAI guidance.",
    ),
    DemoProvider(
        "Electronics Design and Test Centre, Noida",
        INSTITUTION,
        "Noida",
        ("UP", "DL", "HR"),
        ("electronics",),
        (K.TECHNOLOGY, K.TESTING, K.DIGITAL),
        "PCB design support, EMI/EMC pre-compliance tests and prototyping.",
    ),
    DemoProvider(
        "Lean Works Consulting",
        CONSULTANT,
        "Pune",
        (),
        ("engineering", "plastics", "furniture"),
        (K.QUALITY_ZED, K.ENERGY, K.TECHNOLOGY),
        "Lean manufacturing, 5S and ZED certification hand-holding.",
    ),
    DemoProvider(
        "ZED Ready Advisors",
        CONSULTANT,
        "Ahmedabad",
        ("GJ", "RJ", "MP", "MH"),
        (),
        (K.QUALITY_ZED, K.COMPLIANCE),
        "Gap assessments and documentation for ZED Bronze, Silver and Gold.",
    ),
    DemoProvider(
        "Export Bridge Consultants",
        CONSULTANT,
        "Jaipur",
        ("RJ", "UP", "DL"),
        ("handicrafts", "jewellery", "textiles"),
        (K.MARKET_ACCESS, K.COMPLIANCE),
        "Export registration, buyer meets and trade fair participation.",
    ),
    DemoProvider(
        "GreenWatt Energy Auditors",
        CONSULTANT,
        "Chennai",
        ("TN", "AP", "TS", "KA", "PY"),
        (),
        (K.ENERGY,),
        "Walk-through and detailed energy audits; solar rooftop and efficient motor proposals.",
    ),
    DemoProvider(
        "Digital Udyog Solutions",
        CONSULTANT,
        "Bengaluru",
        (),
        (),
        (K.DIGITAL, K.MARKET_ACCESS),
        "Accounting and inventory software, GST e-invoicing, online catalogues.",
    ),
    DemoProvider(
        "Compliance Desk LLP",
        CONSULTANT,
        "Kolkata",
        ("WB", "OD", "BR", "JH"),
        (),
        (K.COMPLIANCE, K.OTHER_TECHNICAL),
        "Factory licences, pollution consents, labour law returns.",
    ),
    DemoProvider(
        "North East Enterprise Advisors",
        CONSULTANT,
        "Shillong",
        ("ML", "AS", "NL", "MZ", "AR", "SK", "TR", "MN"),
        ("food-processing", "handicrafts", "furniture"),
        (K.MARKET_ACCESS, K.OTHER_FINANCE, K.SKILLING),
        "Project reports, subsidy applications and market linkages for north-eastern units.",
    ),
    DemoProvider(
        "Ludhiana Metals Testing Laboratory",
        LAB,
        "Ludhiana",
        ("PB", "HR", "HP"),
        ("engineering", "sports-goods"),
        (K.TESTING,),
        "NABL-accredited chemical and mechanical tests of steel, fasteners and castings.",
    ),
    DemoProvider(
        "Moradabad Brassware Quality Lab",
        LAB,
        "Moradabad",
        ("UP", "UK"),
        ("handicrafts",),
        (K.TESTING, K.QUALITY_ZED),
        "Lead-content, lacquer and finish tests for export consignments.",
    ),
    DemoProvider(
        "Shillong Food Testing Laboratory",
        LAB,
        "Shillong",
        ("ML", "AS", "MZ", "NL"),
        ("food-processing",),
        (K.TESTING, K.COMPLIANCE),
        "Food safety and nutrition label testing for FSSAI and exports.",
    ),
    DemoProvider(
        "Western Polymer Testing Laboratory",
        LAB,
        "Vadodara",
        ("GJ", "MH", "RJ"),
        ("plastics",),
        (K.TESTING,),
        "BIS and export tests for pipes, films, moulded articles and packaging.",
    ),
    DemoProvider(
        "District Industries Centre, Kamrup",
        AGENCY,
        "Guwahati",
        ("AS",),
        (),
        (K.OTHER_FINANCE, K.COMPLIANCE, K.SKILLING),
        "Udyam registration help, subsidy schemes and entrepreneurship camps.",
    ),
    DemoProvider(
        "State MSME Facilitation Cell, Tamil Nadu",
        AGENCY,
        "Chennai",
        ("TN",),
        (),
        (K.COMPLIANCE, K.MARKET_ACCESS, K.OTHER_FINANCE),
        "Single-window clearances, state subsidies and buyer meets.",
    ),
    DemoProvider(
        "Handicrafts Service Centre, Agartala",
        AGENCY,
        "Agartala",
        ("TR", "MZ", "MN"),
        ("handicrafts", "furniture"),
        (K.SKILLING, K.MARKET_ACCESS, K.TECHNOLOGY),
        "Design workshops, toolkits and craft fair stalls for artisans.",
    ),
]


def _by_key(items, key: str) -> dict:
    if isinstance(items, Mapping):
        return dict(items)
    return {getattr(item, key): item for item in items}


def seed_providers(rng: random.Random, states: Mapping[str, State] | Iterable[State], sectors) -> list[Provider]:
    """Create the demo providers that do not exist yet (approved, with sectors, states and help kinds).

    ``states`` maps state codes to State rows and ``sectors`` maps sector slugs to Sector rows (lists of rows
    are accepted too). Returns every demo provider, new or old.
    """
    states = _by_key(states, "code")
    sectors: dict[str, Sector] = _by_key(sectors, "slug")
    now = timezone.now()
    result = []
    for spec in PROVIDERS:
        domain = slugify(spec.name.split(" – ")[0].split(" (")[0])[:40]
        provider, created = Provider.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "status": ProviderStatus.APPROVED,
                "help_kinds": [str(kind) for kind in spec.help_kinds],
                "description": f"{spec.description}\n\n{DEMO_NOTE}",
                "city": spec.city,
                "website": f"https://{domain}.example.in",
                "contact_email": f"desk@{domain}.example.in",
                "phone": f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}",
                "approved_at": now - timedelta(days=rng.randrange(30, 700)),
            },
        )
        if created:
            provider.states.set([states[code] for code in spec.states if code in states])
            provider.sectors.set([sectors[slug] for slug in spec.sectors if slug in sectors])
        result.append(provider)
    return result
