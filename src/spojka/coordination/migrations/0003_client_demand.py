"""Client records with open needs, kept by triggers, for the capacity figure's persons with open needs.

`coordination_clientdemand` holds one row per client record with an open or in-progress need: the
earliest such need's recording time and the record's municipality. Triggers on the needs and on the
clients' municipality keep it (PostgreSQL only; SQLite counts from the needs themselves), and
`coordination_rebuild_client_demand()` fills it from the needs (here, and after a bulk load that ran
without triggers).
"""

from django.db import migrations, models

from spojka.core.triggers import Trigger, trigger_operation

OPEN = "('open', 'in_progress')"  # cases.enums.NeedStatus: open and in progress

FUNCTIONS = f"""
CREATE FUNCTION coordination_refresh_client_demand(client uuid) RETURNS void LANGUAGE sql AS $$
    DELETE FROM coordination_clientdemand WHERE client_id = client;
    INSERT INTO coordination_clientdemand (client_id, municipality_id, first_open_at)
    SELECT n.client_id, c.municipality_id, MIN(n.created_at)
      FROM cases_caseneed n JOIN clients_client c ON c.id = n.client_id
     WHERE n.client_id = client AND n.status IN {OPEN}
     GROUP BY n.client_id, c.municipality_id
    ON CONFLICT (client_id) DO UPDATE
       SET municipality_id = EXCLUDED.municipality_id, first_open_at = EXCLUDED.first_open_at;
$$;

CREATE FUNCTION coordination_rebuild_client_demand() RETURNS void LANGUAGE sql AS $$
    DELETE FROM coordination_clientdemand;
    INSERT INTO coordination_clientdemand (client_id, municipality_id, first_open_at)
    SELECT n.client_id, c.municipality_id, MIN(n.created_at)
      FROM cases_caseneed n JOIN clients_client c ON c.id = n.client_id
     WHERE n.status IN {OPEN}
     GROUP BY n.client_id, c.municipality_id;
$$;

CREATE FUNCTION coordination_need_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.client_id IS NOT NULL THEN
        PERFORM coordination_refresh_client_demand(OLD.client_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.client_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.client_id IS DISTINCT FROM OLD.client_id) THEN
        PERFORM coordination_refresh_client_demand(NEW.client_id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_client_demand_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coordination_clientdemand SET municipality_id = NEW.municipality_id WHERE client_id = NEW.id;
    RETURN NULL;
END $$;
"""

TRIGGERS = [
    Trigger("cases_caseneed", "coordination_need_demand", "AFTER INSERT OR DELETE OR UPDATE OF client_id, status, created_at",
            "FOR EACH ROW", "coordination_need_changed()"),
    Trigger("clients_client", "coordination_client_demand_municipality", "AFTER UPDATE OF municipality_id",
            "FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)",
            "coordination_client_demand_moved()"),
]  # fmt: skip


class Migration(migrations.Migration):

    dependencies = [
        ('coordination', '0002_figure_months'),
        ('cases', '0005_need_created_index_covers_persons'),
    ]

    operations = [
        migrations.CreateModel(
            name='ClientDemand',
            fields=[
                ('client_id', models.UUIDField(primary_key=True, serialize=False, verbose_name='client')),
                ('municipality_id', models.UUIDField(blank=True, null=True, verbose_name='municipality')),
                ('first_open_at', models.DateTimeField(verbose_name='earliest open need recorded')),
            ],
            options={
                'verbose_name': 'client with open needs',
                'verbose_name_plural': 'clients with open needs',
            },
        ),
        trigger_operation(
            functions=FUNCTIONS,
            triggers=TRIGGERS,
            dropped_functions=[
                "coordination_need_changed()",
                "coordination_client_demand_moved()",
                "coordination_refresh_client_demand(uuid)",
                "coordination_rebuild_client_demand()",
            ],
            then="SELECT coordination_rebuild_client_demand()",
        ),
    ]
