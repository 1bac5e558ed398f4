"""Who reaches which pooled-demand page: every refusal of the cast, with the exact answer (404, 403, log-in)."""

import pytest
from django.urls import reverse

from portal import testing
from portal.associations.models import AssociationStaff, MembershipStatus, StaffRole
from portal.pooling import permissions
from portal.pooling.models import Commitment, PooledDemand, Status


def pool_urls(pool) -> dict[str, str]:
    return {
        name: reverse(f"pooling:{name}", args=[pool.pk])
        for name in ("detail", "commit", "withdraw", "close", "cancel", "outcome", "export_csv", "export_xlsx")
    }


def test_anonymous_visitor_is_sent_to_log_in_from_every_page(anonymous, yarn_pool):
    urls = [
        reverse("pooling:index"),
        reverse("pooling:association", args=["tiruppur"]),
        reverse("pooling:open", args=["tiruppur"]),
        *pool_urls(yarn_pool).values(),
    ]
    for url in urls:
        response = anonymous.post(url) if url.endswith(("/commit/", "/withdraw/", "/close/")) else anonymous.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


@pytest.mark.parametrize("who", ["member_b", "bearer_b", "provider_user"])
def test_people_outside_the_association_get_404_on_each_of_its_pooled_demand_pages(request, client_for, yarn_pool, who):
    client = client_for(request.getfixturevalue(who))
    urls = pool_urls(yarn_pool)
    for name in ("detail", "cancel", "outcome", "export_csv", "export_xlsx"):
        assert client.get(urls[name]).status_code == 404, name
    for name in ("commit", "withdraw", "close", "cancel", "outcome"):
        assert client.post(urls[name], {"quantity": "10", "reason": "x"}).status_code == 404, name
    assert client.get(reverse("pooling:association", args=["tiruppur"])).status_code == 404
    assert client.get(reverse("pooling:open", args=["tiruppur"])).status_code == 404
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.OPEN and not Commitment.objects.exists()


def test_an_enterprise_with_only_a_requested_membership_gets_404(client_for, association_a, yarn_pool):
    user = testing.make_user()
    enterprise = testing.make_enterprise(owner=user)
    testing.make_membership(association=association_a, enterprise=enterprise, status=MembershipStatus.REQUESTED)

    assert client_for(user).get(yarn_pool.get_absolute_url()).status_code == 404


def test_a_member_of_the_association_cannot_open_close_cancel_record_or_export(client_for, member_a, yarn_pool):
    client = client_for(member_a)
    urls = pool_urls(yarn_pool)

    assert client.get(reverse("pooling:open", args=["tiruppur"])).status_code == 403
    assert client.post(reverse("pooling:open", args=["tiruppur"]), {"title": "Mine"}).status_code == 403
    assert client.post(urls["close"]).status_code == 403
    assert client.get(urls["cancel"]).status_code == 403
    assert client.post(urls["cancel"], {"reason": "Not needed"}).status_code == 403
    assert client.get(urls["outcome"]).status_code == 403
    assert client.post(urls["outcome"], {"price_per_unit": "1", "supplier": "x"}).status_code == 403
    assert client.get(urls["export_csv"]).status_code == 403
    assert client.get(urls["export_xlsx"]).status_code == 403
    yarn_pool.refresh_from_db()
    assert yarn_pool.status == Status.OPEN
    assert PooledDemand.objects.count() == 1


def test_association_staff_who_are_not_office_bearers_see_commitments_but_cannot_export(
    client_for, association_a, yarn_pool
):
    staff = testing.make_user("desk@tiruppur.example.in")
    AssociationStaff.objects.create(association=association_a, user=staff, role=StaffRole.STAFF)
    client = client_for(staff)

    response = client.get(yarn_pool.get_absolute_url())

    assert response.status_code == 200 and response.context["can_see_commitments"]
    assert client.get(pool_urls(yarn_pool)["export_csv"]).status_code == 403
    assert client.post(pool_urls(yarn_pool)["close"]).status_code == 403


def test_office_bearer_who_is_not_a_member_cannot_commit(client_for, bearer_a, yarn_pool):
    response = client_for(bearer_a).post(pool_urls(yarn_pool)["commit"], {"quantity": "10"})

    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_sidbi_officer_sees_the_pool_and_its_total_but_not_who_committed_and_cannot_act(
    client_for, officer, member_a, yarn_pool
):
    Commitment.objects.create(pooled_demand=yarn_pool, enterprise=member_a.enterprise, quantity=1500)
    client = client_for(officer)

    response = client.get(yarn_pool.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "1,500 of 20,000 kg" in html
    assert "A Knit Works" not in html
    assert "commit_form" not in response.context
    assert client.get(reverse("pooling:association", args=["tiruppur"])).status_code == 200
    assert client.get(reverse("pooling:open", args=["tiruppur"])).status_code == 403
    assert client.get(pool_urls(yarn_pool)["export_csv"]).status_code == 403
    assert client.post(pool_urls(yarn_pool)["commit"], {"quantity": "1"}).status_code == 403


def test_pooled_demands_of_an_association_no_longer_approved_are_hidden_from_its_members(
    association_a, member_a, yarn_pool
):
    association_a.status = "rejected"
    association_a.save(update_fields=["status"])

    assert not PooledDemand.objects.visible_to(member_a).exists()
    assert not permissions.can_view(member_a, yarn_pool)


def test_visible_to_gives_each_user_the_pools_of_their_own_associations_only(
    yarn_pool, pool_b, member_a, member_b, bearer_a, officer, anonymous
):
    from django.contrib.auth.models import AnonymousUser

    assert list(PooledDemand.objects.visible_to(member_a)) == [yarn_pool]
    assert list(PooledDemand.objects.visible_to(bearer_a)) == [yarn_pool]
    assert list(PooledDemand.objects.visible_to(member_b)) == [pool_b]
    assert set(PooledDemand.objects.visible_to(officer)) == {yarn_pool, pool_b}
    assert not PooledDemand.objects.visible_to(AnonymousUser()).exists()
