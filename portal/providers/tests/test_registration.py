"""Registering an organisation as a provider: it waits for SIDBI and stays out of the public directory."""

from html import escape

import pytest
from django.urls import reverse

from portal import testing
from portal.core.errors import ActionRefused
from portal.core.models import AuditLog
from portal.notifications.models import Notification
from portal.providers.models import Provider, ProviderStatus, ProviderUser

from .conftest import register

REGISTER = reverse("providers:register")


def form_data(**overrides) -> dict:
    data = {
        "name": "  Coimbatore   Testing Services ",
        "kind": "lab",
        "help_kinds": ["testing", "quality_zed"],
        "description": "NABL tests for yarn and fabric.",
        "sectors": [],
        "states": [],
        "city": "Coimbatore",
        "website": "https://cts.example.in",
        "contact_email": "desk@cts.example.in",
        "phone": "098450 12345",
    }
    data.update(overrides)
    return data


def assert_error_beside(response, field: str, message: str) -> None:
    assert response.status_code == 200
    assert message in response.context["form"].errors.get(field, []), response.context["form"].errors
    assert f'<p class="error" role="alert">{escape(message)}</p>' in response.content.decode()


def test_logged_in_user_registers_a_provider_that_waits_for_sidbi(client_for, applicant, officer):
    response = client_for(applicant).post(REGISTER, form_data())

    provider = Provider.objects.get()
    assert response.status_code == 302 and response.url == provider.get_absolute_url()
    assert provider.name == "Coimbatore Testing Services"  # spaces tidied
    assert provider.status == ProviderStatus.PENDING and provider.approved_at is None
    assert provider.help_kinds == ["testing", "quality_zed"]
    assert provider.phone == "+919845012345"
    assert provider.created_by == applicant
    assert list(provider.states.all()) == [] and list(provider.sectors.all()) == []  # all India, every sector
    assert ProviderUser.objects.filter(provider=provider, user=applicant).exists()
    assert AuditLog.objects.for_object(provider).filter(action="provider.registered", actor=applicant).exists()
    note = Notification.objects.get(user=officer)
    assert note.kind == "provider.to_review" and note.link == reverse("providers:review", args=[provider.pk])


def test_help_kinds_are_kept_in_the_order_of_the_choices(client_for, applicant):
    client_for(applicant).post(REGISTER, form_data(help_kinds=["quality_zed", "term_loan"]))

    assert Provider.objects.get().help_kinds == ["term_loan", "quality_zed"]


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.post(REGISTER, form_data())

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Provider.objects.exists()


def test_a_bad_mobile_number_is_shown_beside_the_field_and_nothing_is_saved(client_for, applicant):
    response = client_for(applicant).post(REGISTER, form_data(phone="12345"))

    assert_error_beside(
        response, "phone", "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (with or without +91)."
    )
    assert not Provider.objects.exists() and not ProviderUser.objects.exists()


def test_at_least_one_kind_of_help_is_needed(client_for, applicant):
    response = client_for(applicant).post(REGISTER, form_data(help_kinds=[]))

    assert_error_beside(response, "help_kinds", "This field is required.")
    assert not Provider.objects.exists()


def test_an_unknown_kind_of_help_is_refused_beside_the_field(client_for, applicant):
    response = client_for(applicant).post(REGISTER, form_data(help_kinds=["magic"]))

    assert_error_beside(response, "help_kinds", "Select a valid choice. magic is not one of the available choices.")


def test_a_name_already_registered_in_other_letters_is_refused(client_for, applicant, provider_user):
    response = client_for(applicant).post(REGISTER, form_data(name="test BANK"))

    assert_error_beside(response, "name", "A provider with this name is already registered.")
    assert Provider.objects.count() == 1


def test_a_second_registration_while_the_first_waits_is_refused(client_for, applicant, pending):
    response = client_for(applicant).post(REGISTER, form_data(name="Another Lab"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "You already have a registration waiting for SIDBI's decision."
    ]
    assert escape("You already have a registration waiting for SIDBI's decision.") in response.content.decode()
    assert Provider.objects.count() == 1


def test_pending_provider_is_invisible_to_the_public_and_to_other_users(anonymous, client_for, pending, member_a):
    url = pending.get_absolute_url()

    assert anonymous.get(url).status_code == 404
    assert client_for(member_a).get(url).status_code == 404
    listing = anonymous.get(reverse("providers:directory")).content.decode()
    assert pending.name not in listing


def test_pending_provider_is_shown_to_its_own_people_with_its_status(client_for, applicant, pending):
    response = client_for(applicant).get(pending.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert "Awaiting SIDBI approval" in body and "applicant@cts.example.in" in body
    assert response.context["can_edit"] is True


def test_sidbi_officer_sees_a_pending_provider_with_the_review_link(client_for, officer, pending):
    response = client_for(officer).get(pending.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_review"] is True and response.context["can_edit"] is False
    assert reverse("providers:review", args=[pending.pk]) in response.content.decode()


def test_registration_page_offers_every_kind_of_help(client_for):
    user = testing.make_user()
    response = client_for(user).get(REGISTER)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="invoice_discounting"' in body and 'value="energy"' in body


def test_service_refuses_a_name_already_taken(applicant, provider_user):
    with pytest.raises(ActionRefused, match="already registered"):
        register(applicant, name="Test Bank")
    assert not ProviderUser.objects.filter(user=applicant).exists()
