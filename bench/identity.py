"""Benchmark of identity matching: our batch matcher against Splink (DuckDB) on the same labelled synthetic registry.

Run it from the repository's root (Splink and DuckDB are in the optional "bench" group):

    .venv/bin/uv sync --group bench --inexact
    .venv/bin/python bench/identity.py [--records 20000] [--records 200000] [--no-splink] [--no-write]

It generates a registry in the `match_file` input format (`spojka.linkage.matching.synthetic`:
Cyrillic, passport, Czech and Russian spellings, diminutives, typos, swapped name order, day-month
swaps, missing fields, and hard negatives — siblings, twins and fathers and sons sharing surname,
address, phone and sometimes birth date — registered by several agencies), writes it to a
temporary CSV, and runs each system in its own process, from reading the CSV to the list of
matched pairs:

- spojka: `files.read_records`, then `batch.match_records(train=True)` — u from random pairs,
  m and the prior by EM over the blocked pairs, no labels — the pairs it decides "match", which
  include the pairs of records it groups into one person through other records;
- Splink 5 (DuckDB backend): the same parsed records, names folded to lower-case Latin with
  `fold_name` (the cleaning a Splink user would do), blocking on a sound key of the surname with
  birth year, given name with birth date, document, phone and full name; NameComparison
  (Jaro-Winkler 0.92/0.88/0.7) on given and family name with term-frequency adjustment on the
  family name, DateOfBirthComparison, exact sex/phone/municipality/nationality, Levenshtein on the
  document; prior estimated from a deterministic rule, u by random sampling, m by EM over two
  blocking passes; records grouped into persons by its clustering at match probability ≥ 0.95 (the
  same threshold as ours), every pair inside a group.

For each it reports pairwise precision, recall and F1 of the persons found against the true persons, the wall time of
the whole process (imports excluded, CSV reading included), and peak memory (the process's maxrss).
The best F1 over thresholds is printed too, for information.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench" / "RESULTS.md"
sys.path.insert(0, str(ROOT / "src"))

THRESHOLD: Final = 0.95


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """Return the process's user and system CPU time so far, all threads (DuckDB runs several)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_spojka(csv_path: str, out_path: str) -> None:
    """Child process: match the CSV with our matcher and write the scored pairs as JSON."""
    from spojka.linkage.matching.batch import THROUGH_OTHERS, match_records
    from spojka.linkage.matching.files import read_records
    from spojka.linkage.matching.scoring import LOWER

    start = time.perf_counter()
    cpu = _cpu_seconds()
    with open(csv_path, "rb") as stream:
        records, _errors = read_records(stream)
    pairs = match_records(records, train=True, lower=min(LOWER, 0.3))
    elapsed = time.perf_counter() - start
    scored = [[p.a, p.b, p.comparison.probability] for p in pairs if THROUGH_OTHERS not in p.comparison.reasons]
    matched = [[p.a, p.b] for p in pairs if p.decision == "match"]
    Path(out_path).write_text(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu": _cpu_seconds() - cpu,
                "maxrss_mb": _maxrss_mb(),
                "pairs": scored,
                "matched": matched,
            }
        )
    )


def run_splink(csv_path: str, out_path: str) -> None:
    """Child process: match the CSV with Splink on DuckDB and write the scored pairs as JSON."""
    import logging

    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    from spojka.linkage.matching.files import read_records
    from spojka.linkage.matching.names import fold_name, surname_stems

    logging.getLogger("splink").setLevel(logging.ERROR)
    start = time.perf_counter()
    cpu = _cpu_seconds()
    with open(csv_path, "rb") as stream:
        records, _errors = read_records(stream)

    def column(values: list[Any]) -> list[Any]:
        return [v if v not in ("", None) else None for v in values]

    table = pa.table(
        {
            "unique_id": [r.record_id for r in records],
            "given_name": column([fold_name(r.given_name) for r in records]),
            "family_name": column([fold_name(r.family_name) for r in records]),
            "family_key": column([min(surname_stems(r.family_name), default="") for r in records]),
            "birth_date": column([r.birth_date.isoformat() if r.birth_date else "" for r in records]),
            "birth_year": [r.birth_year for r in records],
            "sex": column([r.sex for r in records]),
            "document_number": column([r.document_number for r in records]),
            "phone": column([r.phone for r in records]),
            "municipality": column([r.municipality for r in records]),
            "nationality": column([r.nationality for r in records]),
        }
    )
    db_api = DuckDBAPI()
    frame = db_api.register(table, dataset_display_name="registry")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.LevenshteinAtThresholds("document_number", [1]),
            cl.ExactMatch("phone"),
            cl.ExactMatch("municipality"),
            cl.ExactMatch("nationality"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family_key", "birth_year"),
            block_on("given_name", "birth_date"),
            block_on("document_number"),
            block_on("phone"),
            block_on("given_name", "family_name"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(frame, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "birth_date")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("family_key", "birth_year"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=0.3)
    rows = db_api._execute_sql_against_backend(
        f"select unique_id_l, unique_id_r, match_probability from {predictions.physical_name}"  # noqa: S608
    ).fetchall()
    # Records grouped into persons (connected components of the pairs at the threshold), as ours are.
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=THRESHOLD
    )
    members = db_api._execute_sql_against_backend(
        f"select cluster_id, unique_id from {clustered.physical_name}"  # noqa: S608
    ).fetchall()
    elapsed = time.perf_counter() - start
    scored = [[min(a, b), max(a, b), float(p)] for a, b, p in rows]
    Path(out_path).write_text(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu": _cpu_seconds() - cpu,
                "maxrss_mb": _maxrss_mb(),
                "pairs": scored,
                "matched": sorted(pairs_within(members)),
            }
        )
    )


def true_pairs(truth: list[int], ids: list[str]) -> set[tuple[str, str]]:
    """Return every pair of record ids (a < b) of the same person."""
    return pairs_within(zip(truth, ids, strict=True))


def pairs_within(groups: Iterable[tuple[Any, str]]) -> set[tuple[str, str]]:
    """Return every pair of record ids (a < b) in one group, from (group, record id) rows."""
    people: dict[Any, list[str]] = defaultdict(list)
    for person, record_id in groups:
        people[person].append(record_id)
    pairs: set[tuple[str, str]] = set()
    for members in people.values():
        members.sort()
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def scores(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    """Return pairwise precision, recall and F1."""
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(result: dict[str, Any], truth: set[tuple[str, str]]) -> dict[str, Any]:
    """Score the pairs a system judged one person, and its scored pairs at their best threshold."""
    scored = sorted(((p, (a, b)) for a, b, p in result["pairs"]), reverse=True)
    at = {(a, b) for a, b in result["matched"]}
    precision, recall, f1 = scores(at, truth)
    best = (0.0, THRESHOLD)
    hits = 0
    for index, (p, pair) in enumerate(scored, start=1):
        hits += pair in truth
        candidate = 2 * hits / (index + len(truth))
        if candidate > best[0]:
            best = (candidate, p)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "best_f1": best[0],
        "best_threshold": best[1],
        "pairs": len(at),
        "seconds": result["seconds"],
        "cpu": result["cpu"],
        "maxrss_mb": result["maxrss_mb"],
    }


def run_child(system: str, csv_path: str) -> dict[str, Any] | None:
    """Run one system in a fresh process and return its output, or None when it failed."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out_path = handle.name
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, __file__, "--child", system, csv_path, out_path]
        completed = subprocess.run(command, env=env, check=False, capture_output=True, text=True)  # noqa: S603
        if completed.returncode != 0:
            sys.stderr.write(completed.stderr[-3000:])
            return None
        return json.loads(Path(out_path).read_text())
    finally:
        Path(out_path).unlink(missing_ok=True)


def bench(records: int, *, splink: bool, seed: int) -> dict[str, Any]:
    """Generate a registry of `records`, run the systems, and return their figures."""
    from spojka.linkage.matching.synthetic import generate, write_csv

    rows, truth_ids = generate(records, seed=seed)
    truth = true_pairs(truth_ids, [row["record_id"] for row in rows])
    persons = len(set(truth_ids))
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as handle:
        write_csv(handle, rows)
        csv_path = handle.name
    figures: dict[str, Any] = {"records": records, "persons": persons, "true_pairs": len(truth), "systems": {}}
    try:
        for system in ("spojka", "splink") if splink else ("spojka",):
            result = run_child(system, csv_path)
            figures["systems"][system] = evaluate(result, truth) if result else None
            line = figures["systems"][system]
            if line:
                print(
                    f"{records:>7} {system:<7} P {line['precision']:.4f} R {line['recall']:.4f} F1 {line['f1']:.4f} "
                    f"(best {line['best_f1']:.4f} at {line['best_threshold']:.3f}) "
                    f"{line['seconds']:.1f} s (CPU {line['cpu']:.1f} s) {line['maxrss_mb']:.0f} MB",
                    flush=True,
                )
            else:
                print(f"{records:>7} {system:<7} failed", flush=True)
    finally:
        Path(csv_path).unlink(missing_ok=True)
    return figures


def write_results(all_figures: list[dict[str, Any]], seed: int) -> None:
    """Insert a section with the figures after the results marker of bench/RESULTS.md."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        import splink

        splink_version = splink.__version__
    except ImportError:
        splink_version = "not installed"
    lines = [
        f"## identity.py, {now}",
        "",
        f"Machine: {platform.system()} {platform.release()} {platform.machine()}; {os.cpu_count()} cores. "
        f"Python {platform.python_version()}. Splink {splink_version} (DuckDB backend). Seed {seed}.",
        "Each system ran in its own process from reading the CSV to the list of pairs (wall time; imports excluded);",
        "CPU time is user + system time of all its threads (DuckDB uses both cores; the machine may be shared, so CPU "
        "time is the steadier figure); peak memory is the process's maxrss.",
        "Both train on the data without labels (u from random pairs, m by EM). Pairs judged one person: the records",
        f"each system groups into persons (ours as `match_records` decides; Splink's clusters at {THRESHOLD}), every",
        "pair inside a group. *Best F1* is over the directly compared pairs' probability at the best threshold with",
        "hindsight (labels used), for information only.",
        "",
        "| records | persons | true pairs | system | precision | recall | F1 | best F1 (threshold) | wall time (s) "
        "| CPU time (s) | peak memory (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for figures in all_figures:
        for system, line in figures["systems"].items():
            if line is None:
                lines.append(
                    f"| {figures['records']} | {figures['persons']} | {figures['true_pairs']} | {system} "
                    "| failed | | | | | |"
                )
                continue
            lines.append(
                f"| {figures['records']} | {figures['persons']} | {figures['true_pairs']} | {system} "
                f"| {line['precision']:.4f} | {line['recall']:.4f} | {line['f1']:.4f} "
                f"| {line['best_f1']:.4f} ({line['best_threshold']:.2f}) | {line['seconds']:.1f} | {line['cpu']:.1f} "
                f"| {line['maxrss_mb']:.0f} |"
            )
    section = "\n".join(lines) + "\n\n"
    text = RESULTS.read_text(encoding="utf-8")
    marker = "<!-- results -->\n"
    head, _, tail = text.partition(marker)
    RESULTS.write_text(head + marker + "\n" + section + tail.lstrip("\n"), encoding="utf-8")


def main() -> None:
    """Parse arguments and run the benchmark (or one child process)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        system, csv_path, out_path = sys.argv[2:5]
        (run_spojka if system == "spojka" else run_splink)(csv_path, out_path)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, action="append", help="registry size; repeatable (default 20000)")
    parser.add_argument("--no-splink", action="store_true", help="run only our matcher")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    splink = not args.no_splink
    if splink:
        try:
            import duckdb  # noqa: F401
            import splink as _splink  # noqa: F401
        except ImportError:
            sys.exit("Splink is not installed: run `.venv/bin/uv sync --group bench --inexact`, or pass --no-splink.")
    all_figures = [bench(n, splink=splink, seed=args.seed) for n in args.records or [20_000]]
    if not args.no_write:
        write_results(all_figures, args.seed)


if __name__ == "__main__":
    main()
