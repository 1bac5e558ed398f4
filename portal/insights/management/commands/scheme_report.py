from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.insights.services import scheme_report_request


class Command(BaseCommand):
    help = "Queue the monthly DIA scheme report (default: last month). Run on the 1st of each month from cron."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the month before this one)")

    def handle(self, *args, month=None, **options):
        if month:
            try:
                year, number = (int(part) for part in month.split("-"))
                first = date(year, number, 1)
            except ValueError as error:
                raise CommandError("--month must look like 2026-11") from error
        else:
            first = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
        report = scheme_report_request(month=first, by=None)
        self.stdout.write(f"Report for {first:%B %Y} queued (#{report.pk}).")
