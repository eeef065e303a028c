# ruff: noqa: S311
# (`random` samples pairs for estimating u, not secrets.)
"""Score how likely two records are one person: a Fellegi-Sunter model over comparison levels.

Every field of a pair is compared into one *level* (equal, equal after transliteration, a
diminutive, one digit off, different …). Each level has an m probability (how often a true
match shows it) and a u probability (how often two random records do); the pair's weight is
the prior log-odds plus the sum of log2(m/u) over the fields present in both records. A field
missing on either side weighs nothing. `Model.train` estimates u from random pairs and m (and
the prior) by expectation-maximisation over blocked candidate pairs, without labels.

Pure Python, no Django.
"""

import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from spojka.linkage.matching.names import (
    fold_name,
    latin_forms,
    near_given_name_groups,
    phonetic_variants,
    surname_stems,
)
from spojka.linkage.matching.records import Record

# Probability thresholds: at or above UPPER a pair is proposed as a match, between LOWER and UPPER it needs review.
UPPER = 0.95
LOWER = 0.5

# A record needs this many of given name, family name, birth date, document number and phone to be merged
# automatically; a pair below it is capped under UPPER (issue 7: "never auto-merged").
MIN_EVIDENCE_FIELDS = 3
CAPPED_PROBABILITY = (UPPER + LOWER) / 2
# Names agreeing with only the birth year known need more agreeing before they are merged automatically:
# points for equal phone or municipality (2 each), sex or nationality (1 each; nearly every pair of one name
# shares them), at least HOUSEHOLD_AGREEMENT in all.
HOUSEHOLD_POINTS = ((3, 1), (5, 2), (6, 2), (7, 1))  # (field index, points): sex, phone, municipality, nationality
HOUSEHOLD_AGREEMENT = 2

# Comparison levels per field, best first; "missing" is not a level (weight 0).
LEVELS: dict[str, tuple[str, ...]] = {
    "given_name": ("equal", "equal_after_transliteration", "phonetic", "diminutive", "similar", "different"),
    "family_name": ("equal", "equal_after_transliteration", "phonetic", "similar", "different"),
    "birth_date": ("equal", "day_month_swapped", "one_digit", "year_only_equal", "year_equal", "different"),
    "sex": ("equal", "different"),
    "document_number": ("equal", "one_character", "different"),
    "phone": ("equal", "different"),
    "municipality": ("equal", "different"),
    "nationality": ("equal", "different"),
}
FIELDS: tuple[str, ...] = tuple(LEVELS)
_GIVEN_DIFFERENT = LEVELS["given_name"].index("different")
_BIRTH_YEAR_EQUAL = LEVELS["birth_date"].index("year_equal")
_BIRTH_YEAR_ONLY_EQUAL = LEVELS["birth_date"].index("year_only_equal")
_BIRTH_ONE_DIGIT = LEVELS["birth_date"].index("one_digit")
_GIVEN_DIMINUTIVE = LEVELS["given_name"].index("diminutive")
_FAMILY_PHONETIC = LEVELS["family_name"].index("phonetic")
_BIRTH_DIFFERENT = LEVELS["birth_date"].index("different")
# Two full dates more than a typo or a day-month swap apart, in the same year or not.
_BIRTH_CONFLICTS = (_BIRTH_YEAR_EQUAL, _BIRTH_DIFFERENT)
MISSING = -1
REASON_CODES: tuple[str, ...] = (
    *(f"{name}_{level}" for name, levels in LEVELS.items() for level in levels),
    "name_order_swapped",
    "too_few_fields",
    "identity_conflict",
    "birth_date_conflict",
    # Decided over the whole list (`batch.match_records`), not by comparing two records alone.
    "only_namesake",
    "same_person_through_other_records",
    "conflicts_with_other_records",
)

# Probability given to a pair whose given names are different known names (twins, siblings) or whose given
# name and birth date both disagree (a parent and a child sharing phone, address and surname): the
# household fields agree for such pairs far more often than for random pairs, which the independence
# assumption of the model does not know, so they would otherwise add up to a match.
CONFLICT_PROBABILITY = 0.2

# Name parts closer than this (indel ratio of sound keys, 0-100) count as "similar".
SIMILAR_NAME = 85.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two records: summed log2 weight, match probability and reason codes."""

    weight: float
    probability: float
    reasons: tuple[str, ...]
    levels: tuple[int, ...] = field(default=(), compare=False)


class NamePart:
    """The precomputed forms of one given or family name, shared by every record that spells it the same."""

    __slots__ = (
        "folded",
        "forms",
        "groups",
        "heads",
        "ident",
        "initials",
        "sounds",
        "sounds2",
        "starts2",
        "starts3",
        "stems",
        "words",
    )

    def __init__(self, text: str, ident: int) -> None:
        self.ident = ident
        self.folded = fold_name(text)
        self.forms = frozenset(latin_forms(text))
        self.sounds = phonetic_variants(text)
        self.stems = surname_stems(text)
        self.groups = near_given_name_groups(text)
        self.words = frozenset(min(self.sounds, default="").split())
        # Pieces of the blocking keys (see blocking.feature_keys), sorted so that they are stable.
        self.sounds2 = tuple(sorted(self.sounds)[:2])
        self.heads = tuple(sorted(self.groups)[:3]) or self.sounds2
        self.initials = tuple(sorted({sound[:1] for sound in self.sounds})[:2])
        self.starts2 = tuple(sorted({sound[:2] for sound in self.sounds})[:2])
        self.starts3 = tuple(sorted({sound[:3] for sound in self.sounds})[:2])


_PARTS: dict[str, NamePart] = {}


def name_part(text: str) -> NamePart | None:
    """Return the shared NamePart of a name, or None for a name with no letter or digit."""
    part = _PARTS.get(text)
    if part is None:
        if len(_PARTS) > 2_000_000:  # a long-running process: start over rather than grow without end
            _PARTS.clear()
            _PAIR_CACHE.clear()
        part = NamePart(text, len(_PARTS) + 1)
        _PARTS[text] = part
    return part if part.folded else None


_PAIR_CACHE: dict[tuple[int, int, bool], int] = {}


def _name_level(a: NamePart, b: NamePart, *, given: bool) -> int:
    """Return the level index of two name parts (given-name levels when `given`, else family-name levels)."""
    key = (a.ident, b.ident, given) if a.ident < b.ident else (b.ident, a.ident, given)
    cached = _PAIR_CACHE.get(key)
    if cached is not None:
        return cached
    level = _name_level_uncached(a, b, given=given)
    _PAIR_CACHE[key] = level
    return level


def _name_level_uncached(a: NamePart, b: NamePart, *, given: bool) -> int:
    if a.folded == b.folded:
        return 0
    if a.forms & b.forms:
        return 1
    if a.sounds & b.sounds:
        return 2
    if given:
        if a.groups and b.groups:
            # Both are known names: the same group is a diminutive or a variant; different groups are
            # different names however alike they look (Oleksandr and Oleksandra, Mykola and Mykhailo).
            return 3 if a.groups & b.groups else 5
        return 4 if _similar(a, b) else 5
    if a.stems & b.stems:
        return 2  # Ševčenko and Ševčenková, Novák and Nováková
    return 3 if _similar(a, b) else 4


def _similar(a: NamePart, b: NamePart) -> bool:
    """Tell whether two names are a typo apart: one edit or transposition (two in long names), or close by ratio."""
    for x in a.sounds:
        for y in b.sounds:
            edits = 1 if min(len(x), len(y)) < 8 else 2
            if min(len(x), len(y)) >= 4 and OSA.distance(x, y, score_cutoff=edits) <= edits:
                return True
            if fuzz.ratio(x, y, score_cutoff=SIMILAR_NAME):
                return True
    return False


class Features:
    """A record's values in the form the comparisons need, computed once per record."""

    __slots__ = (
        "birth",
        "doc",
        "evidence",
        "family",
        "given",
        "municipality",
        "nationality",
        "phone",
        "sex",
        "words",
        "year",
    )

    def __init__(self, record: Record) -> None:
        self.given = name_part(record.given_name or record.native_given_name)
        self.family = name_part(record.family_name or record.native_family_name)
        born = record.birth_date
        self.birth = f"{born.year:04}{born.month:02}{born.day:02}" if born else ""
        self.year = record.birth_year or (record.birth_date.year if record.birth_date else 0)
        self.sex = record.sex
        self.doc = record.document_number
        self.phone = record.phone[-9:]
        self.municipality = record.municipality
        self.nationality = record.nationality
        words = (self.given.words if self.given else frozenset()) | (self.family.words if self.family else frozenset())
        # All name words sorted, for names in another order; empty unless both parts are there.
        self.words = " ".join(sorted(words)) if self.given and self.family and len(words) >= 2 else ""
        self.evidence = sum(
            (self.given is not None, self.family is not None, bool(self.year), bool(self.doc), bool(self.phone))
        )


def _birth_level(a: Features, b: Features) -> int:
    if not a.year or not b.year:
        return MISSING
    if a.birth and b.birth:
        if a.birth == b.birth:
            return 0
        if a.birth[:4] == b.birth[:4] and a.birth[4:6] == b.birth[6:8] and a.birth[6:8] == b.birth[4:6]:
            return 1
        if sum(x != y for x, y in zip(a.birth, b.birth, strict=True)) == 1:
            return 2
        return 4 if a.year == b.year else 5
    return 3 if a.year == b.year else 5


def _simple(a: str, b: str) -> int:
    if not a or not b:
        return MISSING
    return 0 if a == b else 1


def _document_level(a: str, b: str) -> int:
    if not a or not b:
        return MISSING
    if a == b:
        return 0
    if min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b, score_cutoff=1) <= 1:
        return 1
    return 2


def _pair_levels(a: NamePart | None, b: NamePart | None, *, given: bool) -> int:
    if a is None or b is None:
        return MISSING
    return _name_level(a, b, given=given)


def compare_levels(a: Features, b: Features) -> tuple[tuple[int, ...], bool]:
    """Return the level index of every field (MISSING when absent on a side) and whether the name order is swapped."""
    given = _pair_levels(a.given, b.given, given=True)
    family = _pair_levels(a.family, b.family, given=False)
    swapped = False
    if given >= 4 and family >= 3:
        given, family, swapped = _crossed(a, b, given, family)
    levels = (
        given,
        family,
        _birth_level(a, b),
        _simple(a.sex, b.sex),
        _document_level(a.doc, b.doc),
        _simple(a.phone, b.phone),
        _simple(a.municipality, b.municipality),
        _simple(a.nationality, b.nationality),
    )
    return levels, swapped


def _crossed(a: Features, b: Features, given: int, family: int) -> tuple[int, int, bool]:
    """Return the name levels with given and family name exchanged on one side, when that compares better.

    A form filled the wrong way round, a family-name-first order, Vietnamese "Nguyen Van An" against
    "An Nguyen Van".
    """
    crossed_given = _pair_levels(a.given, b.family, given=True)
    crossed_family = _pair_levels(a.family, b.given, given=False)
    if 0 <= crossed_given <= 3 and 0 <= crossed_family <= 2:
        return crossed_given, crossed_family, True
    if 0 <= crossed_given <= 4 and 0 <= crossed_family <= 3 and crossed_given + crossed_family < given + family:
        return crossed_given, crossed_family, True  # crossed, with a typo
    words = _same_words(a, b)
    if words:
        return (1, 1, True) if words == 2 else (4, 3, True)
    return given, family, False


def _same_words(a: Features, b: Features) -> int:
    """Return 2 when both names have the same words in another order, 1 when nearly so, else 0."""
    if not a.words or not b.words:
        return 0
    if a.words == b.words:
        return 2
    return 1 if fuzz.ratio(a.words, b.words, score_cutoff=SIMILAR_NAME) else 0


def identity_conflict(a: Features, b: Features, levels: Sequence[int]) -> bool:
    """Tell whether a pair is two people by its given names and birth date, whatever else agrees.

    Different known given names (Yevheniia and Yaroslava: in the equivalence data, no group in common),
    or a given name and a birth date that both disagree; an equal document number overrides.
    """
    if levels[0] != _GIVEN_DIFFERENT or levels[4] == 0:
        return False
    if levels[2] >= _BIRTH_YEAR_EQUAL:
        return True
    return bool(a.given and b.given and a.given.groups and b.given.groups)


def _swapped_with_a_typo(a: str, b: str) -> bool:
    """Tell whether two dates (YYYYMMDD) are one digit apart once day and month of one are swapped."""
    if not a or not b:
        return False
    swapped = b[:4] + b[6:8] + b[4:6]
    return sum(x != y for x, y in zip(a, swapped, strict=True)) <= 1


def _log2(x: float) -> float:
    return math.log2(max(x, 1e-12))


@dataclass
class Model:
    """Fellegi-Sunter parameters: m and u per field level, and the prior that two random records match."""

    m: dict[str, list[float]]
    u: dict[str, list[float]]
    prior: float
    note: str = ""
    weights: dict[str, list[float]] = field(init=False, repr=False)
    _table: tuple[tuple[float, ...], ...] = field(init=False, repr=False)
    _prior_weight: float = field(init=False, repr=False)
    _codes: tuple[tuple[str, ...], ...] = field(init=False, repr=False)
    _weights_of: dict[tuple[int, ...], float] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.weights = {
            name: [_log2(m) - _log2(u) for m, u in zip(self.m[name], self.u[name], strict=True)] for name in FIELDS
        }
        self._table = tuple(tuple(self.weights[name]) for name in FIELDS)
        self._prior_weight = _log2(self.prior) - _log2(1 - self.prior)
        self._codes = tuple(tuple(f"{name}_{level}" for level in LEVELS[name]) for name in FIELDS)

    @property
    def prior_weight(self) -> float:
        """Return the prior log2 odds that two random records are one person."""
        return self._prior_weight

    # --- persistence -------------------------------------------------------------------------------------------

    @classmethod
    def default(cls) -> "Model":
        """Return the shipped parameters (data/model_default.json; see `spojka.linkage.matching.synthetic`)."""
        return _default_model()

    def to_json(self) -> str:
        """Return the parameters as JSON, levels named."""
        data: dict[str, Any] = {"note": self.note, "prior": self.prior, "fields": {}}
        for name in FIELDS:
            data["fields"][name] = {
                level: {"m": round(m, 8), "u": round(u, 10)}
                for level, m, u in zip(LEVELS[name], self.m[name], self.u[name], strict=True)
            }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Model":
        """Read parameters written by `to_json`."""
        data = json.loads(text)
        m = {name: [float(data["fields"][name][level]["m"]) for level in LEVELS[name]] for name in FIELDS}
        u = {name: [float(data["fields"][name][level]["u"]) for level in LEVELS[name]] for name in FIELDS}
        return cls(m=m, u=u, prior=float(data["prior"]), note=str(data.get("note", "")))

    # --- scoring -----------------------------------------------------------------------------------------------

    def weight_of(self, levels: Sequence[int], family_adjustment: float = 0.0) -> float:
        """Return the match weight (log2 odds) of a vector of levels."""
        total = self._weights_of.get(levels) if isinstance(levels, tuple) else None
        if total is None:
            total = self._prior_weight
            for row, level in zip(self._table, levels, strict=True):
                if level >= 0:
                    total += row[level]
            if isinstance(levels, tuple) and len(self._weights_of) < 1 << 16:
                # A registry shows a few thousand distinct vectors: each is summed once.
                self._weights_of[levels] = total
        return total + family_adjustment

    def decide(
        self,
        a: Features,
        b: Features,
        levels: Sequence[int],
        swapped: bool,
        family_adjustment: float = 0.0,
        weight: float | None = None,
    ) -> Comparison:
        """Turn levels into a Comparison with reasons (strongest evidence first), applying the guards."""
        if weight is None:
            weight = self.weight_of(levels, family_adjustment)
        probability = _probability(weight)
        reasons = [
            (-abs(row[level]), codes[level])
            for row, codes, level in zip(self._table, self._codes, levels, strict=True)
            if level >= 0
        ]
        codes = [code for _, code in sorted(reasons)]
        if swapped:
            codes.insert(0, "name_order_swapped")
        if probability > CONFLICT_PROBABILITY and identity_conflict(a, b, levels):
            probability = CONFLICT_PROBABILITY
            weight = math.log2(probability / (1 - probability))
            codes.append("identity_conflict")
        elif (
            probability > CAPPED_PROBABILITY
            and levels[2] in _BIRTH_CONFLICTS
            and levels[4] != 0
            and not _swapped_with_a_typo(a.birth, b.birth)
        ):
            # Different birth dates (a father and a son of one name; two people of one name born in one year)
            # are never merged without a person.
            probability = CAPPED_PROBABILITY
            weight = math.log2(probability / (1 - probability))
            codes.append("birth_date_conflict")
        if _too_few_fields(a, b, levels) and probability > CAPPED_PROBABILITY:
            probability = CAPPED_PROBABILITY
            weight = math.log2(probability / (1 - probability))
            codes.append("too_few_fields")
        return Comparison(weight=weight, probability=probability, reasons=tuple(codes), levels=tuple(levels))

    def compare(self, a: Record, b: Record) -> Comparison:
        """Compare two records."""
        fa, fb = Features(a), Features(b)
        levels, swapped = compare_levels(fa, fb)
        return self.decide(fa, fb, levels, swapped)

    # --- training ----------------------------------------------------------------------------------------------

    @classmethod
    def train(
        cls,
        records: Sequence[Record],
        *,
        start: "Model | None" = None,
        random_pairs: int = 40_000,
        iterations: int = 25,
        seed: int = 7,
        features: Sequence[Features] | None = None,
        pairs: Iterable[tuple[int, int]] | None = None,
        compared: Iterable[tuple[tuple[int, ...], bool]] | None = None,
    ) -> "Model":
        """Estimate parameters from unlabelled records: u from random pairs, m and prior by EM over blocked pairs.

        `features`, `pairs` and `compared` (the levels of those pairs) may be given when already computed.
        """
        from spojka.linkage.matching.blocking import candidate_pairs

        start = start or cls.default()
        feats = list(features) if features is not None else [Features(r) for r in records]
        count = len(feats)
        if count < 2:
            return start
        u = estimate_u(feats, random_pairs=random_pairs, seed=seed)
        vectors: Counter[tuple[int, ...]] = Counter()
        blocked = 0
        if compared is None:
            candidates = pairs if pairs is not None else candidate_pairs(records, features=feats)
            compared = (compare_levels(feats[i], feats[j]) for i, j in candidates)
        for levels, _swapped in compared:
            vectors[levels] += 1
            blocked += 1
        if not blocked:
            return cls(m=start.m, u=u, prior=start.prior, note=start.note)
        # Two EM sessions, as Splink trains: over pairs with an equal birth date (which estimates the name,
        # document, phone … levels) and over pairs with an equal name (which estimates the birth date's).
        # One session over all blocked pairs drifts to "same household" (shared surname, phone and address)
        # as the matching class; conditioning on a field that households rarely share keeps it on persons.
        same_birth = Counter({v: c for v, c in vectors.items() if v[2] == 0})
        same_name = Counter({v: c for v, c in vectors.items() if 0 <= v[0] <= 1 and 0 <= v[1] <= 1})
        m_birth, _ = expectation_maximisation(same_birth, m=start.m, u=u, iterations=iterations, skip={2})
        m_name, _ = expectation_maximisation(same_name, m=start.m, u=u, iterations=iterations, skip={0, 1})
        m = {
            name: [
                (x if name in ("given_name", "family_name") else y if name == "birth_date" else (x + y) / 2)
                for x, y in zip(m_birth[name], m_name[name], strict=True)
            ]
            for name in FIELDS
        }
        # The share of matches among the blocked pairs from a strict deterministic rule with an assumed recall
        # (as Splink's estimate_probability_two_random_records_match).
        strict = sum(count for vector, count in vectors.items() if _strict_match(vector))
        share = min(0.9, max(1e-6, strict / STRICT_RULE_RECALL / blocked))
        # The share of matches among blocked pairs, spread over all pairs (blocking is assumed to keep nearly all).
        prior = min(0.5, max(1e-12, share * blocked / (count * (count - 1) / 2)))
        note = f"trained on {count} records, {blocked} blocked pairs, {len(vectors)} distinct comparison vectors"
        return cls(m=m, u=u, prior=prior, note=note)


# The strict rule (given name at most a diminutive, family name at most phonetic, birth date equal or a typo
# away) and the share of true matches it is assumed to find.
STRICT_RULE_RECALL = 0.6


def _strict_match(vector: Sequence[int]) -> bool:
    return 0 <= vector[0] <= 3 and 0 <= vector[1] <= 2 and 0 <= vector[2] <= 2


def probability_of(weight: float) -> float:
    """Return the match probability of a weight (log2 odds)."""
    return _probability(weight)


def _probability(weight: float) -> float:
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds: float = 2.0**weight
    return odds / (1 + odds)


def _too_few_fields(a: Features, b: Features, levels: Sequence[int]) -> bool:
    """Tell whether a pair lacks the independent evidence an automatic merge needs.

    Either record with fewer than MIN_EVIDENCE_FIELDS of names, birth year, document and phone is too sparse.
    Otherwise the pair needs a personal identifier that agrees (birth date equal or a typo away, document
    equal or one character off), or both names agreeing with an equal birth year (only the year known, or
    dates of one year with more than one typo) and
    enough of sex, nationality, municipality and phone equal (HOUSEHOLD_POINTS). Names, phone and address
    alone are shared by a father and the son named after him: without a birth date they need a person to look.
    """
    return sparse(a, b) or lacks_identifier(levels)


def sparse(a: Features, b: Features) -> bool:
    """Tell whether either record has fewer than MIN_EVIDENCE_FIELDS of names, birth year, document and phone."""
    return min(a.evidence, b.evidence) < MIN_EVIDENCE_FIELDS


def names_alike(levels: Sequence[int]) -> bool:
    """Tell whether a pair's names agree: given name at most a diminutive, family name at most phonetic."""
    return 0 <= levels[0] <= _GIVEN_DIMINUTIVE and 0 <= levels[1] <= _FAMILY_PHONETIC


def lacks_identifier(levels: Sequence[int]) -> bool:
    """Tell whether a pair lacks an agreeing personal identifier (see `_too_few_fields`)."""
    birth, document = levels[2], levels[4]
    if 0 <= birth <= _BIRTH_ONE_DIGIT or 0 <= document <= 1:
        return False
    if not names_alike(levels) or birth not in (_BIRTH_YEAR_ONLY_EQUAL, _BIRTH_YEAR_EQUAL):
        return True
    return sum(points for index, points in HOUSEHOLD_POINTS if levels[index] == 0) < HOUSEHOLD_AGREEMENT


def estimate_u(features: Sequence[Features], *, random_pairs: int, seed: int) -> dict[str, list[float]]:
    """Return u probabilities: how often two random records show each level.

    The "equal" level of every field is computed exactly from the values' frequencies (Σ share²), the
    other levels from a sample of random pairs, scaled to the rest; add-half smoothing keeps every u above 0.
    """
    equal = _equal_shares(features)
    rng = random.Random(seed)
    count = len(features)
    counts = {name: [0.5] * len(levels) for name, levels in LEVELS.items()}
    for _ in range(random_pairs):
        i, j = rng.randrange(count), rng.randrange(count)
        if i == j:
            continue
        levels, _swapped = compare_levels(features[i], features[j])
        for index, level in enumerate(levels):
            if level > 0:
                counts[FIELDS[index]][level] += 1
    u: dict[str, list[float]] = {}
    for name, values in counts.items():
        rest = sum(values[1:])
        u[name] = [equal[name], *((1 - equal[name]) * v / rest for v in values[1:])]
    return u


def _equal_shares(features: Sequence[Features]) -> dict[str, float]:
    """Return, per field, the probability that two random records with the field present have it equal."""
    values: dict[str, Counter[str]] = {
        "given_name": Counter(f.given.folded for f in features if f.given),
        "family_name": Counter(f.family.folded for f in features if f.family),
        "birth_date": Counter(f.birth for f in features if f.birth),
        "sex": Counter(f.sex for f in features if f.sex),
        "document_number": Counter(f.doc for f in features if f.doc),
        "phone": Counter(f.phone for f in features if f.phone),
        "municipality": Counter(f.municipality for f in features if f.municipality),
        "nationality": Counter(f.nationality for f in features if f.nationality),
    }
    present = Counter({"birth_date": sum(1 for f in features if f.year)})
    shares: dict[str, float] = {}
    for name, counter in values.items():
        total = sum(counter.values())
        share = sum((c / total) ** 2 for c in counter.values()) if total > 1 else 0.5
        if name == "birth_date" and present[name]:
            share *= (total / present[name]) ** 2  # both dates must be full to be equal
        shares[name] = min(0.99, max(share, 1 / max(total, 1) ** 2, 1e-9))
    return shares


def expectation_maximisation(
    vectors: Counter[tuple[int, ...]],
    *,
    m: dict[str, list[float]],
    u: dict[str, list[float]],
    iterations: int,
    share: float = 0.5,
    skip: set[int] | frozenset[int] = frozenset(),
) -> tuple[dict[str, list[float]], float]:
    """Return m probabilities and the share of matches estimated over the comparison vectors, u held fixed.

    Fields whose index is in `skip` (those the pairs were selected on) are left out and keep their m.
    """
    items = list(vectors.items())
    m = {name: list(values) for name, values in m.items()}
    if not items:
        return m, share
    log_u = [[_log2(x) for x in u[name]] for name in FIELDS]
    used = [index for index in range(len(FIELDS)) if index not in skip]
    for _ in range(iterations):
        log_m = [[_log2(x) for x in m[name]] for name in FIELDS]
        prior = _log2(share) - _log2(1 - share)
        sums = {name: [1e-3] * len(LEVELS[name]) for name in FIELDS}
        total_match = total = 0.0
        for vector, count in items:
            weight = prior
            for index in used:
                level = vector[index]
                if level >= 0:
                    weight += log_m[index][level] - log_u[index][level]
            p = _probability(weight) * count
            total_match += p
            total += count
            for index in used:
                level = vector[index]
                if level >= 0:
                    sums[FIELDS[index]][level] += p
        for index in used:
            name = FIELDS[index]
            m[name] = [x / sum(sums[name]) for x in sums[name]]
        share = min(0.99, max(1e-6, total_match / total))
    return m, share


@cache
def _default_model() -> Model:
    text = resources.files("spojka.linkage.matching").joinpath("data", "model_default.json").read_text("utf-8")
    return Model.from_json(text)
