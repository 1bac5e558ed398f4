from django.core.management.base import BaseCommand

from portal.updates.tasks import publish_due_updates


class Command(BaseCommand):
    help = "Publish scheduled updates whose publishing time has come and tell their audience."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the work for the task worker instead.")

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = publish_due_updates.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        published = publish_due_updates.call()
        self.stdout.write(f"Published {published} scheduled update(s).")
