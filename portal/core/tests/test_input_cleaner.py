"""One input cleaner: control characters never reach a view, so a NUL in a filter or a form cannot cause a 500."""

import pytest

from portal.core.middleware import clean_text

LISTS = [
    ("/events/", {"q": "\x00"}),
    ("/updates/archive/", {"q": "\x00", "sector": "\x00", "state": "\x00"}),
    ("/services/", {"q": "\x00"}),
    ("/community/search/", {"q": "\x00"}),
]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_a_nul_in_a_filter_is_dropped_not_a_500(client_for, member_a, path, params):
    response = client_for(member_a).get(path, params)
    assert response.status_code == 200


def test_control_characters_are_stripped_but_tab_newline_and_return_kept():
    assert clean_text("a\x00b\x01c\x1fd\x7fe\tf\ng\rh") == "abcde\tf\ng\rh"
