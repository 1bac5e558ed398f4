"""The registration certificate download: /associations/<slug>/certificate/ (views.certificate)."""

import pytest
from django.urls import reverse

from portal import testing
from portal.associations.models import Association, AssociationStaff, StaffRole

PDF_MAGIC = b"%PDF-"


def certificate_url(association) -> str:
    return reverse("associations:certificate", args=[association.slug])


def stored_bytes(association) -> bytes:
    with association.registration_certificate.open("rb") as stored:
        return stored.read()


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
        response.close()
        return body
    return response.content


@pytest.mark.parametrize("who", ["officer", "authority", "bearer_a", "platform_admin"])
def test_sidbi_and_the_associations_own_office_bearer_get_the_file(request, client_for, who, association_a):
    response = client_for(request.getfixturevalue(who)).get(certificate_url(association_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")  # an uploaded file is never shown inline
    assert body_of(response) == stored_bytes(association_a)
    assert stored_bytes(association_a).startswith(PDF_MAGIC)


def test_association_staff_who_is_not_an_admin_also_gets_it(client_for, association_a):
    clerk = testing.make_user("clerk@tiruppur.example.in")
    AssociationStaff.objects.create(association=association_a, user=clerk, role=StaffRole.STAFF)

    response = client_for(clerk).get(certificate_url(association_a))

    assert body_of(response) == stored_bytes(association_a)


def test_applicant_gets_the_certificate_of_its_pending_application(client_for, applicant, pending):
    response = client_for(applicant).get(certificate_url(pending))

    assert body_of(response) == stored_bytes(pending)


def test_anonymous_visitor_is_sent_to_log_in_without_the_file(anonymous, association_a):
    response = anonymous.get(certificate_url(association_a))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert PDF_MAGIC not in body_of(response)


def test_members_are_refused_with_403(client_for, member_a, association_a):
    response = client_for(member_a).get(certificate_url(association_a))

    assert response.status_code == 403
    assert PDF_MAGIC not in body_of(response)


@pytest.mark.parametrize("who", ["member_b", "bearer_b", "provider_user"])
def test_people_of_other_associations_get_404_as_if_there_were_none(request, client_for, who, association_a):
    response = client_for(request.getfixturevalue(who)).get(certificate_url(association_a))

    assert response.status_code == 404
    assert PDF_MAGIC not in body_of(response)


@pytest.mark.parametrize("who", ["bearer_b", "member_a"])
def test_certificate_of_someone_elses_pending_application_is_404(request, client_for, who, pending):
    response = client_for(request.getfixturevalue(who)).get(certificate_url(pending))

    assert response.status_code == 404
    assert PDF_MAGIC not in body_of(response)


def test_association_without_a_stored_certificate_is_404(client_for, officer, association_a):
    Association.objects.filter(pk=association_a.pk).update(registration_certificate="")

    response = client_for(officer).get(certificate_url(association_a))

    assert response.status_code == 404
