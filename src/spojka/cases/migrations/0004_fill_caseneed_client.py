"""Copy each existing need's case's client onto the need (new needs get it when recorded)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import OuterRef, Subquery


def copy_client_of_case(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Case = apps.get_model("cases", "Case")
    CaseNeed = apps.get_model("cases", "CaseNeed")
    client_of_case = Case.objects.filter(pk=OuterRef("case_id")).values("client_id")[:1]
    CaseNeed.objects.using(schema_editor.connection.alias).filter(client__isnull=True).update(
        client_id=Subquery(client_of_case)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_caseneed_client"),
    ]

    operations = [
        # Backwards there is nothing to undo: the previous migration's reversal drops the column.
        migrations.RunPython(copy_client_of_case, migrations.RunPython.noop, elidable=True),
    ]
