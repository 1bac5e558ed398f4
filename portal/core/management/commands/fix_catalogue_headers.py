"""Give every catalogue the right header: its language, UTF-8, and the Plural-Forms of that language.

``makemessages`` copies Plural-Forms from Django's own catalogue when one exists and leaves a placeholder
otherwise (Assamese, Gujarati, Odia); the portal's rules are in portal.core.i18n.PLURAL_FORMS.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from portal.core.i18n import PLURAL_FORMS


class Command(BaseCommand):
    help = "Set Language, Content-Type and Plural-Forms in every locale/<lang>/LC_MESSAGES/*.po."

    def handle(self, *args, **options):
        for root in settings.LOCALE_PATHS:
            for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
                language = po_path.parent.parent.name
                if language not in PLURAL_FORMS:
                    continue
                catalogue = polib.pofile(str(po_path))
                catalogue.metadata.update(
                    {
                        "Project-Id-Version": "DIA Portal",
                        "Language": language,
                        "MIME-Version": "1.0",
                        "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit",
                        "Plural-Forms": PLURAL_FORMS[language],
                    }
                )
                # makemessages marks the header itself fuzzy while it holds placeholders; it is now complete.
                if "fuzzy" in catalogue.metadata_is_fuzzy or catalogue.metadata_is_fuzzy:
                    catalogue.metadata_is_fuzzy = []
                catalogue.save()
                self.stdout.write(f"{po_path}: Plural-Forms {PLURAL_FORMS[language]}")
