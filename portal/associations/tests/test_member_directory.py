"""The member directory (/associations/<slug>/members/): fellow members, each showing what it chose to share."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import testing
from portal.associations.models import MembershipStatus, Status

MEMBERS_A = reverse("associations:members", args=["tiruppur"])


def listed_names(response) -> list[str]:
    return [enterprise.name for enterprise in response.context["page"]]


@pytest.fixture
def private_knits(association_a):
    """A member of A that shares its products only."""
    enterprise = testing.make_enterprise(
        name="Private Knits",
        products="Thermal innerwear",
        phone="+919700011122",
        email="secret-desk@privateknits.example.in",
        website="https://privateknits.example.in",
        district="Avinashi",
        shared_fields=["products"],
    )
    testing.make_membership(association=association_a, enterprise=enterprise)
    return enterprise


@pytest.fixture
def open_knits(association_a):
    """A member of A that shares its phone and email but not its products."""
    enterprise = testing.make_enterprise(
        name="Open Knits",
        products="Secret rib collars",
        phone="+919600033344",
        email="hello@openknits.example.in",
        shared_fields=["phone", "email", "udyam"],
    )
    testing.make_membership(association=association_a, enterprise=enterprise)
    return enterprise


def test_member_sees_fellow_members_with_only_what_each_chose_to_share(client_for, member_a, private_knits, open_knits):
    response = client_for(member_a).get(MEMBERS_A)

    html = response.content.decode()
    assert response.status_code == 200
    assert listed_names(response) == ["A Knit Works", "Open Knits", "Private Knits"]
    # Private Knits shares products only.
    assert "Thermal innerwear" in html
    assert "+919700011122" not in html
    assert "secret-desk@privateknits.example.in" not in html
    assert "privateknits.example.in" not in html
    assert "Avinashi" not in html
    assert private_knits.udyam_number not in html
    assert private_knits.pan not in html and private_knits.gstin not in html
    # Open Knits shares phone, email and Udyam, not products.
    assert "+919600033344" in html
    assert "hello@openknits.example.in" in html
    assert open_knits.udyam_number in html
    assert "Secret rib collars" not in html
    # Name and sector are always shown.
    assert "Textiles and garments" in html


def test_enterprise_sharing_nothing_shows_only_name_and_sector(client_for, member_a, association_a):
    quiet = testing.make_enterprise(
        name="Quiet Dyers", products="Reactive dyeing", district="Palladam", shared_fields=[]
    )
    testing.make_membership(association=association_a, enterprise=quiet)

    html = client_for(member_a).get(MEMBERS_A).content.decode()

    assert "Quiet Dyers" in html
    assert "Reactive dyeing" not in html
    assert "Palladam" not in html


def test_requested_and_declined_memberships_are_not_listed(client_for, member_a, association_a):
    for name, status in [
        ("Waiting Weavers", MembershipStatus.REQUESTED),
        ("Declined Dyers", MembershipStatus.DECLINED),
    ]:
        testing.make_membership(association=association_a, enterprise=testing.make_enterprise(name=name), status=status)

    response = client_for(member_a).get(MEMBERS_A)

    assert listed_names(response) == ["A Knit Works"]
    assert "Waiting Weavers" not in response.content.decode()
    assert "Declined Dyers" not in response.content.decode()
    assert "1 member" in response.content.decode()


def test_members_of_other_associations_are_not_listed(client_for, member_a, member_b):
    response = client_for(member_a).get(MEMBERS_A)

    assert "B Fasteners" not in response.content.decode()


def test_member_of_other_association_gets_404(client_for, member_a, member_b):
    response = client_for(member_b).get(MEMBERS_A)

    assert response.status_code == 404
    assert "A Knit Works" not in response.content.decode()


def test_enterprise_whose_request_is_pending_gets_404(client_for, association_a, member_b):
    testing.make_membership(
        association=association_a, enterprise=member_b.enterprise, status=MembershipStatus.REQUESTED
    )

    assert client_for(member_b).get(MEMBERS_A).status_code == 404


def test_office_bearer_of_other_association_gets_404(client_for, association_a, bearer_b):
    assert client_for(bearer_b).get(MEMBERS_A).status_code == 404


def test_cluster_expert_of_the_association_gets_403(client_for, association_a, cluster_expert):
    assert client_for(cluster_expert).get(MEMBERS_A).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(anonymous, member_a):
    response = anonymous.get(MEMBERS_A)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_office_bearer_sees_the_directory(client_for, bearer_a, member_a):
    response = client_for(bearer_a).get(MEMBERS_A)

    assert listed_names(response) == ["A Knit Works"]


def test_sidbi_officer_sees_the_directory(client_for, officer, member_a):
    response = client_for(officer).get(MEMBERS_A)

    assert listed_names(response) == ["A Knit Works"]


def test_directory_of_unapproved_association_is_closed_even_to_its_office_bearer(client_for, member_b):
    bearer = testing.make_user("bearer-new@example.in")
    association = testing.make_association(office_bearer=bearer, status=Status.SUBMITTED, slug="erode")
    testing.make_membership(association=association, enterprise=member_b.enterprise)
    url = reverse("associations:members", args=[association.slug])

    assert client_for(bearer).get(url).status_code == 403
    assert client_for(member_b).get(url).status_code == 404  # not visible at all to outsiders


def test_search_finds_members_by_name_and_shared_products(client_for, member_a, private_knits, open_knits):
    client = client_for(member_a)

    assert listed_names(client.get(MEMBERS_A, {"q": "open"})) == ["Open Knits"]
    assert listed_names(client.get(MEMBERS_A, {"q": "THERMAL"})) == ["Private Knits"]
    assert listed_names(client.get(MEMBERS_A, {"q": "nothing like this"})) == []


def test_search_does_not_reveal_products_a_member_chose_to_hide(client_for, member_a, open_knits):
    response = client_for(member_a).get(MEMBERS_A, {"q": "rib collars"})

    assert listed_names(response) == []


def test_search_keeps_the_query_in_the_box(client_for, member_a):
    response = client_for(member_a).get(MEMBERS_A, {"q": "<knit>"})

    assert 'value="&lt;knit&gt;"' in response.content.decode()


def test_directory_is_paginated(client_for, member_a, association_a):
    for n in range(24):
        testing.make_membership(association=association_a, enterprise=testing.make_enterprise(name=f"Knit {n:02d}"))
    client = client_for(member_a)

    first = client.get(MEMBERS_A)
    second = client.get(MEMBERS_A, {"page": 2})

    assert "25 members" in first.content.decode()
    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 5
    assert not set(listed_names(first)) & set(listed_names(second))


def test_directory_runs_the_same_number_of_queries_for_3_or_30_members(client_for, member_a, association_a):
    client = client_for(member_a)

    def add_members(n):
        for _ in range(n):
            testing.make_membership(
                association=association_a,
                enterprise=testing.make_enterprise(shared_fields=["products", "size", "location", "phone"]),
            )

    client.get(MEMBERS_A)  # warm up session and caches
    add_members(2)
    with CaptureQueriesContext(connection) as few:
        response = client.get(MEMBERS_A)
    assert response.context["page"].paginator.count == 3
    add_members(27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(MEMBERS_A)
    assert response.context["page"].paginator.count == 30
    assert len(many) == len(few)
