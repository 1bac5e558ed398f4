"""Backups of the database and the uploaded files, and their restore.

A backup is one folder ``<BACKUP_DIR>/dia-<UTC time>/`` holding the database (``pg_dump`` custom format on
PostgreSQL, a copy made with SQLite's online backup API otherwise), ``media.tar.gz`` with everything
under MEDIA_ROOT, and ``manifest.json`` with each file's SHA-256. A backup is written under a temporary
name and renamed when complete, so a folder named ``dia-*`` is always a whole backup.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
PREFIX = "dia-"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def _engine(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_args(database: dict) -> tuple[list[str], dict]:
    args = []
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)") from exc
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()[:2000]}")


def backup_create(*, directory: Path, keep: int, database: dict | None = None, media_root: Path | None = None) -> Path:
    """Write one complete backup into ``directory`` and delete the oldest beyond ``keep``; returns its folder."""
    database = database or settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = _engine(database)
    created = datetime.now(UTC)
    name = PREFIX + created.strftime("%Y%m%dT%H%M%S%fZ")
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f".partial-{name}"
    partial.mkdir()
    try:
        if engine == "postgresql":
            database_file = PG_DUMP
            args, env = _pg_args(database)
            _run(["pg_dump", *args, "--format=custom", "--file", str(partial / PG_DUMP), str(database["NAME"])], env)
        else:
            database_file = SQLITE_COPY
            # The online backup API copies a consistent snapshot even while the portal writes.
            source = sqlite3.connect(str(database["NAME"]))
            target = sqlite3.connect(str(partial / SQLITE_COPY))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        with tarfile.open(partial / MEDIA_ARCHIVE, "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname=".")
        files = {
            filename: {"sha256": _sha256(partial / filename), "bytes": (partial / filename).stat().st_size}
            for filename in (database_file, MEDIA_ARCHIVE)
        }
        manifest = {
            "format": 1,
            "created_at": created.isoformat(),
            "engine": engine,
            "database_file": database_file,
            "media_file": MEDIA_ARCHIVE,
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        final = directory / name
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    backup_prune(directory=directory, keep=keep)
    return final


def backup_list(directory: Path) -> list[Path]:
    """Complete backups in ``directory``, oldest first."""
    if not directory.exists():
        return []
    return sorted(path for path in directory.iterdir() if path.name.startswith(PREFIX) and (path / MANIFEST).exists())


def backup_prune(*, directory: Path, keep: int) -> list[Path]:
    backups = backup_list(directory)
    doomed = backups[: max(len(backups) - max(keep, 1), 0)]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def backup_verify(path: Path) -> dict:
    """The manifest, once every file in it is present with the recorded SHA-256."""
    manifest_path = path / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{path} is not a backup: it has no {MANIFEST}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    for filename, expected in manifest["files"].items():
        file = path / filename
        if not file.exists():
            problems.append(f"{filename} is missing")
        elif _sha256(file) != expected["sha256"]:
            problems.append(f"{filename} does not match its checksum")
    if problems:
        raise BackupError("The backup is damaged: " + "; ".join(problems))
    return manifest


def _pg_table_count(database: dict) -> int:
    import psycopg

    with psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
    ) as connection:
        row = connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchone()
    return row[0]


def _sqlite_table_count(path: Path) -> int:
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with sqlite3.connect(str(path)) as connection:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]


def backup_restore(*, path: Path, database: dict, media_root: Path, force: bool = False) -> dict:
    """Bring a backup back into an empty database and an empty MEDIA_ROOT (``force`` overwrites both)."""
    manifest = backup_verify(path)
    engine = _engine(database)
    if manifest["engine"] != engine:
        raise BackupError(f"This is a {manifest['engine']} backup; the target database is {engine}")
    tables = _pg_table_count(database) if engine == "postgresql" else _sqlite_table_count(Path(database["NAME"]))
    media_in_use = media_root.exists() and any(media_root.iterdir())
    if not force and (tables or media_in_use):
        what = []
        if tables:
            what.append(f"the database {database['NAME']} has {tables} tables")
        if media_in_use:
            what.append(f"{media_root} is not empty")
        raise BackupError("Refusing to overwrite: " + " and ".join(what) + " (use --force to replace them)")

    if engine == "postgresql":
        args, env = _pg_args(database)
        command = ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if force and tables:
            command += ["--clean", "--if-exists"]
        _run([*command, "--dbname", str(database["NAME"]), str(path / manifest["database_file"])], env)
    else:
        target_path = Path(database["NAME"])
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(str(path / manifest["database_file"]))
        target = sqlite3.connect(str(target_path))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()

    if force and media_in_use:
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path / manifest["media_file"], "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return manifest
