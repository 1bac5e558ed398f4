"""Products and capacity: edited by the enterprise's own people only."""

from django.urls import reverse

from portal import testing
from portal.business import services
from portal.business.models import Capacity, Product


def test_the_owner_adds_a_product_and_sets_capacity(client_for, member_a):
    client = client_for(member_a)
    pk = member_a.enterprise.pk
    response = client.post(
        reverse("business:product_add", args=[pk]),
        {"product-name": "Polo shirts", "product-description": "Pique", "product-hs_code": "6105.10"},
    )
    assert response.status_code == 302
    assert Product.objects.get().hs_code == "610510"
    response = client.post(
        reverse("business:offer", args=[pk]),
        {"capacity-monthly_capacity": "25000", "capacity-unit": "pieces", "capacity-spare_available": "on"},
    )
    assert response.status_code == 302
    assert Capacity.objects.get().spare_available


def test_a_bad_hs_code_and_a_negative_capacity_are_refused_with_messages(client_for, member_a):
    client = client_for(member_a)
    pk = member_a.enterprise.pk
    response = client.post(reverse("business:product_add", args=[pk]), {"product-name": "X", "product-hs_code": "61"})
    assert response.status_code == 200 and "An HS code has 4, 6 or 8 digits" in response.content.decode()
    response = client.post(
        reverse("business:offer", args=[pk]), {"capacity-monthly_capacity": "-5", "capacity-unit": "kg"}
    )
    assert response.status_code == 200 and "cannot be negative" in response.content.decode()
    assert not Product.objects.exists() and not Capacity.objects.exists()


def test_another_enterprise_cannot_edit_products_or_capacity(client_for, member_a, member_b):
    """Someone else's enterprise is answered as if its id did not exist: ids of enterprises are not revealed."""
    product = services.product_add(enterprise=member_a.enterprise, name="Polo", by=member_a)
    client = client_for(member_b)
    pk = member_a.enterprise.pk
    missing = client.get(reverse("business:offer", args=[pk + 1000]))
    response = client.get(reverse("business:offer", args=[pk]))
    assert response.status_code == missing.status_code == 404
    assert testing.page_body(response) == testing.page_body(missing)
    assert client.post(reverse("business:product_add", args=[pk]), {"product-name": "Fake"}).status_code == 404
    assert client.post(reverse("business:product_remove", args=[pk, product.pk])).status_code == 404
    assert client.post(reverse("business:product_edit", args=[pk, product.pk]), {"name": "Hacked"}).status_code == 404
    product.refresh_from_db()
    assert product.name == "Polo" and Product.objects.count() == 1


def test_a_product_of_another_enterprise_is_404_under_ones_own(client_for, member_a, member_b):
    product = services.product_add(enterprise=member_b.enterprise, name="Bolts", by=member_b)
    url = reverse("business:product_remove", args=[member_a.enterprise.pk, product.pk])
    assert client_for(member_a).post(url).status_code == 404


def test_staff_of_the_enterprise_may_edit(client_for, member_a):
    from portal import testing
    from portal.enterprises.models import EnterpriseUser

    staff = testing.make_user()
    EnterpriseUser.objects.create(enterprise=member_a.enterprise, user=staff, role="staff")
    response = client_for(staff).post(
        reverse("business:product_add", args=[member_a.enterprise.pk]), {"product-name": "Vests"}
    )
    assert response.status_code == 302 and Product.objects.filter(name="Vests").exists()


def test_anonymous_is_sent_to_log_in(anonymous, member_a):
    assert anonymous.get(reverse("business:offer", args=[member_a.enterprise.pk])).status_code == 302
