"""Every refusal of the learning library, tried by the user who must be refused."""

import pytest
from django.urls import reverse

from portal.learning import services
from portal.learning.models import Bookmark, Resource, Status

from .conftest import make_resource


def test_member_of_b_gets_404_for_a_private_resource(client_for, member_b, private_a):
    assert client_for(member_b).get(reverse("learning:resource", args=[private_a.pk])).status_code == 404


def test_member_of_b_gets_404_for_a_private_resource_file(client_for, member_b, private_a):
    assert client_for(member_b).get(reverse("learning:resource_file", args=[private_a.pk])).status_code == 404


def test_anonymous_gets_404_for_a_private_resource_and_its_file(anonymous, private_a):
    assert anonymous.get(reverse("learning:resource", args=[private_a.pk])).status_code == 404
    assert anonymous.get(reverse("learning:resource_file", args=[private_a.pk])).status_code == 404


def test_member_of_a_opens_the_private_resource_and_downloads_its_file(client_for, member_a, private_a):
    client = client_for(member_a)
    assert client.get(reverse("learning:resource", args=[private_a.pk])).status_code == 200
    response = client.get(reverse("learning:resource_file", args=[private_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_member_of_b_cannot_bookmark_a_private_resource_of_a(client_for, member_b, private_a):
    response = client_for(member_b).post(reverse("learning:bookmark", args=[private_a.pk]))
    assert response.status_code == 404 and not Bookmark.objects.exists()


def test_anonymous_sees_a_public_resource_but_cannot_bookmark_it(anonymous, national):
    page = anonymous.get(reverse("learning:resource", args=[national.pk]))
    assert page.status_code == 200 and national.title in page.content.decode()
    assert anonymous.get(reverse("learning:resource_file", args=[national.pk])).status_code == 200
    response = anonymous.post(reverse("learning:bookmark", args=[national.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Bookmark.objects.exists()


def test_anonymous_is_sent_to_log_in_for_my_bookmarks(anonymous):
    assert anonymous.get(reverse("learning:bookmarks")).status_code == 302


@pytest.mark.parametrize("who", ["member_a", "bearer_a", "cluster_expert", "provider_user"])
def test_only_sidbi_and_admins_get_the_new_national_resource_form(request, db, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("learning:resource_new_national")).status_code == 403
    response = client.post(
        reverse("learning:resource_new_national"), {"kind": "toolkit", "title": "t", "summary": "s", "language": "en"}
    )
    assert response.status_code == 403 and not Resource.objects.exists()


def test_member_cannot_add_a_resource_for_their_association(client_for, member_a, association_a):
    assert client_for(member_a).get(reverse("learning:resource_new", args=[association_a.slug])).status_code == 403


def test_office_bearer_of_b_cannot_add_a_resource_for_a(client_for, bearer_b, association_a):
    assert client_for(bearer_b).get(reverse("learning:resource_new", args=[association_a.slug])).status_code == 404


def test_member_of_a_gets_403_editing_a_resource_of_a(client_for, member_a, private_a):
    client = client_for(member_a)
    assert client.get(reverse("learning:resource_edit", args=[private_a.pk])).status_code == 403
    response = client.post(reverse("learning:resource_action", args=[private_a.pk, "unpublish"]))
    assert response.status_code == 403
    private_a.refresh_from_db()
    assert private_a.status == Status.PUBLISHED


def test_office_bearer_of_b_gets_404_editing_a_private_resource_of_a(client_for, bearer_b, private_a):
    assert client_for(bearer_b).get(reverse("learning:resource_edit", args=[private_a.pk])).status_code == 404


def test_office_bearer_of_b_gets_403_editing_a_public_resource_of_a(client_for, bearer_b, public_a):
    assert client_for(bearer_b).get(reverse("learning:resource_edit", args=[public_a.pk])).status_code == 403


def test_officer_cannot_edit_an_association_resource(client_for, officer, public_a):
    assert client_for(officer).get(reverse("learning:resource_edit", args=[public_a.pk])).status_code == 403


def test_a_draft_is_404_for_members(client_for, member_a, bearer_a, association_a):
    draft = make_resource(by=bearer_a, association=association_a, publish=False)
    assert client_for(member_a).get(reverse("learning:resource", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("who", ["member_a", "bearer_a"])
def test_only_sidbi_and_admins_make_paths(request, db, client_for, who, officer):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("learning:path_new")).status_code == 403
    path = services.path_create(title="Draft path", description="d", by=officer)
    assert client.get(reverse("learning:path_manage", args=[path.slug])).status_code == 403
    assert client.post(reverse("learning:path_action", args=[path.slug, "publish"])).status_code == 403


def test_a_draft_path_is_404_for_members(client_for, member_a, officer):
    path = services.path_create(title="Draft path", description="d", by=officer)
    assert client_for(member_a).get(reverse("learning:path", args=[path.slug])).status_code == 404


def test_anonymous_cannot_mark_a_step_done(anonymous, officer):
    path = services.path_create(title="P", description="d", by=officer)
    step = services.path_add_step(path=path, resource=make_resource(by=officer), by=officer)
    services.path_publish(path=path, by=officer)
    response = anonymous.post(reverse("learning:step", args=[path.slug, step.pk, "done"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_series_without_visible_episodes_is_404(client_for, member_b, bearer_a, association_a):
    series = services.series_create(title="Tiruppur talks", association=association_a, by=bearer_a)
    make_resource(by=bearer_a, association=association_a, kind="episode", series=series, audience="members")
    assert client_for(member_b).get(reverse("learning:series", args=[series.slug])).status_code == 404
