"""Spaces the portal names itself (India, each sector, each state) read in the reader's language; spaces people
named (an association's, a circle) keep the name as written."""

from django.utils import translation

from portal import testing
from portal.community import services
from portal.community.models import Space, SpaceKind


def test_the_portals_own_spaces_are_named_in_the_readers_language(db):
    services.ensure_public_spaces()
    national = Space.objects.get(kind=SpaceKind.NATIONAL)
    sector_space = Space.objects.filter(kind=SpaceKind.SECTOR).select_related("sector").first()
    with translation.override("hi"):
        assert national.display_name == "भारत: सभी सदस्य"
        assert national.display_description == "पोर्टल के हर पंजीकृत उपयोगकर्ता के लिए खुला।"
        assert sector_space.display_name == sector_space.sector.display_name != sector_space.sector.name
    with translation.override("en"):
        assert national.display_name == "India: all members"


def test_an_associations_space_keeps_the_name_its_people_gave(db):
    association = testing.make_association(name="Tiruppur Knitwear Association")
    space = services.space_for_association(association)
    with translation.override("ta"):
        assert space.display_name == "Tiruppur Knitwear Association"
        assert space.display_description == "சங்க உறுப்பினர்களுக்கும் அலுவலகத்துக்கும் மட்டும்."
