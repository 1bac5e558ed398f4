"""The world the permission suite walks: every named route, the cast, and for each route its targets.

The cast is the demo's (portal/demo/seeding.py builds, through the services, one of each object for association
A, Tiruppur, and association B, Ludhiana): anonymous, member of A, member of B, office-bearer of A,
office-bearer of B, provider, cluster expert (of A only here), officer, authority, platform admin.

A route's targets: ``A`` and ``B`` (an object of each association, where the route addresses one), and
``missing`` (an id or slug that does not exist). Routes without arguments have the one target ``-``.
"""

from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

ROLES = {
    "anonymous": None,
    "member_a": "member@tiruppur.demo.diaportal.in",
    "member_b": "member@ludhiana.demo.diaportal.in",
    "bearer_a": "secretary@tiruppur.demo.diaportal.in",
    "bearer_b": "secretary@ludhiana.demo.diaportal.in",
    "provider": "banker@demo.diaportal.in",
    "expert": "expert@demo.diaportal.in",
    "officer": "officer@demo.diaportal.in",
    "authority": "authority@demo.diaportal.in",
    "admin": "admin@demo.diaportal.in",
}
TENANT_SLUGS = {
    "A": "tiruppur-knitwear-manufacturers-association",
    "B": "ludhiana-engineering-manufacturers-association",
}
MISSING_ID = 987654321
MISSING_SLUG = "no-such-thing"

# The model a route's ``pk`` names, and the path from it to its association (apps' main objects).
PK_MODELS = {
    "desk": ("desk.Requirement", "association"),
    "pooling": ("pooling.PooledDemand", "association"),
    "updates": ("updates.Update", "associations"),
    "research:topic": ("research.Topic", None),
    "research": ("research.Study", "owner"),
    "community:report_dismiss": ("community.Report", "topic__space__association"),
    "community:reply": ("community.Reply", "topic__space__association"),
    "community:reply_edit": ("community.Reply", "topic__space__association"),
    "community:moderate_reply": ("community.Reply", "topic__space__association"),
    "community": ("community.Topic", "space__association"),
    "events": ("events.Event", "owner"),
    "learning": ("learning.Resource", "association"),
    "plans": ("plans.ActionPlan", "association"),
    "services:booking": ("services.Booking", "association"),
    "services:booking_action": ("services.Booking", "association"),
    "services": ("services.Service", "association"),
    "support:release": ("support.Tranche", "sanction__association"),
    "support:uc_new": ("support.Tranche", "sanction__association"),
    "support:uc_decide": ("support.UtilisationCertificate", "tranche__sanction__association"),
    "support:evidence": ("support.UtilisationCertificate", "tranche__sanction__association"),
    "support:tranche_add": ("support.Sanction", "association"),
    "support:letter": ("support.Sanction", "association"),
    "support": ("support.Application", "association"),
    "finances:entry_correct": ("finances.LedgerEntry", "association"),
    "finances": ("finances.Invoice", "association"),
    "enterprises": ("enterprises.Enterprise", "memberships__association"),
    "business": ("enterprises.Enterprise", "memberships__association"),
    "catalogue": ("catalogue.Offering", None),
    "providers": ("providers.Provider", None),
}
# Routes whose slug is not an association's.
NON_ASSOCIATION_SLUGS = {"learning:series", "learning:path", "learning:path_continue", "learning:path_manage"}
NON_ASSOCIATION_SLUGS |= {"learning:path_action", "learning:step", "learning:path_step_action", "updates:atom_sector"}
# A valid value for other arguments (an action, a format): the first one the view knows.
REGEX_VALUES = {"app_label": "associations"}
OTHER_ARGS = {"fmt": "csv", "year": "2026", "decision": "accept", "action": "view"}


def named_routes() -> list[tuple[str, URLPattern]]:
    """Every named route, namespaced, as reverse() knows it."""
    found: list[tuple[str, URLPattern]] = []

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else (inner or namespace))
            elif pattern.name:
                found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern))

    walk(get_resolver(), None)
    seen: dict[str, URLPattern] = {}
    for name, pattern in found:
        seen.setdefault(name, pattern)
    return sorted(seen.items())


def _model_for(name: str):
    from django.apps import apps

    key = name if name in PK_MODELS else name.split(":")[0]
    if key not in PK_MODELS:
        return None, None
    label, path = PK_MODELS[key]
    return apps.get_model(label), path


def _object_of(name: str, tenant: str):
    from portal.associations.models import Association

    model, path = _model_for(name)
    if model is None:
        return None
    queryset = model.objects.order_by("pk")
    if path is None:
        return queryset.first() if tenant == "A" else queryset.last()
    association = Association.objects.get(slug=TENANT_SLUGS[tenant])
    return queryset.filter(**{path: association}).first()


def targets(name: str, pattern: URLPattern) -> dict[str, dict | None]:
    """Target name → the route's kwargs for it (None where the world has no such object)."""
    groups = list(getattr(pattern.pattern, "regex").groupindex) if not pattern.pattern.converters else []
    if groups:  # a regular-expression route (allauth's keys, the admin's app list): only the missing target
        return {"missing": {group: REGEX_VALUES.get(group, "abc1") for group in groups}}
    converters = pattern.pattern.converters
    if not converters:
        return {"-": {}}
    result: dict[str, dict | None] = {}
    for tenant in ("A", "B", "missing"):
        kwargs: dict = {}
        for arg, converter in converters.items():
            kind = type(converter).__name__
            if arg == "slug" and name not in NON_ASSOCIATION_SLUGS and not name.startswith("admin:"):
                kwargs[arg] = MISSING_SLUG if tenant == "missing" else TENANT_SLUGS[tenant]
            elif arg == "pk" and kind == "IntConverter" and not name.startswith("admin:"):
                if tenant == "missing":
                    kwargs[arg] = MISSING_ID
                else:
                    obj = _object_of(name, tenant)
                    if obj is None:
                        kwargs = None
                        break
                    kwargs[arg] = obj.pk
            elif arg in OTHER_ARGS:
                kwargs[arg] = OTHER_ARGS[arg]
            elif kind == "IntConverter":
                kwargs[arg] = MISSING_ID
            else:
                kwargs[arg] = MISSING_SLUG if kind in {"SlugConverter", "StringConverter"} else str(MISSING_ID)
        if (
            kwargs is not None
            and tenant != "missing"
            and all(v in (MISSING_ID, MISSING_SLUG, str(MISSING_ID)) or k in OTHER_ARGS for k, v in kwargs.items())
        ):
            kwargs = None  # nothing of the tenant's in it: the missing target covers it
        result[tenant] = kwargs
    return result
