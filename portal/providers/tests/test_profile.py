"""A provider's people keep its profile and its list of colleagues; nobody else can."""

import pytest
from django.urls import reverse

from portal import testing
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog, State
from portal.notifications.models import Notification
from portal.providers import services
from portal.providers.models import ProviderStatus, ProviderUser


def edit_url(provider) -> str:
    return reverse("providers:edit", args=[provider.pk])


def profile_data(provider, **overrides) -> dict:
    data = {
        "name": provider.name,
        "kind": provider.kind,
        "help_kinds": provider.help_kinds,
        "description": provider.description or "Loans for MSMEs.",
        "sectors": [s.pk for s in provider.sectors.all()],
        "states": [s.pk for s in provider.states.all()],
        "city": provider.city or "Chennai",
        "website": "",
        "contact_email": "sme@bank.example.in",
        "phone": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def bank(test_bank):
    test_bank.help_kinds = ["term_loan"]
    test_bank.save(update_fields=["help_kinds"])
    return test_bank


def test_provider_user_edits_the_profile_and_the_change_is_audited(client_for, provider_user, bank):
    assam = State.objects.get(code="AS")
    response = client_for(provider_user).post(
        edit_url(bank), profile_data(bank, help_kinds=["term_loan", "working_capital"], states=[assam.pk])
    )

    assert response.status_code == 302 and response.url == bank.get_absolute_url()
    bank.refresh_from_db()
    assert bank.help_kinds == ["term_loan", "working_capital"] and list(bank.states.all()) == [assam]
    record = AuditLog.objects.for_object(bank).get(action="provider.updated")
    assert record.actor == provider_user
    assert set(record.data["changed"]) >= {"help_kinds", "states", "contact_email"}


def test_an_approved_providers_name_and_kind_cannot_be_changed_by_its_people(client_for, provider_user, bank):
    response = client_for(provider_user).post(
        edit_url(bank), profile_data(bank, name="State Bank of Everything", kind="agency")
    )

    assert response.status_code == 302
    bank.refresh_from_db()
    assert (bank.name, bank.kind) == ("Test Bank", "bank")


def test_the_service_refuses_a_new_name_for_an_approved_provider(provider_user, bank):
    with pytest.raises(ActionRefused, match="fixed after SIDBI"):
        services.provider_update(provider=bank, by=provider_user, name="Renamed Bank")


def test_bad_input_on_the_profile_is_shown_beside_the_field(client_for, provider_user, bank):
    response = client_for(provider_user).post(edit_url(bank), profile_data(bank, contact_email="not-an-email"))

    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"] == ["Enter a valid email address."]
    bank.refresh_from_db()
    assert bank.contact_email == ""


def test_outsider_gets_403_on_an_approved_providers_edit_page(client_for, member_a, bank):
    client = client_for(member_a)

    assert client.get(edit_url(bank)).status_code == 403
    assert client.post(edit_url(bank), profile_data(bank, city="Nowhere")).status_code == 403
    bank.refresh_from_db()
    assert bank.city == ""


def test_sidbi_officer_cannot_edit_a_providers_profile(client_for, officer, bank):
    assert client_for(officer).get(edit_url(bank)).status_code == 403


def test_outsider_gets_404_on_a_pending_providers_edit_page(client_for, member_a, pending):
    assert client_for(member_a).get(edit_url(pending)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_from_the_edit_page(anonymous, bank):
    response = anonymous.get(edit_url(bank))

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_service_refuses_an_outsider(member_a, bank):
    with pytest.raises(ActionRefused, match="Only the provider's own people"):
        services.provider_update(provider=bank, by=member_a, city="Nowhere")


def test_correcting_a_rejected_registration_sends_it_to_sidbi_again(client_for, officer, applicant, pending):
    services.provider_review(provider=pending, decision="reject", by=officer, reason="Describe your tests.")
    Notification.objects.all().delete()

    response = client_for(applicant).post(
        edit_url(pending), profile_data(pending, description="NABL-accredited yarn and fabric tests.")
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ProviderStatus.PENDING
    assert AuditLog.objects.for_object(pending).filter(action="provider.resubmitted").exists()
    assert Notification.objects.get(user=officer).kind == "provider.to_review"


def test_a_pending_registration_may_still_change_its_name(client_for, applicant, pending):
    client_for(applicant).post(edit_url(pending), profile_data(pending, name="CTS Laboratories"))

    pending.refresh_from_db()
    assert pending.name == "CTS Laboratories" and pending.status == ProviderStatus.PENDING


# ---------------------------------------------------------------- colleagues


def add_url(provider) -> str:
    return reverse("providers:add_person", args=[provider.pk])


def test_provider_user_adds_a_colleague_who_is_told(client_for, provider_user, bank):
    colleague = testing.make_user("Colleague@Bank.example.in")

    response = client_for(provider_user).post(add_url(bank), {"email": "colleague@bank.example.in"})

    assert response.status_code == 302
    assert ProviderUser.objects.filter(provider=bank, user=colleague).exists()
    assert Notification.objects.get(user=colleague).kind == "provider.person_added"
    assert AuditLog.objects.for_object(bank).get(action="provider.person_added").data["user_id"] == colleague.pk
    # The colleague can now act for the provider.
    assert client_for(colleague).get(edit_url(bank)).status_code == 200


def test_adding_an_email_with_no_account_shows_an_error_beside_the_field(client_for, provider_user, bank):
    response = client_for(provider_user).post(add_url(bank), {"email": "nobody@bank.example.in"})

    assert response.status_code == 400
    assert response.context["add_person_form"].errors["email"] == [
        "No portal account uses this email. Ask your colleague to sign up first."
    ]
    assert ProviderUser.objects.filter(provider=bank).count() == 1


def test_adding_someone_already_there_is_refused(client_for, provider_user, bank):
    response = client_for(provider_user).post(add_url(bank), {"email": provider_user.email})

    assert response.status_code == 400
    assert "already acts for Test Bank" in response.context["add_person_form"].errors["email"][0]


def test_outsider_cannot_add_themselves_to_a_provider(client_for, member_a, bank):
    response = client_for(member_a).post(add_url(bank), {"email": member_a.email})

    assert response.status_code == 403
    assert not ProviderUser.objects.filter(user=member_a).exists()


def test_provider_user_removes_a_colleague_but_never_the_last_person(client_for, provider_user, bank):
    colleague = testing.make_user()
    services.provider_add_person(provider=bank, email=colleague.email, by=provider_user)
    person = ProviderUser.objects.get(user=colleague)
    client = client_for(provider_user)

    client.post(reverse("providers:remove_person", args=[bank.pk, person.pk]))
    assert not ProviderUser.objects.filter(user=colleague).exists()
    assert AuditLog.objects.for_object(bank).filter(action="provider.person_removed").exists()

    last = ProviderUser.objects.get(provider=bank)
    response = client.post(reverse("providers:remove_person", args=[bank.pk, last.pk]), follow=True)
    assert "The last person cannot be removed; add a colleague first." in response.content.decode()
    assert ProviderUser.objects.filter(provider=bank).count() == 1


def test_outsider_cannot_remove_a_providers_people(client_for, member_a, bank):
    person = ProviderUser.objects.get(provider=bank)

    assert client_for(member_a).post(reverse("providers:remove_person", args=[bank.pk, person.pk])).status_code == 403
    assert ProviderUser.objects.filter(pk=person.pk).exists()
