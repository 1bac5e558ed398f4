from django.core.management.base import BaseCommand

from portal.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Delete personal data kept past its retention period (see /privacy/ and docs/security.md). Run daily."

    def handle(self, *args, **options):
        done = retention_apply()
        self.stdout.write(", ".join(f"{kind}: {count}" for kind, count in done.items()))
