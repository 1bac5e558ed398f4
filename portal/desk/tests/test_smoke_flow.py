import pytest

from portal.desk.models import Requirement, Status
from portal.providers.models import Provider


@pytest.fixture
def bank(provider_user):
    provider = Provider.objects.get(name="Test Bank")
    provider.help_kinds = ["term_loan", "working_capital"]
    provider.save()
    return provider


def test_a_technical_requirement_goes_from_post_to_resolution(client_for, member_a, bearer_a, bank, provider_user):
    member = client_for(member_a)
    response = member.post(
        "/desk/new/",
        {
            "enterprise": member_a.enterprise.pk,
            "association": member_a.enterprise.memberships.get().association_id,
            "kind": "testing",
            "title": "NABL testing of knitted fabric",
            "description": "We need shrinkage and colour fastness tests for an export order.",
            "urgency": "normal",
            "visibility": "association",
            "needed_by": "2030-01-01",
            "post": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    requirement = Requirement.objects.get()
    assert requirement.status == Status.POSTED
    assert requirement.reference.startswith("DIA-REQ-")
    office = client_for(bearer_a)
    assert office.get(f"/desk/{requirement.pk}/").status_code == 200
    response = office.post(f"/desk/{requirement.pk}/assign/", {"provider": bank.pk, "note": "Please quote"})
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.status == Status.ASSIGNED
    provider = client_for(provider_user)
    page = provider.get(f"/desk/{requirement.pk}/")
    assert page.status_code == 200
    response = provider.post(
        f"/desk/{requirement.pk}/offers/",
        {"kind": "service", "price": "45000", "scope": "Both tests", "timeline": "2 weeks"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = requirement.offers.get()
    assert member.post(f"/desk/{requirement.pk}/offers/{offer.pk}/accept/").status_code == 302
    assert member.post(f"/desk/{requirement.pk}/resolve/", {"rating": "5", "comment": "Quick"}).status_code == 302
    requirement.refresh_from_db()
    assert requirement.status == Status.RESOLVED
    assert requirement.rating == 5
    for client in (member, office, provider):
        assert client.get("/desk/").status_code == 200
    assert office.get("/desk/stats/").status_code == 200
