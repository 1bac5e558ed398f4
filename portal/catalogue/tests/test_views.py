"""Browsing the catalogue (everyone) and keeping it (SIDBI staff and platform admins only)."""

from decimal import Decimal
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.catalogue import services
from portal.catalogue.models import Offering
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog, Sector, State

from .conftest import add_offering

INDEX = reverse("catalogue:index")
CREATE = reverse("catalogue:create")


def names(response) -> list[str]:
    assert response.status_code == 200
    return [o.name for o in response.context["page"]]


def form_data(**overrides) -> dict:
    data = {
        "name": "Equipment finance for machinery",
        "offered_by": "Bank of Baroda",
        "kind": "loan",
        "summary": "Loans for new machines.",
        "details": "Quick sanction against a quotation.",
        "eligible_categories": ["micro", "small"],
        "purposes": ["equipment_finance"],
        "sectors": [],
        "states": [],
        "min_amount": "2,00,000",
        "max_amount": "₹ 2,00,00,000",
        "interest": "From 9.5% a year",
        "terms": "Up to 5 years",
        "link": "https://example.in/equipment",
    }
    data.update(overrides)
    return data


def assert_error_beside(response, field: str, message: str) -> None:
    assert response.status_code == 200
    assert message in response.context["form"].errors.get(field, []), response.context["form"].errors
    assert f'<p class="error" role="alert">{escape(message)}</p>' in response.content.decode()


# ---------------------------------------------------------------- browsing


def test_visitors_browse_active_offerings_only(anonymous, officer):
    add_offering(officer, name="Working capital assistance")
    old = add_offering(officer, name="Old scheme")
    services.offering_set_active(offering=old, active=False, by=officer)

    response = anonymous.get(INDEX)

    assert names(response) == ["Working capital assistance"]
    assert anonymous.get(old.get_absolute_url()).status_code == 404


def test_sidbi_staff_also_see_inactive_offerings_marked_as_such(client_for, officer):
    old = add_offering(officer, name="Old scheme")
    services.offering_set_active(offering=old, active=False, by=officer)

    response = client_for(officer).get(old.get_absolute_url())

    assert response.status_code == 200 and "Inactive: not shown to members" in response.content.decode()
    assert names(client_for(officer).get(INDEX)) == ["Old scheme"]


def test_member_filters_by_kind_category_sector_state_and_amount(client_for, member_a, officer):
    add_offering(officer, name="Any loan", max_amount=Decimal("50000000"))
    add_offering(officer, name="Guarantee", kind="guarantee", eligible_categories=["micro", "small"])
    add_offering(officer, name="Medium only", eligible_categories=["medium"])
    add_offering(officer, name="Textile subsidy", kind="subsidy", sectors=["textiles"])
    add_offering(officer, name="NE loan", states=["AS"])
    add_offering(officer, name="Big loan", min_amount=Decimal("10000000"))
    client = client_for(member_a)

    assert names(client.get(INDEX, {"kind": "guarantee"})) == ["Guarantee"]
    assert "Medium only" not in names(client.get(INDEX, {"category": "micro"}))
    assert names(client.get(INDEX, {"category": "medium", "kind": "loan"})) == [
        "Any loan",
        "Big loan",
        "Medium only",
        "NE loan",
    ]
    assert "Textile subsidy" not in names(client.get(INDEX, {"sector": "engineering"}))
    assert "Textile subsidy" in names(client.get(INDEX, {"sector": "textiles"}))
    assert "NE loan" not in names(client.get(INDEX, {"state": "TN"}))
    assert "NE loan" in names(client.get(INDEX, {"state": "AS"}))
    assert names(client.get(INDEX, {"amount": "25,00,000", "kind": "loan"})) == ["Any loan", "Medium only", "NE loan"]
    assert names(client.get(INDEX, {"q": "textile"})) == ["Textile subsidy"]


def test_bad_filter_input_is_shown_and_does_not_break_the_page(anonymous, officer):
    add_offering(officer, name="Any loan")

    response = anonymous.get(INDEX, {"amount": "lots", "state": "ZZ", "page": "-1"})

    assert names(response) == ["Any loan"]
    assert set(response.context["form"].errors) == {"amount", "state"}


def test_catalogue_runs_a_fixed_number_of_queries_whatever_the_size(anonymous, officer):
    def count_for(n: int) -> int:
        start = Offering.objects.count()
        for i in range(n):
            add_offering(officer, name=f"Offering {start + i:03d}", sectors=["textiles", "engineering"], states=["TN"])
        with CaptureQueriesContext(connection) as queries:
            response = anonymous.get(INDEX, {"state": "TN"})
        assert response.status_code == 200
        return len(queries)

    assert count_for(3) == count_for(20)


def test_detail_page_shows_who_may_apply(anonymous, officer):
    offering = add_offering(
        officer,
        name="Textile machinery loan",
        eligible_categories=["micro"],
        purposes=["equipment_finance"],
        min_amount=Decimal("500000"),
        max_amount=Decimal("20000000"),
        sectors=["textiles"],
    )

    body = anonymous.get(offering.get_absolute_url()).content.decode()

    assert "Micro" in body and "Textiles and garments" in body and "All of India" in body
    assert "₹5,00,000.00" in body and "₹2,00,00,000.00" in body and "Equipment finance" in body
    assert reverse("catalogue:edit", args=[offering.pk]) not in body


# ---------------------------------------------------------------- keeping


def test_officer_adds_an_offering_with_indian_amounts_and_an_audit_row(client_for, officer):
    response = client_for(officer).post(CREATE, form_data())

    offering = Offering.objects.get()
    assert response.status_code == 302 and response.url == offering.get_absolute_url()
    assert (offering.min_amount, offering.max_amount) == (Decimal("200000"), Decimal("20000000"))
    assert offering.eligible_categories == ["micro", "small"] and offering.purposes == ["equipment_finance"]
    assert offering.updated_by == officer and offering.active
    assert AuditLog.objects.for_object(offering).get(action="offering.created").actor == officer


@pytest.mark.parametrize("who", ["authority", "platform_admin"])
def test_sidbi_authority_and_platform_admin_may_keep_the_catalogue(request, client_for, who):
    response = client_for(request.getfixturevalue(who)).post(CREATE, form_data())

    assert response.status_code == 302 and Offering.objects.count() == 1


@pytest.mark.parametrize("who", ["member_a", "bearer_a", "provider_user"])
def test_anyone_else_gets_403_on_every_keeping_page(request, client_for, officer, who):
    offering = add_offering(officer)
    client = client_for(request.getfixturevalue(who))

    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(name="Sneaky")).status_code == 403
    assert client.post(reverse("catalogue:edit", args=[offering.pk]), form_data()).status_code == 403
    assert client.post(reverse("catalogue:deactivate", args=[offering.pk])).status_code == 403
    offering.refresh_from_db()
    assert offering.active and offering.name == "Term loan for MSME growth" and Offering.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in_from_the_keeping_pages(anonymous):
    response = anonymous.get(CREATE)

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_service_refuses_anyone_but_sidbi_staff(member_a):
    with pytest.raises(ActionRefused, match="Only SIDBI staff"):
        services.offering_create(by=member_a, name="X", offered_by="Y", kind="loan", summary="Z")
    assert not Offering.objects.exists()


def test_a_range_upside_down_is_shown_beside_the_largest_amount(client_for, officer):
    response = client_for(officer).post(CREATE, form_data(min_amount="50,00,000", max_amount="5,00,000"))

    assert_error_beside(response, "max_amount", "The largest amount cannot be below the smallest.")
    assert not Offering.objects.exists()


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "99999999999999"])
def test_an_amount_that_is_not_sane_is_refused(client_for, officer, amount):
    response = client_for(officer).post(CREATE, form_data(min_amount=amount))

    assert response.status_code == 200 and "min_amount" in response.context["form"].errors
    assert not Offering.objects.exists()


def test_the_same_name_from_the_same_lender_is_refused_beside_the_name(client_for, officer):
    add_offering(officer, name="Equipment finance for machinery", offered_by="Bank of Baroda")

    response = client_for(officer).post(CREATE, form_data(name="EQUIPMENT finance for machinery"))

    assert_error_beside(response, "name", "Bank of Baroda already has an offering with this name.")
    assert Offering.objects.count() == 1


def test_officer_edits_an_offering_and_the_changed_fields_are_audited(client_for, officer, authority):
    offering = add_offering(officer, name="Equipment finance for machinery", offered_by="Bank of Baroda")
    assam = State.objects.get(code="AS")

    response = client_for(authority).post(
        reverse("catalogue:edit", args=[offering.pk]), form_data(states=[assam.pk], interest="From 9% a year")
    )

    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.interest == "From 9% a year" and list(offering.states.all()) == [assam]
    assert offering.updated_by == authority
    changed = AuditLog.objects.for_object(offering).get(action="offering.updated").data["changed"]
    assert {"interest", "states", "min_amount"} <= set(changed) and "sectors" not in changed


def test_officer_deactivates_and_reactivates_an_offering(client_for, officer, anonymous):
    offering = add_offering(officer)
    client = client_for(officer)

    client.post(reverse("catalogue:deactivate", args=[offering.pk]))
    offering.refresh_from_db()
    assert not offering.active and anonymous.get(offering.get_absolute_url()).status_code == 404

    client.post(reverse("catalogue:activate", args=[offering.pk]))
    offering.refresh_from_db()
    assert offering.active and anonymous.get(offering.get_absolute_url()).status_code == 200
    actions = list(AuditLog.objects.for_object(offering).values_list("action", flat=True))
    assert actions[:2] == ["offering.activated", "offering.deactivated"]


def test_deactivating_twice_is_refused_with_a_message(client_for, officer):
    offering = add_offering(officer)
    services.offering_set_active(offering=offering, active=False, by=officer)

    response = client_for(officer).post(reverse("catalogue:deactivate", args=[offering.pk]), follow=True)

    assert "This offering is already inactive." in response.content.decode()


def test_deactivate_needs_a_post(client_for, officer):
    offering = add_offering(officer)

    assert client_for(officer).get(reverse("catalogue:deactivate", args=[offering.pk])).status_code == 405


def test_offering_form_lists_only_financial_purposes(client_for, officer):
    body = client_for(officer).get(CREATE).content.decode()

    assert 'value="working_capital"' in body and 'value="testing"' not in body
    assert Sector.objects.count() and 'name="sectors"' in body
