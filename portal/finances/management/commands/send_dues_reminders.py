from django.core.management.base import BaseCommand

from portal.finances.services import dues_send_reminders


class Command(BaseCommand):
    help = "Remind members of unpaid dues invoices past their due date (at most once a week per invoice). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--every-days", type=int, default=7, help="Days between two reminders of one invoice.")

    def handle(self, *args, every_days: int, **options):
        sent = dues_send_reminders(every_days=every_days)
        self.stdout.write(f"{sent} dues reminders sent.")
