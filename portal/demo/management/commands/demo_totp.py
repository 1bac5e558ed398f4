import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core.samples import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo SIDBI and admin accounts (development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo codes do not exist in production.")
        period = mfa_settings.TOTP_PERIOD
        counter = int(time.time()) // period
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
        seconds_left = period - int(time.time()) % period
        self.stdout.write(f"{code}  (valid for {seconds_left} more seconds; secret {DEMO_TOTP_SECRET})")
