# Ukrainian sample names: Cyrillic letters are what ruff takes for look-alikes.
# ruff: noqa: RUF001
"""Benchmark of real-time candidates while registering a client: 1,000,000 client records on PostgreSQL.

Run it from the repository's root:

    .venv/bin/python bench/identity_realtime.py [--records 1000000] [--queries 400] [--no-write]

It creates a PostgreSQL database `bench_identity_realtime` on 127.0.0.1 (user postgres, trust
authentication; dropped at the end), migrates it, and loads `--records` clients written the way
agencies write them (`spojka.linkage.matching.synthetic`: Cyrillic, passport Latin, Czech
transcription, diminutives, typos, swapped dates; people registered by several agencies), spread
over six organisations, with their blocking keys — both tables written with COPY. Held-out records
of the same people are then "typed" by a caseworker of one organisation in four ways:

- *full*: names, date of birth, sex, document and phone as a complete form has them;
- *name + date*: given and family name and the date of birth;
- *names only*: given and family name, nothing else yet;
- *typing*: the given name and the first three letters of the family name (an early keystroke).

Each is timed through `spojka.linkage.queries.candidates_for` — the blocking-key lookup in the
indexed table, loading the records and scoring them with the shipped model — which is what the
htmx endpoint does apart from rendering. It prints p50/p95/max per kind, the query plan of one
lookup, and appends the figures to bench/RESULTS.md.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench" / "RESULTS.md"
PG_SERVER: Final = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE: Final = "bench_identity_realtime"
CHUNK: Final = 50_000
GOAL_P95_MS: Final = 100.0
ORGANIZATIONS: Final = 6


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    os.environ["SPOJKA_TESTING"] = "1"
    os.environ["DEBUG"] = "false"  # DEBUG would keep every query in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = platform.uname()
    return f"{uname.system} {uname.release} {uname.machine}; CPU {cpu}; {os.cpu_count()} cores"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _organizations() -> list[Any]:
    from spojka.network.enums import Sector
    from spojka.network.models import Organization

    return [
        Organization.objects.create(name=f"Bench organisation {index}", sector=Sector.NON_PROFIT)
        for index in range(ORGANIZATIONS)
    ]


def _client_columns() -> tuple[list[str], dict[str, Any]]:
    """Return the client table's columns and the value of each column the benchmark does not vary."""
    from django.db import connection

    from spojka.clients.models import Client

    template = Client(languages=["uk"], preferred_language="uk", citizenship="UA")
    now = datetime.datetime.now(datetime.UTC)
    constants: dict[str, Any] = {}
    columns = []
    for field in Client._meta.concrete_fields:
        columns.append(field.column)
        value = getattr(template, field.attname)
        if field.column in ("created_at", "updated_at"):
            value = now
        elif field.get_internal_type() == "JSONField":
            import json

            value = json.dumps(value)
        elif value is not None:
            value = field.get_db_prep_save(value, connection)
        constants[field.column] = value
    return columns, constants


def _client_values(row: dict[str, str], organization_id: uuid.UUID) -> dict[str, Any] | None:
    from spojka.clients.names import name_key, search_names
    from spojka.linkage.matching.names import has_cyrillic
    from spojka.linkage.matching.records import RecordValueError, parse_birth_date, parse_phone, parse_sex

    given, family = row["given_name"][:150], row["family_name"][:150]
    native_given = native_family = ""
    if has_cyrillic(given + family):
        native_given, native_family, given, family = given, family, "", ""
    if not (given or family or native_given or native_family):
        return None
    try:
        birth, year = parse_birth_date(row["birth_date"])
    except RecordValueError:
        birth, year = None, None
    precision = "day"
    if birth is None and year is not None:
        birth, precision = datetime.date(year, 1, 1), "year"
    sex = {"m": "male", "f": "female"}.get(parse_sex(row["sex"]), "unknown")
    phone = parse_phone(row["phone"])
    return {
        "id": uuid.uuid4(),
        "organization_id": organization_id,
        "given_name": given,
        "family_name": family,
        "native_given_name": native_given,
        "native_family_name": native_family,
        "search_names": search_names([given, family, native_given, native_family])[:700],
        "name_key": name_key(given, family)[:320],
        "native_name_key": name_key(native_given, native_family)[:320],
        "birth_date": birth,
        "birth_date_precision": precision,
        "sex": sex,
        "document_number": row["document_number"][:64],
        "phone": f"+{phone}" if phone else "",
    }


def _build(records: int, held_out: int) -> tuple[list[Any], list[tuple[dict[str, Any], Any]], dict[str, float]]:
    """Load the clients and their blocking keys; return the organisations and the held-out typed inputs."""
    from django.core.management import call_command
    from django.db import connection

    from spojka.linkage.client_records import record_of
    from spojka.linkage.matching.blocking import blocking_keys
    from spojka.linkage.matching.synthetic import AGENCIES, generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    organizations = _organizations()
    by_agency = {agency: organizations[index % len(organizations)] for index, agency in enumerate(AGENCIES)}
    columns, constants = _client_columns()
    rng = random.Random(7)
    typed: list[tuple[dict[str, Any], Any]] = []
    loaded = keys_written = 0
    loading = time.perf_counter()
    seed = 0
    while loaded < records:
        seed += 1
        rows, _truth = generate(min(CHUNK, records - loaded + held_out // 20 + 1), seed=seed)
        client_rows = []
        key_rows = []
        for row in rows:
            organization = by_agency[row["agency"]]
            values = _client_values(row, organization.pk)
            if values is None:
                continue
            if len(typed) < held_out and rng.random() < held_out / records * 2:
                typed.append((values, organization))
                continue
            if loaded >= records:
                break
            record = record_of(
                record_id=str(values["id"]),
                given_name=values["given_name"],
                family_name=values["family_name"],
                native_given_name=values["native_given_name"],
                native_family_name=values["native_family_name"],
                birth_date=values["birth_date"],
                year_only=values["birth_date_precision"] == "year",
                sex=values["sex"],
                document_number=values["document_number"],
                phone=values["phone"],
            )
            client_rows.append([values.get(column, constants[column]) for column in columns])
            key_rows.extend((values["id"], organization.pk, key) for key in sorted(blocking_keys(record)))
            loaded += 1
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY clients_client ({', '.join(columns)}) FROM STDIN") as copy:
                for client_row in client_rows:
                    copy.write_row(client_row)
            with raw.copy("COPY linkage_blockingkey (client_id, organization_id, key) FROM STDIN") as copy:
                for key_row in key_rows:
                    copy.write_row(key_row)
        keys_written += len(key_rows)
        print(f"  {loaded:>9,} clients, {keys_written:>10,} keys, {time.perf_counter() - loading:6.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clients_client")
        cursor.execute("ANALYZE linkage_blockingkey")
    return (
        organizations,
        typed,
        {
            "migrate_s": migrated,
            "load_s": time.perf_counter() - loading,
            "clients": loaded,
            "keys": keys_written,
        },
    )


def _viewer(organization: Any) -> Any:
    from spojka.accounts.models import User
    from spojka.network.enums import Role
    from spojka.network.models import Membership

    user = User.objects.create_user(email=f"caseworker-{organization.pk}@bench.example.org", full_name="Bench")
    membership = Membership.objects.create(user=user, organization=organization, role=Role.CASEWORKER)
    user.active_membership = membership  # as the middleware sets it
    return user


def _typed_records(values: dict[str, Any]) -> dict[str, Any]:
    from spojka.linkage.client_records import record_of

    names = {
        "given_name": values["given_name"],
        "family_name": values["family_name"],
        "native_given_name": values["native_given_name"],
        "native_family_name": values["native_family_name"],
    }
    year_only = values["birth_date_precision"] == "year"
    early = dict(names)
    for field in ("family_name", "native_family_name"):
        early[field] = early[field][:3]
    return {
        "full": record_of(
            record_id="typed",
            **names,
            birth_date=values["birth_date"],
            year_only=year_only,
            sex=values["sex"],
            document_number=values["document_number"],
            phone=values["phone"],
        ),
        "name + date": record_of(record_id="typed", **names, birth_date=values["birth_date"], year_only=year_only),
        "names only": record_of(record_id="typed", **names),
        "typing": record_of(record_id="typed", **early),
    }


def _measure(organizations: list[Any], typed: list[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    from django.db import connection

    from spojka.linkage.matching.blocking import blocking_keys
    from spojka.linkage.queries import candidate_ids_by_keys, candidates_for

    viewers = {organization.pk: _viewer(organization) for organization in organizations}
    timings: dict[str, list[float]] = {}
    found: dict[str, list[int]] = {}
    for values, _organization in typed[:20]:  # warm-up: the model's tables, the connection, the caches
        candidates_for(viewer=viewers[values["organization_id"]], record=_typed_records(values)["full"])
    for values, _organization in typed:
        viewer = viewers[values["organization_id"]]
        for kind, record in _typed_records(values).items():
            started = time.perf_counter()
            candidates = candidates_for(viewer=viewer, record=record)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            found.setdefault(kind, []).append(len(candidates))
    values, organization = typed[0]
    keys = blocking_keys(_typed_records(values)["name + date"])
    sql, params = candidate_ids_by_keys(organization_id=organization.pk, keys=keys).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY OFF) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    summary = {}
    for kind, values_ms in timings.items():
        summary[kind] = {
            "p50": statistics.median(values_ms),
            "p95": _percentile(values_ms, 0.95),
            "max": max(values_ms),
            "with_candidates": sum(1 for n in found[kind] if n) / len(found[kind]),
        }
    every = [value for values_ms in timings.values() for value in values_ms]
    summary["all"] = {
        "p50": statistics.median(every),
        "p95": _percentile(every, 0.95),
        "max": max(every),
        "with_candidates": sum(1 for ns in found.values() for n in ns if n) / len(every),
    }
    return {"summary": summary, "plan": plan, "queries": len(typed)}


def _table(figures: dict[str, Any], build: dict[str, float]) -> str:
    lines = [
        "| typed input | p50 (ms) | p95 (ms) | max (ms) | inputs with a candidate |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, row in figures["summary"].items():
        lines.append(
            f"| {kind} | {row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} | {row['with_candidates']:.0%} |"
        )
    lines += [
        "",
        f"Loaded {build['clients']:,} clients and {build['keys']:,} blocking keys with COPY in {build['load_s']:.0f} s "
        f"(migrations {build['migrate_s']:.0f} s). Goal: p95 under {GOAL_P95_MS:.0f} ms.",
        "",
        "Plan of one blocking-key lookup (EXPLAIN ANALYZE):",
        "",
        "```",
        figures["plan"],
        "```",
    ]
    return "\n".join(lines)


def _write_results(table: str, args: argparse.Namespace) -> None:
    """Add this benchmark's row to the table at the top of RESULTS.md and its figures after the marker."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n\n<!-- results -->\n"
    row = (
        "| `identity_realtime.py` | `.venv/bin/python bench/identity_realtime.py` (`--records N`, `--queries N`, "
        "`--no-write`) | real-time candidates while registering a client, over 1,000,000 client records on "
        "PostgreSQL: p50/p95 of the blocking-key lookup and scoring for typed inputs |"
    )
    marker = "<!-- results -->"
    head, _, older = text.partition(marker)
    if "`identity_realtime.py`" not in head:
        lines = head.rstrip("\n").split("\n")
        last_row = max((i for i, line in enumerate(lines) if line.startswith("| `")), default=len(lines) - 1)
        lines.insert(last_row + 1, row)
        head = "\n".join(lines) + "\n\n"
    section = (
        f"\n## identity_realtime.py, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {_machine()}. Python {platform.python_version()}. PostgreSQL on the same machine; other\n"
        f"work was running on it. {args.records:,} client records over {ORGANIZATIONS} organisations; "
        f"{args.queries} held-out records of the same people typed four ways each by a caseworker of the\n"
        f"record's organisation, timed through `linkage.queries.candidates_for` (lookup, loading, scoring).\n\n"
        f"{table}\n"
    )
    RESULTS.write_text(head + marker + "\n" + section + older, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400, help="held-out records typed in (each four ways)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    _pg_admin(f"CREATE DATABASE {PG_DATABASE}")
    try:
        _setup_django()
        print(f"loading {args.records:,} clients …", flush=True)
        organizations, typed, build = _build(args.records, args.queries)
        print(f"timing {len(typed)} typed inputs × 4 …", flush=True)
        figures = _measure(organizations, typed)
        table = _table(figures, build)
        print(table)
        if not args.no_write:
            _write_results(table, args)
            print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
