"""Helpers for scheme tests: move an appraisal forward through its steps the way the services do."""

import pytest

from portal.scheme import eligibility, matrix, services
from portal.scheme.models import Step

ELIGIBLE = {
    "legal_registration": True,
    "years_of_operation": 20,
    "member_base": 120,
    "office_bearers": True,
    "no_default": True,
}


@pytest.fixture
def plan_ok(monkeypatch):
    """The plans app says the association's action plan is approved."""
    monkeypatch.setattr(services, "plan_approved", lambda association: True)


@pytest.fixture
def advance(officer, authority, cluster_expert, bearer_a):
    """``advance(Step.X)`` opens association A's appraisal and takes it to step X; returns it fresh."""

    def run(to_step: str, *, association=None, answers: dict | None = None):
        association = association or cluster_expert.advised_associations.get()
        appraisal = services.appraisal_start(association=association, by=bearer_a)
        order = [Step.ELIGIBILITY, Step.IN_PRINCIPLE, Step.MATRIX, Step.MATRIX_REVIEW, Step.DETAILED, Step.SANCTION]
        for step in order:
            appraisal.refresh_from_db()
            if appraisal.step == to_step:
                return appraisal
            if step == Step.ELIGIBILITY:
                services.eligibility_save(appraisal=appraisal, answers=ELIGIBLE, by=bearer_a, submit=True)
            elif step == Step.IN_PRINCIPLE:
                services.appraisal_decide(appraisal=appraisal, decision="approve", by=officer)
            elif step == Step.MATRIX:
                yes = answers or dict.fromkeys(matrix.PARAMETER_KEYS[:15], True)
                services.matrix_save(appraisal=appraisal, answers=yes, by=bearer_a, submit=True)
            elif step == Step.MATRIX_REVIEW:
                services.appraisal_decide(appraisal=appraisal, decision="approve", by=cluster_expert)
            elif step == Step.DETAILED:
                services.appraisal_decide(appraisal=appraisal, decision="approve", by=officer)
            elif step == Step.SANCTION:
                services.appraisal_decide(appraisal=appraisal, decision="approve", by=authority)
        appraisal.refresh_from_db()
        assert appraisal.step == to_step
        return appraisal

    return run


assert eligibility.evaluate(ELIGIBLE).passed
