from django.core.management.base import BaseCommand

from portal.research.services import close_due_studies


class Command(BaseCommand):
    help = "Close open studies whose closing time has passed (run every 15 minutes from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Closed {close_due_studies()} studies.")
