"""Needs as the needs figure counts them, kept by triggers: when, whose (the person), which category, status.

`coordination_needperson` holds one row per need (PostgreSQL only; SQLite counts from the needs
themselves). Triggers keep it when a need changes, when a client's record is linked to a person or
unlinked, when a client moves, and when a term's parent changes; `coordination_rebuild_need_person()`
fills it from the needs (here, and after a bulk load that ran without triggers).
"""

from django.db import migrations, models

from spojka.core.triggers import Trigger, trigger_operation

ROWS = """
    SELECT n.id, n.created_at, COALESCE(l.person_id, n.client_id), c.municipality_id,
           COALESCE(t.parent_id, t.id), n.status
      FROM cases_caseneed n
      JOIN directory_taxonomyterm t ON t.id = n.term_id
      LEFT JOIN clients_client c ON c.id = n.client_id
      LEFT JOIN linkage_personrecord l ON l.client_id = n.client_id AND l.unlinked_at IS NULL
"""
COLUMNS = "(need_id, created_at, person, municipality_id, category, status)"

FUNCTIONS = f"""
CREATE FUNCTION coordination_rebuild_need_person() RETURNS void LANGUAGE sql AS $$
    DELETE FROM coordination_needperson;
    INSERT INTO coordination_needperson {COLUMNS} {ROWS};
$$;

CREATE FUNCTION coordination_need_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM coordination_needperson WHERE need_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO coordination_needperson {COLUMNS} {ROWS} WHERE n.id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_need_person_relinked() RETURNS trigger LANGUAGE plpgsql AS $$
-- A client's record linked to a person or unlinked: its needs count for the person it now belongs to.
DECLARE
    client uuid;
BEGIN
    FOREACH client IN ARRAY ARRAY[
        CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD.client_id END,
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN NEW.client_id END
    ] LOOP
        CONTINUE WHEN client IS NULL;
        UPDATE coordination_needperson f
           SET person = COALESCE(
               (SELECT l.person_id FROM linkage_personrecord l WHERE l.client_id = client AND l.unlinked_at IS NULL
                 LIMIT 1),
               client)
         WHERE f.need_id IN (SELECT n.id FROM cases_caseneed n WHERE n.client_id = client);
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_need_person_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coordination_needperson SET municipality_id = NEW.municipality_id
     WHERE need_id IN (SELECT n.id FROM cases_caseneed n WHERE n.client_id = NEW.id);
    RETURN NULL;
END $$;

CREATE FUNCTION coordination_need_person_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coordination_needperson SET category = COALESCE(NEW.parent_id, NEW.id)
     WHERE need_id IN (SELECT n.id FROM cases_caseneed n WHERE n.term_id = NEW.id);
    RETURN NULL;
END $$;
"""

TRIGGERS = [
    Trigger("cases_caseneed", "coordination_need_person", "AFTER INSERT OR UPDATE OR DELETE", "FOR EACH ROW",
            "coordination_need_person_changed()"),
    Trigger("linkage_personrecord", "coordination_need_person_links", "AFTER INSERT OR UPDATE OR DELETE", "FOR EACH ROW",
            "coordination_need_person_relinked()"),
    Trigger("clients_client", "coordination_need_person_municipality", "AFTER UPDATE OF municipality_id",
            "FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)",
            "coordination_need_person_moved()"),
    Trigger("directory_taxonomyterm", "coordination_need_person_terms", "AFTER UPDATE OF parent_id",
            "FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)", "coordination_need_person_regrouped()"),
]  # fmt: skip


class Migration(migrations.Migration):

    dependencies = [
        ('coordination', '0003_client_demand'),
        ('directory', '0002_search_index'),
        ('linkage', '0001_persons_links_and_candidate_pairs'),
    ]

    operations = [
        migrations.CreateModel(
            name='NeedPerson',
            fields=[
                ('need_id', models.UUIDField(primary_key=True, serialize=False, verbose_name='need')),
                ('created_at', models.DateTimeField(verbose_name='recorded')),
                ('person', models.UUIDField(blank=True, null=True, verbose_name='person')),
                ('municipality_id', models.UUIDField(blank=True, null=True, verbose_name='municipality')),
                ('category', models.UUIDField(verbose_name='category')),
                ('status', models.CharField(max_length=16, verbose_name='status')),
            ],
            options={
                'verbose_name': 'need as counted',
                'verbose_name_plural': 'needs as counted',
                'indexes': [models.Index(fields=['created_at'], include=('person', 'category', 'status', 'municipality_id'), name='coordination_need_person_at')],
            },
        ),
        trigger_operation(
            functions=FUNCTIONS,
            triggers=TRIGGERS,
            dropped_functions=[
                "coordination_need_person_changed()",
                "coordination_need_person_relinked()",
                "coordination_need_person_moved()",
                "coordination_need_person_regrouped()",
                "coordination_rebuild_need_person()",
            ],
            then="SELECT coordination_rebuild_need_person()",
        ),
    ]
