"""Audit rows cannot be changed or deleted, even by someone with direct database access through the app's user.

PostgreSQL: a trigger refuses UPDATE and DELETE. The one UPDATE let through is Django's ON DELETE SET NULL when
the actor or association a row points at is deleted: every other column must stay as it was. TRUNCATE (used
by test flushes and restores) is not a row operation and is not affected.
SQLite (development): the same rule for UPDATE; DELETE is left alone there because Django's test flush
deletes rows.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION core_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
       AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id
       AND NEW.target_repr = OLD.target_repr AND NEW.reason = OLD.reason AND NEW.data = OLD.data
       AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
       AND (NEW.association_id IS NOT DISTINCT FROM OLD.association_id OR NEW.association_id IS NULL) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditlog_append_only BEFORE UPDATE OR DELETE ON core_auditlog
    FOR EACH ROW EXECUTE FUNCTION core_auditlog_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS core_auditlog_append_only ON core_auditlog;
DROP FUNCTION IF EXISTS core_auditlog_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER core_auditlog_append_only BEFORE UPDATE ON core_auditlog
WHEN NOT (NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.action IS OLD.action
          AND NEW.target_type IS OLD.target_type AND NEW.target_id IS OLD.target_id
          AND NEW.target_repr IS OLD.target_repr AND NEW.reason IS OLD.reason AND NEW.data IS OLD.data
          AND (NEW.actor_id IS OLD.actor_id OR NEW.actor_id IS NULL)
          AND (NEW.association_id IS OLD.association_id OR NEW.association_id IS NULL))
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only: UPDATE refused');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS core_auditlog_append_only;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_reference_data")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
