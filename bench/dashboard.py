"""Benchmark the national dashboard on PostgreSQL at `seed_demo --scale 50`.

Usage: `make bench-dashboard` (or `python bench/dashboard.py --scale 50 --runs 10`). Uses the
database in DATABASE_URL (default: a PostgreSQL database `dia_bench` on 127.0.0.1, created if
missing), loads the demo at the given scale unless it is already there, then renders the
national dashboard through Django's test client:
  * cold: the figures cache emptied before every request (all aggregates computed);
  * cached: figures served from the cache (what users see within the freshness window).
Prints a Markdown table for docs/performance.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dia_bench")


def ensure_database() -> None:
    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        return
    name = url.rsplit("/", 1)[1]
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    if exists.stdout.strip() != "1":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def timed(client, url: str, runs: int, before=None) -> tuple[float, float, int]:
    from django.db import connection, reset_queries

    timings, queries = [], 0
    for _ in range(runs):
        if before:
            before()
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    ensure_database()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True  # count queries
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from portal.associations.models import Association, Membership
    from portal.desk.models import Requirement

    if Association.objects.count() < 100 * args.scale:
        started = time.perf_counter()
        call_command("seed_demo", "--scale", str(args.scale), "--quiet-logins")
        print(f"Seeded scale {args.scale} in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        # Fresh bulk loads have no planner statistics yet (autovacuum catches up later); a production
        # database has them, so measure with them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from portal.accounts.models import User

    officer = Client()
    officer.force_login(User.objects.get(email="officer@demo.diaportal.in"))
    print(
        f"Data: {Association.objects.count():,} associations, {Membership.objects.count():,} memberships, "
        f"{Requirement.objects.count():,} requirements; database {connection.vendor}; {args.runs} runs each\n"
    )
    print("| view | cold median ms | cold p95 ms | cold queries | cached median ms | cached queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, url in [
        ("National dashboard, all India, last 12 months", "/insights/"),
        ("National dashboard, north-east only", "/insights/?north_east=on"),
        ("National dashboard, textiles, this financial year", "/insights/?sector=textiles&period=fy"),
        ("Drill-down list, all approved associations", "/insights/associations/"),
    ]:
        cold = timed(officer, url, args.runs, before=cache.clear)
        cached = timed(officer, url, args.runs)
        print(f"| {label} | {cold[0]:.0f} | {cold[1]:.0f} | {cold[2]} | {cached[0]:.0f} | {cached[2]} |")


if __name__ == "__main__":
    main()
