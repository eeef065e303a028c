"""Blocking: the few keys under which two records of one person are likely to meet, so only those pairs are compared.

Each record gets a handful of short keys (given-name group with birth date where day and month may be
swapped, birth date with a name's first sound, document number, phone, all name words in any order with
and without a date). Two records are candidates when they share a key; keys shared by many
records are compared within a sorted-neighbourhood window. The linkage app stores the keys in an
indexed table for real-time lookup; the batch matcher groups records by key.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from spojka.linkage.matching.records import Record
from spojka.linkage.matching.scoring import Features

# A key shared by more records than this is too common to compare all its pairs (a shared office phone, a
# placeholder document number, the commonest name): its members are sorted twice (by name, then by birth
# date) and each is compared only with its WINDOW next neighbours in either order (sorted neighbourhood),
# so the candidates grow linearly with the registry.
MAX_BLOCK = 80
WINDOW = 6
# Keys are cut to this length (the linkage app stores them in a column of this size).
MAX_KEY = 120
# Name-only keys (prefix NAME_ONLY) pair only the members lacking a full birth date with the others.
NAME_ONLY = "n:"


def feature_keys(features: Features) -> set[str]:
    """Return the blocking keys of a record's precomputed features."""
    keys: set[str] = set()
    given, family = features.given, features.family
    year = features.year
    # (A key of the surname's sex-neutral stem, the birth year and the given name's first sound was dropped: at
    # 200,000 records it brought 67,000 of 761,000 candidate pairs, of which 96 true pairs no other key finds and
    # 51 decided "match" against 24 wrongly; F1 0.9635 without it, 0.9634 with it.)
    if features.birth:
        month, day = features.birth[4:6], features.birth[6:]
        day_month = f"{min(month, day)}{max(month, day)}"  # day and month swapped meet too
        date_key = f"{features.birth[:4]}{day_month}"
        if given is not None:
            keys.update(f"gd:{head}|{date_key}" for head in given.heads)
            # The birth date with the first sound of either name: catches typos in both names.
            keys.update(f"b:{date_key}|{i}" for i in given.initials)
        if family is not None:
            keys.update(f"b:{date_key}|{i}" for i in family.initials)
        if given is not None and family is not None:
            # A typo in the surname and in the day: the given name, the surname's first sounds and the year;
            # a typo in the surname and in the year: the same with day and month.
            keys.update(f"gy:{head}|{start}|{year}" for head in given.heads for start in family.starts3)
            keys.update(f"gm:{head}|{start}|{day_month}" for head in given.heads for start in family.starts2)
            # All name words in any order with day and month: swapped name order, with a wrong birth year too.
            # (Name-only keys grow with the registry, and pairs without a date need a document or phone to
            # be merged, which have keys of their own.)
            for sound_given in given.sounds2:
                for sound_family in family.sounds2:
                    words = " ".join(sorted(f"{sound_given} {sound_family}".split()))
                    keys.add(f"o:{words}|{day_month}")
    if given is not None and family is not None:
        # For a birth date missing on one side: all name words in any order (see candidate_pairs), and the
        # given name's group with the surname's sound (Sasha Ševčenko, Oleksandr Shevchenko).
        for sound_given in given.sounds2:
            for sound_family in family.sounds2:
                keys.add(NAME_ONLY + " ".join(sorted(f"{sound_given} {sound_family}".split())))
        if given.groups:
            keys.update(f"{NAME_ONLY}{head}|{sound}" for head in given.heads for sound in family.sounds2)
    if len(features.doc) >= 5:
        keys.add(f"d:{features.doc}")
    if len(features.phone) >= 8:
        keys.add(f"ph:{features.phone}")
    if max(map(len, keys), default=0) <= MAX_KEY:
        return keys
    return {key[:MAX_KEY] for key in keys}


def _name_order(features: Features) -> str:
    given = features.given.folded if features.given is not None else ""
    family = features.family.folded if features.family is not None else ""
    return f"{family} {given}"


def blocking_keys(record: Record) -> set[str]:
    """Return the blocking keys of a record (short strings; records sharing one are compared)."""
    return feature_keys(Features(record))


def candidate_pairs(
    records: Sequence[Record],
    *,
    features: Sequence[Features] | None = None,
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
) -> Iterator[tuple[int, int]]:
    """Yield each pair of indexes (i < j) of records sharing a blocking key once.

    Blocks over `max_block` records are not compared in full: only neighbours within `window` places
    when the members are sorted by name and by birth date.
    """
    feats = features if features is not None else [Features(r) for r in records]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, feature in enumerate(feats):
        for key in feature_keys(feature):
            blocks[key].append(index)
    count = len(feats)
    seen: set[int] = set()
    by_name: list[str] | None = None
    by_birth: list[str] = []
    for key, members in blocks.items():
        size = len(members)
        if size < 2:
            continue
        if size == 2 and not key.startswith(NAME_ONLY):  # most shared keys: one pair, no combinations
            seen.add(members[0] * count + members[1])
            continue
        undated: set[int] | None = None
        if key.startswith(NAME_ONLY):
            # Records with full birth dates meet under the date keys; the name alone only brings in records
            # whose full date is missing, which it pairs with every other member.
            undated = {i for i in members if not feats[i].birth}
            if not undated:
                continue
            if len(members) <= max_block:
                seen.update(i * count + j for i, j in combinations(members, 2) if i in undated or j in undated)
                continue
        elif len(members) <= max_block:
            # Members are in index order, so each combination is (i, j) with i < j; one int per pair.
            seen.update(i * count + j for i, j in combinations(members, 2))
            continue
        if by_name is None:
            by_name = [_name_order(f) for f in feats]
            by_birth = [f"{f.birth or f.year or ''}|{name}" for f, name in zip(feats, by_name, strict=True)]
        for order in (by_name, by_birth):
            ranked = sorted(members, key=order.__getitem__)
            for position, i in enumerate(ranked):
                for j in ranked[position + 1 : position + 1 + window]:
                    if undated is None or i in undated or j in undated:
                        seen.add(i * count + j if i < j else j * count + i)
    for code in sorted(seen):
        yield divmod(code, count)
