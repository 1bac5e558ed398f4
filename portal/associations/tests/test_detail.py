"""An association's profile page: /associations/<slug>/ (views.detail)."""

import pytest
from django.urls import reverse

from portal import testing
from portal.associations.models import MembershipStatus, Status

PRIVATE_HEADING = "Application record (seen by the association's office and SIDBI)"


def certificate_url(association) -> str:
    return reverse("associations:certificate", args=[association.slug])


def assert_private_details_hidden(response, association) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["can_view_private"] is False
    assert "history" not in response.context
    assert association.pan not in html
    assert association.gstin not in html
    assert association.registration_number not in html
    assert certificate_url(association) not in html
    assert "Application record" not in html
    assert "History" not in html


def assert_private_details_shown(response, association) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert PRIVATE_HEADING in html
    assert f"<dt>PAN</dt><dd>{association.pan}</dd>" in html
    assert association.registration_number in html
    assert certificate_url(association) in html
    assert "Application submitted" in html  # the review history


# --- Public fields ------------------------------------------------------------------------------


def test_public_profile_shows_what_a_visitor_needs(anonymous, association_a, member_a):
    association_a.about = "Knitwear exporters of Tiruppur since 1956."
    association_a.website = "https://tiruppur.example.in"
    association_a.save(update_fields=["about", "website"])

    html = anonymous.get(association_a.get_absolute_url()).content.decode()

    assert "<h1>Tiruppur Knitwear Association</h1>" in html
    assert "Knitwear exporters of Tiruppur since 1956." in html
    assert "Tiruppur, Tamil Nadu" in html
    assert "Textiles" in html
    assert "Initiation" in html  # the cluster stage
    assert "Registered society" in html
    assert "2001" in html
    assert "12, Industrial Estate, 641604" in html
    assert association_a.email in html
    assert 'href="https://tiruppur.example.in" rel="noopener nofollow"' in html
    assert "K. Senthil, Secretary" in html
    assert "1 on the portal (about 120 in all)" in html


def test_member_count_leaves_out_requests_and_declined_ones(anonymous, association_a, member_a):
    for status in (MembershipStatus.REQUESTED, MembershipStatus.DECLINED):
        testing.make_membership(association=association_a, enterprise=testing.make_enterprise(), status=status)

    response = anonymous.get(association_a.get_absolute_url())

    assert response.context["member_total"] == 1


def test_office_bearers_contact_details_are_not_public(anonymous, association_a):
    bearer = association_a.office_bearers.get()

    html = anonymous.get(association_a.get_absolute_url()).content.decode()

    assert bearer.email not in html


def test_anonymous_visitor_is_invited_to_log_in_to_join(anonymous, association_a):
    html = anonymous.get(association_a.get_absolute_url()).content.decode()

    assert f"{reverse('account_login')}?next=/associations/tiruppur/" in html


# --- Private details ----------------------------------------------------------------------------


def test_anonymous_visitor_does_not_see_private_details(anonymous, association_a):
    assert_private_details_hidden(anonymous.get(association_a.get_absolute_url()), association_a)


@pytest.mark.parametrize("who", ["member_a", "member_b", "bearer_b", "provider_user"])
def test_members_and_other_associations_do_not_see_private_details(request, client_for, who, association_a):
    user = request.getfixturevalue(who)

    response = client_for(user).get(association_a.get_absolute_url())

    assert_private_details_hidden(response, association_a)


@pytest.mark.parametrize("who", ["bearer_a", "officer", "authority", "platform_admin"])
def test_own_office_bearers_and_sidbi_see_pan_certificate_and_history(request, client_for, who, association_a):
    user = request.getfixturevalue(who)

    response = client_for(user).get(association_a.get_absolute_url())

    assert_private_details_shown(response, association_a)
    assert [h.to_status for h in response.context["history"]] == [Status.SUBMITTED, Status.APPROVED]


# --- Applications not yet approved --------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.INFO_REQUESTED, Status.REJECTED])
def test_unapproved_association_is_404_to_anonymous(anonymous, applicant, status):
    association = testing.make_association(office_bearer=applicant, status=status)

    response = anonymous.get(association.get_absolute_url())

    assert response.status_code == 404
    assert association.name not in response.content.decode()


@pytest.mark.parametrize("who", ["member_b", "bearer_b", "provider_user"])
def test_unapproved_association_is_404_to_other_users(request, client_for, who, pending):
    response = client_for(request.getfixturevalue(who)).get(pending.get_absolute_url())

    assert response.status_code == 404
    assert pending.name not in response.content.decode()


def test_applicant_follows_the_application_on_its_page(client_for, applicant, info_requested):
    response = client_for(applicant).get(info_requested.get_absolute_url())

    html = response.content.decode()
    assert_private_details_shown(response, info_requested)
    assert "More information requested" in html
    assert "Please upload the 2023 renewal certificate." in html
    assert "Answer SIDBI and resubmit" in html
    assert reverse("associations:edit_application", args=[info_requested.slug]) in html
    assert "Join this association" not in html  # not verified: takes no members
    assert reverse("associations:members", args=[info_requested.slug]) not in html
    assert reverse("associations:manage", args=[info_requested.slug]) not in html


def test_officer_sees_the_pending_application_with_a_link_to_review(client_for, officer, pending):
    html = client_for(officer).get(pending.get_absolute_url()).content.decode()

    assert reverse("associations:review", args=[pending.slug]) in html
    assert "Submitted, awaiting review" in html


def test_approved_association_page_offers_no_review_or_edit(client_for, officer, bearer_a, association_a):
    officer_html = client_for(officer).get(association_a.get_absolute_url()).content.decode()
    bearer_html = client_for(bearer_a).get(association_a.get_absolute_url()).content.decode()

    assert reverse("associations:review", args=["tiruppur"]) not in officer_html
    assert reverse("associations:edit_application", args=["tiruppur"]) not in bearer_html
    assert reverse("associations:manage", args=["tiruppur"]) in bearer_html


def test_unknown_slug_is_404(anonymous, db):
    assert anonymous.get(reverse("associations:detail", args=["no-such-association"])).status_code == 404


def test_markup_typed_into_the_application_is_shown_as_text(anonymous, db):
    association = testing.make_association(
        name='<script>alert("x")</script> Weavers', about="<b>bold</b>\nsecond line", district="<i>Erode</i>"
    )

    html = anonymous.get(association.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Weavers" in html
    assert "&lt;b&gt;bold&lt;/b&gt;<br>second line" in html
    assert "<i>Erode</i>" not in html
