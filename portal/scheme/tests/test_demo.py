import random

from allauth.mfa.models import Authenticator

from portal import testing
from portal.accounts.models import SidbiRole
from portal.associations.models import Association
from portal.scheme import demo, stages
from portal.scheme.models import Appraisal, StageAssessment, Step


def test_demo_seed_is_consistent_and_idempotent(monkeypatch, association_a, association_b):
    monkeypatch.setattr(demo, "TIRUPPUR", association_a.slug)
    monkeypatch.setattr(demo, "LUDHIANA", association_b.slug)
    testing.make_user("officer@demo.diaportal.in", sidbi_role=SidbiRole.OFFICER)
    testing.make_user("authority@demo.diaportal.in", sidbi_role=SidbiRole.AUTHORITY)
    for _ in range(4):
        testing.make_association(office_bearer=testing.make_user())

    demo.seed(rng=random.Random(1))
    counts = (Appraisal.objects.count(), StageAssessment.objects.count())
    demo.seed(rng=random.Random(1))
    assert (Appraisal.objects.count(), StageAssessment.objects.count()) == counts

    expert = Association.objects.get(pk=association_a.pk).cluster_expert
    assert expert.email == demo.EXPERT_EMAIL and expert.sidbi_role == SidbiRole.CLUSTER_EXPERT
    assert Authenticator.objects.filter(user=expert, type=Authenticator.Type.TOTP).exists()
    assert Association.objects.get(pk=association_b.pk).cluster_expert == expert
    assert Appraisal.objects.get(association=association_a).step == Step.IN_SCHEME
    assert Appraisal.objects.get(association=association_b).step == Step.MATRIX_REVIEW

    for association in Association.objects.approved():
        history = list(StageAssessment.objects.filter(association=association).order_by("assessed_on"))
        assert len(history) == demo.QUARTERS
        assert history[-1].stage == association.stage
        for row in history:
            assert stages.stage_for(stages.StageInputs.from_snapshot(row.inputs)) == row.stage
