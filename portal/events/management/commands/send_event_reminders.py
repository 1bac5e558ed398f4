from django.core.management.base import BaseCommand

from portal.events.services import send_due_reminders


class Command(BaseCommand):
    help = "Queue reminder emails for events starting within 24 hours (each registration once). Run from cron."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
