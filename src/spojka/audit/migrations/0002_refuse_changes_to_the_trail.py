"""Make the audit trail append-only in the database itself, whatever connects to it.

On PostgreSQL a trigger rejects UPDATE and DELETE of entries (TRUNCATE, which the test
runner's flush uses, is a statement the application never issues). On SQLite a trigger
rejects UPDATE; DELETE is left to the model, because Django's test flush deletes rows there.
"""

from django.db import migrations

POSTGRESQL_INSTALL = """
CREATE OR REPLACE FUNCTION audit_accessentry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'the audit trail is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accessentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accessentry
    FOR EACH ROW EXECUTE FUNCTION audit_accessentry_refuse_change();
"""

POSTGRESQL_REMOVE = """
DROP TRIGGER IF EXISTS audit_accessentry_append_only ON audit_accessentry;
DROP FUNCTION IF EXISTS audit_accessentry_refuse_change();
"""

SQLITE_INSTALL = """
CREATE TRIGGER audit_accessentry_no_update BEFORE UPDATE ON audit_accessentry
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused');
END;
"""

SQLITE_REMOVE = "DROP TRIGGER IF EXISTS audit_accessentry_no_update;"


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_INSTALL)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_INSTALL)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REMOVE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REMOVE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
