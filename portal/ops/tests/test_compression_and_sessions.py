import gzip

import brotli
from django.core.cache import cache


def test_pages_are_brotli_compressed_for_browsers_that_accept_it(anonymous):
    response = anonymous.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in brotli.decompress(response.content)


def test_pages_are_gzipped_for_browsers_without_brotli(anonymous):
    response = anonymous.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


def test_pages_are_plain_when_the_browser_asks_for_no_compression(anonymous):
    response = anonymous.get("/")
    assert not response.has_header("Content-Encoding")


def test_a_session_survives_the_cache_being_emptied(client_for, member_a):
    # cached_db: reads come from the cache, every write also goes to the database, so a Redis restart
    # logs nobody out.
    client = client_for(member_a)
    assert client.get("/me/").status_code == 200
    cache.clear()
    response = client.get("/me/")
    assert response.status_code == 200
    assert response.wsgi_request.user == member_a
