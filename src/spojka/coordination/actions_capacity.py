"""Writes of the capacity registry: figures from rounds, from the directory and from the coordinator."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import structlog
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.coordination.enums_rounds import DIRECTORY_UNIT_KINDS, CapacityKind, CapacitySource, QuestionKind
from spojka.coordination.models import AnswerValue, CapacityFigure, RoundQuestion, RoundRecipient
from spojka.directory.enums import ServiceStatus
from spojka.directory.models import ServiceCapacity
from spojka.geo.models import AdministrativeUnit

log = structlog.get_logger(__name__)


class CapacityError(ValueError):
    """A capacity figure cannot be recorded as asked; the message is for the user."""


def record_capacity_from_answer(
    *, recipient: RoundRecipient, questions: Sequence[RoundQuestion], values: Sequence[AnswerValue], by: User
) -> int:
    """Put the submitted numbers of questions that feed the registry into it; return how many figures changed.

    Called inside `save_answer`'s transaction. A number question counts for the organisation's own
    municipality; a per-municipality question for each municipality it gives a number for.
    """
    feeding = {question.pk: question for question in questions if question.capacity_kind}
    changed = 0
    now = timezone.now()
    for value in values:
        question = feeding.get(value.question_id)
        if question is None or value.number is None or value.number < 0:
            continue
        if question.kind == QuestionKind.MUNICIPALITY_TABLE:
            municipality_id = value.municipality_id
        else:
            municipality_id = recipient.organization.municipality_id
        if municipality_id is None:
            continue
        CapacityFigure.objects.update_or_create(
            municipality_id=municipality_id,
            kind=question.capacity_kind,
            source=CapacitySource.ROUND,
            organization_id=recipient.organization_id,
            defaults={"places": value.number, "round_id": recipient.round_id, "confirmed_at": now, "confirmed_by": by},
        )
        changed += 1
    return changed


@transaction.atomic
def set_capacity(
    *, municipality: AdministrativeUnit, kind: str, places: int, note: str = "", by: User
) -> CapacityFigure:
    """Record the coordinator's own figure for a municipality (replacing their earlier one of that kind)."""
    if kind not in CapacityKind.values:
        raise CapacityError(_("Choose a kind of capacity."))
    if places < 0:
        raise CapacityError(_("The number of free places cannot be negative."))
    if municipality.level != "municipality":
        raise CapacityError(_("Choose a municipality."))
    figure, _created = CapacityFigure.objects.update_or_create(
        municipality=municipality,
        kind=kind,
        source=CapacitySource.MANUAL,
        organization=None,
        defaults={"places": places, "note": note.strip(), "confirmed_at": timezone.now(), "confirmed_by": by},
    )
    log.info("capacity_set", figure=str(figure.pk), by=by.pk)
    return figure


@transaction.atomic
def remove_capacity(*, figure: CapacityFigure, by: User) -> None:
    """Remove a figure the coordinator entered; figures of rounds and the directory change at their source."""
    if figure.source != CapacitySource.MANUAL:
        raise CapacityError(_("Only figures entered by the coordinator can be removed here."))
    log.info("capacity_removed", figure=str(figure.pk), by=by.pk)
    figure.delete()


@transaction.atomic
def refresh_capacity_from_directory(*, by: User | None = None) -> int:
    """Copy the free places of the directory's active services into the registry; return how many figures it holds.

    A service counts in the municipality of its first place with one, else its organisation's. Its
    figure is as old as the oldest count it sums up, so a stale service stays flagged.
    """
    totals: dict[tuple[Any, str, Any], int] = defaultdict(int)
    oldest: dict[tuple[Any, str, Any], datetime] = {}
    capacities = (
        ServiceCapacity.objects.filter(unit__code__in=DIRECTORY_UNIT_KINDS, service__status=ServiceStatus.ACTIVE)
        .select_related("unit", "service__organization")
        .prefetch_related("service__at_locations__location")
    )
    for capacity in capacities:
        service = capacity.service
        places = [link.location.municipality_id for link in service.at_locations.all() if link.location.municipality_id]
        municipality_id = places[0] if places else service.organization.municipality_id
        if municipality_id is None:
            continue
        key = (municipality_id, DIRECTORY_UNIT_KINDS[capacity.unit.code], service.organization_id)
        totals[key] += capacity.available
        oldest[key] = min(oldest.get(key, capacity.updated_at), capacity.updated_at)
    kept = []
    for (municipality_id, kind, organization_id), places_free in totals.items():
        figure, _created = CapacityFigure.objects.update_or_create(
            municipality_id=municipality_id,
            kind=kind,
            source=CapacitySource.DIRECTORY,
            organization_id=organization_id,
            defaults={"places": places_free, "confirmed_at": oldest[(municipality_id, kind, organization_id)]},
        )
        kept.append(figure.pk)
    CapacityFigure.objects.filter(Q(source=CapacitySource.DIRECTORY) & ~Q(pk__in=kept)).delete()
    log.info("capacity_refreshed_from_directory", figures=len(kept), by=by.pk if by else None)
    return len(kept)
