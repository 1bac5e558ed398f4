from django.urls import reverse
from django.utils import timezone

from portal import testing
from portal.insights.models import SchemeReport


def test_the_monthly_report_is_prepared_in_the_background_and_says_the_figures(
    scheme_data, officer, client_for, django_capture_on_commit_callbacks
):
    client = client_for(officer)
    month = timezone.localdate().strftime("%Y-%m")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("insights:reports"), {"month": month})
    assert response.status_code == 302
    report = SchemeReport.objects.get()
    assert report.status == "ready", report.error
    pdf = client.get(reverse("insights:report_download", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = testing.pdf_text(pdf.content)
    assert "DIA scheme: monthly report for" in text
    assert "Associations approved" in text
    assert "Associations by cluster stage" in text
    assert "Assam (NE)" in text


def test_a_month_in_the_future_is_refused_with_a_message(officer, client_for):
    future = (timezone.localdate().replace(day=28) + timezone.timedelta(days=10)).strftime("%Y-%m")
    response = client_for(officer).post(reverse("insights:reports"), {"month": future})
    assert response.status_code == 200
    assert "only cover a month that has begun" in response.content.decode()
    assert not SchemeReport.objects.exists()


def test_the_command_queues_last_months_report(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("scheme_report", "--month", "2026-10")
    report = SchemeReport.objects.get()
    assert str(report.month) == "2026-10-01" and report.status == "ready"


def test_members_cannot_download_a_report(db, member_a, client_for):
    report = SchemeReport.objects.create(month=timezone.localdate().replace(day=1), status="ready")
    assert client_for(member_a).get(reverse("insights:report_download", args=[report.pk])).status_code == 403
