from django.utils import translation

from portal import testing
from portal.core.models import Sector, State
from portal.core.reference import SECTORS, STATES
from portal.core.reference_names import SECTOR_NAMES, STATE_NAMES


def test_every_state_and_sector_name_is_listed_for_the_catalogue():
    assert [name for _code, name, *_rest in STATES] == STATE_NAMES
    assert [name for _slug, name in SECTORS] == SECTOR_NAMES


def test_state_and_sector_names_are_shown_in_the_readers_language(db, settings, tmp_path):
    testing.install_test_catalogue(
        settings, tmp_path, "ta", {"Tamil Nadu": "தமிழ்நாடு", "Textiles and garments": "ஜவுளி மற்றும் ஆடைகள்"}
    )
    state, sector = State.objects.get(code="TN"), Sector.objects.get(slug="textiles")
    with translation.override("ta"):
        assert (str(state), sector.display_name) == ("தமிழ்நாடு", "ஜவுளி மற்றும் ஆடைகள்")
    with translation.override("en"):
        assert (str(state), str(sector)) == ("Tamil Nadu", "Textiles and garments")
