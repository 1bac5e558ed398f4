"""The restore drill: back up a seeded portal, restore it into a new database, and compare everything.

Runs on the database the suite runs on: the SQLite drill on SQLite, the PostgreSQL drill (pg_dump and
pg_restore) when DATABASE_URL names PostgreSQL, as in CI's second run.
"""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from portal.associations.models import Membership
from portal.finances.models import LedgerEntry
from portal.ops.backups import MANIFEST
from portal.support.models import Tranche

KEY_TABLES = [LedgerEntry._meta.db_table, Tranche._meta.db_table, Membership._meta.db_table]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL drill runs when DATABASE_URL names PostgreSQL (CI)"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite drill runs on the SQLite suite")


class Snapshot:
    """Row counts of every table and a checksum of the key tables' rows, read through a DB-API connection."""

    def __init__(self, cursor, tables: list[str]):
        self.counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names come from the catalogue
            self.counts[table] = cursor.fetchone()[0]
        self.checksums = {}
        for table in KEY_TABLES:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY id')  # noqa: S608
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
            self.checksums[table] = digest.hexdigest()


def _sqlite_snapshot(path) -> Snapshot:
    with sqlite3.connect(str(path)) as db:
        cursor = db.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return Snapshot(cursor, [row[0] for row in cursor.fetchall()])


def _pg_connect(name: str, autocommit=False):
    import psycopg

    database = settings.DATABASES["default"]
    return psycopg.connect(
        dbname=name,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=autocommit,
    )


def _pg_snapshot(name: str) -> Snapshot:
    with _pg_connect(name) as db:
        cursor = db.cursor()
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
        )
        return Snapshot(cursor, [row[0] for row in cursor.fetchall()])


@pytest.fixture
def seeded_portal(reference_data, settings):
    """The demo seed (scale 1: ~100 associations, ~2,000 enterprises, books, tranches, uploads), committed."""
    call_command("seed_demo", "--quiet-logins")
    assert LedgerEntry.objects.exists() and Tranche.objects.exists() and Membership.objects.exists()
    assert any(Path(settings.MEDIA_ROOT).rglob("*.*")), "the seed stores uploaded files"


def _media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _assert_same(before: Snapshot, after: Snapshot) -> None:
    assert after.counts == before.counts
    assert after.checksums == before.checksums
    assert before.counts[LedgerEntry._meta.db_table] > 0


@on_sqlite
def test_sqlite_backup_restores_into_a_new_database_identically(seeded_portal, tmp_path, settings):
    source = settings.DATABASES["default"]["NAME"]
    before = _sqlite_snapshot(source)
    backup = Path(call_command_output("backup", "--dir", str(tmp_path / "backups")))
    target = tmp_path / "restored.sqlite3"
    call_command("restore", str(backup), "--database-url", f"sqlite:///{target}", "--media-root", str(tmp_path / "m"))
    _assert_same(before, _sqlite_snapshot(target))
    assert _media_files(tmp_path / "m") == _media_files(Path(settings.MEDIA_ROOT))


@on_postgresql
def test_postgresql_backup_restores_into_a_new_database_identically(seeded_portal, tmp_path, settings):
    source = settings.DATABASES["default"]["NAME"]
    # test_dia -> dia_restore (CI); test_dia_ops -> dia_ops_restore (an engineer's own database).
    target = source.removeprefix("test_") + "_restore"
    with _pg_connect("postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        before = _pg_snapshot(source)
        backup = Path(call_command_output("backup", "--dir", str(tmp_path / "backups")))
        url = _url_for(target)
        call_command("restore", str(backup), "--database-url", url, "--media-root", str(tmp_path / "m"))
        _assert_same(before, _pg_snapshot(target))
        assert _media_files(tmp_path / "m") == _media_files(Path(settings.MEDIA_ROOT))
        # A second restore into the now full database is refused.
        with pytest.raises(CommandError, match="Refusing to overwrite"):
            call_command("restore", str(backup), "--database-url", url, "--media-root", str(tmp_path / "m2"))
    finally:
        with _pg_connect("postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def _url_for(name: str) -> str:
    database = settings.DATABASES["default"]
    credentials = database.get("USER") or ""
    if database.get("PASSWORD"):
        credentials += f":{database['PASSWORD']}"
    return f"postgres://{credentials}@{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/{name}"


def call_command_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def _tiny_backup(tmp_path, settings, keep=14) -> Path:
    """A backup of the (almost empty) test database: enough for the checks that do not need the seed."""
    return Path(call_command_output("backup", "--dir", str(tmp_path / "backups"), "--keep", str(keep)))


@pytest.mark.django_db(transaction=True)
def test_a_backup_has_a_manifest_with_the_checksum_of_each_file(tmp_path, settings):
    (Path(settings.MEDIA_ROOT) / "certificates").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "certificates" / "a.pdf").write_bytes(b"%PDF-1.4 test")
    backup = _tiny_backup(tmp_path, settings)
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["engine"] == connection.vendor.replace("postgresql", "postgresql")
    for filename, entry in manifest["files"].items():
        assert hashlib.sha256((backup / filename).read_bytes()).hexdigest() == entry["sha256"]
    assert set(manifest["files"]) == {manifest["database_file"], "media.tar.gz"}


@pytest.mark.django_db(transaction=True)
def test_only_the_newest_backups_are_kept(tmp_path, settings):
    made = [_tiny_backup(tmp_path, settings, keep=2) for _ in range(3)]
    remaining = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert remaining == [made[1].name, made[2].name]


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path, settings):
    backup = _tiny_backup(tmp_path, settings)
    manifest = json.loads((backup / MANIFEST).read_text())
    with (backup / manifest["database_file"]).open("ab") as handle:
        handle.write(b"tampered")
    target = tmp_path / "restored.sqlite3"
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(backup), "--database-url", f"sqlite:///{target}", "--media-root", str(tmp_path))
    assert not target.exists()


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(tmp_path, settings):
    backup = _tiny_backup(tmp_path, settings)
    target = tmp_path / "restored.sqlite3"
    url = f"sqlite:///{target}"
    call_command("restore", str(backup), "--database-url", url, "--media-root", str(tmp_path / "m"))
    with pytest.raises(CommandError, match="Refusing to overwrite"):
        call_command("restore", str(backup), "--database-url", url, "--media-root", str(tmp_path / "m2"))
    call_command("restore", str(backup), "--database-url", url, "--media-root", str(tmp_path / "m"), "--force")
