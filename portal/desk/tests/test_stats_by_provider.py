"""SIDBI's service-level page lists each provider's work; nobody else sees the national tables."""

from portal.desk import services
from portal.desk.models import Status
from portal.desk.tests.flows import drive, fresh, quote


def test_sidbi_sees_each_providers_open_and_resolved_work_with_its_rating(client_for, cast, officer):
    open_one = drive(cast, Status.ASSIGNED)
    solved = drive(cast, Status.ASSIGNED)
    quote(solved, cast.lab_user)
    services.requirement_resolve(requirement=fresh(solved), by=cast.member, rating=5, comment="Fast")

    page = client_for(officer).get("/desk/stats/").content.decode()

    assert "Tiruppur Test Lab" in page
    row = page[page.index("<td>Tiruppur Test Lab</td>") :].split("</tr>")[0]
    assert "<td>1</td><td>1</td>" in row  # one open, one resolved
    assert "<td>5.0</td>" in row
    assert open_one.pk != solved.pk


def test_an_office_bearer_sees_only_their_association_not_the_provider_table(client_for, cast, bearer_a):
    drive(cast, Status.ASSIGNED)

    page = client_for(bearer_a).get("/desk/stats/").content.decode()

    assert "Tiruppur Test Lab" not in page
    assert "National" not in page


def test_a_member_without_a_desk_is_refused_the_service_level_page(client_for, member_b):
    assert client_for(member_b).get("/desk/stats/").status_code == 403
