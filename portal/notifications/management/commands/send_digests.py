from django.core.management.base import BaseCommand

from portal.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Email the daily digests, and the weekly ones on NOTIFICATION_WEEKLY_DIGEST_WEEKDAY. Run once a day."

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digests whatever the weekday.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the work for the task worker instead.")

    def handle(self, *args, weekly: bool, enqueue: bool, **options):
        if enqueue:
            result = send_digests.enqueue(weekly=weekly or None)
            self.stdout.write(f"Queued: {result.id}")
            return
        counts = send_digests.call(weekly=weekly or None)
        self.stdout.write(f"Daily digests sent: {counts['daily']}; weekly digests sent: {counts['weekly']}.")
