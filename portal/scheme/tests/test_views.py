from decimal import Decimal

import pytest
from django.urls import reverse

from portal import testing
from portal.accounts.models import SidbiRole
from portal.scheme.models import Decision, Step
from portal.scheme.services import stage_assess


def url(name, association):
    return reverse(f"scheme:{name}", args=[association.slug])


# index and queues


def test_index_sends_an_office_bearer_to_their_association_page(client_for, bearer_a, association_a):
    response = client_for(bearer_a).get(reverse("scheme:index"))
    assert response.status_code == 302
    assert response["Location"] == url("association", association_a)


@pytest.mark.parametrize("who", ["officer", "authority", "cluster_expert"])
def test_index_sends_reviewers_to_their_queue(request, db, client_for, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("scheme:index"))
    assert response["Location"] == reverse("scheme:queue")


def test_member_sees_the_scheme_explained_but_no_queue(client_for, member_a):
    assert client_for(member_a).get(reverse("scheme:index")).status_code == 200
    assert client_for(member_a).get(reverse("scheme:queue")).status_code == 403


def test_anonymous_is_sent_to_log_in(anonymous, association_a):
    assert anonymous.get(url("association", association_a)).status_code == 302


def test_expert_queue_lists_only_their_associations_and_waiting_reviews(
    advance, client_for, cluster_expert, association_b
):
    advance(Step.MATRIX_REVIEW)
    page = client_for(cluster_expert).get(reverse("scheme:queue")).content.decode()
    assert "Tiruppur Knitwear Association" in page
    assert "Ludhiana Engineering Association" not in page


def test_officer_queue_shows_appraisals_waiting_for_an_officer(advance, client_for, officer):
    advance(Step.IN_PRINCIPLE)
    response = client_for(officer).get(reverse("scheme:queue"))
    assert [a.step for a in response.context["waiting"]] == [Step.IN_PRINCIPLE]


def _make_appraisals(n):
    from portal.scheme import services
    from portal.scheme.tests.conftest import ELIGIBLE

    for _ in range(n):
        bearer = testing.make_user()
        association = testing.make_association(office_bearer=bearer)
        appraisal = services.appraisal_start(association=association, by=bearer)
        services.eligibility_save(appraisal=appraisal, answers=ELIGIBLE, by=bearer, submit=True)


def test_officer_queue_runs_a_fixed_number_of_queries(client_for, officer, django_assert_max_num_queries):
    client = client_for(officer)
    _make_appraisals(3)
    client.get(reverse("scheme:queue"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("scheme:queue"))
    _make_appraisals(17)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("scheme:queue"))
    assert len(response.context["waiting"]) == 20


# the association's page and refusals


def test_office_bearer_can_start_and_fill_eligibility(client_for, bearer_a, association_a):
    client = client_for(bearer_a)
    assert client.post(url("start", association_a)).status_code == 302
    form = client.get(url("eligibility", association_a))
    assert form.status_code == 200
    assert form.context["form"].fields["member_base"].initial == association_a.approx_member_count
    data = {
        "legal_registration": "on",
        "years_of_operation": "20",
        "member_base": "120",
        "office_bearers": "on",
        "no_default": "on",
        "submit": "1",
    }
    assert client.post(url("eligibility", association_a), data).status_code == 302
    assert association_a.appraisals.get().step == Step.IN_PRINCIPLE


def test_eligibility_below_the_pass_mark_shows_the_reason(client_for, bearer_a, association_a):
    client = client_for(bearer_a)
    client.post(url("start", association_a))
    data = {"legal_registration": "on", "years_of_operation": "1", "member_base": "10", "submit": "1"}
    response = client.post(url("eligibility", association_a), data)
    assert response.status_code == 200
    assert "pass mark" in response.content.decode()
    assert association_a.appraisals.get().step == Step.ELIGIBILITY


def test_other_association_office_cannot_see_the_appraisal(advance, client_for, bearer_b, association_a):
    advance(Step.IN_PRINCIPLE)
    assert client_for(bearer_b).get(url("association", association_a)).status_code == 404
    assert client_for(bearer_b).get(url("stage", association_a)).status_code == 404


def test_expert_of_another_association_gets_404(advance, client_for, association_a, association_b):
    advance(Step.MATRIX_REVIEW)
    expert_b = testing.make_user(sidbi_role=SidbiRole.CLUSTER_EXPERT, totp=True)
    association_b.cluster_expert = expert_b
    association_b.save(update_fields=["cluster_expert"])
    client = client_for(expert_b)
    assert client.get(url("association", association_a)).status_code == 404
    assert client.post(url("decide", association_a), {"decision": "approve"}).status_code == 404
    assert client.get(url("association", association_b)).status_code == 200


def test_member_cannot_act_or_see_the_appraisal(advance, client_for, member_a, association_a):
    advance(Step.MATRIX)
    client = client_for(member_a)
    assert client.get(url("association", association_a)).status_code == 403
    assert client.get(url("matrix", association_a)).status_code == 403
    assert client.post(url("decide", association_a), {"decision": "approve"}).status_code == 403
    assert client.post(url("start", association_a)).status_code == 403


def test_association_cannot_decide_its_own_review(advance, client_for, bearer_a, association_a):
    appraisal = advance(Step.MATRIX_REVIEW)
    response = client_for(bearer_a).post(url("decide", association_a), {"decision": "approve"})
    assert response.status_code == 403
    appraisal.refresh_from_db()
    assert appraisal.step == Step.MATRIX_REVIEW


def test_officer_cannot_approve_own_recommendation_in_the_view(advance, plan_ok, client_for, officer, association_a):
    appraisal = advance(Step.SANCTION)
    response = client_for(officer).post(url("decide", association_a), {"decision": "approve"})
    assert response.status_code == 403
    appraisal.refresh_from_db()
    assert appraisal.step == Step.SANCTION


def test_expert_sends_back_with_comments(advance, client_for, cluster_expert, association_a):
    appraisal = advance(Step.MATRIX_REVIEW)
    client = client_for(cluster_expert)
    page = client.get(url("association", association_a))
    assert page.context["can_decide"]
    empty = client.post(url("decide", association_a), {"decision": Decision.SENT_BACK, "step": Step.MATRIX_REVIEW})
    assert empty.status_code == 200 and "comments are required" in empty.content.decode()
    client.post(
        url("decide", association_a),
        {"decision": Decision.SENT_BACK, "comments": "Check your linkages.", "step": Step.MATRIX_REVIEW},
    )
    appraisal.refresh_from_db()
    assert appraisal.step == Step.MATRIX
    assert "Check your linkages." in client.get(url("association", association_a)).content.decode()


def test_authority_sanctions_and_association_sees_in_scheme(
    advance, plan_ok, client_for, authority, bearer_a, association_a
):
    advance(Step.SANCTION)
    client_for(authority).post(url("decide", association_a), {"decision": "approve", "step": Step.SANCTION})
    page = client_for(bearer_a).get(url("association", association_a)).content.decode()
    assert "In the scheme" in page


def test_matrix_page_marks_portal_data_and_scores_live(advance, client_for, bearer_a, association_a):
    association_a.website = "https://tiruppur.example.in"
    association_a.save(update_fields=["website"])
    advance(Step.MATRIX)
    client = client_for(bearer_a)
    page = client.get(url("matrix", association_a)).content.decode()
    assert "from portal data" in page
    assert f'hx-post="{url("matrix_score", association_a)}"' in page
    live = client.post(
        url("matrix_score", association_a), {"governing_body": "on", "website": "on"}, HTTP_HX_REQUEST="true"
    )
    assert live.status_code == 200
    assert live.context["score"] == Decimal("5.83")
    assert "Weak" in live.content.decode()


def test_matrix_submit_sends_it_to_the_expert(advance, client_for, bearer_a, association_a):
    appraisal = advance(Step.MATRIX)
    client_for(bearer_a).post(url("matrix", association_a), {"governing_body": "on", "submit": "1"})
    appraisal.refresh_from_db()
    assert appraisal.step == Step.MATRIX_REVIEW
    assert appraisal.matrix.answers["governing_body"] is True


# the stage page


def test_stage_page_shows_stage_charts_and_shortfalls(advance, plan_ok, client_for, bearer_a, association_a, officer):
    advance(Step.DETAILED)
    stage_assess(association=association_a, by=officer)
    response = client_for(bearer_a).get(url("stage", association_a))
    assert response.status_code == 200
    assert response.context["history_chart"].kind == "line"
    assert response.context["radar"].kind == "radar"
    assert {s.key for s in response.context["shortfalls"]} >= {"active_members"}


def test_office_cannot_assess_its_own_stage_but_the_expert_can(client_for, bearer_a, cluster_expert, association_a):
    assert client_for(bearer_a).post(url("assess", association_a)).status_code == 403
    assert client_for(cluster_expert).post(url("assess", association_a)).status_code == 302
    assert association_a.stage_assessments.count() == 1
