"""Batch matching: block, compare and decide over a whole list of records."""

import gc
import math
import multiprocessing
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from spojka.linkage.matching.blocking import candidate_pairs
from spojka.linkage.matching.records import Record
from spojka.linkage.matching.scoring import LOWER, UPPER, Comparison, Features, Model, compare_levels

Decision = Literal["match", "review"]

# Surname frequency adjustment (as Splink's term-frequency adjustment): a shared rare surname is stronger
# evidence than a shared common one. Bounded so that one field cannot decide alone.
MAX_FAMILY_ADJUSTMENT = 3.0

# Comparing candidate pairs can be split over forked worker processes (which inherit the precomputed features
# copy-on-write). Measured on the shared 2-core machine at 200,000 records it was slower than one process
# (11.6 s against 9.2 s for 719,000 pairs: each worker starts with cold name caches and copies the pages it
# touches), so one process is the default; `workers` turns it on where cores are free.
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records judged the same person ("match") or needing a person to look ("review"); a < b."""

    a: str
    b: str
    comparison: Comparison
    decision: Decision


def _family_frequencies(features: Sequence[Features]) -> tuple[dict[str, float], float]:
    """Return each surname stem's share of records and the average share of agreement (Σ share²)."""
    counts: Counter[str] = Counter()
    for feature in features:
        if feature.family is not None:
            counts[min(feature.family.stems, default=feature.family.folded)] += 1
    total = sum(counts.values()) or 1
    shares = {key: value / total for key, value in counts.items()}
    return shares, sum(s * s for s in shares.values()) or 1.0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small keys and tuples, it would run for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def match_records(
    records: Sequence[Record],
    *,
    model: Model | None = None,
    upper: float = UPPER,
    lower: float = LOWER,
    train: bool = False,
    workers: int | None = None,
) -> list[Pair]:
    """Return the pairs of records at or above `lower`, decided "match" at or above `upper`, sorted by id.

    With `train`, the model's parameters are first estimated from these records (`Model.train`).
    With `workers` > 1, that many forked processes compare the candidate pairs (where fork exists).
    """
    with gc_paused():
        return _match_records(records, model=model, upper=upper, lower=lower, train=train, workers=workers)


# The features and pairs the forked workers read (inherited, never pickled).
_SHARED: tuple[Sequence[Features], Sequence[tuple[int, int]]] = ((), ())


def _compare_chunk(bounds: tuple[int, int]) -> list[int]:
    """Worker: return the encoded comparison of the shared pairs from bounds[0] to bounds[1]."""
    features, pairs = _SHARED
    out = []
    for i, j in pairs[bounds[0] : bounds[1]]:
        levels, swapped = compare_levels(features[i], features[j])
        code = int(swapped)
        for level in levels:
            code = code * 8 + level + 1
        out.append(code)
    return out


def _decode(code: int, fields: int) -> tuple[tuple[int, ...], bool]:
    levels = []
    for _ in range(fields):
        code, level = divmod(code, 8)
        levels.append(level - 1)
    return tuple(reversed(levels)), bool(code)


def compare_pairs(
    features: Sequence[Features], pairs: Sequence[tuple[int, int]], *, workers: int | None = None
) -> list[tuple[tuple[int, ...], bool]]:
    """Return `compare_levels` of every pair, in `workers` forked processes when more than one is asked for."""
    if not workers or workers <= 1 or len(pairs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [compare_levels(features[i], features[j]) for i, j in pairs]
    global _SHARED  # handed to the forked workers by inheritance, not by pickling
    _SHARED = (features, pairs)
    size = -(-len(pairs) // (workers * CHUNKS_PER_WORKER))
    bounds = [(start, min(start + size, len(pairs))) for start in range(0, len(pairs), size)]
    gc.freeze()  # keep the inherited objects' pages shared: no collector pass touches them in the workers
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_compare_chunk, bounds, chunksize=1)
    finally:
        _SHARED = ((), ())
        gc.unfreeze()
    # A registry has a few thousand distinct comparison vectors: decode each once.
    decoded: dict[int, tuple[tuple[int, ...], bool]] = {}
    fields = len(compare_levels(features[pairs[0][0]], features[pairs[0][1]])[0])
    out = []
    for chunk in chunks:
        for code in chunk:
            value = decoded.get(code)
            if value is None:
                value = decoded[code] = _decode(code, fields)
            out.append(value)
    return out


def _match_records(
    records: Sequence[Record], *, model: Model | None, upper: float, lower: float, train: bool, workers: int | None
) -> list[Pair]:
    features = [Features(r) for r in records]
    pairs = list(candidate_pairs(records, features=features))
    compared = compare_pairs(features, pairs, workers=workers)
    if train:
        model = Model.train(records, start=model, features=features, pairs=pairs, compared=compared)
    model = model or Model.default()
    shares, average = _family_frequencies(features) if len(records) >= 1000 else ({}, 1.0)
    lower_weight = math.log2(lower / (1 - lower)) if 0 < lower < 1 else -math.inf
    out: list[Pair] = []
    for (i, j), (levels, swapped) in zip(pairs, compared, strict=True):
        fa, fb = features[i], features[j]
        adjustment = 0.0
        if shares and levels[1] in (0, 1) and fa.family is not None:
            share = shares.get(min(fa.family.stems, default=fa.family.folded))
            if share:
                adjustment = max(-MAX_FAMILY_ADJUSTMENT, min(MAX_FAMILY_ADJUSTMENT, math.log2(average / share)))
        weight = model.weight_of(levels, adjustment)
        if weight < lower_weight:
            continue
        comparison = model.decide(fa, fb, levels, swapped, adjustment, weight=weight)
        if comparison.probability < lower:
            continue
        decision: Decision = "match" if comparison.probability >= upper else "review"
        a, b = records[i].record_id, records[j].record_id
        if b < a:
            a, b = b, a
        out.append(Pair(a=a, b=b, comparison=comparison, decision=decision))
    out.sort(key=lambda p: (p.a, p.b))
    return out


def clusters(pairs: Sequence[Pair]) -> list[set[str]]:
    """Return the groups of record ids joined by "match" pairs (transitive closure), largest first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        if pair.decision == "match":
            parent[find(pair.a)] = find(pair.b)
    groups: dict[str, set[str]] = {}
    for x in parent:
        groups.setdefault(find(x), set()).add(x)
    return sorted(groups.values(), key=len, reverse=True)
