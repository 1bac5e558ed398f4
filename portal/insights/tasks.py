from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone

from portal.insights.models import ReportStatus, SchemeReport


@task
def prepare_scheme_report(report_id: int) -> None:
    """Draw the month's PDF and store it; a failure is recorded on the report, never lost silently."""
    from portal.insights.report import build_report

    report = SchemeReport.objects.get(pk=report_id)
    try:
        data = build_report(report.month)
    except Exception as error:  # noqa: BLE001 - recorded and shown to the requester
        report.status, report.error, report.finished_at = ReportStatus.FAILED, str(error)[:300], timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        raise
    report.file.save(f"dia-scheme-report-{report.month:%Y-%m}.pdf", ContentFile(data), save=False)
    report.status, report.finished_at = ReportStatus.READY, timezone.now()
    report.save(update_fields=["file", "status", "finished_at"])
