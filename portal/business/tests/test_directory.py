"""The business directory and an enterprise's business page: sharing choices, contact after connection, filters."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portal import testing
from portal.associations.models import Status
from portal.business import services
from portal.core.models import Sector, State

from .conftest import add_member, connect

URL = reverse("business:directory")


def names(response) -> list[str]:
    return [row["enterprise"].name for row in response.context["rows"]]


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_user_without_a_member_enterprise_is_refused(client_for, provider_user, bearer_a):
    assert client_for(provider_user).get(URL).status_code == 403
    assert client_for(bearer_a).get(URL).status_code == 403


def test_members_across_associations_are_listed_but_not_members_of_unapproved_ones(client_for, member_a, member_b):
    pending = testing.make_association(status=Status.SUBMITTED)
    add_member(pending, name="Pending Cluster")
    requested_only = testing.make_enterprise(name="Only Requested")
    testing.make_membership(
        association=member_a.enterprise.memberships.get().association, enterprise=requested_only, status="requested"
    )
    response = client_for(member_a).get(URL)
    assert response.status_code == 200
    assert names(response) == ["A Knit Works", "B Fasteners"]


def test_sidbi_officer_may_browse(client_for, officer, member_a):
    assert client_for(officer).get(URL).status_code == 200


def test_only_shared_fields_show_and_contact_needs_a_connection(client_for, member_a, member_b):
    enterprise = member_b.enterprise
    enterprise.shared_fields = ["products", "phone", "email", "address"]
    enterprise.phone, enterprise.email = "+919800000001", "sales@bfasteners.example.in"
    enterprise.save()
    client = client_for(member_a)

    body = client.get(URL).content.decode()
    assert "sales@bfasteners.example.in" not in body and "+919800000001" not in body
    page = client.get(reverse("business:enterprise", args=[enterprise.pk])).content.decode()
    assert "sales@bfasteners.example.in" not in page and "+919800000001" not in page
    assert 'id="contact-hidden"' in page

    connect(member_a, member_b)

    body = client_for(member_a).get(URL).content.decode()
    assert "sales@bfasteners.example.in" in body and "+919800000001" in body
    page = client_for(member_a).get(reverse("business:enterprise", args=[enterprise.pk])).content.decode()
    assert "sales@bfasteners.example.in" in page
    # Both ways: B now sees A's contact details too.
    page = client_for(member_b).get(reverse("business:enterprise", args=[member_a.enterprise.pk])).content.decode()
    assert member_a.enterprise.email in page


def test_hidden_products_are_neither_shown_nor_searchable(client_for, member_a, association_a):
    hider = add_member(association_a, name="Quiet", products="Secret dyeing")
    hider.enterprise.shared_fields = ["size"]
    hider.enterprise.save()
    services.product_add(enterprise=hider.enterprise, name="Reactive dyeing", by=hider)
    services.capacity_set(
        enterprise=hider.enterprise, monthly_capacity=Decimal(5), unit="t", spare_available=True, by=hider
    )
    client = client_for(member_a)
    assert names(client.get(URL, {"q": "dyeing"})) == []
    assert names(client.get(URL, {"spare": "on"})) == []
    body = client.get(URL).content.decode()
    assert "Reactive dyeing" not in body and "Quiet Works" in body
    page = client.get(reverse("business:enterprise", args=[hider.enterprise.pk])).content.decode()
    assert "Reactive dyeing" not in page


def test_search_by_product_and_filters_by_sector_state_association_and_spare_capacity(
    client_for, member_a, member_b, association_a
):
    services.product_add(enterprise=member_b.enterprise, name="Hex bolts", by=member_b)
    services.capacity_set(
        enterprise=member_b.enterprise, monthly_capacity=Decimal(9), unit="t", spare_available=True, by=member_b
    )
    client = client_for(member_a)
    assert names(client.get(URL, {"q": "hex"})) == ["B Fasteners"]
    assert names(client.get(URL, {"q": "A Knit"})) == ["A Knit Works"]
    engineering = Sector.objects.get(slug="engineering")
    assert names(client.get(URL, {"sector": engineering.pk})) == ["B Fasteners"]
    assert names(client.get(URL, {"state": State.objects.get(code="PB").pk})) == ["B Fasteners"]
    assert names(client.get(URL, {"association": association_a.pk})) == ["A Knit Works"]
    assert names(client.get(URL, {"spare": "on"})) == ["B Fasteners"]


def test_state_filter_skips_enterprises_that_hide_their_location(client_for, member_a, member_b):
    member_b.enterprise.shared_fields = ["products"]
    member_b.enterprise.save()
    response = client_for(member_a).get(URL, {"state": State.objects.get(code="PB").pk})
    assert names(response) == []


@pytest.mark.parametrize("rows", [3, 20])
def test_the_directory_runs_a_fixed_number_of_queries(
    rows, client_for, member_a, association_a, member_b, django_assert_max_num_queries
):
    for index in range(rows):
        other = add_member(association_a, name=f"Unit {index}")
        services.product_add(enterprise=other.enterprise, name=f"Product {index}", by=other)
        services.capacity_set(
            enterprise=other.enterprise,
            monthly_capacity=Decimal(10),
            unit="kg",
            spare_available=bool(index % 2),
            by=other,
        )
    connect(member_a, member_b)
    client = client_for(member_a)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["rows"]) == min(rows + 2, 20)


def test_an_enterprise_outside_the_directory_gets_404(client_for, member_a):
    outsider = testing.make_enterprise()
    response = client_for(member_a).get(reverse("business:enterprise", args=[outsider.pk]))
    assert response.status_code == 404


def test_a_member_asks_to_connect_from_the_enterprise_page(client_for, member_a, member_b):
    url = reverse("business:connect", args=[member_b.enterprise.pk])
    response = client_for(member_a).post(url, {"enterprise": member_a.enterprise.pk, "note": "Fasteners for looms"})
    assert response.status_code == 302
    from portal.business.models import Connection

    connection = Connection.objects.get()
    assert (connection.requester, connection.target, connection.note) == (
        member_a.enterprise,
        member_b.enterprise,
        "Fasteners for looms",
    )


def test_a_non_member_cannot_ask_to_connect(client_for, provider_user, member_b):
    url = reverse("business:connect", args=[member_b.enterprise.pk])
    assert client_for(provider_user).post(url, {"note": "hi"}).status_code == 403


def test_a_member_cannot_connect_for_someone_elses_enterprise(client_for, member_a, member_b, member_a2):
    url = reverse("business:connect", args=[member_b.enterprise.pk])
    response = client_for(member_a).post(url, {"enterprise": member_a2.enterprise.pk})
    assert response.status_code == 302
    from portal.business.models import Connection

    assert not Connection.objects.exists()


def test_the_target_accepts_on_the_connections_page_and_the_requester_cannot(client_for, member_a, member_b):
    connection = services.connection_request(
        from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a
    )
    page = client_for(member_b).get(reverse("business:connections"))
    assert page.context["incoming"] == [connection]
    url = reverse("business:connection_decide", args=[connection.pk, "accept"])
    assert client_for(member_a).post(url).status_code == 403
    connection.refresh_from_db()
    assert connection.status == "requested"
    assert client_for(member_b).post(url).status_code == 302
    connection.refresh_from_db()
    assert connection.status == "accepted"


def test_a_stranger_deciding_a_connection_gets_404(client_for, member_a, member_b, member_a2):
    connection = services.connection_request(
        from_enterprise=member_a.enterprise, to_enterprise=member_b.enterprise, by=member_a
    )
    url = reverse("business:connection_decide", args=[connection.pk, "accept"])
    assert client_for(member_a2).post(url).status_code == 404
