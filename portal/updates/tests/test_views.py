"""Pages and Atom feeds: who sees what, who may publish, and fixed query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.core.samples import demo_pdf_bytes
from portal.updates.models import Recognition, Update, UpdateStatus
from portal.updates.tests.conftest import publish, sectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_a(bearer_a, association_a):
    return publish(
        bearer_a, association=association_a, title="Members-only AGM notice", audience={"for_everyone": False}
    )


@pytest.fixture
def public_a(bearer_a, association_a):
    return publish(bearer_a, association=association_a, title="Public cluster news")


def test_association_a_update_is_shown_to_its_members_in_feed_archive_and_detail(client_for, member_a, private_a):
    client = client_for(member_a)
    assert "Members-only AGM notice" in client.get(reverse("updates:feed")).text
    assert "Members-only AGM notice" in client.get(reverse("updates:archive"), {"q": "AGM"}).text
    assert "Line one.<br>Line two." in client.get(private_a.get_absolute_url()).text


def test_association_a_update_is_hidden_from_members_of_b_everywhere(client_for, member_b, private_a, anonymous):
    client = client_for(member_b)
    assert "Members-only AGM notice" not in client.get(reverse("updates:feed")).text
    assert "Members-only AGM notice" not in client.get(reverse("updates:archive")).text
    assert "Members-only AGM notice" not in client.get(reverse("updates:archive"), {"q": "AGM"}).text
    assert client.get(private_a.get_absolute_url()).status_code == 404
    assert client.get(reverse("updates:attachment", args=[private_a.pk])).status_code == 404
    for url in (
        reverse("updates:atom"),
        reverse("updates:atom_sector", args=["textiles"]),
        reverse("updates:atom_association", args=["tiruppur"]),
    ):
        assert "Members-only AGM notice" not in anonymous.get(url).text


def test_atom_feeds_carry_public_updates(anonymous, officer, public_a):
    publish(officer, title="Textile fair for all textile units", audience={"sectors": sectors("textiles")})
    publish(officer, title="Jewellery show", audience={"sectors": sectors("jewellery")})
    everything = anonymous.get(reverse("updates:atom"))
    assert everything["Content-Type"].startswith("application/atom+xml")
    assert "Public cluster news" in everything.text and "Textile fair" not in everything.text
    textiles = anonymous.get(reverse("updates:atom_sector", args=["textiles"])).text
    assert "Textile fair for all textile units" in textiles and "Jewellery show" not in textiles
    assert "Public cluster news" in anonymous.get(reverse("updates:atom_association", args=["tiruppur"])).text
    assert anonymous.get(reverse("updates:atom_sector", args=["no-such-sector"])).status_code == 404


def test_anonymous_archive_shows_only_public_updates(anonymous, officer, public_a, private_a):
    page = anonymous.get(reverse("updates:archive")).text
    assert "Public cluster news" in page and "Members-only AGM notice" not in page
    assert anonymous.get(private_a.get_absolute_url()).status_code == 404


def test_feed_needs_a_login(anonymous):
    assert anonymous.get(reverse("updates:feed")).status_code == 302


def test_feed_highlights_opportunities_closing_within_14_days(client_for, member_a, officer):
    soon = timezone.localdate() + timedelta(days=5)
    later = timezone.localdate() + timedelta(days=40)
    publish(officer, kind="opportunity", title="IITF stalls", deadline=soon)
    publish(officer, kind="opportunity", title="ZED call", deadline=later)
    response = client_for(member_a).get(reverse("updates:feed"))
    assert [u.title for u in response.context["closing"]] == ["IITF stalls"]


def test_archive_filters_by_kind_sector_and_year(client_for, member_a, officer, future_deadline):
    publish(
        officer,
        kind="opportunity",
        title="Textile tender",
        deadline=future_deadline,
        audience={"sectors": sectors("textiles")},
    )
    publish(officer, title="General news")
    client = client_for(member_a)
    titles = lambda params: [u.title for u in client.get(reverse("updates:archive"), params).context["page"]]  # noqa: E731
    assert titles({"kind": "opportunity"}) == ["Textile tender"]
    assert titles({"sector": "textiles"}) == ["Textile tender"]
    assert titles({"year": str(timezone.now().year + 1)}) == []
    assert titles({"kind": "bogus", "year": "abc", "page": "x"}) == ["General news", "Textile tender"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["updates:feed", "updates:archive"])
def test_list_pages_use_a_fixed_number_of_queries(client_for, member_a, officer, bearer_a, association_a, name):
    client = client_for(member_a)

    def make(n):
        for i in range(n):
            if i % 2:
                publish(bearer_a, association=association_a, title=f"Notice {i}", audience={"for_everyone": False})
            else:
                publish(
                    officer,
                    kind="opportunity",
                    title=f"Tender {i}",
                    deadline=timezone.localdate() + timedelta(days=3),
                    audience={"sectors": sectors("textiles")},
                )

    make(3)
    few = _count_queries(client, reverse(name))
    make(17)
    assert Update.objects.count() == 20
    assert _count_queries(client, reverse(name)) == few


def test_officer_publishes_a_textiles_opportunity_through_the_form(client_for, officer, member_a, jewellery_member_a):
    response = client_for(officer).post(
        reverse("updates:create"),
        {
            "kind": "opportunity",
            "title": "GeM tender: uniforms",
            "body": "Bid by the deadline.",
            "deadline": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "audience": "chosen",
            "target_sectors": [s.pk for s in sectors("textiles")],
            "publish": "1",
        },
    )
    update = Update.objects.get(title="GeM tender: uniforms")
    assert response.status_code == 302 and response.url == update.get_absolute_url()
    assert update.status == UpdateStatus.PUBLISHED and not update.for_everyone
    assert "GeM tender: uniforms" in client_for(member_a).get(reverse("updates:feed")).text
    assert "GeM tender: uniforms" not in client_for(jewellery_member_a).get(reverse("updates:feed")).text


def test_circular_form_with_a_fake_pdf_re_displays_with_the_error_and_saves_nothing(client_for, officer):
    response = client_for(officer).post(
        reverse("updates:create"),
        {
            "kind": "circular",
            "title": "Circular",
            "body": "Text",
            "circular_number": "SIDBI/9",
            "audience": "everyone",
            "attachment": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 an executable"),
            "publish": "1",
        },
    )
    assert response.status_code == 200
    assert "not a PDF" in response.text
    assert not Update.objects.exists()


def test_circular_pdf_downloads_for_readers(client_for, officer, member_a):
    client_for(officer).post(
        reverse("updates:create"),
        {
            "kind": "circular",
            "title": "Circular 7",
            "body": "Text",
            "circular_number": "SIDBI/7",
            "audience": "everyone",
            "attachment": SimpleUploadedFile("c.pdf", demo_pdf_bytes("Circular")),
            "publish": "1",
        },
    )
    update = Update.objects.get()
    response = client_for(member_a).get(reverse("updates:attachment", args=[update.pk]))
    assert response["Content-Type"] == "application/pdf"
    # An uploaded PDF is never rendered inside the portal's origin (its scripts would run there).
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_office_bearer_publishes_for_own_association_only(client_for, bearer_a, association_a, association_b):
    client = client_for(bearer_a)
    data = {"kind": "news", "title": "AGM", "body": "Saturday", "audience": "chosen", "publish": "1"}
    assert client.post(reverse("updates:create_for_association", args=[association_a.slug]), data).status_code == 302
    assert list(Update.objects.get().associations.all()) == [association_a]
    assert client.post(reverse("updates:create_for_association", args=[association_b.slug]), data).status_code == 404


@pytest.mark.parametrize("who", ["member_a", "bearer_a", "provider_user"])
def test_non_sidbi_users_cannot_publish_for_sidbi(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(reverse("updates:create")).status_code == 403


def test_member_cannot_publish_for_their_association(client_for, member_a, association_a):
    url = reverse("updates:create_for_association", args=[association_a.slug])
    assert client_for(member_a).get(url).status_code == 403


def test_member_cannot_manage_withdraw_or_see_progress(client_for, member_a, officer):
    update = publish(officer)
    client = client_for(member_a)
    assert client.get(reverse("updates:manage")).status_code == 403
    assert client.post(reverse("updates:withdraw", args=[update.pk])).status_code == 403
    assert client.get(reverse("updates:progress", args=[update.pk])).status_code == 403
    assert client.get(reverse("updates:edit", args=[update.pk])).status_code == 403


def test_office_bearer_of_b_gets_404_for_a_draft_of_a(client_for, bearer_a, bearer_b, association_a):
    draft = publish(bearer_a, association=association_a, publish=False)
    assert client_for(bearer_b).get(reverse("updates:edit", args=[draft.pk])).status_code == 404
    assert client_for(bearer_a).get(reverse("updates:edit", args=[draft.pk])).status_code == 200


def test_publisher_withdraws_and_the_update_disappears(client_for, officer, member_a):
    update = publish(officer, title="Wrong dates")
    response = client_for(officer).post(reverse("updates:withdraw", args=[update.pk]), {"reason": "wrong"})
    assert response.status_code == 302
    assert Update.objects.get(pk=update.pk).status == UpdateStatus.WITHDRAWN
    assert client_for(member_a).get(update.get_absolute_url()).status_code == 404


def test_publisher_sees_broadcast_progress_that_polls_until_done(client_for, officer):
    update = publish(officer)
    client = client_for(officer)
    page = client.get(update.get_absolute_url()).text
    assert 'id="broadcast-progress"' in page and 'hx-trigger="every 2s"' in page
    from portal.notifications.services import broadcast_deliver

    broadcast_deliver(update.broadcast_id)
    partial = client.get(reverse("updates:progress", args=[update.pk])).text
    assert "(100%)" in partial and "hx-trigger" not in partial


def test_following_is_saved_from_the_follow_page(client_for, member_b, association_a):
    from portal.updates.models import Follow

    client = client_for(member_b)
    response = client.post(
        reverse("updates:follow"), {"sectors": [s.pk for s in sectors("textiles")], "associations": [association_a.pk]}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=member_b).count() == 2


def test_officer_names_a_champion_through_the_form(client_for, officer, association_a):
    data = {
        "association": association_a.pk,
        "person_name": "Arjun Mehta",
        "title": "champion",
        "financial_year": "2026-27",
        "citation": "Led the cluster's ZED drive.",
    }
    response = client_for(officer).post(reverse("updates:recognition_create"), data)
    recognition = Recognition.objects.get()
    assert response.status_code == 302 and response.url == recognition.update.get_absolute_url()
    again = client_for(officer).post(reverse("updates:recognition_create"), data)
    assert again.status_code == 200 and "already holds" in again.text
    bad = client_for(officer).post(reverse("updates:recognition_create"), {**data, "financial_year": "2026"})
    assert "2026-27" in bad.text and Recognition.objects.count() == 1


@pytest.mark.parametrize("who", ["member_a", "bearer_a"])
def test_only_sidbi_names_ambassadors_and_champions(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(reverse("updates:recognition_create")).status_code == 403


def test_recognitions_partial_renders_for_an_association(officer, association_a):
    from django.template import Context, Template

    from portal.updates import services

    services.recognition_create(
        association=association_a,
        person_name="Noor Fatima",
        title="ambassador",
        financial_year="2026-27",
        citation="c",
        by=officer,
    )
    html = Template(
        "{% load updates_tags %}{% recognitions_for association as items %}"
        '{% include "updates/_recognitions.html" with recognitions=items %}'
    ).render(Context({"association": association_a}))
    assert "Noor Fatima" in html and "Ambassador" in html


def test_manage_page_lists_drafts_and_offers_the_right_publish_links(client_for, officer, bearer_a, association_a):
    publish(officer, title="SIDBI draft", publish=False)
    publish(bearer_a, association=association_a, title="Association draft", publish=False)
    sidbi_page = client_for(officer).get(reverse("updates:manage")).text
    assert "SIDBI draft" in sidbi_page and "Association draft" not in sidbi_page
    assert reverse("updates:create") in sidbi_page
    office_page = client_for(bearer_a).get(reverse("updates:manage")).text
    assert "Association draft" in office_page and "SIDBI draft" not in office_page
    assert reverse("updates:create_for_association", args=[association_a.slug]) in office_page
    assert 'enctype="multipart/form-data"' in client_for(officer).get(reverse("updates:create")).text


def test_recognitions_page_lists_this_years_names(anonymous, officer, association_a):
    from portal.updates import services
    from portal.updates.models import financial_year_of

    services.recognition_create(
        association=association_a,
        person_name="Sanjay Barua",
        title="champion",
        financial_year=financial_year_of(timezone.localdate()),
        citation="c",
        by=officer,
    )
    assert "Sanjay Barua" in anonymous.get(reverse("updates:recognitions")).text


def test_atom_feed_publishes_the_body_as_plain_text_not_html(anonymous, bearer_a, association_a):
    from xml.etree import ElementTree

    publish(bearer_a, association=association_a, title="Markup", body='<img src=x onerror="alert(1)"> & more')
    response = anonymous.get(reverse("updates:atom"))

    atom = "{http://www.w3.org/2005/Atom}"
    summary = ElementTree.fromstring(response.content).find(f"{atom}entry/{atom}summary")
    assert summary.get("type") == "text"
    assert summary.text == '<img src=x onerror="alert(1)"> & more'
