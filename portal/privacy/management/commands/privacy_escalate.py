from django.core.management.base import BaseCommand

from portal.privacy.services import grievances_escalate


class Command(BaseCommand):
    help = "Flag grievances past their answer target and tell the grievance officer. Run every 15 minutes."

    def handle(self, *args, **options):
        self.stdout.write(f"{grievances_escalate()} grievance(s) flagged overdue")
