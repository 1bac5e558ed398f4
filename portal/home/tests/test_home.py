"""The public home page: what the portal is for, and headline figures that count only SIDBI-verified associations."""

import re

from portal import testing
from portal.associations.models import MembershipStatus, Status


def stats(response) -> list[str]:
    return re.findall(r'<span class="stat">([^<]*)</span>', response.content.decode())


def test_home_page_counts_approved_associations_only(anonymous, association_a, association_b, member_a, member_b):
    testing.make_association(status=Status.SUBMITTED, state_code="AS", name="Guwahati Applicants' Association")
    testing.make_association(status=Status.INFO_REQUESTED, state_code="MZ")
    approved_ne = testing.make_association(state_code="ML", name="Shillong Food Processors")
    testing.make_membership(association=approved_ne, enterprise=testing.make_enterprise(state_code="ML"))

    response = anonymous.get("/")

    counts = response.context["counts"]
    assert {key: counts[key] for key in ("associations", "enterprises", "states", "north_east")} == {
        "associations": 3,
        "enterprises": 3,
        "states": 3,
        "north_east": 1,
    }
    assert stats(response)[:4] == ["3", "3", "3", "1"]
    assert "Guwahati Applicants" not in response.content.decode()


def test_enterprises_are_counted_once_and_only_as_approved_members_of_approved_associations(
    anonymous, association_a, association_b, member_a
):
    submitted = testing.make_association(status=Status.SUBMITTED)
    testing.make_membership(association=association_b, enterprise=member_a.enterprise)  # in two associations
    testing.make_membership(association=submitted, enterprise=testing.make_enterprise())
    testing.make_membership(
        association=association_a, enterprise=testing.make_enterprise(), status=MembershipStatus.REQUESTED
    )
    testing.make_membership(
        association=association_a, enterprise=testing.make_enterprise(), status=MembershipStatus.DECLINED
    )

    assert anonymous.get("/").context["counts"]["enterprises"] == 1


def test_home_page_explains_the_portal_to_a_visitor_and_offers_sign_up(anonymous, db):
    page = anonymous.get("/").content.decode()

    assert "Development of Industry Associations" in page
    assert "verified by SIDBI" in page
    assert "financial and technical requirements" in page
    assert 'href="/accounts/signup/"' in page
    assert 'href="/associations/"' in page
    for state in ("Arunachal Pradesh", "Assam", "Manipur", "Meghalaya", "Mizoram", "Nagaland", "Sikkim", "Tripura"):
        assert state in page


def test_logged_in_member_is_offered_the_dashboard_instead_of_sign_up(client_for, member_a):
    page = client_for(member_a).get("/").content.decode()

    assert 'href="/me/"' in page
    assert 'href="/accounts/signup/"' not in page


def test_home_page_runs_the_same_number_of_queries_however_many_associations(
    anonymous, association_a, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        anonymous.get("/")
    for _ in range(15):
        testing.make_association()
    cache.clear()

    with django_assert_num_queries(len(few)):
        response = anonymous.get("/")
    assert response.context["counts"]["associations"] == 16
