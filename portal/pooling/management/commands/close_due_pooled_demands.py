from django.core.management.base import BaseCommand

from portal.pooling.tasks import close_due_pooled_demands


class Command(BaseCommand):
    help = "Close pooled demands whose closing time has passed and tell the associations to negotiate."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the work for the task worker instead.")

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = close_due_pooled_demands.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        closed = close_due_pooled_demands.call()
        self.stdout.write(f"Closed {closed} pooled demand(s) past their closing time.")
