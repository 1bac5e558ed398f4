"""The demo library: every shelf filled, the DIA Conversations series, a Hindi guide, a path per stage; idempotent."""

import random

from django.core import mail

from portal import testing
from portal.associations.models import Stage
from portal.learning import demo
from portal.learning.models import Audience, Kind, LearningPath, Resource, Series, StepDone
from portal.learning.selectors import paths_for_stage
from portal.notifications.models import Broadcast, Notification
from portal.testing import pdf_text


def test_the_demo_fills_every_shelf_and_a_path_per_stage_and_runs_once(db):
    officer = testing.make_user(demo.OFFICER, sidbi_role="officer")
    secretary = testing.make_user(demo.SECRETARY)
    tiruppur = testing.make_association(office_bearer=secretary, slug=demo.TIRUPPUR)
    member = testing.make_user(demo.MEMBER)
    testing.make_membership(association=tiruppur, enterprise=testing.make_enterprise(owner=member))

    demo.seed(rng=random.Random(1))
    count = Resource.objects.count()
    demo.seed(rng=random.Random(1))

    assert Resource.objects.count() == count
    assert set(Resource.objects.published().values_list("kind", flat=True)) == set(Kind.values)
    series = Series.objects.get(title="DIA Conversations")
    assert series.episodes.count() >= 4 and all(e.speakers and e.link for e in series.episodes.all())
    assert Resource.objects.filter(language="hi").exists()
    assert Resource.objects.filter(title__icontains="GST toolkit").exists()
    for cluster in ("Tiruppur", "Morbi", "Ludhiana"):
        assert Resource.objects.filter(kind=Kind.CASE_STUDY, title__startswith=cluster).exists()
    assert Resource.objects.filter(kind=Kind.PUBLICATION, title__icontains="newsletter").exists()
    assert Resource.objects.filter(kind=Kind.PUBLICATION, title__icontains="scheme report").exists()
    for stage in Stage.values:
        assert LearningPath.objects.filter(cluster_stage=stage).exists()
    assert paths_for_stage(Stage.ESTABLISHMENT).filter(title=demo.SERVICES_PATH).exists()
    assert Resource.objects.filter(association=tiruppur, audience=Audience.MEMBERS).exists()
    assert StepDone.objects.filter(user=member).count() == 2
    hindi = Resource.objects.get(language="hi", kind=Kind.SCHEME_GUIDE)
    assert "योजना" in pdf_text(hindi.file.read())
    for document in Resource.objects.filter(kind=Kind.DOCUMENT):
        assert document.file
    assert not Broadcast.objects.exists() and not Notification.objects.exists() and not mail.outbox
    assert officer.pk


def test_the_demo_does_nothing_without_the_demo_officer(db):
    demo.seed(rng=random.Random(1))
    assert not Resource.objects.exists()


def test_the_demo_gives_a_few_sidbi_resources_hindi_and_tamil_versions(db):
    from portal.learning.models import ResourceTranslation

    testing.make_user(demo.OFFICER, sidbi_role="officer")
    demo.seed(rng=random.Random(1))
    versions = ResourceTranslation.objects.select_related("resource")
    assert set(versions.values_list("language", flat=True)) == {"hi", "ta"}
    assert versions.count() >= 6
    assert all(v.resource.association_id is None and v.resource.language == "en" for v in versions)
    assert versions.get(resource__title="GST toolkit for MSMEs and job workers", language="ta").title.startswith("MSME")
