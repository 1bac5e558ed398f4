from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.ops.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a timestamped folder under BACKUP_DIR, with checksums."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Where to write the backup (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="How many backups to keep (default: BACKUP_KEEP).")

    def handle(self, *args, **options):
        directory = Path(options["dir"] or settings.BACKUP_DIR)
        keep = options["keep"] if options["keep"] is not None else settings.BACKUP_KEEP
        try:
            path = backup_create(directory=directory, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
