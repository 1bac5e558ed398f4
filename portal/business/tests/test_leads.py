"""Leads: the live list, posting (no past expiry), interests seen only by the poster, accepting connects."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.business import services
from portal.business.models import Connection, Interest, Lead, LeadKind
from portal.core.models import Sector, State

from .conftest import add_member, make_lead

LIST = reverse("business:leads")


def lead_form(**overrides):
    data = {
        "kind": LeadKind.CAPACITY,
        "title": "Knitting of single jersey",
        "sector": Sector.objects.get(slug="textiles").pk,
        "state": State.objects.get(code="TN").pk,
        "district": "Tiruppur",
        "description": "Four machines free from next month.",
        "expires_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    assert anonymous.get(LIST).status_code == 302
    assert anonymous.get(reverse("business:lead_new")).status_code == 302


def test_the_list_shows_live_leads_only(client_for, member_a, member_b):
    live = make_lead(by=member_a)
    expired = make_lead(by=member_a, title="Old need", days=0)
    Lead.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    closed = make_lead(by=member_a, title="Closed need")
    services.lead_close(lead=closed, by=member_a)
    response = client_for(member_b).get(LIST)
    assert list(response.context["page"]) == [live]


def test_the_list_filters_by_kind_sector_and_state(client_for, member_a, member_b):
    supplier = make_lead(by=member_a)
    partner = make_lead(
        by=member_b,
        kind=LeadKind.PARTNER,
        title="CNC job work",
        sector=Sector.objects.get(slug="engineering"),
        state=State.objects.get(code="PB"),
    )
    client = client_for(member_a)
    assert list(client.get(LIST, {"kind": "partner"}).context["page"]) == [partner]
    assert list(client.get(LIST, {"sector": Sector.objects.get(slug="textiles").pk}).context["page"]) == [supplier]
    assert list(client.get(LIST, {"state": State.objects.get(code="PB").pk}).context["page"]) == [partner]
    assert list(client.get(LIST, {"q": "cnc"}).context["page"]) == [partner]


@pytest.mark.parametrize("rows", [3, 20])
def test_the_list_runs_a_fixed_number_of_queries(rows, client_for, member_a, member_b, django_assert_max_num_queries):
    for index in range(rows):
        lead = make_lead(by=member_a, title=f"Need {index}")
        services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Yes", by=member_b)
    client = client_for(member_b)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert len(response.context["page"]) == rows


def test_a_member_posts_a_lead(client_for, member_a):
    response = client_for(member_a).post(reverse("business:lead_new"), lead_form())
    lead = Lead.objects.get()
    assert response.status_code == 302 and response["Location"] == lead.get_absolute_url()
    assert (lead.enterprise, lead.posted_by, lead.kind) == (member_a.enterprise, member_a, LeadKind.CAPACITY)


def test_a_lead_with_a_past_expiry_is_refused_with_a_message(client_for, member_a):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(member_a).post(reverse("business:lead_new"), lead_form(expires_on=past))
    assert response.status_code == 200
    assert "The expiry date has passed" in response.content.decode()
    assert not Lead.objects.exists()


def test_a_non_member_cannot_post_a_lead(client_for, provider_user):
    assert client_for(provider_user).get(reverse("business:lead_new")).status_code == 403
    assert client_for(provider_user).post(reverse("business:lead_new"), lead_form()).status_code == 403


def test_only_the_poster_sees_interests(client_for, member_a, member_b, member_a2):
    lead = make_lead(by=member_a)
    services.interest_express(lead=lead, enterprise=member_b.enterprise, message="We have yarn stock", by=member_b)
    url = lead.get_absolute_url()
    poster_page = client_for(member_a).get(url)
    assert "We have yarn stock" in poster_page.content.decode() and "interests" in poster_page.context
    other_page = client_for(member_a2).get(url)
    assert other_page.status_code == 200 and "interests" not in other_page.context
    assert "We have yarn stock" not in other_page.content.decode()


def test_a_member_expresses_interest_and_the_poster_accepts(client_for, member_a, member_b):
    lead = make_lead(by=member_a)
    response = client_for(member_b).post(
        reverse("business:lead_interest", args=[lead.pk]), {"enterprise": member_b.enterprise.pk, "message": "Yes"}
    )
    assert response.status_code == 302
    interest = Interest.objects.get()
    response = client_for(member_a).post(reverse("business:interest_accept", args=[lead.pk, interest.pk]))
    assert response.status_code == 302
    assert Connection.objects.accepted().count() == 1


def test_someone_other_than_the_poster_cannot_accept_an_interest(client_for, member_a, member_b, member_a2):
    lead = make_lead(by=member_a)
    interest = services.interest_express(lead=lead, enterprise=member_b.enterprise, message="Yes", by=member_b)
    url = reverse("business:interest_accept", args=[lead.pk, interest.pk])
    assert client_for(member_a2).post(url).status_code == 403
    assert client_for(member_b).post(url).status_code == 403
    assert not Connection.objects.exists()


def test_the_poster_cannot_express_interest_in_its_own_lead(client_for, member_a):
    lead = make_lead(by=member_a)
    assert "interest_form" not in client_for(member_a).get(lead.get_absolute_url()).context
    response = client_for(member_a).post(
        reverse("business:lead_interest", args=[lead.pk]), {"enterprise": member_a.enterprise.pk, "message": "Me"}
    )
    assert response.status_code == 403
    assert not Interest.objects.exists()


def test_an_expired_lead_is_404_for_others_but_visible_to_its_poster(client_for, member_a, member_b):
    lead = make_lead(by=member_a)
    Lead.objects.filter(pk=lead.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert client_for(member_b).get(lead.get_absolute_url()).status_code == 404
    assert client_for(member_a).get(lead.get_absolute_url()).status_code == 200


def test_only_the_poster_closes_a_lead(client_for, member_a, association_a):
    lead = make_lead(by=member_a)
    other = add_member(association_a, name="Other")
    assert client_for(other).post(reverse("business:lead_close", args=[lead.pk])).status_code == 403
    assert client_for(member_a).post(reverse("business:lead_close", args=[lead.pk])).status_code == 302
    lead.refresh_from_db()
    assert lead.closed_at is not None
