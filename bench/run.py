"""Benchmark the pages that grow with data: directory, search, member list, dashboards.

Usage: `make bench` (or `python bench/run.py --scale 5`). Uses its own SQLite file unless
DATABASE_URL is set, loads demo data at the given scale, then times each page with Django's test
client (no network): median and 95th percentile of N runs, plus the number of SQL queries.
Results go to stdout; copy them to docs/benchmarks.md with the machine and date.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=5)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True  # count queries
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--scale", str(args.scale), "--quiet-logins")

    from portal.accounts.models import User
    from portal.associations.models import Association, Membership
    from portal.desk.models import Requirement as DeskRequirement

    biggest = Association.objects.approved().annotate(n=django.db.models.Count("memberships")).order_by("-n").first()
    member = User.objects.get(email="member@tiruppur.demo.diaportal.in")
    officer = User.objects.get(email="officer@demo.diaportal.in")
    secretary = User.objects.get(email="secretary@tiruppur.demo.diaportal.in")
    biggest_member = User.objects.filter(enterprise_roles__enterprise__memberships__association=biggest).first()

    from portal.desk.models import Requirement

    desk_item = Requirement.objects.visible_to(secretary).exclude(status="draft").first()
    anonymous, member_client, officer_client, secretary_client = Client(), Client(), Client(), Client()
    member_client.force_login(member)
    officer_client.force_login(officer)
    secretary_client.force_login(secretary)
    big_client = officer_client if biggest_member is None else Client()
    if biggest_member is not None:
        big_client.force_login(biggest_member)

    cases = [
        ("Home page (anonymous)", anonymous, "/"),
        ("Directory, page 1 (anonymous)", anonymous, "/associations/"),
        ("Directory search 'engineering' + state filter", anonymous, "/associations/?q=engineering&state=MH"),
        ("Directory, north-east filter, HTMX partial", anonymous, "/associations/?north_east=on"),
        ("Association profile", anonymous, "/associations/tiruppur-knitwear-manufacturers-association/"),
        (
            f"Member directory, {biggest.memberships.count()} memberships",
            big_client,
            f"/associations/{biggest.slug}/members/",
        ),
        ("Dashboard, SIDBI officer", officer_client, "/me/"),
        ("Dashboard, office-bearer", secretary_client, "/me/"),
        ("Review queue, SIDBI officer", officer_client, "/associations/review/"),
        ("Requirements desk, office-bearer", secretary_client, "/desk/"),
        ("Requirements desk, overdue filter, SIDBI", officer_client, "/desk/?status=overdue"),
        ("Service levels, SIDBI (national, per provider)", officer_client, "/desk/stats/"),
        ("Requirement detail with matching, office-bearer", secretary_client, f"/desk/{desk_item.pk}/"),
        ("Pooled demand list, member", member_client, "/pooled/"),
        ("Provider directory (anonymous)", anonymous, "/providers/"),
    ]
    print(
        f"Data: {Association.objects.count()} associations, {Membership.objects.count()} memberships, "
        f"{DeskRequirement.objects.count()} requirements, "
        f"database {connection.vendor}, {args.runs} runs each\n"
    )
    print("| page | median ms | p95 ms | queries |\n| --- | ---: | ---: | ---: |")
    for label, client, url in cases:
        headers = {"HTTP_HX_REQUEST": "true"} if "HTMX" in label else {}
        timings = []
        for _ in range(args.runs):
            reset_queries()
            start = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"| {label} | {statistics.median(timings):.1f} | {p95:.1f} | {queries} |")


if __name__ == "__main__":
    main()
