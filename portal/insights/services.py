from datetime import date

from django.db import transaction

from portal.core.audit import audit
from portal.insights.models import SchemeReport


def scheme_report_request(*, month: date, by) -> SchemeReport:
    """Queue the month's report; the worker (or the immediate backend) prepares the PDF."""
    from portal.insights.tasks import prepare_scheme_report

    with transaction.atomic():
        report = SchemeReport.objects.create(month=month.replace(day=1), requested_by=by)
        audit(actor=by, action="insights.report_requested", target=report, month=str(report.month))
    transaction.on_commit(lambda: prepare_scheme_report.enqueue(report.pk))
    return report
