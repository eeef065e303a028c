"""Searching the index: typo- and script-tolerant matching, filters, ranking by relevance and distance.

A query's words are folded (folding.py) and each one is expanded against the vocabulary of
the index — the word itself, words it begins, and words within a typo or two (rapidfuzz) —
before one indexed lookup of all the expansions, scored by the database in plain SQL that
SQLite and PostgreSQL both run. Services are ranked by how many of the query's words they
match, then by the weight of the fields matched (rarer words count more, exact matches more
than fuzzy ones), scaled down with the distance from the chosen place.
"""

import bisect
import json
import math
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from uuid import UUID

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from rapidfuzz import fuzz, process

from spojka.core.folding import query_tokens
from spojka.directory.models import (
    Language,
    Schedule,
    SearchDocument,
    SearchPosting,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceEligibility,
    ServiceNeed,
    TaxonomyTerm,
)
from spojka.directory.opening_hours import open_services
from spojka.directory.search.index import VISIBLE_STATUSES, index_stamp
from spojka.geo.models import AdministrativeUnit, ResidenceStatus

EXACT: Final = 1.0
PREFIX: Final = 0.8
FUZZY: Final = 0.7  # times the similarity (0 to 1)
MAX_PREFIX_EXPANSIONS: Final = 10
MAX_PREFIX_CANDIDATES: Final = 500
# Up to this many services of a chosen place are passed to the database by id.
MAX_PLACE_IDS: Final = 2000
# The most services a search ranks in full: 50 pages of 20.
MAX_RESULTS: Final = 1000
MAX_FUZZY_EXPANSIONS: Final = 8
# Kilometres at which distance halves a service's score.
DISTANCE_HALVING_KM: Final = 25.0


@dataclass(frozen=True)
class PortalQuery:
    """What a visitor searches for; every part is optional."""

    text: str = ""
    need: TaxonomyTerm | None = None
    place: AdministrativeUnit | None = None
    language: str = ""
    residence_status: ResidenceStatus | None = None
    open_now: bool = False


@dataclass
class Ranking:
    """The services found, best first, with their distance from the chosen place."""

    keys: list[Any] = field(default_factory=list)  # service ids as the database returned them
    distances: dict[Any, float] = field(default_factory=dict)
    matches: int | None = None  # when more services match than `keys` holds

    @property
    def total(self) -> int:
        """Return how many services match (`keys` may hold only the best of them)."""
        return self.matches if self.matches is not None else len(self.keys)

    def page(self, start: int, stop: int) -> list[tuple[UUID, float | None]]:
        """Return the ids and distances (km) of one slice of the results."""
        return [(_as_uuid(key), self.distances.get(key)) for key in self.keys[start:stop]]


def _as_uuid(key: Any) -> UUID:
    if isinstance(key, UUID):
        return key
    return uuid.UUID(str(key))


# --- the vocabulary, cached per process until the index changes --------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The distinct words of the index, sorted and bucketed by length, and the document count."""

    stamp: UUID | None
    words: list[str]
    by_length: dict[int, list[str]]
    documents: int
    frequency: dict[str, int]  # in how many services each word occurs

    def expand(self, token: str) -> dict[str, float]:
        """Return the indexed words a query word stands for, with how well each matches."""
        found: dict[str, float] = {}
        position = bisect.bisect_left(self.words, token)
        if position < len(self.words) and self.words[position] == token:
            found[token] = EXACT
        if len(token) >= 4:
            # The most frequent completions of a word begun: the likeliest meant, and few enough
            # to keep the lookup on the index.
            completions = []
            for word in self.words[position : position + MAX_PREFIX_CANDIDATES]:
                if not word.startswith(token):
                    break
                if word != token:
                    completions.append(word)
            completions.sort(key=lambda word: -self.frequency.get(word, 0))
            for word in completions[:MAX_PREFIX_EXPANSIONS]:
                found.setdefault(word, PREFIX)
        # Fuzzy matches only for a word the index does not have: a word spelt as some service
        # writes it is probably meant so ("právní" must not find "pracovní").
        if len(token) >= 4 and token not in found:
            cutoff = 74.0 if len(token) <= 5 else 78.0
            candidates = [
                word for size in range(len(token) - 2, len(token) + 3) for word in self.by_length.get(size, ())
            ]
            for word, score, _ in process.extract(
                token, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=MAX_FUZZY_EXPANSIONS
            ):
                found.setdefault(word, FUZZY * score / 100)
        return found


_cache_lock = threading.Lock()
_cached: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    """Return the index's vocabulary, reloading it when the index's stamp has changed."""
    global _cached  # the per-process cache
    stamp = index_stamp()
    current = _cached
    if current is not None and stamp is not None and current.stamp == stamp:
        return current
    with _cache_lock:
        frequency = dict(
            SearchPosting.objects.order_by().values("token").annotate(count=Count("pk")).values_list("token", "count")
        )
        words = sorted(frequency)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in words:
            by_length[len(word)].append(word)
        current = Vocabulary(
            stamp=stamp,
            words=words,
            by_length=dict(by_length),
            documents=SearchDocument.objects.count(),
            frequency=frequency,
        )
        _cached = current
    return current


# --- filters ------------------------------------------------------------------------------------


def units_around(unit: AdministrativeUnit) -> tuple[set[UUID], set[UUID]]:
    """Return the unit with the units above it, and the unit with every unit below it."""
    above = {unit.pk}
    parent_id = unit.parent_id
    while parent_id is not None and parent_id not in above:
        above.add(parent_id)
        parent_id = AdministrativeUnit.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    below = {unit.pk}
    frontier = {unit.pk}
    while frontier:  # one query per level below
        frontier = set(AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - below
        below |= frontier
    return above, below


def terms_under(term: TaxonomyTerm) -> set[UUID]:
    """Return the term with all its narrower terms."""
    found = {term.pk}
    frontier = {term.pk}
    while frontier:
        frontier = set(TaxonomyTerm.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def filtered_services(query: PortalQuery) -> tuple[QuerySet[Service], bool]:
    """Return the visible services passing the query's filters, and whether any filter applies."""
    services = Service.objects.filter(status__in=VISIBLE_STATUSES)
    narrowed = False
    if query.need is not None:
        narrowed = True
        services = services.filter(
            Exists(ServiceNeed.objects.filter(service=OuterRef("pk"), term_id__in=terms_under(query.need)))
        )
    if query.place is not None:
        narrowed = True
        above, below = units_around(query.place)
        # Two lookups through indexes, then the services by id: cheaper than testing every
        # service for an area or a place there, when (as for a town or district) they are few.
        there = set(ServiceArea.objects.filter(unit_id__in=above | below).values_list("service_id", flat=True))
        there |= set(
            ServiceAtLocation.objects.filter(location__municipality_id__in=below).values_list("service_id", flat=True)
        )
        if len(there) <= MAX_PLACE_IDS:
            services = services.filter(pk__in=there)
        else:
            services = services.filter(
                Exists(ServiceArea.objects.filter(service=OuterRef("pk"), unit_id__in=above | below))
                | Exists(ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__municipality_id__in=below))
            )
    if query.language:
        narrowed = True
        services = services.filter(Exists(Language.objects.filter(service=OuterRef("pk"), code=query.language)))
    if query.residence_status is not None:
        narrowed = True
        services = services.filter(
            ~Exists(ServiceEligibility.objects.filter(service=OuterRef("pk")))
            | Exists(ServiceEligibility.objects.filter(service=OuterRef("pk"), residence_status=query.residence_status))
        )
    if query.open_now:
        narrowed = True
        services = services.filter(_may_be_open_now())
    return services, narrowed


def _may_be_open_now() -> Q:
    # A cheap superset of the services open now, checked exactly afterwards: a row of hours
    # (the service's, at one of its places, or a place's) for now, or an exception for today.
    now = timezone.localtime()
    today = now.date()
    rows = Q(weekday=today.weekday(), opens_at__lte=now.time(), closes_at__gt=now.time(), is_exception=False) | Q(
        is_exception=True, opens_at__isnull=False, valid_from__lte=today
    )
    return (
        Q(Exists(Schedule.objects.filter(rows, service=OuterRef("pk"))))
        | Q(Exists(Schedule.objects.filter(rows, service_at_location__service=OuterRef("pk"))))
        | Q(Exists(Schedule.objects.filter(rows, location__services_here__service=OuterRef("pk"))))
    )


# --- ranking ------------------------------------------------------------------------------------


def _raw_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    # Rows as the database driver returns them: converting thousands of ids to UUID objects
    # would cost more than the query.
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def centroid_of(unit: AdministrativeUnit) -> tuple[float, float] | None:
    """Return a unit's centre, or the mean of the centres of the units directly below it."""
    latitude, longitude = unit.latitude, unit.longitude
    if latitude is not None and longitude is not None:
        return float(latitude), float(longitude)
    points = [
        (float(lat), float(lon))
        for lat, lon in AdministrativeUnit.objects.filter(
            parent=unit, latitude__isnull=False, longitude__isnull=False
        ).values_list("latitude", "longitude")
        if lat is not None and lon is not None
    ]
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _distances(services: QuerySet[Service], centre: tuple[float, float]) -> dict[Any, float]:
    distances = {}
    documents = SearchDocument.objects.filter(service_id__in=services.values("pk")).values_list("service_id", "points")
    for key, raw_points in _raw_rows(documents):
        points = json.loads(raw_points) if isinstance(raw_points, str) else raw_points
        if points:
            distances[key] = min(haversine_km(centre[0], centre[1], lat, lon) for lat, lon in points)
    return distances


def _distance_factor(distance: float | None) -> float:
    return 1.0 if distance is None else 1.0 / (1.0 + distance / DISTANCE_HALVING_KM)


def _expand(words: Sequence[str], vocab: Vocabulary) -> dict[str, list[tuple[int, float]]]:
    by_word: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for position, word in enumerate(words):
        for indexed, quality in vocab.expand(word).items():
            by_word[indexed].append((position, quality))
    return by_word


def search(query: PortalQuery) -> Ranking:
    """Return the visible services matching the query, best first."""
    services, narrowed = filtered_services(query)
    centre = centroid_of(query.place) if query.place is not None else None
    words = query_tokens(query.text)
    if not words:
        return _browse(services, centre, open_now=query.open_now)
    vocab = vocabulary()
    expansions = _expand(words, vocab)
    if not expansions:
        return Ranking()
    # Distances and opening hours re-rank or filter every match; otherwise the best suffice.
    limit = None if centre is not None or query.open_now else MAX_RESULTS
    scores, total = _scores(expansions, vocab, services if narrowed else None, limit=limit)
    keys = list(scores)
    if query.open_now:
        keys = _only_open(keys)
    distances = _distances(services, centre) if centre is not None else {}
    if not distances:
        return Ranking(keys=keys, matches=total if limit is not None else len(keys))  # already in order
    scored = [(scores[key][0], scores[key][1] * _distance_factor(distances.get(key)), key) for key in keys]
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return Ranking(keys=[key for _, _, key in scored], distances=distances)


def _scores(
    expansions: dict[str, list[tuple[int, float]]],
    vocab: Vocabulary,
    services: QuerySet[Service] | None,
    *,
    limit: int | None,
) -> tuple[dict[Any, tuple[int, float]], int]:
    """Return (query words matched, score) of the services matching, best first, and how many match.

    For each service and query word the best indexed word counts (match quality times field weight
    times rarity of the query word); a service's score is the sum over the query words it matches.
    """
    documents = max(vocab.documents, 1)
    by_position: dict[int, int] = defaultdict(int)
    for token, uses in expansions.items():
        for position, _ in uses:
            by_position[position] += vocab.frequency.get(token, 0)
    # A query word found in fewer services tells more (inverse document frequency of the query
    # word, from its expansions together, so that a rare misspelling does not outweigh the word).
    rarity = {
        position: math.log(1.0 + documents / max(1, min(count, documents))) for position, count in by_position.items()
    }
    factors = [
        (token, position, quality * rarity[position])
        for token, uses in expansions.items()
        for position, quality in uses
    ]
    params: list[Any] = [value for row in factors for value in row]
    # The words again as a plain list, so that the planner reads the postings through the index
    # on the word (joined to the VALUES alone, PostgreSQL may scan the whole table instead).
    where = f"WHERE p.token IN ({', '.join(['%s'] * len(expansions))})"
    params.extend(expansions)
    if services is not None:
        subquery, sub_params = services.values("pk").query.get_compiler(connection=connection).as_sql()
        where += f" AND p.service_id IN ({subquery})"
        params.extend(sub_params)
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    rows = ", ".join(["(%s, %s, CAST(%s AS REAL))"] * len(factors))
    # Standard SQL that SQLite and PostgreSQL both run: a VALUES table of the expansions joined
    # to the postings through the index on the word, best value per service and query word.
    # Only placeholders and our own names are formatted in: the visitor's words are parameters.
    sql = (
        f"WITH q(token, position, factor) AS (VALUES {rows}) "  # noqa: S608  # see above
        "SELECT service_id, COUNT(*) AS matched, SUM(value) AS score FROM ("
        f"SELECT p.service_id, q.position, MAX(q.factor * p.weight) AS value FROM {table} p "
        f"JOIN q ON p.token = q.token {where} GROUP BY p.service_id, q.position"
        ") best GROUP BY service_id ORDER BY matched DESC, score DESC"
    )
    if limit is not None:
        # The database counts every match, but sends only the best (nobody pages past them).
        sql = sql.replace("SUM(value) AS score FROM", "SUM(value) AS score, COUNT(*) OVER () AS total FROM", 1)
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = int(rows[0][3]) if limit is not None and rows else len(rows)
    return {row[0]: (int(row[1]), float(row[2])) for row in rows}, total


def _browse(services: QuerySet[Service], centre: tuple[float, float] | None, *, open_now: bool) -> Ranking:
    # No words: every service passing the filters, nearest first (or by name).
    keys = [row[0] for row in _raw_rows(services.order_by("name", "pk").values_list("pk"))]
    if open_now:
        keys = _only_open(keys)
    if centre is None:
        return Ranking(keys=keys)
    distances = _distances(services, centre)
    order = {key: position for position, key in enumerate(keys)}
    keys.sort(key=lambda key: (distances.get(key, math.inf), order[key]))
    return Ranking(keys=keys, distances=distances)


def _only_open(keys: Iterable[Any]) -> list[Any]:
    ids = {_as_uuid(key): key for key in keys}
    still = open_services(list(ids))
    return [key for service_id, key in ids.items() if service_id in still]
