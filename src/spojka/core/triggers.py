"""Database triggers that migrations create on PostgreSQL (SQLite, the embedded database, has none of them).

A migration lists its functions' SQL and its triggers, and `trigger_operation` creates them, runs a
statement that fills what they keep, and drops them when the migration is reversed.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


@dataclass(frozen=True)
class Trigger:
    """A trigger: on which table, its name, on which events, for each row or statement, calling what."""

    table: str
    name: str
    events: str  # "AFTER INSERT OR UPDATE OR DELETE", "AFTER UPDATE OF sector"
    each: str  # "FOR EACH ROW", "FOR EACH ROW WHEN (…)", "FOR EACH STATEMENT"
    call: str  # the function with its arguments


def trigger_operation(
    *, functions: str, triggers: Sequence[Trigger], dropped_functions: Sequence[str], then: str = ""
) -> migrations.RunPython:
    """Return the operation creating the functions and triggers (then running `then`), and dropping them back."""

    def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(functions)
        for trigger in triggers:
            schema_editor.execute(
                f"CREATE TRIGGER {trigger.name} {trigger.events} ON {trigger.table} {trigger.each} "
                f"EXECUTE FUNCTION {trigger.call}"
            )
        if then:
            schema_editor.execute(then)

    def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for trigger in triggers:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger.name} ON {trigger.table}")
        for function in dropped_functions:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")

    return migrations.RunPython(create, drop)
