"""Demo data: real MSME clusters, associations, enterprises and a log-in for every role.

Deterministic (a fixed random seed) and idempotent: running it twice changes nothing. Bulk
inserts keep ``make run`` quick even at ``--scale 10``. Never run against production data:
the command refuses when ``DJANGO_ENV=production``.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from portal.accounts.models import SidbiRole, User
from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    LegalForm,
    Membership,
    MembershipStatus,
    OfficeBearer,
    StaffRole,
    Stage,
    Status,
)
from portal.business import demo as business_demo
from portal.catalogue.demo import seed_offerings
from portal.community import demo as community_demo
from portal.core.identifiers import make_gstin
from portal.core.models import Sector, State
from portal.core.samples import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_pdf_bytes
from portal.desk.demo import seed_requirements
from portal.enterprises.models import Category, Enterprise, EnterpriseRole, EnterpriseUser
from portal.events import demo as events_demo
from portal.finances import demo as finances_demo
from portal.learning import demo as learning_demo
from portal.plans import demo as plans_demo
from portal.pooling.demo import seed_pooled_demands
from portal.providers.demo import seed_providers
from portal.providers.models import Provider, ProviderKind, ProviderStatus, ProviderUser
from portal.research.demo import seed_research
from portal.scheme import demo as scheme_demo
from portal.services import demo as services_demo
from portal.support import demo as support_demo
from portal.updates.demo import seed_updates

CERTIFICATE_NAME = "associations/certificates/demo/registration-certificate.pdf"

# (cluster, district, state code, PIN prefix, sector slugs, what the cluster makes)
CLUSTERS = [
    ("Tiruppur Knitwear", "Tiruppur", "TN", "641", ["textiles"], "knitted garments, hosiery"),
    ("Ludhiana Engineering", "Ludhiana", "PB", "141", ["engineering"], "bicycle parts, machine tools, fasteners"),
    ("Morbi Ceramics", "Morbi", "GJ", "363", ["ceramics"], "wall and floor tiles, sanitaryware"),
    ("Moradabad Brassware", "Moradabad", "UP", "244", ["handicrafts"], "brass and metal handicrafts"),
    ("Surat Jewellery", "Surat", "GJ", "395", ["jewellery"], "diamond cutting and gold jewellery"),
    ("Jalandhar Sports Goods", "Jalandhar", "PB", "144", ["sports-goods"], "cricket bats, balls, sportswear"),
    ("Guwahati Food Processing", "Kamrup Metropolitan", "AS", "781", ["food-processing"], "tea, spices, bakery"),
    ("Agra Footwear", "Agra", "UP", "282", ["leather"], "leather footwear"),
    ("Kanpur Leather", "Kanpur Nagar", "UP", "208", ["leather"], "saddlery, leather goods"),
    ("Panipat Handloom", "Panipat", "HR", "132", ["textiles"], "home furnishings, blankets"),
    ("Sivakasi Printing", "Virudhunagar", "TN", "626", ["printing"], "offset printing, packaging, calendars"),
    ("Rajkot Engineering", "Rajkot", "GJ", "360", ["engineering"], "diesel engines, castings, pumps"),
    ("Coimbatore Pumps and Motors", "Coimbatore", "TN", "641", ["engineering"], "pumps, motors, wet grinders"),
    ("Daman Plastics", "Daman", "DH", "396", ["plastics"], "plastic moulded goods, PET bottles"),
    ("Jaipur Gems and Jewellery", "Jaipur", "RJ", "302", ["jewellery"], "coloured gemstones, silver jewellery"),
    ("Saharanpur Wood Carving", "Saharanpur", "UP", "247", ["furniture", "handicrafts"], "carved wooden furniture"),
    ("Jodhpur Furniture", "Jodhpur", "RJ", "342", ["furniture"], "sheesham wood furniture"),
    ("Bhiwandi Powerloom", "Thane", "MH", "421", ["textiles"], "grey cloth, powerloom fabric"),
    ("Pune Auto Components", "Pune", "MH", "411", ["engineering"], "auto components, precision machining"),
    ("Aurangabad Auto Components", "Chhatrapati Sambhajinagar", "MH", "431", ["engineering"], "pressings, forgings"),
    ("Bengaluru Electronics", "Bengaluru Urban", "KA", "560", ["electronics"], "PCB assembly, embedded systems"),
    ("Mysuru Silk and Incense", "Mysuru", "KA", "570", ["textiles", "other"], "silk sarees, agarbatti"),
    (
        "Hyderabad Pharma Packaging",
        "Medchal-Malkajgiri",
        "TS",
        "500",
        ["printing", "plastics"],
        "cartons, blister foils",
    ),
    ("Vijayawada Food Processing", "NTR", "AP", "520", ["food-processing"], "rice milling, pickles"),
    ("Kollam Cashew", "Kollam", "KL", "691", ["food-processing"], "cashew processing"),
    ("Alappuzha Coir", "Alappuzha", "KL", "688", ["handicrafts", "other"], "coir mats, geotextiles"),
    ("Howrah Foundry", "Howrah", "WB", "711", ["engineering"], "castings, foundry products"),
    ("Kolkata Leather", "Kolkata", "WB", "700", ["leather"], "finished leather, bags"),
    ("Cuttack Silver Filigree", "Cuttack", "OD", "753", ["jewellery", "handicrafts"], "silver filigree"),
    ("Bhubaneswar Food Processing", "Khordha", "OD", "751", ["food-processing"], "spices, ready-to-eat foods"),
    ("Raipur Steel Re-rolling", "Raipur", "CG", "492", ["engineering"], "TMT bars, re-rolled steel"),
    ("Ranchi Engineering", "Ranchi", "JH", "834", ["engineering"], "fabrication, mining spares"),
    ("Indore Food and Namkeen", "Indore", "MP", "452", ["food-processing"], "namkeen, snacks"),
    ("Pithampur Plastics", "Dhar", "MP", "454", ["plastics"], "woven sacks, plastic pipes"),
    ("Bhagalpur Silk", "Bhagalpur", "BR", "812", ["textiles"], "tussar silk"),
    ("Muzaffarpur Lac Bangles", "Muzaffarpur", "BR", "842", ["handicrafts", "jewellery"], "lac bangles"),
    ("Baddi Pharma Packaging", "Solan", "HP", "173", ["plastics", "printing"], "pharma packaging"),
    ("Haridwar Electricals", "Haridwar", "UK", "249", ["electronics"], "switchgear, LED lighting"),
    ("Okhla Garments", "South East Delhi", "DL", "110", ["textiles"], "export garments"),
    ("Faridabad Engineering", "Faridabad", "HR", "121", ["engineering"], "auto parts, tractors components"),
    ("Chandigarh Electronics", "Chandigarh", "CH", "160", ["electronics"], "instruments, electronic assemblies"),
    ("Srinagar Handicrafts", "Srinagar", "JK", "190", ["handicrafts", "textiles"], "pashmina, papier-mache"),
    ("Goa Food Processing", "North Goa", "GA", "403", ["food-processing"], "cashew, fish processing"),
    ("Puducherry Handmade Paper", "Puducherry", "PY", "605", ["printing", "handicrafts"], "handmade paper"),
    ("Imphal Handloom", "Imphal West", "MN", "795", ["textiles"], "handloom textiles"),
    ("Shillong Food Processing", "East Khasi Hills", "ML", "793", ["food-processing"], "ginger, turmeric, honey"),
    ("Aizawl Bamboo", "Aizawl", "MZ", "796", ["furniture", "handicrafts"], "bamboo furniture and craft"),
    ("Dimapur Furniture", "Dimapur", "NL", "797", ["furniture"], "wooden and bamboo furniture"),
    ("Agartala Rubber and Bamboo", "West Tripura", "TR", "799", ["other", "furniture"], "rubber products, bamboo"),
    ("Gangtok Food Processing", "Gangtok", "SK", "737", ["food-processing"], "large cardamom, organic produce"),
    ("Itanagar Handloom", "Papum Pare", "AR", "791", ["textiles", "handicrafts"], "handloom, cane craft"),
    ("Dibrugarh Tea", "Dibrugarh", "AS", "786", ["food-processing"], "small tea growers, tea processing"),
    ("Varanasi Silk Sarees", "Varanasi", "UP", "221", ["textiles"], "Banarasi silk sarees"),
    ("Firozabad Glass", "Firozabad", "UP", "283", ["ceramics"], "glass bangles, glassware"),
    ("Khurja Pottery", "Bulandshahr", "UP", "203", ["ceramics"], "ceramic pottery"),
    ("Thrissur Gold Jewellery", "Thrissur", "KL", "680", ["jewellery"], "gold jewellery"),
    ("Visakhapatnam Engineering", "Visakhapatnam", "AP", "530", ["engineering"], "fabrication, ship repair"),
    ("Nagpur Food Processing", "Nagpur", "MH", "440", ["food-processing"], "orange processing, pulses"),
    ("Kolhapur Foundry", "Kolhapur", "MH", "416", ["engineering"], "castings"),
    ("Ahmedabad Plastics", "Ahmedabad", "GJ", "380", ["plastics"], "plastic processing"),
]

ASSOCIATION_PATTERNS = [
    "{cluster} Manufacturers' Association",
    "{cluster} Small Industries Association",
    "{district} MSME Welfare Society",
]
FIRST_NAMES = [
    "Arjun",
    "Priya",
    "Ramesh",
    "Lalitha",
    "Suresh",
    "Anjali",
    "Vikram",
    "Meera",
    "Rajesh",
    "Kavita",
    "Imran",
    "Fatima",
    "Gurpreet",
    "Harjit",
    "Bidyut",
    "Lalremruati",
    "Thoiba",
    "Pemba",
    "Nandini",
    "Joseph",
]
LAST_NAMES = [
    "Sharma",
    "Iyer",
    "Patel",
    "Singh",
    "Das",
    "Reddy",
    "Nair",
    "Khan",
    "Gupta",
    "Bora",
    "Sangma",
    "Lyngdoh",
    "Meitei",
    "Bhutia",
    "Kulkarni",
    "Mehta",
    "Chatterjee",
    "Pillai",
    "Thomas",
    "Verma",
]
ENTERPRISE_SUFFIXES = ["Industries", "Enterprises", "Udyog", "Works", "Exports", "Products", "Fabricators", "Traders"]
DESIGNATIONS = ["President", "Secretary", "Treasurer", "Vice-President", "Joint Secretary"]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str = ""


DEMO_LOGINS = [
    DemoLogin("Platform administrator (Django admin)", "admin@demo.diaportal.in", "TOTP: manage.py demo_totp"),
    DemoLogin("SIDBI scheme officer", "officer@demo.diaportal.in", "TOTP: manage.py demo_totp"),
    DemoLogin("SIDBI sanctioning authority", "authority@demo.diaportal.in", "TOTP: manage.py demo_totp"),
    DemoLogin("Cluster expert (Tiruppur, Ludhiana and more)", "expert@demo.diaportal.in", "TOTP: manage.py demo_totp"),
    DemoLogin("Office-bearer, Tiruppur association (A)", "secretary@tiruppur.demo.diaportal.in"),
    DemoLogin("Member enterprise owner in A", "member@tiruppur.demo.diaportal.in"),
    DemoLogin("Office-bearer, Ludhiana association (B)", "secretary@ludhiana.demo.diaportal.in"),
    DemoLogin("Member enterprise owner in B", "member@ludhiana.demo.diaportal.in"),
    DemoLogin("Applicant association (awaiting review)", "applicant@demo.diaportal.in"),
    DemoLogin("Enterprise not yet a member", "newfirm@demo.diaportal.in"),
    DemoLogin("Provider (bank)", "banker@demo.diaportal.in"),
]


def _mobile(rng: random.Random) -> str:
    return f"+91{rng.choice('6789')}{rng.randrange(10**8, 10**9)}"


def _pan(rng: random.Random, index: int, kind: str) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    prefix = "".join(rng.choice(letters) for _ in range(3)) + kind + rng.choice(letters)
    return f"{prefix}{index % 10000:04d}{rng.choice(letters)}"


class DemoSeeder:
    def __init__(self, *, scale: int = 1, stdout=None):
        self.scale = max(1, scale)
        self.rng = random.Random(2026)
        self.stdout = stdout
        self.states = {s.code: s for s in State.objects.all()}
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.used_pans: set[str] = set(Enterprise.objects.values_list("pan", flat=True)) | set(
            Association.objects.values_list("pan", flat=True)
        )

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def unique_pan(self, index: int, kind: str) -> str:
        while True:
            pan = _pan(self.rng, index, kind)
            if pan not in self.used_pans:
                self.used_pans.add(pan)
                return pan

    @transaction.atomic
    def run(self) -> None:
        if Association.objects.filter(slug="tiruppur-knitwear-manufacturers-association").exists():
            self.ensure_users()
            self.create_network_and_scheme()  # each part is idempotent: fills in what an older demo lacks
            self.log("Demo data already loaded.")
            return
        self.ensure_certificate()
        users = self.ensure_users()
        associations = self.create_associations(users)
        enterprises = self.create_enterprises(associations)
        self.create_memberships(associations, enterprises, users)
        self.create_providers(users)
        self.create_desk_and_pools(users)
        self.create_network_and_scheme()
        self.log(
            f"Loaded {Association.objects.count()} associations, {Enterprise.objects.count()} enterprises, "
            f"{Membership.objects.count()} memberships."
        )

    def ensure_certificate(self) -> None:
        if not default_storage.exists(CERTIFICATE_NAME):
            default_storage.save(CERTIFICATE_NAME, ContentFile(demo_pdf_bytes("Registration certificate (demo)")))

    def ensure_users(self) -> dict[str, User]:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        specs = {
            "admin@demo.diaportal.in": {"full_name": "Portal Administrator", "is_staff": True, "is_superuser": True},
            "officer@demo.diaportal.in": {
                "full_name": "Anita Deshpande",
                "sidbi_role": SidbiRole.OFFICER,
                "language": "hi",
            },
            "authority@demo.diaportal.in": {"full_name": "R. Venkataraman", "sidbi_role": SidbiRole.AUTHORITY},
            "expert@demo.diaportal.in": {"full_name": "Dr. Meenakshi Iyer", "sidbi_role": SidbiRole.CLUSTER_EXPERT},
            "secretary@tiruppur.demo.diaportal.in": {"full_name": "K. Senthil Kumar"},
            "member@tiruppur.demo.diaportal.in": {"full_name": "Lakshmi Narayanan", "language": "ta"},
            "secretary@ludhiana.demo.diaportal.in": {"full_name": "Gurpreet Singh Bhatia"},
            "member@ludhiana.demo.diaportal.in": {"full_name": "Harjit Kaur", "language": "pa"},
            "applicant@demo.diaportal.in": {"full_name": "Lalremruati Sailo", "language": "en"},
            "newfirm@demo.diaportal.in": {"full_name": "Bidyut Bora"},
            "banker@demo.diaportal.in": {"full_name": "Meera Kulkarni"},
        }
        users = {}
        for email, fields in specs.items():
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, **fields)
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if (
                user.needs_two_factor
                and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
            ):
                TOTP.activate(user, DEMO_TOTP_SECRET)
            users[email.split("@")[0] + "@" + email.split("@")[1].split(".")[0]] = user
        return users

    def create_associations(self, users) -> list[Association]:
        rng = self.rng
        now = timezone.now()
        officer = users["officer@demo"]
        rows: list[Association] = []
        seen_slugs: set[str] = set()
        count = 0
        for repeat in range(self.scale):
            for pattern_index, pattern in enumerate(ASSOCIATION_PATTERNS):
                for cluster, district, state_code, pin_prefix, _sectors, makes in CLUSTERS:
                    if pattern_index == 2 and rng.random() < 0.6:
                        continue  # not every district has a third association
                    name = pattern.format(cluster=cluster, district=district)
                    if repeat:
                        name = f"{name} ({repeat + 1})"
                    slug = slugify(name)[:70]
                    if slug in seen_slugs:
                        continue
                    seen_slugs.add(slug)
                    count += 1
                    state = self.states[state_code]
                    pan = self.unique_pan(count, "A")
                    status = Status.APPROVED
                    if count % 17 == 5:
                        status = Status.SUBMITTED
                    elif count % 23 == 7:
                        status = Status.INFO_REQUESTED
                    stage = rng.choices(list(Stage.values), weights=[4, 3, 2, 1])[0]
                    founded = rng.randrange(1962, 2022)
                    association = Association(
                        name=name,
                        slug=slug,
                        legal_form=rng.choice(list(LegalForm.values)),
                        registration_number=f"{state_code}/{founded}/SOC/{count:05d}",
                        pan=pan,
                        gstin=make_gstin(state.gst_code, pan) if rng.random() < 0.6 else "",
                        year_founded=founded,
                        cluster_name=cluster,
                        state=state,
                        district=district,
                        address=f"{rng.randrange(1, 400)}, Industrial Estate, {district}",
                        pin_code=f"{pin_prefix}{rng.randrange(1, 999):03d}",
                        approx_member_count=rng.randrange(25, 1200),
                        website=f"https://{slug[:40]}.example.org" if rng.random() < 0.5 else "",
                        email=f"office@{slug[:40]}.example.org",
                        phone=_mobile(rng),
                        about=(
                            f"The {cluster} cluster makes {makes}. The association speaks for its member units "
                            f"before government and banks, runs common facilities and trains workers."
                        ),
                        registration_certificate=CERTIFICATE_NAME,
                        status=status,
                        stage=stage if status == Status.APPROVED else Stage.INITIATION,
                        created_by=officer,
                        approved_at=now - timedelta(days=rng.randrange(10, 900)) if status == Status.APPROVED else None,
                    )
                    rows.append(association)
        Association.objects.bulk_create(rows, batch_size=500)
        ordered = list(Association.objects.filter(slug__in=seen_slugs).order_by("id"))
        # Sectors, office-bearers, history.
        through = Association.sectors.through
        links, bearers, changes = [], [], []
        slug_sectors = {}
        for cluster, _district, _state, _pin, sector_slugs, _makes in CLUSTERS:
            slug_sectors[cluster] = sector_slugs
        for association in ordered:
            for slug in slug_sectors[association.cluster_name]:
                links.append(through(association_id=association.pk, sector_id=self.sectors[slug].pk))
            for designation in DESIGNATIONS[: rng.randrange(2, 4)]:
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                bearers.append(
                    OfficeBearer(
                        association=association,
                        name=person,
                        designation=designation,
                        phone=_mobile(rng),
                        email=f"{slugify(person)}@{association.slug[:30]}.example.org",
                    )
                )
            changes.append(
                AssociationStatusChange(
                    association=association,
                    from_status="",
                    to_status=Status.SUBMITTED,
                    by=officer,
                    reason="Application submitted (demo data)",
                )
            )
            if association.status != Status.SUBMITTED:
                changes.append(
                    AssociationStatusChange(
                        association=association,
                        from_status=Status.SUBMITTED,
                        to_status=association.status,
                        by=officer,
                        reason=""
                        if association.status == Status.APPROVED
                        else "Please upload the renewed registration certificate; the one attached expired in 2023.",
                    )
                )
        through.objects.bulk_create(links, batch_size=1000)
        OfficeBearer.objects.bulk_create(bearers, batch_size=1000)
        AssociationStatusChange.objects.bulk_create(changes, batch_size=1000)

        # The named demo associations: A (Tiruppur), B (Ludhiana) and one applicant from Mizoram.
        a = Association.objects.get(slug="tiruppur-knitwear-manufacturers-association")
        b = Association.objects.get(slug="ludhiana-engineering-manufacturers-association")
        for association in (a, b):
            association.status = Status.APPROVED
            association.stage = Stage.ESTABLISHMENT
            association.approved_at = association.approved_at or now
            association.save(update_fields=["status", "stage", "approved_at"])
        AssociationStaff.objects.create(association=a, user=users["secretary@tiruppur"], role=StaffRole.ADMIN)
        AssociationStaff.objects.create(association=b, user=users["secretary@ludhiana"], role=StaffRole.ADMIN)
        applicant = Association.objects.get(slug="aizawl-bamboo-manufacturers-association")
        if applicant.status == Status.APPROVED:
            AssociationStatusChange.objects.filter(association=applicant).exclude(to_status=Status.SUBMITTED).delete()
            applicant.status = Status.SUBMITTED
            applicant.stage = Stage.INITIATION
            applicant.approved_at = None
            applicant.save(update_fields=["status", "stage", "approved_at"])
        applicant.created_by = users["applicant@demo"]
        applicant.save(update_fields=["created_by"])
        AssociationStaff.objects.create(association=applicant, user=users["applicant@demo"], role=StaffRole.ADMIN)
        return list(Association.objects.filter(pk__in=[a.pk for a in ordered]).order_by("id"))

    def home_association(self, index: int, approved: list[Association]) -> Association:
        """Where enterprise number ``index`` belongs: A and B are big (a tenth each), the rest share."""
        if index % 10 in (0, 1):
            slug = ("tiruppur" if index % 10 == 0 else "ludhiana") + (
                "-knitwear-manufacturers-association" if index % 10 == 0 else "-engineering-manufacturers-association"
            )
            return next(a for a in approved if a.slug == slug)
        return approved[index % len(approved)]

    def create_enterprises(self, associations) -> list[Enterprise]:
        rng = self.rng
        approved = [a for a in associations if a.status == Status.APPROVED]
        target = 2000 * self.scale
        rows = []
        cluster_info = {c[0]: c for c in CLUSTERS}
        for index in range(target):
            association = self.home_association(index, approved)
            cluster, district, state_code, pin_prefix, sector_slugs, makes = cluster_info[association.cluster_name]
            state = self.states[state_code]
            owner = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            name = f"{owner.split()[1]} {rng.choice(ENTERPRISE_SUFFIXES)} {index + 1}"
            pan = self.unique_pan(index, rng.choice("PFC"))
            category = rng.choices(list(Category.values), weights=[7, 2, 1])[0]
            employees = {
                "micro": rng.randrange(2, 20),
                "small": rng.randrange(20, 120),
                "medium": rng.randrange(120, 600),
            }[category]
            rows.append(
                Enterprise(
                    name=name,
                    udyam_number=f"UDYAM-{state_code}-{rng.randrange(1, 99):02d}-{index + 1:07d}",
                    gstin=make_gstin(state.gst_code, pan) if rng.random() < 0.8 else "",
                    pan=pan,
                    category=category,
                    sector=self.sectors[rng.choice(sector_slugs)],
                    products=makes,
                    employees=employees,
                    address=f"Plot {rng.randrange(1, 500)}, {district}",
                    district=district,
                    state=state,
                    pin_code=f"{pin_prefix}{rng.randrange(1, 999):03d}",
                    phone=_mobile(rng),
                    email=f"contact{index + 1}@{slugify(owner)}.example.in",
                    shared_fields=rng.choice(
                        [["products", "size", "location"], ["products", "location", "phone", "email"], ["products"]]
                    ),
                )
            )
        Enterprise.objects.bulk_create(rows, batch_size=500)
        return list(Enterprise.objects.order_by("id"))

    def create_memberships(self, associations, enterprises, users) -> None:
        rng = self.rng
        now = timezone.now()
        approved = [a for a in associations if a.status == Status.APPROVED]
        by_cluster: dict[str, list[Association]] = {}
        for association in approved:
            by_cluster.setdefault(association.cluster_name, []).append(association)
        rows = []
        for index, enterprise in enumerate(enterprises):
            home = self.home_association(index, approved)
            status = rng.choices(
                [MembershipStatus.APPROVED, MembershipStatus.REQUESTED, MembershipStatus.DECLINED], weights=[90, 8, 2]
            )[0]
            rows.append(
                Membership(
                    association=home,
                    enterprise=enterprise,
                    status=status,
                    decided_at=None
                    if status == MembershipStatus.REQUESTED
                    else now - timedelta(days=rng.randrange(1, 600)),
                    message="We would like to join the association." if status == MembershipStatus.REQUESTED else "",
                )
            )
            others = [a for a in by_cluster[home.cluster_name] if a.pk != home.pk]
            if others and rng.random() < 0.15:
                rows.append(
                    Membership(
                        association=rng.choice(others),
                        enterprise=enterprise,
                        status=MembershipStatus.APPROVED,
                        decided_at=now - timedelta(days=rng.randrange(1, 600)),
                    )
                )
        Membership.objects.bulk_create(rows, batch_size=1000)

        # The named demo members: one owner in A, one in B, one enterprise with no membership yet.
        a = Association.objects.get(slug="tiruppur-knitwear-manufacturers-association")
        b = Association.objects.get(slug="ludhiana-engineering-manufacturers-association")
        for association, key in ((a, "member@tiruppur"), (b, "member@ludhiana")):
            enterprise = Enterprise.objects.filter(
                memberships__association=association, memberships__status="approved"
            )[0]
            EnterpriseUser.objects.create(enterprise=enterprise, user=users[key], role=EnterpriseRole.OWNER)
        # A couple of open requests waiting for A's office-bearer.
        waiting = Enterprise.objects.exclude(memberships__association=a).filter(state__code="TN")[:3]
        for enterprise in waiting:
            Membership.objects.create(
                association=a, enterprise=enterprise, message="Our unit in Tiruppur makes knitted garments."
            )
        state = self.states["AS"]
        pan = self.unique_pan(9999, "F")
        newfirm = Enterprise.objects.create(
            name="Brahmaputra Agro Foods",
            udyam_number="UDYAM-AS-03-0987654",
            gstin=make_gstin(state.gst_code, pan),
            pan=pan,
            category=Category.MICRO,
            sector=self.sectors["food-processing"],
            products="Assam tea, ginger candy",
            employees=9,
            address="Plot 12, Amingaon Industrial Estate",
            district="Kamrup",
            state=state,
            pin_code="781031",
            phone="+919876543210",
            email="newfirm@demo.diaportal.in",
        )
        EnterpriseUser.objects.create(enterprise=newfirm, user=users["newfirm@demo"], role=EnterpriseRole.OWNER)

    def create_providers(self, users) -> None:
        bank, _created = Provider.objects.get_or_create(
            name="Small Industries Development Bank of India – Guwahati branch",
            defaults={"kind": ProviderKind.BANK, "status": ProviderStatus.APPROVED},
        )
        bank.states.add(self.states["AS"], self.states["ML"], self.states["MZ"])
        ProviderUser.objects.get_or_create(provider=bank, user=users["banker@demo"])
        for name, kind in [
            ("Central Institute of Plastics Engineering and Technology, Guwahati", ProviderKind.INSTITUTION),
            ("Tiruppur Textile Testing Laboratory", ProviderKind.LAB),
            ("MSME Technology Centre, Ludhiana", ProviderKind.INSTITUTION),
        ]:
            Provider.objects.get_or_create(name=name, defaults={"kind": kind, "status": ProviderStatus.APPROVED})

    def create_desk_and_pools(self, users) -> None:
        """Providers of every kind, the loan and scheme catalogue, requirements and pooled demands."""
        seed_providers(self.rng, self.states, self.sectors)
        seed_offerings()
        approved = list(Association.objects.approved().order_by("id"))
        seed_pooled_demands(self.rng, approved, timezone.now())
        made = seed_requirements(rng=self.rng, count=300 * self.scale, named_users=users)
        seed_updates(self.rng, timezone.now())
        seed_research(self.rng, timezone.now())
        self.log(f"Loaded {made} requirements and the pooled demands of {len(approved)} associations.")

    # Order matters: the book before services and support (they add income to it), events and services
    # before plans (targets start from them), and the scheme last: its stage assessments read all of them.
    NETWORK_AND_SCHEME = [
        ("finances", finances_demo),
        ("events", events_demo),
        ("learning", learning_demo),
        ("community", community_demo),
        ("business", business_demo),
        ("services", services_demo),
        ("support", support_demo),
        ("plans", plans_demo),
        ("scheme", scheme_demo),
    ]

    def create_network_and_scheme(self) -> None:
        """Discussions, events, the library, business leads, and the DIA scheme's records (each seed is idempotent)."""
        for app, module in self.NETWORK_AND_SCHEME:
            # Each part gets its own seeded generator, so adding a part never changes another's data.
            module.seed(rng=random.Random(f"dia-demo-{app}"))
        self.log("Loaded discussions, events, the learning library, business leads and the DIA scheme records.")


def login_table() -> str:
    width = max(len(login.role) for login in DEMO_LOGINS)
    lines = [f"{'Role'.ljust(width)}  {'Email'.ljust(40)}  Password"]
    for login in DEMO_LOGINS:
        note = f"  ({login.note})" if login.note else ""
        lines.append(f"{login.role.ljust(width)}  {login.email.ljust(40)}  {DEMO_PASSWORD}{note}")
    return "\n".join(lines)
