from django.core.management.base import BaseCommand, CommandError

from portal.core.samples import assert_not_production
from portal.demo.seeding import DemoSeeder, login_table


class Command(BaseCommand):
    help = "Load demo associations, enterprises and a log-in for every role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the amount of demo data (default 1).")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo log-ins.")

    def handle(self, *args, scale: int, quiet_logins: bool, **options):
        try:
            assert_not_production()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        DemoSeeder(scale=scale, stdout=self.stdout).run()
        if not quiet_logins:
            self.stdout.write(
                "\nDemo log-ins (SIDBI and admin accounts need a TOTP code: `python manage.py demo_totp`):\n"
            )
            self.stdout.write(login_table())
