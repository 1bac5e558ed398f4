"""Every business page renders for a member (a smoke test of the templates with real data)."""

from decimal import Decimal

from django.urls import reverse

from portal.business import services

from .conftest import make_lead


def test_every_page_renders(client_for, member_a, member_b, connected, platform_admin):
    product = services.product_add(enterprise=member_a.enterprise, name="Polo", hs_code="6105", by=member_a)
    services.capacity_set(
        enterprise=member_a.enterprise,
        monthly_capacity=Decimal("1500.50"),
        unit="kg",
        spare_available=True,
        machines="Four",
        by=member_a,
    )
    lead = make_lead(by=member_b)
    services.interest_express(lead=lead, enterprise=member_a.enterprise, message="Yes", by=member_a)
    conversation = services.conversation_open(with_user=member_b, by=member_a)
    message = services.message_send(conversation=conversation, body="Hello", by=member_b)
    client = client_for(member_a)
    pk = member_a.enterprise.pk
    for url in [
        reverse("business:directory"),
        reverse("business:enterprise", args=[member_b.enterprise.pk]),
        reverse("business:enterprise", args=[pk]),
        reverse("business:connections"),
        reverse("business:offer", args=[pk]),
        reverse("business:product_edit", args=[pk, product.pk]),
        reverse("business:leads"),
        reverse("business:lead_new"),
        lead.get_absolute_url(),
        reverse("business:inbox"),
        conversation.get_absolute_url(),
        reverse("business:report", args=[message.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("business:my_offer")).status_code == 302
    assert client_for(member_b).get(lead.get_absolute_url()).status_code == 200
    assert client_for(platform_admin).get(reverse("business:reports") + "?show=all").status_code == 200
