"""Writes of identity matching: blocking keys, batch runs, merges, keeping apart, undoing. Each is atomic."""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.clients.models import Client
from spojka.linkage.client_records import MATCHED_FIELDS, record_of_client, records_of_values
from spojka.linkage.enums import OPEN_STATUSES, PairStatus, RunTrigger
from spojka.linkage.matching.batch import match_records
from spojka.linkage.matching.blocking import blocking_keys
from spojka.linkage.models import BlockingKey, CandidatePair, KeptApart, MatchRun, Person, PersonRecord

# What the audit entries of a merge say the reviewer compared (names of fields, never values).
COMPARED_FIELDS = ("given_name", "family_name", "native_given_name", "native_family_name", "birth_date", "sex")
AUDIT_TEXT = "identity matching"
KEY_LENGTH = 120  # BlockingKey.key's length; the engine's keys are shorter


class PairDecidedError(ValueError):
    """The pair was already decided (merged or kept apart) by someone else."""


def _ordered(first: uuid.UUID, second: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    return (first, second) if first < second else (second, first)


def index_client(*, client: Client) -> None:
    """Bring a client's blocking keys up to date (none for an erased client); call after every write of a client."""
    with transaction.atomic():
        BlockingKey.objects.filter(client_id=client.pk).delete()
        if client.erased_at is not None:
            forget_pairs_of(client=client)
            return
        keys = {key[:KEY_LENGTH] for key in blocking_keys(record_of_client(client))}
        BlockingKey.objects.bulk_create(
            BlockingKey(client_id=client.pk, organization_id=client.organization_id, key=key) for key in sorted(keys)
        )


def index_registry(*, batch_size: int = 5000) -> int:
    """Rebuild the blocking keys of every client that has none (all of them after a fresh install); return how many."""
    done = 0
    missing = (
        Client.objects.filter(erased_at__isnull=True)
        .exclude(pk__in=BlockingKey.objects.values("client_id"))
        .values("id", "organization_id", *MATCHED_FIELDS)
    )
    rows = list(missing)
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        keys = []
        for row, record in zip(chunk, records_of_values(chunk), strict=True):
            for key in sorted({key[:KEY_LENGTH] for key in blocking_keys(record)}):
                keys.append(BlockingKey(client_id=row["id"], organization_id=row["organization_id"], key=key))
        with transaction.atomic():
            BlockingKey.objects.bulk_create(keys, batch_size=batch_size, ignore_conflicts=True)
        done += len(chunk)
    return done


def _active_link(client_id: uuid.UUID) -> PersonRecord | None:
    return PersonRecord.objects.select_for_update().filter(client_id=client_id, unlinked_at__isnull=True).first()


def _link_pair(*, pair: CandidatePair, by: User | None) -> Person:
    """Link both records of a pair to one person, moving the second's person's records when both had one."""
    link_a = _active_link(pair.client_a_id)
    link_b = _active_link(pair.client_b_id)
    now = timezone.now()
    if link_a is not None and link_b is not None:
        if link_a.person_id == link_b.person_id:
            return link_a.person
        person = link_a.person
        moved = list(
            PersonRecord.objects.select_for_update().filter(person_id=link_b.person_id, unlinked_at__isnull=True)
        )
        PersonRecord.objects.filter(pk__in=[link.pk for link in moved]).update(unlinked_at=now, unlinked_by=by)
        PersonRecord.objects.bulk_create(
            PersonRecord(
                person=person, client_id=link.client_id, pair=pair, previous_person_id=link.person_id, linked_by=by
            )
            for link in moved
        )
        return person
    existing = link_a or link_b
    person = existing.person if existing is not None else Person.objects.create()
    for client_id, link in ((pair.client_a_id, link_a), (pair.client_b_id, link_b)):
        if link is None:
            PersonRecord.objects.create(person=person, client_id=client_id, pair=pair, linked_by=by)
    return person


def _audit_pair(*, pair: CandidatePair, by: User, action: AuditAction, fields: Iterable[str]) -> None:
    for client in (pair.client_a, pair.client_b):
        record_access(
            user=by,
            action=action,
            purpose=AuditPurpose.CASEWORK,
            obj=client,
            fields=list(fields),
            purpose_text=AUDIT_TEXT,
        )


def _lock(pair: CandidatePair) -> CandidatePair:
    return CandidatePair.objects.select_for_update().select_related("client_a", "client_b").get(pk=pair.pk)


@transaction.atomic
def merge_pair(*, pair: CandidatePair, by: User) -> Person:
    """Say the two records are the same person: link both to one person, keeping both records as they are."""
    locked = _lock(pair)
    if locked.status in (PairStatus.MERGED, PairStatus.KEPT_APART):
        raise PairDecidedError
    person = _link_pair(pair=locked, by=by)
    locked.status = PairStatus.MERGED
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _audit_pair(pair=locked, by=by, action=AuditAction.UPDATE, fields=["person"])
    return person


@transaction.atomic
def keep_apart(*, pair: CandidatePair, by: User) -> KeptApart:
    """Say the two records are not the same person, and remember it so that no run proposes them again."""
    locked = _lock(pair)
    if locked.status in (PairStatus.MERGED, PairStatus.KEPT_APART):
        raise PairDecidedError
    locked.status = PairStatus.KEPT_APART
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    kept, _ = KeptApart.objects.get_or_create(
        client_a_id=locked.client_a_id, client_b_id=locked.client_b_id, defaults={"decided_by": by}
    )
    _audit_pair(pair=locked, by=by, action=AuditAction.READ, fields=COMPARED_FIELDS)
    return kept


@transaction.atomic
def skip_pair(*, pair: CandidatePair, by: User) -> CandidatePair:
    """Leave the pair for later: it stays in the queue, after the ones nobody has looked at."""
    locked = _lock(pair)
    if locked.status in (PairStatus.MERGED, PairStatus.KEPT_APART):
        raise PairDecidedError
    locked.status = PairStatus.SKIPPED
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _audit_pair(pair=locked, by=by, action=AuditAction.READ, fields=COMPARED_FIELDS)
    return locked


@transaction.atomic
def undo_merge(*, pair: CandidatePair, by: User) -> CandidatePair:
    """Undo a merge: close the links it made, put moved records back with their former person, reopen the pair."""
    locked = _lock(pair)
    if locked.status != PairStatus.MERGED:
        return locked
    now = timezone.now()
    made = list(PersonRecord.objects.select_for_update().filter(pair=locked, unlinked_at__isnull=True))
    PersonRecord.objects.filter(pk__in=[link.pk for link in made]).update(unlinked_at=now, unlinked_by=by)
    PersonRecord.objects.bulk_create(
        PersonRecord(person_id=link.previous_person_id, client_id=link.client_id, linked_by=by)
        for link in made
        if link.previous_person_id is not None
    )
    locked.status = PairStatus.REVIEW
    locked.decided_by, locked.decided_at = by, now
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _audit_pair(pair=locked, by=by, action=AuditAction.UPDATE, fields=["person"])
    return locked


@transaction.atomic
def detach_record(*, client: Client, by: User) -> bool:
    """Take one of the organisation's own records out of its person (a wrong link made across organisations).

    The pairs that linked it are remembered as kept apart, so no run links it again; return
    whether there was a link to close.
    """
    link = _active_link(client.pk)
    if link is None:
        return False
    now = timezone.now()
    PersonRecord.objects.filter(pk=link.pk).update(unlinked_at=now, unlinked_by=by)
    others = PersonRecord.objects.filter(person_id=link.person_id, unlinked_at__isnull=True).values_list(
        "client_id", flat=True
    )
    for other in others:
        first, second = _ordered(client.pk, other)
        KeptApart.objects.get_or_create(client_a_id=first, client_b_id=second, defaults={"decided_by": by})
        CandidatePair.objects.filter(client_a_id=first, client_b_id=second).update(
            status=PairStatus.KEPT_APART, decided_by=by, decided_at=now
        )
    record_access(
        user=by, action=AuditAction.UPDATE, purpose=AuditPurpose.CASEWORK, obj=client, fields=["person"],
        purpose_text=AUDIT_TEXT,
    )  # fmt: skip
    return True


def run_matching(*, trigger: RunTrigger = RunTrigger.COMMAND) -> MatchRun:
    """Match the whole registry, across organisations, and bring the candidate pairs up to date; safe to rerun.

    Pairs of one organisation go to its reviewers' queue (proposed above the upper threshold,
    to review between the thresholds). Pairs across organisations are never shown to anyone:
    above the upper threshold they are linked automatically, below it they wait, unlinked (see
    docs/decisions/0010). Pairs kept apart are never proposed again; decided pairs stay as
    decided; open pairs the model no longer finds are withdrawn.
    """
    run = MatchRun.objects.create(trigger=trigger)
    rows = list(Client.objects.filter(erased_at__isnull=True).values("id", "organization_id", *MATCHED_FIELDS))
    organization_of = {str(row["id"]): row["organization_id"] for row in rows}
    found = match_records(list(records_of_values(rows)))
    kept_apart = {(str(a), str(b)) for a, b in KeptApart.objects.values_list("client_a_id", "client_b_id")}
    linked = dict(PersonRecord.objects.filter(unlinked_at__isnull=True).values_list("client_id", "person_id"))
    existing = {(str(p.client_a_id), str(p.client_b_id)): p for p in CandidatePair.objects.all()}
    seen: set[tuple[str, str]] = set()
    counts = {"proposed": 0, "to_review": 0, "linked_automatically": 0, "kept_apart": 0}
    to_link: list[CandidatePair] = []
    with transaction.atomic():
        for found_pair in found:
            first, second = _ordered(uuid.UUID(found_pair.a), uuid.UUID(found_pair.b))
            key = (str(first), str(second))
            if key in seen:
                continue
            seen.add(key)
            if key in kept_apart:
                counts["kept_apart"] += 1
                continue
            comparison = found_pair.comparison
            cross = organization_of[key[0]] != organization_of[key[1]]
            # The decision, not the probability alone: it weighs the whole registry (the only person of a
            # name, one person through other records, a join that would make twins one person).
            status = PairStatus.PROPOSED if found_pair.decision == "match" else PairStatus.REVIEW
            same_person = linked.get(first) is not None and linked.get(first) == linked.get(second)
            pair = existing.get(key)
            values = {
                "weight": comparison.weight,
                "probability": comparison.probability,
                "reasons": list(comparison.reasons),
                "cross_organization": cross,
                "run": run,
            }
            if pair is None:
                pair = CandidatePair.objects.create(
                    client_a_id=first,
                    client_b_id=second,
                    status=PairStatus.MERGED if same_person else status,
                    **values,
                )
            else:
                for name, value in values.items():
                    setattr(pair, name, value)
                # An open pair follows the model; a pair someone decided stays decided.
                if pair.status in (PairStatus.PROPOSED, PairStatus.REVIEW):
                    pair.status = status
                pair.save(update_fields=[*values, "status", "updated_at"])
            if pair.status == PairStatus.PROPOSED and cross:
                to_link.append(pair)
            elif pair.status == PairStatus.PROPOSED:
                counts["proposed"] += 1
            elif pair.status == PairStatus.REVIEW:
                counts["to_review"] += 1
        stale = [
            pk for key, pair in existing.items() if key not in seen and pair.status in OPEN_STATUSES for pk in [pair.pk]
        ]
        CandidatePair.objects.filter(pk__in=stale).delete()
        for pair in to_link:
            _link_pair(pair=pair, by=None)
            pair.status = PairStatus.MERGED
            pair.decided_at = timezone.now()
            pair.save(update_fields=["status", "decided_at", "updated_at"])
            counts["linked_automatically"] += 1
        run.records = len(rows)
        run.pairs_found = len(seen)
        for name, value in counts.items():
            setattr(run, name, value)
        run.finished_at = timezone.now()
        run.save()
    return run


def forget_pairs_of(*, client: Client) -> None:
    """Withdraw the open candidate pairs of a client whose record was erased (nothing left to compare)."""
    CandidatePair.objects.filter(Q(client_a=client) | Q(client_b=client), status__in=OPEN_STATUSES).delete()
