"""Demo catalogue: about a dozen loan, guarantee, subsidy and scheme offerings that MSMEs commonly use.

Described generically, in the spirit of the real schemes, and marked as demo data: the amounts, rates
and rules are illustrative, not anyone's current terms. Idempotent (looked up by name and lender).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from portal.catalogue.models import Offering, OfferingKind
from portal.core.models import Sector, State
from portal.providers.needs import Kind

DEMO_NOTE = (
    "Demo data: a generic description for the demonstration portal, not the current terms of the scheme. "
    "Check the details with the lender or the scheme's office before applying."
)
LAKH = Decimal("100000")
CRORE = Decimal("10000000")
NORTH_EAST = ("AR", "AS", "MN", "ML", "MZ", "NL", "SK", "TR")
K = Kind


@dataclass(frozen=True)
class DemoOffering:
    name: str
    offered_by: str
    kind: str
    summary: str
    details: str
    categories: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    interest: str = ""
    terms: str = ""
    sectors: tuple[str, ...] = field(default=())
    states: tuple[str, ...] = field(default=())


OFFERINGS = [
    DemoOffering(
        "Term loan for MSME growth",
        "SIDBI",
        OfferingKind.LOAN,
        "Direct term loans to buy land, build sheds and install machinery for new or expanding units.",
        "For enterprises with a sound track record that want to expand, modernise or diversify. The loan can "
        "cover civil works, plant and machinery, and preliminary expenses; the promoter brings a margin.",
        categories=("micro", "small", "medium"),
        purposes=(K.TERM_LOAN, K.EQUIPMENT_FINANCE),
        min_amount=10 * LAKH,
        max_amount=25 * CRORE,
        interest="From about 8.5% a year, linked to the enterprise's credit rating (illustrative).",
        terms="Up to 7 years with a moratorium of up to 12 months; promoter margin about 20%; primary security "
        "on the assets financed.",
    ),
    DemoOffering(
        "Soft loan for new and expanding enterprises (SMILE-like)",
        "SIDBI",
        OfferingKind.LOAN,
        "Quasi-equity soft loan and term loan together, to meet the debt-equity gap of small and medium units.",
        "Meant for enterprises setting up or expanding in manufacturing and services, especially in "
        "thrust sectors. A soft loan on easy terms counts towards the promoter's contribution.",
        categories=("small", "medium"),
        purposes=(K.TERM_LOAN,),
        min_amount=10 * LAKH,
        max_amount=5 * CRORE,
        interest="Soft loan near the lower end of SIDBI's rates (illustrative).",
        terms="Repayment up to 10 years including a moratorium of up to 36 months.",
    ),
    DemoOffering(
        "Working capital assistance",
        "SIDBI",
        OfferingKind.LOAN,
        "Working capital term loans and cash credit for running needs: raw material, stocks and receivables.",
        "For established MSMEs whose working capital needs have grown with their business, including units "
        "with orders in hand from large buyers.",
        purposes=(K.WORKING_CAPITAL,),
        min_amount=10 * LAKH,
        max_amount=10 * CRORE,
        interest="From about 9% a year (illustrative).",
        terms="Reviewed every year; security by hypothecation of current assets.",
    ),
    DemoOffering(
        "Credit guarantee for collateral-free loans",
        "Credit Guarantee Fund Trust for Micro and Small Enterprises (CGTMSE)",
        OfferingKind.GUARANTEE,
        "Lenders give term loans and working capital without collateral; the trust guarantees most of the loan.",
        "Available through member banks and NBFCs for new and existing micro and small enterprises in "
        "manufacturing and services. Women-led and north-eastern enterprises get higher guarantee cover.",
        categories=("micro", "small"),
        max_amount=5 * CRORE,
        interest="The lender pays an annual guarantee fee of roughly 0.37% to 1.35% (illustrative).",
        terms="Guarantee cover of 75% to 85% of the amount in default; no collateral or third-party guarantee.",
    ),
    DemoOffering(
        "Margin-money subsidy for new micro enterprises (PMEGP)",
        "Government of India (MoMSME)",
        OfferingKind.SUBSIDY,
        "A subsidy of 15% to 35% of the project cost for new micro units, paid through the financing bank.",
        "For first-time entrepreneurs setting up a new micro enterprise; higher rates for special categories, "
        "rural areas and the north-east. Applications go through the scheme's online portal and a bank.",
        categories=("micro",),
        purposes=(K.TERM_LOAN, K.WORKING_CAPITAL),
        max_amount=50 * LAKH,
        interest="Normal bank interest on the loan; the subsidy is kept as a term deposit for 3 years.",
        terms="Own contribution 5% to 10%; project cost up to ₹50 lakh for manufacturing (illustrative).",
    ),
    DemoOffering(
        "Subsidy for ZED certification",
        "Government of India (MoMSME)",
        OfferingKind.SUBSIDY,
        "Most of the cost of Zero Defect Zero Effect certification is met for micro and small units.",
        "Covers the certification fee for the Bronze, Silver and Gold levels, with more support for micro, "
        "women-led and north-eastern enterprises, and handholding for the next level.",
        purposes=(K.OTHER_FINANCE,),
        max_amount=10 * LAKH,
        interest="Not a loan.",
        terms="Up to 80% of the certification cost for micro enterprises (illustrative).",
    ),
    DemoOffering(
        "Equipment finance for machinery",
        "Partner public-sector bank",
        OfferingKind.LOAN,
        "Loans to buy new or certified second-hand machinery, with the machine itself as the security.",
        "For manufacturing MSMEs replacing or adding machines: CNC, moulding, printing, stitching and more. "
        "Quick sanction against a supplier's quotation.",
        purposes=(K.EQUIPMENT_FINANCE,),
        min_amount=2 * LAKH,
        max_amount=2 * CRORE,
        interest="From about 9.5% a year (illustrative).",
        terms="Up to 5 years; margin 15% to 25%; hypothecation of the machine.",
    ),
    DemoOffering(
        "Invoice discounting on TReDS",
        "TReDS platforms (licensed by RBI)",
        OfferingKind.SCHEME,
        "Sell invoices raised on large companies and public sector units to financiers by online auction.",
        "The MSME uploads the invoice, the buyer accepts it, and banks bid to discount it; money usually "
        "arrives within a couple of days, without recourse to the MSME.",
        purposes=(K.INVOICE_DISCOUNTING, K.WORKING_CAPITAL),
        min_amount=LAKH,
        interest="Discount rate set by the auction, usually close to the buyer's borrowing rate (illustrative).",
        terms="The buyer must be registered on the platform; no collateral.",
    ),
    DemoOffering(
        "North-East enterprise loan",
        "SIDBI",
        OfferingKind.LOAN,
        "Term loans and working capital on easier terms for micro and small enterprises of the north-east.",
        "For enterprises in the eight north-eastern states, including first-generation entrepreneurs, "
        "with interest concessions and a lower promoter contribution.",
        categories=("micro", "small"),
        purposes=(K.TERM_LOAN, K.WORKING_CAPITAL),
        min_amount=5 * LAKH,
        max_amount=CRORE,
        interest="About 1% below the usual rate (illustrative).",
        terms="Up to 7 years; promoter margin from 10%.",
        states=NORTH_EAST,
    ),
    DemoOffering(
        "Capital investment incentive for the north-east",
        "Government of India (DPIIT)",
        OfferingKind.SUBSIDY,
        "An incentive on investment in plant and machinery for new or expanding units in the north-east.",
        "Paid after the unit starts production, on the value of plant and machinery installed, together with "
        "other incentives on interest, insurance and transport (illustrative).",
        purposes=(K.TERM_LOAN, K.EQUIPMENT_FINANCE),
        max_amount=5 * CRORE,
        interest="Not a loan.",
        terms="Around 30% of the investment in plant and machinery, up to a ceiling (illustrative).",
        states=NORTH_EAST,
    ),
    DemoOffering(
        "Green and energy-efficiency loan",
        "SIDBI",
        OfferingKind.LOAN,
        "Loans for energy-efficient machines, rooftop solar and cleaner production, backed by an energy audit.",
        "For MSMEs replacing old motors, compressors, furnaces or boilers with efficient ones, or installing "
        "renewable energy. A list of approved equipment and an audit report help quick sanction.",
        purposes=(K.TERM_LOAN, K.EQUIPMENT_FINANCE),
        min_amount=10 * LAKH,
        max_amount=5 * CRORE,
        interest="Concessional, about 1% below the usual term-loan rate (illustrative).",
        terms="Up to 7 years; energy saving to be shown by an audit.",
    ),
    DemoOffering(
        "Technology upgradation subsidy for textiles",
        "Government of India (Ministry of Textiles)",
        OfferingKind.SUBSIDY,
        "A capital subsidy on approved textile machinery bought with a term loan.",
        "For garmenting, technical textiles, processing and weaving units that buy benchmarked machinery "
        "financed by a bank loan.",
        purposes=(K.TERM_LOAN, K.EQUIPMENT_FINANCE),
        min_amount=5 * LAKH,
        max_amount=30 * CRORE,
        interest="Not a loan; the machinery loan carries normal bank interest.",
        terms="10% to 15% of the machinery cost, up to a ceiling per unit (illustrative).",
        sectors=("textiles",),
    ),
    DemoOffering(
        "Micro loan for small businesses (MUDRA-like)",
        "Banks, NBFCs and microfinance institutions",
        OfferingKind.LOAN,
        "Collateral-free loans in three slabs for micro enterprises: starting, growing and established.",
        "For non-farm micro enterprises in manufacturing, trading and services, for machinery and working "
        "capital alike.",
        categories=("micro",),
        purposes=(K.TERM_LOAN, K.WORKING_CAPITAL, K.EQUIPMENT_FINANCE),
        max_amount=20 * LAKH,
        interest="Set by the lender (illustrative).",
        terms="No collateral; covered by a credit guarantee.",
    ),
    DemoOffering(
        "Support for micro food processing units (PMFME)",
        "Government of India (Ministry of Food Processing Industries)",
        OfferingKind.SUBSIDY,
        "A credit-linked capital subsidy for micro food processing units upgrading or setting up.",
        "For individual micro food processing units, groups and cooperatives, with help to prepare the "
        "project report and get FSSAI and Udyam registrations.",
        categories=("micro",),
        purposes=(K.TERM_LOAN, K.EQUIPMENT_FINANCE),
        max_amount=30 * LAKH,
        interest="Not a loan; the project loan carries bank interest.",
        terms="35% of the eligible project cost, up to about ₹10 lakh per unit (illustrative).",
        sectors=("food-processing",),
    ),
]


def seed_offerings() -> list[Offering]:
    """Create the demo offerings that do not exist yet; returns all of them."""
    states = {s.code: s for s in State.objects.filter(code__in={c for o in OFFERINGS for c in o.states})}
    sectors = {s.slug: s for s in Sector.objects.filter(slug__in={s for o in OFFERINGS for s in o.sectors})}
    result = []
    for spec in OFFERINGS:
        offering, created = Offering.objects.get_or_create(
            name=spec.name,
            offered_by=spec.offered_by,
            defaults={
                "kind": spec.kind,
                "summary": spec.summary,
                "details": f"{spec.details}\n\n{DEMO_NOTE}",
                "eligible_categories": list(spec.categories),
                "purposes": [str(kind) for kind in spec.purposes],
                "min_amount": spec.min_amount,
                "max_amount": spec.max_amount,
                "interest": spec.interest,
                "terms": spec.terms,
            },
        )
        if created:
            offering.states.set([states[code] for code in spec.states if code in states])
            offering.sectors.set([sectors[slug] for slug in spec.sectors if slug in sectors])
        result.append(offering)
    return result
