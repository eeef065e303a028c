"""Batch matching: block, compare and decide over a whole list of records."""

import gc
import math
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

from spojka.linkage.matching.blocking import candidate_pairs
from spojka.linkage.matching.records import Record
from spojka.linkage.matching.scoring import (
    FIELDS,
    LEVELS,
    LOWER,
    UPPER,
    Comparison,
    Features,
    Model,
    compare_levels,
    lacks_identifier,
    probability_of,
    sparse,
)

Decision = Literal["match", "review"]
_GIVEN_SIMILAR = LEVELS["given_name"].index("similar")
_FAMILY_SIMILAR = LEVELS["family_name"].index("similar")
_PHONE, _MUNICIPALITY = FIELDS.index("phone"), FIELDS.index("municipality")
_PHONE_EQUAL = LEVELS["phone"].index("equal")
_MUNICIPALITY_DIFFERENT = LEVELS["municipality"].index("different")

# Surname frequency adjustment (as Splink's term-frequency adjustment): a shared rare surname is stronger
# evidence than a shared common one. Bounded so that one field cannot decide alone.
MAX_FAMILY_ADJUSTMENT = 3.0

# Comparing candidate pairs can be split over forked worker processes (which inherit the precomputed features
# copy-on-write). Measured on the shared 2-core machine at 200,000 records it was slower than one process
# (11.6 s against 9.2 s for 719,000 pairs: each worker starts with cold name caches and copies the pages it
# touches), so one process is the default; `workers` turns it on where cores are free.
CHUNKS_PER_WORKER = 4

# Reason codes decided over the whole list, and those they look at (see `scoring.REASON_CODES`).
TOO_FEW_FIELDS = "too_few_fields"
CONFLICTS = frozenset({"identity_conflict", "birth_date_conflict"})
ONLY_NAMESAKE = "only_namesake"
# A namesake born in another year keeps a record without a birth date at review unless that record resembles it
# this many bits (log2 odds) less than the person it is held with: the one living elsewhere (another municipality
# and phone) or sharing far less with it is not the one in doubt. 8 bits: at 200,000 records recall 0.929 (without
# a margin) → 0.941 for precision 0.9882 → 0.9874 (5 bits: 0.941 and 0.9870).
NAMESAKE_MARGIN = 8.0
THROUGH_OTHERS = "same_person_through_other_records"
CONFLICTING = "conflicts_with_other_records"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records judged the same person ("match") or needing a person to look ("review"); a < b."""

    a: str
    b: str
    comparison: Comparison
    decision: Decision


def names_close(levels: Sequence[int]) -> bool:
    """Tell whether a pair's names may be one name: each at most a typo apart ("similar"), not different.

    Looser than `scoring.names_alike`: a record without a birth date held at review is merged as the only
    namesake (`_promote_only_namesakes`) with a typo in a name too, and a namesake with a typo keeps it at
    review as well. (At 200,000 records recall 0.9405 → 0.9439, precision 0.9876 → 0.9875.)
    """
    return 0 <= levels[0] <= _GIVEN_SIMILAR and 0 <= levels[1] <= _FAMILY_SIMILAR


def elsewhere(levels: Sequence[int]) -> bool:
    """Tell whether two records are known to live apart: municipalities both given and different, phones not equal.

    A father and the son named after him share the household's address (and often its phone); a namesake
    registered in another town with another phone is not the one a record without a birth date could be.
    """
    return levels[_MUNICIPALITY] == _MUNICIPALITY_DIFFERENT and levels[_PHONE] != _PHONE_EQUAL


def _surname_adjustments(features: Sequence[Features]) -> list[float]:
    """Return per record the weight its surname adds when it agrees: log2 of the average share over its own.

    A surname's share of records against the average share of agreement (Σ share²), bounded by
    MAX_FAMILY_ADJUSTMENT; 0 for a record without a surname.
    """
    stems = [min(f.family.stems, default=f.family.folded) if f.family is not None else None for f in features]
    counts = Counter(stem for stem in stems if stem is not None)
    total = sum(counts.values()) or 1
    average = sum((c / total) ** 2 for c in counts.values()) or 1.0
    by_stem = {
        stem: max(-MAX_FAMILY_ADJUSTMENT, min(MAX_FAMILY_ADJUSTMENT, math.log2(average / (count / total))))
        for stem, count in counts.items()
    }
    return [by_stem[stem] if stem is not None else 0.0 for stem in stems]


def _root(parent: list[int], x: int) -> int:
    """Return the representative of x's group in a union-find forest of record indexes (halving the path)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


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
    surname_weights = _surname_adjustments(features) if len(records) >= 1000 else None
    lower_weight = math.log2(lower / (1 - lower)) if 0 < lower < 1 else -math.inf
    out: list[Pair] = []
    # For `_promote_only_namesakes`: the pairs of records whose names are close and that may live together (with their
    # weight), those decided "match", and those held at review only for want of an agreeing identifier (position in
    # `out`, indexes, weight without the cap).
    namesakes: list[tuple[int, int, float]] = []
    matched: list[tuple[int, int]] = []
    held: list[tuple[int, int, int, float]] = []
    # For `_resolve_persons`: the records of each pair in `out`, and the pairs that are two people.
    positions: list[tuple[int, int]] = []
    conflicts: list[tuple[int, int]] = []

    def _compared(i: int, j: int) -> Comparison:
        levels, swapped = compare_levels(features[i], features[j])
        return model.decide(features[i], features[j], levels, swapped)

    for (i, j), (levels, swapped) in zip(pairs, compared, strict=True):
        fa, fb = features[i], features[j]
        alike = names_close(levels)
        adjustment = surname_weights[i] if surname_weights and levels[1] in (0, 1) else 0.0
        weight = model.weight_of(levels, adjustment)
        if alike and not elsewhere(levels):
            namesakes.append((i, j, weight))
        if weight < lower_weight:
            continue
        comparison = model.decide(fa, fb, levels, swapped, adjustment, weight=weight)
        if "identity_conflict" in comparison.reasons:
            conflicts.append((i, j))
        if comparison.probability < lower:
            continue
        decision: Decision = "match" if comparison.probability >= upper else "review"
        if decision == "match":
            matched.append((i, j))
        elif (
            alike
            and comparison.reasons[-1] == TOO_FEW_FIELDS
            and not CONFLICTS.intersection(comparison.reasons)
            and probability_of(weight) >= upper
            and lacks_identifier(levels)
            and not sparse(fa, fb)
        ):
            held.append((len(out), i, j, weight))
        positions.append((i, j))
        out.append(_pair(records[i].record_id, records[j].record_id, comparison, decision))
    if held:
        years = [f.year for f in features]
        _promote_only_namesakes(out, held, namesakes=namesakes, matched=matched, birth_years=years)
    out.extend(_resolve_persons(out, positions, conflicts, _compared, records))
    out.sort(key=lambda p: (p.a, p.b))
    return out


def _pair(a: str, b: str, comparison: Comparison, decision: Decision) -> Pair:
    return Pair(a=a, b=b, comparison=comparison, decision=decision) if a < b else Pair(b, a, comparison, decision)


def _resolve_persons(
    out: list[Pair],
    positions: Sequence[tuple[int, int]],
    conflicts: Sequence[tuple[int, int]],
    compare: Callable[[int, int], Comparison],
    records: Sequence[Record],
) -> list[Pair]:
    """Group the records into persons by the "match" pairs, and return the pairs that grouping implies.

    Pairs are joined strongest first, and a pair that would put two records known to be two people
    (twins: an identity conflict) into one person is not joined:
    it goes to review, with the reason "conflicts with other records". Two records of one person
    that were not themselves decided "match" (a record with no date matched through a third one that
    has it) are returned as "match" with the reason "same person through other records"; a pair in
    `out` between them is replaced.
    """
    parent = list(range(len(records)))
    members: dict[int, list[int]] = {}
    against: dict[int, set[int]] = defaultdict(set)
    for i, j in conflicts:
        against[i].add(j)
        against[j].add(i)

    order = sorted(
        (p for p, pair in enumerate(out) if pair.decision == "match"), key=lambda p: -out[p].comparison.probability
    )
    for position in order:
        i, j = positions[position]
        x, y = _root(parent, i), _root(parent, j)
        if x == y:
            continue
        group_x, group_y = members.get(x, [x]), members.get(y, [y])
        if len(group_x) < len(group_y):
            x, y, group_x, group_y = y, x, group_y, group_x
        if any(_root(parent, other) == x for member in group_y for other in against.get(member, ())):
            pair = out[position]
            comparison = replace(pair.comparison, reasons=(*pair.comparison.reasons, CONFLICTING))
            out[position] = Pair(pair.a, pair.b, comparison, "review")
            continue
        parent[y] = x
        members[x] = group_x + group_y
        members.pop(y, None)
    decided = {positions[p] for p, pair in enumerate(out) if pair.decision == "match"}
    reviewed = {positions[p]: p for p, pair in enumerate(out) if pair.decision == "review"}
    implied: list[Pair] = []
    for group in members.values():
        if len(group) < 3:
            continue
        group.sort()
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                if (i, j) in decided:
                    continue
                comparison = compare(i, j)
                comparison = replace(comparison, reasons=(THROUGH_OTHERS, *comparison.reasons))
                pair = _pair(records[i].record_id, records[j].record_id, comparison, "match")
                if (i, j) in reviewed:
                    out[reviewed[(i, j)]] = pair
                else:
                    implied.append(pair)
    return implied


def _promote_only_namesakes(
    out: list[Pair],
    held: Sequence[tuple[int, int, int, float]],
    *,
    namesakes: Sequence[tuple[int, int, float]],
    matched: Sequence[tuple[int, int]],
    birth_years: Sequence[int],
) -> None:
    """Decide "match" the held pairs whose two persons have no other namesake in doubt in the whole list.

    A pair without an agreeing birth date or document is held at review: names, address and phone are
    shared by a father and the son named after him. But when every record whose names are close to either
    record of the pair (as the pairs decided "match" group them into persons) has the same birth year or none,
    there is no one else of that name the records could be: the pair is decided "match", with the reason
    "the only person of this name" in place of "too little is known". A namesake born in another year
    leaves it to a person to look, unless it is known to live elsewhere (`elsewhere`) or the record resembles
    it NAMESAKE_MARGIN bits less than the pair's other record.
    """
    parent = list(range(len(birth_years)))

    for i, j in matched:
        parent[_root(parent, i)] = _root(parent, j)
    # Each record's namesakes: the other persons it shares a name with, and the weight of the closest record.
    others: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j, weight in namesakes:
        x, y = _root(parent, i), _root(parent, j)
        if x != y:
            if others[i].get(y, -math.inf) < weight:
                others[i][y] = weight
            if others[j].get(x, -math.inf) < weight:
                others[j][x] = weight
    years: dict[int, set[int]] = defaultdict(set)
    for index, year in enumerate(birth_years):
        if year:
            years[_root(parent, index)].add(year)
    for position, i, j, weight in held:
        x, y = _root(parent, i), _root(parent, j)
        # Namesakes without a birth year may be either person; one with another year is someone else. A
        # namesake that either record resembles far less than the other (NAMESAKE_MARGIN) is not in doubt.
        close = {z for k in (i, j) for z, other in others[k].items() if other > weight - NAMESAKE_MARGIN}
        known = set().union(*(years[z] for z in close | {x, y}))
        if len(known) <= 1:
            pair = out[position]
            reasons = tuple(ONLY_NAMESAKE if code == TOO_FEW_FIELDS else code for code in pair.comparison.reasons)
            comparison = Comparison(
                weight=weight, probability=probability_of(weight), reasons=reasons, levels=pair.comparison.levels
            )
            out[position] = Pair(a=pair.a, b=pair.b, comparison=comparison, decision="match")


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
