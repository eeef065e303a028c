# The SQL here is built from the benchmark's own constants and generated ids, never from input; its long
# fragments read better whole.
# ruff: noqa: S608, E501
"""Benchmark of the coordination dashboard: every figure over 200,000 clients, 600,000 referrals, 1,000,000 visits.

Run it from the repository's root:

    .venv/bin/python bench/dashboard.py [--clients 200000] [--referrals 600000] [--visits 1000000] [--repeat 9]
                                        [--no-write] [--keep] [--reuse] [--database bench_dashboard]

It creates a PostgreSQL database `bench_dashboard` (or --database NAME) on 127.0.0.1 (user postgres,
trust authentication), migrates it, fills it in the database itself (INSERT … SELECT over
generate_series: a region with 10 districts and 200 municipalities, 100 organisations of every
sector, clients registered over two years with 5% of them linked in pairs to one person, a case
and 1.5 needs per client, referrals between the organisations in every status, one-stop-shop
visits with one or two steps each) with the triggers off, then fills the tables the triggers would
have kept (`rebuild_figure_tables`) and runs VACUUM ANALYZE. It times each dashboard figure
(`compute_figure`, suppression included) for the default period (the last twelve months) for the
whole region and for one district, and for the last calendar month: the first view, which computes
the stored months it lacks (`figures.parts`), then median and 95th percentile over --repeat views;
and, for the figures kept by month, the first view after one record of a stored month changed
(median over --repeat changes, each in another month). Goal: every figure under 300 ms. It prints a
table and adds it to bench/RESULTS.md.
The database is dropped at the end (unless --keep).
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench" / "RESULTS.md"
PG_SERVER: Final = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE: Final = "bench_dashboard"
GOAL_MS: Final = 300.0
SECTORS: Final = ["state", "regional", "municipal", "non_profit", "integration_centre", "international", "other"]
CITIZENSHIPS: Final = ["UA"] * 12 + ["SY", "AF", "VN", "MD", "RU", "BY", "KZ", "GE", "NG", "IR"]


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{database}"
    os.environ["SPOJKA_TESTING"] = "1"
    os.environ["DEBUG"] = "false"  # DEBUG would keep every query in memory
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _insert(model: Any, *, source: str, values: dict[str, str], params: tuple[Any, ...] = ()) -> int:
    """INSERT … SELECT rows of a model from `source`; columns not given take the field's default."""
    from django.db import connection

    columns, expressions, parameters = [], [], list(params)
    defaults: list[Any] = []
    for field in model._meta.concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.column in values:
            expressions.append(values[field.column].replace(" % ", " %% "))
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expressions.append("now()")
        elif field.null:
            expressions.append("NULL")
        else:
            expressions.append("%s")
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} FROM {source}"
    )
    # Defaults come after the parameters of `values`, in column order, as the placeholders do.
    ordered: list[Any] = []
    given = iter(parameters)
    default = iter(defaults)
    for field in model._meta.concrete_fields:
        if field.column in values:
            ordered.extend(next(given) for _ in range(values[field.column].count("%s")))
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        elif not field.null:
            ordered.append(next(default))
    with connection.cursor() as cursor:
        cursor.execute(sql, ordered)
        return cursor.rowcount


def _array(values: list[Any]) -> str:
    return "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]"


def _build(clients: int, referrals: int, visits: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from spojka.cases.models import Case, CaseNeed
    from spojka.clients.models import Client
    from spojka.desk.models import Site, Station, Step, Visit
    from spojka.directory.models import Service, Taxonomy, TaxonomyTerm
    from spojka.geo.models import AdministrativeUnit, Country, ResidenceStatus
    from spojka.linkage.models import Person, PersonRecord
    from spojka.network.models import Organization
    from spojka.referrals.models import Referral

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # The fill is generated whole: the triggers that mark stored months of figures stale (there are none
        # yet) and those that check foreign keys (the generator's ids are right by construction) stay off.
        cursor.execute("SET session_replication_role = replica")
    with transaction.atomic():
        country = Country.objects.create(code="CZ", labels={"en": "Czechia"})
        region = AdministrativeUnit.objects.create(country=country, code="CZ051", name="Region", level="region")
        districts = [
            AdministrativeUnit.objects.create(
                country=country, code=f"51{d:02d}", name=f"District {d}", level="orp", depth=1, parent=region
            )
            for d in range(10)
        ]
        municipalities = [
            AdministrativeUnit.objects.create(
                country=country,
                code=f"5{m:05d}",
                name=f"Municipality {m}",
                level="municipality",
                depth=2,
                parent=districts[m % 10],
            )
            for m in range(200)
        ]
        statuses = [
            ResidenceStatus.objects.create(country=country, code=f"status{s}", labels={"en": f"Status {s}"})
            for s in range(6)
        ]
        organizations = [
            Organization.objects.create(
                name=f"Organisation {o}", sector=SECTORS[o % len(SECTORS)], municipality=municipalities[o * 2]
            )
            for o in range(100)
        ]
        taxonomy = Taxonomy.objects.create(code="needs", labels={"en": "Needs"})
        terms = [
            TaxonomyTerm.objects.create(taxonomy=taxonomy, code=f"need{t}", labels={"en": f"Need {t}"})
            for t in range(12)
        ]
        for organization in organizations:
            _insert(
                Service,
                source="generate_series(1, 1) AS g(i)",
                values={"id": "gen_random_uuid()", "organization_id": "%s", "name": "%s"},
                params=(organization.pk, f"Service of {organization.name}"),
            )
        sites = [
            Site.objects.create(name=f"Site {s}", organization=organizations[s * 7], ticket_prefix="A")
            for s in range(5)
        ]
        kinds = ["registration", "foreign_police", "health_insurance", "labour_office", "accommodation", "non_profit"]
        stations = [
            Station.objects.create(site=site, organization=site.organization, kind=kind, code=str(k + 1), labels={})
            for site in sites
            for k, kind in enumerate(kinds)
        ]
    org_ids = _array([o.pk for o in organizations])
    muni_ids = _array([m.pk for m in municipalities])
    status_ids = _array([s.pk for s in statuses])
    term_ids = _array([t.pk for t in terms])
    site_ids = _array([s.pk for s in sites])
    station_ids = _array([s.pk for s in stations])
    when = "now() - random() * 730 * interval '1 day'"
    with transaction.atomic():
        _insert(
            Client,
            source=f"generate_series(1, {clients}) AS g(i)",
            values={
                "id": "gen_random_uuid()",
                "organization_id": f"({org_ids}::uuid[])[1 + i % 100]",
                "given_name": "'Olena'",
                "family_name": "'Kovalenko' || i",
                "citizenship": f"({_array(CITIZENSHIPS)})[1 + (i * 7) % {len(CITIZENSHIPS)}]",
                "residence_status_id": f"CASE WHEN i % 50 = 0 THEN NULL ELSE ({status_ids}::uuid[])[1 + i % 6] END",
                "municipality_id": f"CASE WHEN i % 40 = 0 THEN NULL ELSE ({muni_ids}::uuid[])[1 + (i * 13) % 200] END",
                "created_at": when,
                "updated_at": "now()",
            },
        )
        timings["clients"] = time.perf_counter() - started
        # 5% of the clients are linked in pairs: two records of one person.
        linked = clients // 20
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_pairs AS SELECT id AS client_id, (row_number() OVER (ORDER BY id) + 1) / 2 AS pair "
                f"FROM (SELECT id FROM clients_client ORDER BY id LIMIT {linked}) c"
            )
            cursor.execute(
                "CREATE TEMP TABLE bench_persons AS SELECT pair, gen_random_uuid() AS person_id FROM bench_pairs GROUP BY pair"
            )
        _insert(Person, source="bench_persons", values={"id": "person_id", "created_at": "now()"})
        _insert(
            PersonRecord,
            source="bench_pairs JOIN bench_persons USING (pair)",
            values={
                "id": "gen_random_uuid()",
                "person_id": "person_id",
                "client_id": "client_id",
                "linked_at": "now()",
            },
        )
        _insert(
            Case,
            source="clients_client c",
            values={
                "id": "gen_random_uuid()",
                "organization_id": "c.organization_id",
                "client_id": "c.id",
                "title": "'Case'",
                "status": "'open'",
                "opened_on": "c.created_at::date",
                "created_at": "c.created_at",
                "updated_at": "c.created_at",
            },
        )
        _insert(
            CaseNeed,
            source="cases_case c CROSS JOIN generate_series(1, 2) AS g(i) WHERE i = 1 OR hashtext(c.id::text) %% 2 = 0",
            values={
                "id": "gen_random_uuid()",
                "case_id": "c.id",
                "client_id": "c.client_id",
                "term_id": f"({term_ids}::uuid[])[1 + ((hashtext(c.id::text)::bigint % 12 + 12 + i * 5) % 12)::int]",
                "status": "(ARRAY['open', 'in_progress', 'met', 'unmet'])[1 + floor(random() * 4)::int]",
                "created_at": "c.created_at + interval '1 hour'",
                "updated_at": "c.created_at + interval '1 hour'",
            },
        )
        timings["cases"] = time.perf_counter() - started
        per_case = max(1, round(referrals / clients))
        _insert(
            Referral,
            source=(
                f"(SELECT c.*, g.i, s.id AS service_id, s.organization_id AS recipient_id, random() AS r "
                f"FROM cases_case c CROSS JOIN generate_series(1, {per_case}) AS g(i) "
                f"JOIN LATERAL (SELECT id, organization_id FROM directory_service "
                f"ORDER BY md5(c.id::text || g.i::text) LIMIT 1) s ON true) x"
            ),
            values={
                "id": "gen_random_uuid()",
                "kind": "'referral'",
                "status": "CASE WHEN r < 0.15 THEN 'sent' WHEN r < 0.3 THEN 'declined' WHEN r < 0.5 THEN 'accepted' "
                "WHEN r < 0.85 THEN 'completed' ELSE 'not_completed' END",
                "sender_organization_id": "x.organization_id",
                "case_id": "x.id",
                "client_id": "x.client_id",
                "recipient_organization_id": "x.recipient_id",
                "service_id": "x.service_id",
                "created_at": "x.created_at + interval '1 day'",
                "updated_at": "x.created_at + interval '1 day'",
                "sent_at": "x.created_at + interval '1 day'",
                "responded_at": "CASE WHEN r >= 0.15 THEN x.created_at + interval '1 day' + random() * 96 * interval '1 hour' END",
                "closed_at": "CASE WHEN r >= 0.5 THEN x.created_at + interval '6 days' + random() * 30 * interval '1 day' END",
            },
        )
        timings["referrals"] = time.perf_counter() - started
        _insert(
            Visit,
            source=f"(SELECT i, {when} AS at FROM generate_series(1, {visits}) AS g(i)) v",
            values={
                "id": "gen_random_uuid()",
                "site_id": f"({site_ids}::uuid[])[1 + i % 5]",
                "service_date": "v.at::date",
                "number": "i",
                "ticket": "'A-' || i",
                "language": "'uk'",
                "status": "'done'",
                "created_at": "v.at",
                "finished_at": "v.at + interval '2 hours'",
                "client_id": "NULL",
            },
        )
        _insert(
            Step,
            source=(
                "(SELECT v.id AS visit_id, v.site_id, v.created_at, p.position, random() AS r "
                "FROM desk_visit v CROSS JOIN generate_series(1, 2) AS p(position) "
                "WHERE p.position = 1 OR v.number %% 2 = 0) s"
            ),
            values={
                "id": "gen_random_uuid()",
                "visit_id": "s.visit_id",
                "station_id": f"({station_ids}::uuid[])[1 + (position - 1) + floor(r * 5)::int "
                "+ 6 * (array_position(" + site_ids + "::uuid[], s.site_id) - 1)]",
                "position": "s.position",
                "status": "'served'",
                "joined_at": "s.created_at + (s.position - 1) * interval '30 minutes'",
                "called_at": "s.created_at + (s.position - 1) * interval '30 minutes' + r * 90 * interval '1 minute'",
                "finished_at": "s.created_at + interval '2 hours'",
            },
        )
        timings["visits"] = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
    # What the triggers would have kept: the client records with open needs, the needs as counted.
    from spojka.coordination.figures.parts import rebuild_figure_tables

    rebuild_figure_tables()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have done: statistics and the visibility map
    timings["total"] = time.perf_counter() - started
    return timings


# Figures put together from stored months (`figures.parts`), and how to change one of their records in a
# stored month: the next view computes that month again, as it would after a caseworker's action.
TOUCH: Final = {
    "referrals_by_sector_pair": "UPDATE referrals_referral SET responded_at = responded_at + interval '1 minute' "
    "WHERE id = (SELECT id FROM referrals_referral WHERE sent_at < now() - interval '%s days' "
    "AND responded_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1)",
    "desk_visits": "UPDATE desk_step SET called_at = called_at + interval '1 minute' "
    "WHERE id = (SELECT id FROM desk_step WHERE joined_at < now() - interval '%s days' "
    "AND called_at IS NOT NULL ORDER BY joined_at DESC LIMIT 1)",
}


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _measure(repeat: int) -> list[dict[str, Any]]:
    from django.db import connection

    from spojka.coordination.figures import FIGURES, Period, compute_figure, district_units
    from spojka.coordination.models import FigureMonth

    today = datetime.datetime.now(datetime.UTC).date()
    last_month = Period.month(today.year - (today.month == 1), (today.month - 2) % 12 + 1)
    district = district_units()[3]
    results = []
    for key in FIGURES:
        FigureMonth.objects.all().delete()
        for scope, unit, period in (
            ("region", None, Period.default()),
            ("district", district, Period.default()),
            ("month", None, last_month),
        ):
            # The first view computes and stores the months it lacks (figures kept by month only).
            first = _timed(lambda: compute_figure(key, period=period, district=unit))  # noqa: B023
            timings = sorted(
                _timed(lambda: compute_figure(key, period=period, district=unit))  # noqa: B023
                for _ in range(repeat)
            )
            changed: list[float] = []
            if key in TOUCH and scope == "region":
                # A record of a stored month changes (a month further back each time); the next view recomputes it.
                for back in range(repeat):
                    with connection.cursor() as cursor:
                        cursor.execute(TOUCH[key] % (40 + 30 * back))
                    changed.append(_timed(lambda: compute_figure(key, period=period, district=unit)))  # noqa: B023
                changed.sort()
            results.append(
                {
                    "figure": key,
                    "scope": scope,
                    "median": statistics.median(timings),
                    "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
                    "first": first,
                    "changed": statistics.median(changed) if changed else None,
                }
            )
            line = results[-1]
            extra = f"  first {first:8.1f}" + (f"  after a change {line['changed']:8.1f}" if changed else "")
            print(f"{key:28} {scope:9} {line['median']:8.1f} {line['p95']:8.1f}{extra}", flush=True)
    return results


def _machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = platform.uname()
    return f"{uname.system} {uname.release} {uname.machine}; CPU {cpu}; {os.cpu_count()} cores"


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| figure | 12 months, whole region: median / p95 (ms) | 12 months, one district | last month, whole region "
        "| under 300 ms (p95) | first view with no stored month: region / district / month (ms) "
        "| 12 months, region, after a change to one record (median, ms) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key in dict.fromkeys(r["figure"] for r in results):
        found = {r["scope"]: r for r in results if r["figure"] == key}
        scopes = ("region", "district", "month")
        cells = " | ".join(f"{found[s]['median']:.1f} / {found[s]['p95']:.1f}" for s in scopes)
        under = [s for s in scopes if found[s]["p95"] < GOAL_MS]
        ok = "all" if len(under) == 3 else (", ".join(under) if under else "**none**")
        first = " / ".join(f"{found[s]['first']:.0f}" for s in scopes)
        changed = found["region"]["changed"]
        lines.append(f"| {key} | {cells} | {ok} | {first} | {'—' if changed is None else format(changed, '.1f')} |")
    return "\n".join(lines)


ROW: Final = (
    "| `dashboard.py` | `.venv/bin/python bench/dashboard.py` (`--clients N`, `--referrals N`, `--visits N`, "
    "`--repeat N`, `--no-write`, `--keep`) | each coordination dashboard figure's query time on PostgreSQL over "
    "200,000 clients, 600,000 referrals and 1,000,000 desk visits |"
)


def _write_results(table: str, args: argparse.Namespace, counts: dict[str, int], build: dict[str, float]) -> None:
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n\n<!-- results -->\n"
    marker = "<!-- results -->"
    head, _, older = previous.partition(marker)
    if "`dashboard.py`" not in head:
        # Add our row at the end of the benchmarks table at the top.
        lines = head.rstrip("\n").split("\n")
        last = max(i for i, line in enumerate(lines) if line.startswith("| "))
        lines.insert(last + 1, ROW)
        head = "\n".join(lines) + "\n\n"
    section = (
        f"\n## dashboard.py, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {_machine()}. Python {platform.python_version()}. PostgreSQL on the same machine.\n"
        f"{counts['clients']:,} clients ({counts['persons']:,} persons), {counts['needs']:,} needs, "
        f"{counts['referrals']:,} referrals, {counts['visits']:,} visits with {counts['steps']:,} steps, "
        f"over two years; {'filled in ' + format(build['total'], '.0f') + ' s' if build['total'] else 'an existing fill reused'}. "
        f"Load average when measured: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores. Each figure is `compute_figure()` (the aggregate "
        f"queries and the suppression) for the last twelve months for the whole region and for one of 10 "
        f"districts, and for the last calendar month for the whole region; median and p95 of {args.repeat} views after the first (which computes the stored months it lacks; its time is in its own column), and the first view after one record of a stored month changed. Goal: under {GOAL_MS:.0f} ms.\n\n"
        f"{table}\n"
    )
    RESULTS.write_text(head + marker + "\n" + section + older, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--referrals", type=int, default=600_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it with --reuse)")
    parser.add_argument("--reuse", action="store_true", help="measure an existing database (kept by --keep)")
    parser.add_argument("--database", default=PG_DATABASE, help="the database's name (default: %(default)s)")
    args = parser.parse_args()
    if not args.database.isidentifier():
        parser.error("--database: letters, digits and underscores only")
    if not args.reuse:
        _pg_admin(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {args.database}")
    try:
        _setup_django(args.database)
        build = {"total": 0.0} if args.reuse else _build(args.clients, args.referrals, args.visits)
        print(f"built in {build['total']:.0f} s: {build}", flush=True)
        from django.db import connection

        with connection.cursor() as cursor:
            counts = {}
            for name, sql in {
                "clients": "SELECT count(*) FROM clients_client",
                "persons": "SELECT count(DISTINCT coalesce(p.person_id, c.id)) FROM clients_client c "
                "LEFT JOIN linkage_personrecord p ON p.client_id = c.id AND p.unlinked_at IS NULL",
                "needs": "SELECT count(*) FROM cases_caseneed",
                "referrals": "SELECT count(*) FROM referrals_referral",
                "visits": "SELECT count(*) FROM desk_visit",
                "steps": "SELECT count(*) FROM desk_step",
            }.items():
                cursor.execute(sql)
                counts[name] = cursor.fetchone()[0]
        print(counts, flush=True)
        results = _measure(args.repeat)
        table = _table(results)
        print(table)
        if not args.no_write:
            _write_results(table, args, counts, build)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


if __name__ == "__main__":
    main()
