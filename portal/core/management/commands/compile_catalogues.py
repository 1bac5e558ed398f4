"""Compile every locale/<lang>/LC_MESSAGES/*.po into its .mo, in Python (no GNU gettext needed).

Part of ``make run`` and ``make test``: a fresh clone has only the .po files (the .mo files are built, not
committed). Skips a catalogue whose .mo is newer than its .po, so running it every time costs nothing.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Compile stale catalogues under every LOCALE_PATHS entry; returns the .mo files written."""
    written = []
    for root in settings.LOCALE_PATHS:
        for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            catalogue = polib.pofile(str(po_path))
            # Like msgfmt without --use-fuzzy: a fuzzy entry is a guess awaiting review and is not used.
            for entry in catalogue.fuzzy_entries():
                entry.obsolete = True
            catalogue.save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile even when the .mo is up to date.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        if options["verbosity"] > 1 or written:
            self.stdout.write(f"Compiled {len(written)} catalogue(s).")
