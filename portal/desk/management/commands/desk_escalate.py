from django.core.management.base import BaseCommand

from portal.desk.tasks import escalate_overdue_requirements


class Command(BaseCommand):
    help = "Escalate overdue requirements and close resolved ones past the reopening period."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the work for the task worker instead.")

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = escalate_overdue_requirements.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        counts = escalate_overdue_requirements.call()
        self.stdout.write(
            f"Escalated to the association: {counts['to_association']}; to SIDBI: {counts['to_sidbi']}; "
            f"closed after the reopening period: {counts['closed']}."
        )
