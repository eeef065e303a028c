"""Stored months of the additive dashboard figures, and the triggers that delete a month when its records change.

The triggers (PostgreSQL only; SQLite computes every figure from the records) delete a figure's stored
months whatever writes the records: an action, the admin, an import or plain SQL. A changed row's
months are those within a day of its date either way, so the time zone the months were cut in does
not matter. Each takes the figure's advisory lock shared; `figures.parts` computes a month holding it
exclusively (lock numbers as `figures.parts.FIGURE_LOCKS`).
"""

import uuid

from django.db import migrations, models

from spojka.core.triggers import Trigger, trigger_operation

LOCK_CLASS = 0x5350
REFERRALS = ("referrals_by_sector_pair", 1)
DESK = ("desk_visits", 2)

MONTHS_AROUND = (
    "month BETWEEN date_trunc('month', ({at} - interval '1 day') AT TIME ZONE 'UTC')::date "
    "AND (({at} + interval '1 day') AT TIME ZONE 'UTC')::date"
)

FUNCTIONS = f"""
CREATE FUNCTION coordination_figure_month_stale() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments: the figure, its lock number, the column that puts a row in a month.
DECLARE
    found jsonb;
    stamp timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, TG_ARGV[1]::integer);
    FOREACH found IN ARRAY ARRAY[
        CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END
    ] LOOP
        stamp := (found ->> TG_ARGV[2])::timestamptz;
        CONTINUE WHEN stamp IS NULL;
        DELETE FROM coordination_figuremonth WHERE figure = TG_ARGV[0] AND {MONTHS_AROUND.format(at="stamp")};
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_figure_months_stale() RETURNS trigger LANGUAGE plpgsql AS $$
-- Arguments: pairs of a figure and its lock number; every stored month of these figures goes.
BEGIN
    FOR i IN 0 .. TG_NARGS - 1 BY 2 LOOP
        PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, TG_ARGV[i + 1]::integer);
        DELETE FROM coordination_figuremonth WHERE figure = TG_ARGV[i];
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_client_moved() RETURNS trigger LANGUAGE plpgsql AS $$
-- A client's referrals count in the district of the client's municipality.
BEGIN
    PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, {REFERRALS[1]});
    DELETE FROM coordination_figuremonth m USING referrals_referral r
     WHERE r.client_id = NEW.id AND r.sent_at IS NOT NULL AND m.figure = '{REFERRALS[0]}'
       AND m.{MONTHS_AROUND.format(at="r.sent_at")};
    RETURN NULL;
END $$;
"""

ROW_CHANGES = "AFTER INSERT OR UPDATE OR DELETE"
TRIGGERS = [
    Trigger("referrals_referral", "coordination_referral_months", ROW_CHANGES, "FOR EACH ROW",
            f"coordination_figure_month_stale('{REFERRALS[0]}', '{REFERRALS[1]}', 'sent_at')"),
    Trigger("desk_step", "coordination_step_months", ROW_CHANGES, "FOR EACH ROW",
            f"coordination_figure_month_stale('{DESK[0]}', '{DESK[1]}', 'joined_at')"),
    Trigger("desk_visit", "coordination_visit_months", ROW_CHANGES, "FOR EACH ROW",
            f"coordination_figure_month_stale('{DESK[0]}', '{DESK[1]}', 'service_date')"),
    Trigger("network_organization", "coordination_organization_months", "AFTER UPDATE OF sector, municipality_id",
            "FOR EACH ROW WHEN (OLD.sector IS DISTINCT FROM NEW.sector "
            "OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)",
            f"coordination_figure_months_stale('{REFERRALS[0]}', '{REFERRALS[1]}', '{DESK[0]}', '{DESK[1]}')"),
    Trigger("desk_site", "coordination_site_months", "AFTER UPDATE OF organization_id",
            "FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)",
            f"coordination_figure_months_stale('{DESK[0]}', '{DESK[1]}')"),
    Trigger("geo_administrativeunit", "coordination_unit_months", "AFTER INSERT OR DELETE OR UPDATE OF parent_id",
            "FOR EACH STATEMENT",
            f"coordination_figure_months_stale('{REFERRALS[0]}', '{REFERRALS[1]}', '{DESK[0]}', '{DESK[1]}')"),
    Trigger("clients_client", "coordination_client_months", "AFTER UPDATE OF municipality_id",
            "FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)",
            "coordination_client_moved()"),
]  # fmt: skip


class Migration(migrations.Migration):

    dependencies = [
        ('coordination', '0001_rounds_capacity_meetings_good_practice'),
        ('referrals', '0003_sent_at_index_covers_dashboard_columns'),
        ('desk', '0004_step_joined_index_covers_waits'),
        ('clients', '0002_index_clients_by_registration_date'),
        ('network', '0001_initial'),
        ('geo', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='FigureMonth',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('figure', models.CharField(max_length=40, verbose_name='figure')),
                ('month', models.DateField(verbose_name='month')),
                ('area', models.CharField(blank=True, max_length=36, verbose_name='area')),
                ('data', models.JSONField(verbose_name='data')),
                ('computed_at', models.DateTimeField(auto_now=True, verbose_name='computed')),
            ],
            options={
                'verbose_name': 'stored month of a figure',
                'verbose_name_plural': 'stored months of figures',
                'constraints': [models.UniqueConstraint(fields=('figure', 'month', 'area'), name='coordination_figure_month_once')],
            },
        ),
        trigger_operation(
            functions=FUNCTIONS,
            triggers=TRIGGERS,
            dropped_functions=[
                "coordination_figure_month_stale()",
                "coordination_figure_months_stale()",
                "coordination_client_moved()",
            ],
        ),
    ]
