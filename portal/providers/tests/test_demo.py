"""The demo providers: every kind, spread over India (north-east included), approved, created once."""

import random

from portal.core.models import Sector, State
from portal.desk.models import Kind
from portal.providers.demo import seed_providers
from portal.providers.models import Provider, ProviderKind, ProviderStatus


def seed():
    states = {s.code: s for s in State.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    return seed_providers(random.Random(2026), states, sectors)


def test_demo_providers_cover_every_kind_and_the_north_east(db):
    providers = seed()

    assert len(providers) >= 25
    assert all(p.status == ProviderStatus.APPROVED and p.approved_at for p in providers)
    assert {p.kind for p in providers} == set(ProviderKind.values)
    assert all(p.help_kinds and set(p.help_kinds) <= set(Kind.values) for p in providers)
    assert all("Demo data" in p.description for p in providers)
    assert Provider.objects.filter(states__is_north_east=True).distinct().count() >= 4
    assert Provider.objects.filter(states__isnull=True).exists()  # some serve all of India
    helped = {kind for p in providers for kind in p.help_kinds}
    assert helped == set(Kind.values)  # every kind of requirement has someone to help


def test_seeding_twice_creates_nothing_new(db):
    first = seed()
    count, links = Provider.objects.count(), Provider.states.through.objects.count()

    second = seed()

    assert [p.pk for p in second] == [p.pk for p in first]
    assert (Provider.objects.count(), Provider.states.through.objects.count()) == (count, links)


def test_lists_of_rows_are_accepted_as_well_as_dicts(db):
    providers = seed_providers(random.Random(1), State.objects.all(), Sector.objects.all())

    assert providers[0].states.exists()
