"""Factories for tests and benchmarks: valid, unique rows built the way the services build them.

Counters keep identifiers unique; every identifier passes the real validators.
"""

import itertools
import re
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.accounts.models import User
from portal.associations.models import (
    Association,
    AssociationStaff,
    AssociationStatusChange,
    Membership,
    MembershipStatus,
    OfficeBearer,
    StaffRole,
    Status,
)
from portal.core.identifiers import make_gstin
from portal.core.models import Sector, State
from portal.core.samples import demo_pdf_bytes
from portal.enterprises.models import Enterprise, EnterpriseRole, EnterpriseUser

PASSWORD = "Correct-Horse-Battery-9"
_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def pan_for(n: int, kind: str = "A") -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"{letters[n % 26]}{letters[(n // 26) % 26]}{letters[(n // 676) % 26]}{kind}X{n % 10000:04d}Z"


def pdf_upload(name: str = "certificate.pdf") -> ContentFile:
    return ContentFile(demo_pdf_bytes("Registration certificate"), name=name)


def make_user(email: str | None = None, *, verified: bool = True, totp: bool = False, **fields) -> User:
    email = email or f"user{_next()}@example.in"
    user = User.objects.create_user(email, PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if totp:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        user.totp_secret = secret
    return user


def make_association(
    *, office_bearer: User | None = None, status: str = Status.APPROVED, state_code: str = "TN", **fields
) -> Association:
    n = _next()
    state = State.objects.get(code=state_code)
    pan = fields.pop("pan", pan_for(n, "A"))
    creator = office_bearer or make_user()
    sectors = fields.pop("sectors", None) or [Sector.objects.get(slug="textiles")]
    values = {
        "name": f"Test Cluster Association {n}",
        "slug": f"test-cluster-association-{n}",
        "legal_form": "society",
        "registration_number": f"TN/2001/SOC/{n:05d}",
        "pan": pan,
        "gstin": make_gstin(state.gst_code, pan),
        "year_founded": 2001,
        "cluster_name": f"Test cluster {n}",
        "state": state,
        "district": "Tiruppur",
        "address": "12, Industrial Estate",
        "pin_code": "641604",
        "approx_member_count": 120,
        "email": f"office{n}@association.example.in",
        "phone": "+919876543210",
        "status": status,
        "created_by": creator,
        "approved_at": timezone.now() if status == Status.APPROVED else None,
    }
    values.update(fields)
    association = Association(**values)
    association.registration_certificate.save("certificate.pdf", pdf_upload(), save=False)
    association.save()
    association.sectors.set(sectors)
    OfficeBearer.objects.create(
        association=association,
        name="K. Senthil",
        designation="Secretary",
        phone="+919876543210",
        email=f"secretary{n}@association.example.in",
    )
    AssociationStatusChange.objects.create(
        association=association, from_status="", to_status=Status.SUBMITTED, by=creator, reason="Application submitted"
    )
    if status != Status.SUBMITTED:
        AssociationStatusChange.objects.create(
            association=association, from_status=Status.SUBMITTED, to_status=status, by=creator, reason="test"
        )
    if office_bearer is not None:
        AssociationStaff.objects.create(association=association, user=office_bearer, role=StaffRole.ADMIN)
    return association


def make_enterprise(
    *, owner: User | None = None, state_code: str = "TN", sector: str = "textiles", **fields
) -> Enterprise:
    n = _next()
    state = State.objects.get(code=state_code)
    pan = fields.pop("pan", pan_for(n, "P"))
    values = {
        "name": f"Test Knit Works {n}",
        "udyam_number": f"UDYAM-{state_code}-12-{n:07d}",
        "pan": pan,
        "gstin": make_gstin(state.gst_code, pan),
        "category": "micro",
        "sector": Sector.objects.get(slug=sector),
        "products": "Knitted T-shirts",
        "employees": 12,
        "address": "Plot 4, SIDCO Estate",
        "district": "Tiruppur",
        "state": state,
        "pin_code": "641604",
        "phone": "+919812345678",
        "email": f"works{n}@example.in",
    }
    values.update(fields)
    enterprise = Enterprise.objects.create(**values)
    if owner is not None:
        EnterpriseUser.objects.create(enterprise=enterprise, user=owner, role=EnterpriseRole.OWNER)
    return enterprise


def make_membership(
    *, association: Association, enterprise: Enterprise, status: str = MembershipStatus.APPROVED
) -> Membership:
    return Membership.objects.create(
        association=association,
        enterprise=enterprise,
        status=status,
        decided_at=None if status == MembershipStatus.REQUESTED else timezone.now(),
    )


def make_provider(
    *,
    user: User | None = None,
    name: str | None = None,
    kind: str = "consultant",
    status: str = "approved",
    help_kinds: list[str] | None = None,
    sectors: tuple[str, ...] | list[str] = (),
    states: tuple[str, ...] | list[str] = (),
):
    """An approved provider (by default) with one user, the kinds of help, sectors (slugs) and states (codes)."""
    from portal.providers.models import Provider, ProviderUser

    provider = Provider.objects.create(
        name=name or f"Test Provider {_next()}", kind=kind, status=status, help_kinds=list(help_kinds or [])
    )
    provider.sectors.set(Sector.objects.filter(slug__in=sectors))
    provider.states.set(State.objects.filter(code__in=states))
    if user is not None:
        ProviderUser.objects.create(provider=provider, user=user)
    return provider


def make_requirement(*, by: User, enterprise: Enterprise | None = None, association=None, post: bool = True, **fields):
    """A requirement built as a member builds it: RequirementForm, then the draft and post services.

    Technical kinds (the default, "testing") get a needed-by date 90 days ahead; financial kinds an
    amount, a purpose and a turnover. Any form field can be given; ``post=False`` leaves a draft.
    """
    import datetime

    from portal.desk.forms import RequirementForm
    from portal.desk.models import FINANCIAL_KINDS
    from portal.desk.services import RequirementDraft, requirement_post, requirement_save_draft

    enterprise = enterprise or Enterprise.objects.of_user(by).order_by("pk").first()
    if association is None:
        association = (
            Membership.objects.filter(enterprise=enterprise, status=MembershipStatus.APPROVED).order_by("pk").first()
        ).association
    kind = fields.pop("kind", "testing")
    data = {
        "enterprise": enterprise.pk,
        "association": association.pk,
        "kind": kind,
        "title": "Shrinkage testing of knitted fabric",
        "description": "An export buyer wants shrinkage and colour fastness test reports.",
        "urgency": "normal",
        "visibility": "association",
    }
    if kind in FINANCIAL_KINDS:
        data.update({"amount": "2500000", "purpose": "A new circular knitting machine", "latest_turnover": "30000000"})
    else:
        data["needed_by"] = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    data.update({key: value for key, value in fields.items() if value is not None})
    form = RequirementForm(data, user=by)
    if not form.is_valid():
        raise ValueError(f"make_requirement: invalid data {form.errors.as_json()}")
    requirement = requirement_save_draft(draft=RequirementDraft.from_values(form.cleaned_data), by=by)
    if post:
        requirement = requirement_post(requirement=requirement, by=by)
    return requirement


def pdf_text(data: bytes) -> str:
    """The text of a PDF, for tests that check what a generated document says."""
    import io

    from pypdf import PdfReader

    assert data[:5] == b"%PDF-", "not a PDF"
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> set[str]:
    """The names of the fonts embedded in a PDF (a Hindi certificate must embed Noto Sans Devanagari)."""
    import io

    from pypdf import PdfReader

    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    return fonts


# Per response: the CSP nonce and CSRF token; per request: the language switcher's "come back here" field, which
# echoes the address the visitor typed (so it tells them nothing they did not know).
_PER_RESPONSE = re.compile(
    r'(nonce="|"X-CSRFToken": "|name="csrfmiddlewaretoken" value="|id="language-next" name="next" value=")[^"]*"'
)


def page_body(response) -> str:
    """The body with the per-response CSP nonce, CSRF token and the switcher's return address blanked, to compare
    two answers."""
    return _PER_RESPONSE.sub(r'\1"', response.content.decode())


@contextmanager
def demo_world(django_db_blocker, media_root):
    """The demo data, loaded once (it takes seconds) for a test module in a transaction rolled back at the end.

    Use from a module-scoped fixture; each test still runs in its own savepoint (the ``db`` fixture).
    """
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=media_root,
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    )
    with fast, django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", "--quiet-logins")
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def install_test_catalogue(settings, directory, language: str, entries: dict) -> None:
    """Put a tiny compiled catalogue for ``language`` first on LOCALE_PATHS (tests of the translation machinery).

    The real catalogues are filled by translators; tests of "rendered in the recipient's language" must not
    depend on them, so they ship the few messages they read. ``settings`` is pytest-django's fixture (its
    change resets Django's translation caches, and again when the test ends). A plural message is keyed by
    (singular, plural) with a tuple of its forms.
    """
    from pathlib import Path

    import polib

    from portal.core.i18n import PLURAL_FORMS

    folder = Path(directory) / "test-locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    for msgid, msgstr in entries.items():
        if isinstance(msgid, tuple):
            forms = dict(enumerate(msgstr))
            catalogue.append(polib.POEntry(msgid=msgid[0], msgid_plural=msgid[1], msgstr_plural=forms))
        else:
            catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalogue.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [Path(directory) / "test-locale", *settings.LOCALE_PATHS]
