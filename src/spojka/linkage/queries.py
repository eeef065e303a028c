"""Reads of identity matching with business meaning."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, UUIDField, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from spojka.clients.models import Client
from spojka.clients.names import query_keys
from spojka.clients.queries import clients_visible_to
from spojka.linkage.client_records import record_of_client
from spojka.linkage.enums import OPEN_STATUSES, PairStatus
from spojka.linkage.matching.blocking import blocking_keys
from spojka.linkage.matching.records import Record
from spojka.linkage.matching.scoring import LOWER, Model
from spojka.linkage.models import BlockingKey, CandidatePair, MatchRun, Person, PersonRecord
from spojka.linkage.reasons import Reason, reasons_for
from spojka.network.rules import active_membership


def person_expression(prefix: str = "") -> Combinable:
    """Return an expression giving, for each client, the person they are: the linked person's id, else their own.

    `Client.objects.annotate(person=person_expression())` then `Count("person", distinct=True)`
    counts persons, not records; through a relation, `person_expression(prefix="client__")` on
    referrals or visits. Erased and unlinked records count as themselves.
    """
    client = f"{prefix}id" if prefix else "pk"
    linked = PersonRecord.objects.filter(client_id=OuterRef(client), unlinked_at__isnull=True).values("person_id")[:1]
    return Coalesce(Subquery(linked), F(client), output_field=UUIDField())


# --- real-time candidates --------------------------------------------------------------------------------------

# How many records sharing a key are scored at most, and how many candidates are shown.
CANDIDATE_POOL = 200
CANDIDATES_SHOWN = 5
# Registration shows what the batch would send to review: the model's own lower threshold, so
# that the two never disagree about what is worth a person's look (same names with a different
# full date of birth stay below it; same names with only the year known are above).
REALTIME_LOWER = LOWER


@dataclass(frozen=True)
class Candidate:
    """An existing client who may be the person being registered, with the model's score and reasons."""

    client: Client
    probability: float
    reasons: list[Reason]

    @property
    def percent(self) -> int:
        return round(self.probability * 100)

    @property
    def same_birth_date(self) -> bool:
        return any(reason.code == "birth_date_equal" for reason in self.reasons)


def own_clients_for_matching(*, viewer: object) -> QuerySet[Client]:
    """Return the clients the viewer's organisation holds and the viewer may see: `owned_clients`, built cheaply.

    The same rows as `clients.queries.owned_clients` (a test holds them equal): the active
    organisation's clients, not erased, for holders of `clients.view_clients`. It skips building
    the referral-sharing part of `clients_visible_to`, which the own-organisation filter discards
    anyway and which costs more than the lookup itself on every keystroke.
    """
    membership = active_membership(viewer)
    if membership is None or not viewer.has_perm("clients.view_clients"):  # type: ignore[attr-defined]  # a User
        return Client.objects.none()
    return Client.objects.filter(organization_id=membership.organization_id, erased_at__isnull=True)


def candidate_ids_by_keys(*, organization_id: uuid.UUID, keys: Iterable[str]) -> QuerySet[BlockingKey, uuid.UUID]:
    """Return the ids of the organisation's clients sharing a blocking key: one index range per key."""
    return (
        BlockingKey.objects.filter(organization_id=organization_id, key__in=sorted(set(keys)))
        .values_list("client_id", flat=True)
        .distinct()
    )


def candidates_for(
    *, viewer: object, record: Record, exclude_id: uuid.UUID | None = None, lower: float = REALTIME_LOWER
) -> list[Candidate]:
    """Return the viewer's organisation's clients likely to be the person of `record`, best first.

    Looks up the record's blocking keys in the indexed `BlockingKey` table (never a scan of the
    clients), then scores each record found with the shipped model. Only the viewer's own
    organisation's records are candidates (`own_clients_for_matching`, so erased ones never are).
    """
    membership = active_membership(viewer)
    if membership is None or not viewer.has_perm("clients.manage_clients"):  # type: ignore[attr-defined]  # a User
        return []
    keys = blocking_keys(record)
    if not keys:
        return []
    ids = candidate_ids_by_keys(organization_id=membership.organization_id, keys=keys)[:CANDIDATE_POOL]
    clients = own_clients_for_matching(viewer=viewer).filter(pk__in=ids).order_by()
    if exclude_id is not None:
        clients = clients.exclude(pk=exclude_id)
    model = Model.default()
    found = []
    for client in clients:
        comparison = model.compare(record, record_of_client(client))
        if comparison.probability >= lower:
            found.append(Candidate(client, comparison.probability, reasons_for(comparison.reasons)))
    found.sort(key=lambda candidate: (-candidate.probability, candidate.client.family_name, str(candidate.client.pk)))
    return found[:CANDIDATES_SHOWN]


# --- review ----------------------------------------------------------------------------------------------------


def pairs_visible_to(user: object) -> QuerySet[CandidatePair]:
    """Return the candidate pairs the user may review: both records their own organisation's, neither erased.

    Pairs across organisations are nobody's to see (docs/decisions/0010).
    """
    membership = active_membership(user)
    if membership is None or not user.has_perm("linkage.review_matches"):  # type: ignore[attr-defined]  # a User
        return CandidatePair.objects.none()
    organization_id = membership.organization_id
    return CandidatePair.objects.filter(
        cross_organization=False,
        client_a__organization_id=organization_id,
        client_b__organization_id=organization_id,
        client_a__erased_at__isnull=True,
        client_b__erased_at__isnull=True,
    )


def review_queue(*, viewer: object, status: str = "", query: str = "") -> QuerySet[CandidatePair]:
    """Return the pairs a reviewer's queue lists, open ones by default, most likely first, with both records."""
    pairs = pairs_visible_to(viewer)
    pairs = pairs.filter(status=status) if status in PairStatus.values else pairs.filter(status__in=OPEN_STATUSES)
    for key in query_keys(query):
        pairs = pairs.filter(Q(client_a__search_names__contains=key) | Q(client_b__search_names__contains=key))
    # Skipped pairs come after those nobody has looked at yet.
    skipped_last = Case(When(status=PairStatus.SKIPPED, then=1), default=0)
    return pairs.select_related("client_a", "client_b", "decided_by").order_by(skipped_last, "-probability", "id")


def queue_counts(*, viewer: object) -> dict[str, int]:
    """Return how many of the reviewer's pairs are in each status (one query)."""
    rows = pairs_visible_to(viewer).values("status").annotate(n=Count("id")).order_by()
    counts = dict.fromkeys(PairStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def open_pairs_count(*, viewer: object) -> int:
    """Return how many pairs wait for the reviewer's decision."""
    return pairs_visible_to(viewer).filter(status__in=OPEN_STATUSES).count()


@dataclass(frozen=True)
class PersonView:
    """What a viewer may know of a person: the records they may see, and whether others exist elsewhere."""

    person: Person
    records: list[Client]
    known_elsewhere: bool


def person_for(*, viewer: object, person: Person) -> PersonView:
    """Return the viewer's view of a person: records the viewer may see; the rest only as "known elsewhere"."""
    linked = PersonRecord.objects.filter(person=person, unlinked_at__isnull=True).values_list("client_id", flat=True)
    visible = list(clients_visible_to(viewer).filter(pk__in=list(linked)).select_related("organization"))
    return PersonView(person=person, records=visible, known_elsewhere=len(visible) < len(linked))


def person_of(*, client: Client) -> Person | None:
    """Return the person a client's record is linked to, if any."""
    link = PersonRecord.objects.filter(client=client, unlinked_at__isnull=True).select_related("person").first()
    return link.person if link is not None else None


def runs(*, limit: int = 10) -> QuerySet[MatchRun]:
    """Return the latest batch runs."""
    return MatchRun.objects.order_by("-started_at")[:limit]
