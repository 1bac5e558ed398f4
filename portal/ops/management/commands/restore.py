from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.ops.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (from `manage.py backup`) into an empty database and MEDIA_ROOT, "
        "after checking its checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder, e.g. backups/dia-20261204T020000000000Z.")
        parser.add_argument("--database-url", help="Restore into this database instead of the one DATABASE_URL names.")
        parser.add_argument("--media-root", help="Restore the uploaded files here instead of MEDIA_ROOT.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database and uploaded files that are not empty."
        )

    def handle(self, *args, backup: str, database_url: str | None, media_root: str | None, force: bool, **options):
        database = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
        try:
            manifest = backup_restore(
                path=Path(backup),
                database=database,
                media_root=Path(media_root or settings.MEDIA_ROOT),
                force=force,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup of {manifest['created_at']} into {database['NAME']}.")
