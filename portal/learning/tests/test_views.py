"""The library pages: shelves, search and filters, bookmarks, resource forms, series and learning paths."""

import pytest
from django.db import connection
from django.urls import reverse

from portal.associations.models import Stage
from portal.learning import services
from portal.learning.models import Bookmark, Kind, Resource, Status, StepDone, Topic

from .conftest import make_resource, pdf

INDEX = reverse("learning:index")


def titles(response):
    page = response.context["page"]
    return [resource.title for resource in page]


def test_home_shows_a_shelf_per_kind_with_content(anonymous, officer):
    make_resource(by=officer, kind=Kind.TOOLKIT, title="GST toolkit")
    make_resource(by=officer, kind=Kind.CASE_STUDY, title="Morbi ceramics case")
    response = anonymous.get(INDEX)
    assert response.status_code == 200
    shelves = {kind: [r.title for r in items] for kind, _label, items in response.context["shelves"]}
    assert shelves == {"toolkit": ["GST toolkit"], "case_study": ["Morbi ceramics case"]}


def test_search_finds_words_in_title_and_summary(anonymous, officer):
    make_resource(by=officer, title="GST toolkit for job workers", summary="Returns and e-way bills.")
    make_resource(by=officer, title="Energy audit guide", summary="Save power in foundries.")
    assert titles(anonymous.get(INDEX, {"q": "GST"})) == ["GST toolkit for job workers"]
    assert titles(anonymous.get(INDEX, {"q": "foundries"})) == ["Energy audit guide"]


def test_search_finds_a_hindi_title(anonymous, officer):
    make_resource(by=officer, title="डीआईए योजना मार्गदर्शिका", summary="योजना की जानकारी", language="hi")
    make_resource(by=officer, title="DIA scheme guide")
    assert titles(anonymous.get(INDEX, {"q": "मार्गदर्शिका"})) == ["डीआईए योजना मार्गदर्शिका"]
    assert titles(anonymous.get(INDEX, {"q": "योजना"})) == ["डीआईए योजना मार्गदर्शिका"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search")
def test_on_postgresql_a_title_match_ranks_above_a_match_in_the_notes(anonymous, officer):
    make_resource(by=officer, title="Energy audit guide", summary="s", body="Mentions cluster finance once.")
    make_resource(by=officer, title="Cluster finance handbook", summary="Loans for clusters.")
    assert titles(anonymous.get(INDEX, {"q": "finance"})) == ["Cluster finance handbook", "Energy audit guide"]


def test_every_shelf_comes_in_the_library_order(anonymous, officer):
    make_resource(by=officer, kind=Kind.DOCUMENT, title="Bye-laws")
    make_resource(by=officer, kind=Kind.SCHEME_GUIDE, title="Guide")
    assert [kind for kind, _label, _items in anonymous.get(INDEX).context["shelves"]] == ["scheme_guide", "document"]


def test_search_never_shows_a_private_resource_to_an_outsider(client_for, member_b, private_a):
    assert titles(client_for(member_b).get(INDEX, {"q": "GST"})) == []


def test_filters_by_kind_topic_sector_and_stage(anonymous, officer, gst_topic):
    from portal.core.models import Sector

    textiles = Sector.objects.get(slug="textiles")
    make_resource(by=officer, title="Tagged", topics=[gst_topic], sectors=[textiles], cluster_stage=Stage.INITIATION)
    make_resource(by=officer, title="Other", kind=Kind.TOOLKIT)
    assert titles(anonymous.get(INDEX, {"topic": "gst"})) == ["Tagged"]
    assert titles(anonymous.get(INDEX, {"sector": "textiles"})) == ["Tagged"]
    assert titles(anonymous.get(INDEX, {"stage": "initiation"})) == ["Tagged"]
    assert titles(anonymous.get(INDEX, {"kind": "toolkit"})) == ["Other"]
    assert titles(anonymous.get(INDEX, {"topic": "gst", "kind": "toolkit"})) == []


def _many(officer, topic, n):
    Resource.objects.all().delete()
    for index in range(n):
        make_resource(by=officer, title=f"Guide {index}", topics=[topic])


def test_the_list_page_runs_the_same_number_of_queries_for_3_and_20_rows(
    client_for, member_a, officer, gst_topic, django_assert_max_num_queries
):
    client = client_for(member_a)
    _many(officer, gst_topic, 3)
    client.get(INDEX, {"kind": "scheme_guide"})  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert len(titles(client.get(INDEX, {"kind": "scheme_guide"}))) == 3
    _many(officer, gst_topic, 20)
    with django_assert_max_num_queries(len(small)):
        assert len(titles(client.get(INDEX, {"kind": "scheme_guide"}))) == 20


def test_the_home_page_runs_the_same_number_of_queries_for_3_and_20_rows(
    client_for, member_a, officer, gst_topic, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(member_a)
    _many(officer, gst_topic, 3)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as small:
        client.get(INDEX)
    _many(officer, gst_topic, 20)
    with django_assert_max_num_queries(len(small)):
        client.get(INDEX)


def test_bookmark_toggles_with_htmx_and_shows_on_my_bookmarks(client_for, member_a, national):
    client = client_for(member_a)
    url = reverse("learning:bookmark", args=[national.pk])
    response = client.post(url, {"next": "/learning/?kind=toolkit"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert 'name="next" value="/learning/r/' not in response.content.decode()
    page = client.get(reverse("learning:bookmarks"))
    assert [mark.resource for mark in page.context["page"]] == [national]
    response = client.post(url, headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in response.content.decode() and not Bookmark.objects.exists()


def test_bookmark_without_htmx_redirects_back_but_never_off_site(client_for, member_a, national):
    client = client_for(member_a)
    url = reverse("learning:bookmark", args=[national.pk])
    assert client.post(url, {"next": "/learning/?kind=toolkit"})["Location"] == "/learning/?kind=toolkit"
    assert client.post(url, {"next": "https://evil.example.com/"})["Location"] == national.get_absolute_url()


def test_bookmarks_page_drops_a_resource_that_became_invisible(client_for, member_b, bearer_a, public_a):
    services.bookmark_toggle(resource=public_a, by=member_b)
    services.resource_update(resource=public_a, audience="members", by=bearer_a)
    page = client_for(member_b).get(reverse("learning:bookmarks"))
    assert list(page.context["page"]) == []


def test_officer_adds_a_national_document_through_the_form(client_for, officer, gst_topic):
    client = client_for(officer)
    response = client.post(
        reverse("learning:resource_new_national"),
        {
            "kind": "document",
            "title": "DIA scheme guidelines",
            "summary": "The scheme's rules.",
            "language": "en",
            "topics": [gst_topic.pk],
            "upload": pdf(),
        },
    )
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.status == Status.DRAFT and resource.file and resource.association is None
    assert list(resource.topics.all()) == [gst_topic]
    client.post(reverse("learning:resource_action", args=[resource.pk, "publish"]))
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_the_form_shows_errors_beside_the_fields(client_for, officer):
    response = client_for(officer).post(
        reverse("learning:resource_new_national"),
        {"kind": "document", "title": "No PDF", "summary": "s", "language": "en", "upload": ""},
    )
    assert response.status_code == 200 and "A document needs its PDF." in response.content.decode()
    response = client_for(officer).post(
        reverse("learning:resource_new_national"),
        {"kind": "video", "title": "No link", "summary": "s", "language": "en"},
    )
    assert "Give the link to the recording." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_non_pdf_upload_is_refused_beside_the_field(client_for, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("guide.pdf", b"MZ\x90\x00not a pdf at all", content_type="application/pdf")
    response = client_for(officer).post(
        reverse("learning:resource_new_national"),
        {"kind": "document", "title": "Fake", "summary": "s", "language": "en", "upload": fake},
    )
    assert response.status_code == 200 and "not a PDF" in response.content.decode()
    assert not Resource.objects.exists()


def test_office_bearer_adds_a_members_only_resource(client_for, bearer_a, association_a, member_a, member_b):
    response = client_for(bearer_a).post(
        reverse("learning:resource_new", args=[association_a.slug]),
        {"kind": "toolkit", "title": "Our dues toolkit", "summary": "s", "language": "en", "audience": "members"},
    )
    resource = Resource.objects.get()
    assert response.status_code == 302 and resource.association == association_a and resource.audience == "members"
    services.resource_publish(resource=resource, by=bearer_a)
    assert client_for(member_a).get(resource.get_absolute_url()).status_code == 200
    assert client_for(member_b).get(resource.get_absolute_url()).status_code == 404


def test_office_bearer_edits_their_resource(client_for, bearer_a, public_a):
    response = client_for(bearer_a).post(
        reverse("learning:resource_edit", args=[public_a.pk]),
        {"kind": "case_study", "title": "Renamed", "summary": "s", "language": "en", "audience": "public"},
    )
    public_a.refresh_from_db()
    assert response.status_code == 302 and public_a.title == "Renamed"


def test_an_episode_page_links_to_the_recording_without_embedding_it(anonymous, officer):
    series = services.series_create(title="DIA Conversations", by=officer)
    episode = make_resource(
        by=officer,
        kind=Kind.EPISODE,
        series=series,
        title="Selling services to members",
        speakers="A. Kumar (SIDBI)",
        duration_minutes=42,
        link="https://video.example.in/watch/42",
        body="**Notes** <script>alert(1)</script>",
    )
    html = anonymous.get(episode.get_absolute_url()).content.decode()
    assert 'href="https://video.example.in/watch/42"' in html and "<iframe" not in html
    assert "A. Kumar (SIDBI)" in html and "42 minutes" in html
    assert "<strong>Notes</strong>" in html and "<script>alert" not in html
    page = anonymous.get(reverse("learning:series", args=[series.slug]))
    assert page.status_code == 200 and "Selling services to members" in page.content.decode()


def _published_path(officer, n=3):
    path = services.path_create(
        title="From establishment to operationalisation: services your association can sell",
        description="Services an association can sell.",
        cluster_stage=Stage.ESTABLISHMENT,
        by=officer,
    )
    for index in range(n):
        services.path_add_step(path=path, resource=make_resource(by=officer, title=f"Step {index}"), by=officer)
    return services.path_publish(path=path, by=officer)


def test_a_member_follows_a_path_step_by_step_and_continues_where_they_left_off(client_for, member_a, officer):
    path = _published_path(officer)
    steps = list(path.steps.order_by("order"))
    client = client_for(member_a)
    start = client.get(reverse("learning:path_continue", args=[path.slug]))
    assert start["Location"] == f"{steps[0].resource.get_absolute_url()}?path={path.slug}"
    page = client.get(start["Location"])
    assert page.context["step"] == steps[0] and "step 1 of 3" in page.content.decode()
    done = client.post(reverse("learning:step", args=[path.slug, steps[0].pk, "done"]), {"then": "continue"})
    assert done["Location"] == reverse("learning:path_continue", args=[path.slug])
    assert client.get(done["Location"])["Location"] == f"{steps[1].resource.get_absolute_url()}?path={path.slug}"
    home = client.get(INDEX)
    assert home.context["continue_progress"].next_step == steps[1]
    assert "Continue where you left off" in home.content.decode()
    detail = client.get(path.get_absolute_url())
    assert detail.context["progress"].percent == 33 and "33% complete" in detail.content.decode()
    assert StepDone.objects.filter(user=member_a).count() == 1


def test_paths_page_lists_published_paths_with_progress(client_for, member_a, officer):
    path = _published_path(officer)
    services.step_mark_done(step=path.steps.first(), by=member_a)
    client = client_for(member_a)
    response = client.get(reverse("learning:paths"))
    progress = response.context["progresses"][0]
    assert progress.path == path and progress.percent == 33


def test_the_paths_page_runs_the_same_number_of_queries_for_3_and_20_paths(
    client_for, member_a, officer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resource = make_resource(by=officer)

    def add_paths(n):
        for index in range(n):
            path = services.path_create(title=f"Path {index}", description="d", by=officer)
            step = services.path_add_step(path=path, resource=resource, by=officer)
            services.path_publish(path=path, by=officer)
            services.step_mark_done(step=step, by=member_a)

    client = client_for(member_a)
    add_paths(3)
    client.get(reverse("learning:paths"))
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(reverse("learning:paths")).context["progresses"]) == 3
    add_paths(17)
    with django_assert_max_num_queries(len(small)):
        assert len(client.get(reverse("learning:paths")).context["progresses"]) == 20


def test_officer_builds_a_path_through_the_pages(client_for, officer):
    resource = make_resource(by=officer, title="GST toolkit")
    second = make_resource(by=officer, title="Case study")
    client = client_for(officer)
    response = client.post(
        reverse("learning:path_new"), {"title": "Start here", "description": "d", "cluster_stage": "initiation"}
    )
    manage = response["Location"]
    slug = manage.split("/")[-3]
    client.post(manage, {"add": "1", "resource": resource.pk})
    client.post(manage, {"add": "1", "resource": second.pk, "note": "Read after the toolkit"})
    path_page = client.get(manage)
    steps = path_page.context["steps"]
    assert [s.resource for s in steps] == [resource, second]
    client.post(reverse("learning:path_step_action", args=[slug, steps[1].pk, "up"]))
    assert [s.resource for s in client.get(manage).context["steps"]] == [second, resource]
    client.post(reverse("learning:path_action", args=[slug, "publish"]))
    assert client_for(officer).get(reverse("learning:path", args=[slug])).status_code == 200


def test_a_refused_step_shows_a_message_not_a_500(client_for, officer, private_a):
    path = services.path_create(title="P", description="d", by=officer)
    client = client_for(officer)
    response = client.post(reverse("learning:path_action", args=[path.slug, "publish"]), follow=True)
    assert "Add at least one step" in response.content.decode()


def test_topic_filter_links_use_the_slug(anonymous, officer):
    topic = Topic.objects.create(name="Export", slug="export")
    resource = make_resource(by=officer, topics=[topic])
    assert "?topic=export" in anonymous.get(resource.get_absolute_url()).content.decode()


def test_a_missing_file_is_a_404_not_a_500(anonymous, national):
    national.file.storage.delete(national.file.name)
    assert anonymous.get(reverse("learning:resource_file", args=[national.pk])).status_code == 404
