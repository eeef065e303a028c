"""Figures of the network's work: referrals between sectors, one-stop-shop visits, capacity against demand."""

from __future__ import annotations

from typing import Any, Final

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Sum,
)
from django.utils.translation import gettext, pgettext

from spojka.cases.models import CaseNeed
from spojka.clients.models import Client
from spojka.coordination.figures.parts import Source, figure_binned, municipalities_of
from spojka.coordination.figures.queries import (
    ACCEPTED_STATUSES,
    OPEN_NEED_STATUSES,
    Span,
    district_of,
    district_units,
    durations,
    grouped_persons,
    in_district,
    label_column,
    persons_rollup,
    protected_table,
    total_row,
    with_person,
)
from spojka.coordination.figures.tables import Column, ColumnKind, Period, Row, Table
from spojka.coordination.models import ClientDemand
from spojka.desk.enums import StationKind
from spojka.desk.models import Site, Station, Step, Visit
from spojka.directory.models import ServiceCapacity
from spojka.geo.models import AdministrativeUnit
from spojka.linkage.models import PersonRecord
from spojka.network.enums import Sector
from spojka.referrals.enums import ReferralStatus
from spojka.referrals.models import Referral

# --- referrals ----------------------------------------------------------------------------------


REFERRAL_COUNTS: Final = {
    "sent": Count("*"),
    "answered": Count("responded_at"),
    "accepted": Count("status", filter=Q(status__in=ACCEPTED_STATUSES)),
    "completed": Count("status", filter=Q(status=ReferralStatus.COMPLETED)),
}
REFERRAL_SPANS: Final = {
    "answer": Span("sent_at", "responded_at"),
    "complete": Span("sent_at", "closed_at", Q(status=ReferralStatus.COMPLETED)),
}
REFERRAL_GROUP: Final = ("sender_organization__sector", "recipient_organization__sector")
# Referrals by the month they were sent, for the stored months of `figures.parts` (PostgreSQL).
REFERRALS: Final = Source(
    name="referrals",
    records=Referral.objects.all,
    at="sent_at",
    place="client__municipality_id",
    municipalities=None,
    group=REFERRAL_GROUP,
    counts=REFERRAL_COUNTS,
    spans=REFERRAL_SPANS,
)


def figure_referrals_by_sector_pair(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return referrals sent in the period by sector pair: sent, accepted, completed and median times."""
    if connection.vendor == "postgresql":
        # Whole months stored, the days around them counted; the sector pair follows the source's name.
        found = figure_binned("referrals_by_sector_pair", [REFERRALS], period=period, district=district)
        medians, counts = found.percentiles([0.5], count_names=list(REFERRAL_COUNTS), regroup=lambda key: key[1:])
    else:
        referrals = Referral.objects.filter(in_district("client__municipality", district), REFERRALS.in_period(period))
        medians, counts = durations(
            referrals, group=REFERRAL_GROUP, spans=REFERRAL_SPANS, fractions=[0.5], counts=REFERRAL_COUNTS
        )
    answer, complete = medians.get("answer", {}), medians.get("complete", {})
    sectors = dict(Sector.choices)
    rows = []
    for pair, row in counts.items():
        if not pair:
            continue
        sender, recipient = pair
        label = f"{sectors.get(sender, sender)} → {sectors.get(recipient, recipient)}"
        rows.append(
            Row(
                f"{sender}>{recipient}",
                (
                    label,
                    row["sent"],
                    row["answered"],
                    row["accepted"],
                    row["completed"],
                    answer.get(pair, [None])[0],
                    complete.get(pair, [None])[0],
                ),
            )
        )
    rows.sort(key=lambda row: (-int(row.values[1] or 0), str(row.values[0])))
    # Each referral belongs to one sector pair, so the pairs add up to the totals.
    total = total_row(
        *(sum(int(row.values[i] or 0) for row in rows) for i in range(1, 5)),
        answer.get((), [None])[0],
        complete.get((), [None])[0],
    )
    return protected_table(
        key="referrals_by_sector_pair",
        title=gettext("Referrals by sector of sender and recipient"),
        columns=[
            label_column(gettext("Sender → recipient")),
            Column("sent", pgettext("referrals", "Sent"), ColumnKind.COUNT),
            Column("answered", pgettext("referrals", "Answered"), ColumnKind.COUNT),
            Column("accepted", pgettext("referrals", "Accepted"), ColumnKind.COUNT),
            Column("completed", pgettext("referrals", "Completed"), ColumnKind.COUNT),
            Column("answer_hours", gettext("Median time to answer (hours)"), ColumnKind.DURATION, basis="answered"),
            Column(
                "complete_hours", gettext("Median time to completion (hours)"), ColumnKind.DURATION, basis="completed"
            ),
        ],
        rows=rows,
        total=total,
        note=gettext("Referrals and child-protection notifications sent in the period, and where they stand today."),
    )


# --- desk ---------------------------------------------------------------------------------------


# Steps by the day they joined a station's queue, and visits by their day, for `figures.parts` (PostgreSQL).
STEPS: Final = Source(
    name="steps",
    records=Step.objects.all,
    at="joined_at",
    place="station_id",
    municipalities=municipalities_of(Station, "site__organization__municipality"),
    group=("station_id",),
    counts={"visits": Count("*")},
    spans={"wait": Span("joined_at", "called_at")},
)
VISITS: Final = Source(
    name="visits",
    records=Visit.objects.all,
    at="service_date",
    place="site_id",
    municipalities=municipalities_of(Site, "organization__municipality"),
    group=(),
    counts={"visits": Count("*")},
    spans={},
)


def figure_desk_visits(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return one-stop-shop visits by kind of station, with the median and 90th percentile wait."""
    kind_of = {str(pk): kind for pk, kind in Station.objects.values_list("pk", "kind")}
    if connection.vendor == "postgresql":
        # Whole months stored, the days around them counted; stations gathered into their kinds here.
        found = figure_binned("desk_visits", [STEPS, VISITS], period=period, district=district)
        medians, by_kind = found.percentiles(
            [0.5, 0.9],
            count_names=["visits"],
            regroup=lambda key: (kind_of.get(str(key[1]), ""),) if key[0] == STEPS.name else None,
        )
        visit_count = sum(counted["visits"] for key, counted in found.counts.items() if key[0] == VISITS.name)
    else:
        # Steps that joined a station's queue in the period: no join to the visits unless a district is asked.
        steps = Step.objects.filter(
            in_district("visit__site__organization__municipality", district), STEPS.in_period(period)
        )
        medians, by_kind = durations(
            steps,
            group=STEPS.group,
            spans=STEPS.spans,
            fractions=[0.5, 0.9],
            counts=STEPS.counts,
            regroup=lambda key: (kind_of.get(str(key[0]), ""),),
        )
        visit_count = Visit.objects.filter(
            in_district("site__organization__municipality", district), VISITS.in_period(period)
        ).count()
    waits = medians.get("wait", {})
    counts = {key[0]: found["visits"] for key, found in by_kind.items() if key}
    kinds = dict(StationKind.choices)
    rows = [
        Row(kind, (str(kinds.get(kind, kind)), n, *waits.get((kind,), [None, None])))
        for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return protected_table(
        key="desk_visits",
        title=gettext("One-stop-shop visits and waiting times"),
        columns=[
            label_column(gettext("Station")),
            Column("visits", gettext("Visits"), ColumnKind.COUNT),
            Column("wait_median_hours", gettext("Median wait (hours)"), ColumnKind.DURATION, basis="visits"),
            Column("wait_p90_hours", gettext("9 in 10 waited at most (hours)"), ColumnKind.DURATION, basis="visits"),
        ],
        rows=rows,
        total=total_row(visit_count, *waits.get((), [None, None])),
        note=gettext(
            "A visit to several stations counts at each; the total counts each visit of the period once. "
            "Waiting times from joining a station's queue to being called."
        ),
    )


# --- capacity -----------------------------------------------------------------------------------


def _reported_capacity(period: Period) -> dict[Any, int]:
    """Return free places reported to the capacity registry by district id."""
    try:
        from spojka.coordination.models import CapacityFigure
    except ImportError:  # The registry lands with the rounds helper's work.
        return {}
    rows = (
        CapacityFigure.objects.filter(confirmed_at__lt=period.end_datetime)
        .annotate(district=district_of("municipality"))
        .values("district")
        .annotate(places=Sum("places"))
        .order_by()
    )
    return {row["district"]: int(row["places"] or 0) for row in rows}


def _demand_from_client_demand(period: Period, district: AdministrativeUnit | None) -> tuple[dict[Any, int], int]:
    """Return persons with open needs recorded before the period's end, per district and in all (PostgreSQL).

    Read from `ClientDemand`, the client records with open needs that triggers keep, so neither the
    needs nor the clients are looked through: the records alone count as persons, linked ones once per
    person (the same counts as `grouped_persons` over the clients with an open need; a test holds them
    equal).
    """
    quote = connection.ops.quote_name
    demand_table = quote(ClientDemand._meta.db_table)
    units, links = quote(AdministrativeUnit._meta.db_table), quote(PersonRecord._meta.db_table)
    only = ""
    params: list[Any] = [period.end_datetime]
    if district is not None:
        only = "AND (d.municipality_id = %s OR u.parent_id = %s)"
        params += [district.pk, district.pk]
    # The SQL is constant names and placeholders; every value goes as a parameter.
    records = (
        f'SELECT COALESCE(u.parent_id, d.municipality_id) AS "group", l.person_id AS "linked_person" '  # noqa: S608
        f"FROM {demand_table} d LEFT JOIN {units} u ON u.id = d.municipality_id "
        f"LEFT JOIN {links} l ON l.client_id = d.client_id AND l.unlinked_at IS NULL "
        f"WHERE d.first_open_at < %s {only}"
    )
    return persons_rollup(records, params)


def figure_capacity_by_district(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return, per district, persons with open needs against free places reported and in the directory."""
    if connection.vendor == "postgresql":
        demand, total_demand = _demand_from_client_demand(period, district)
    else:
        # Each client record with an open need once (a semi-join), rather than every open need.
        open_needs = CaseNeed.objects.filter(
            case__client_id=OuterRef("pk"), status__in=OPEN_NEED_STATUSES, created_at__lt=period.end_datetime
        )
        clients = with_person(Client.objects.filter(in_district("municipality", district), Exists(open_needs)))
        demand, total_demand = grouped_persons(clients, district_of("municipality"))
    reported = _reported_capacity(period)
    directory = {
        row["district"]: int(row["places"] or 0)
        for row in ServiceCapacity.objects.annotate(district=district_of("service__organization__municipality"))
        .values("district")
        .annotate(places=Sum("available"))
        .order_by()
    }
    units = [unit for unit in district_units() if district is None or unit.pk == district.pk]
    rows = [
        Row(unit.code, (unit.name, demand.get(unit.pk, 0), reported.get(unit.pk, 0), directory.get(unit.pk, 0)))
        for unit in units
    ]
    return protected_table(
        key="capacity_by_district",
        title=gettext("Capacity against demand by district"),
        columns=[
            label_column(gettext("District")),
            Column("demand", gettext("Persons with open needs"), ColumnKind.COUNT),
            Column("reported_places", gettext("Free places reported"), ColumnKind.NUMBER),
            Column("directory_places", gettext("Free places in the directory"), ColumnKind.NUMBER),
        ],
        rows=rows,
        total=total_row(
            total_demand, sum(reported.get(u.pk, 0) for u in units), sum(directory.get(u.pk, 0) for u in units)
        ),
        note=gettext(
            "Open needs at the end of the period; free places as last confirmed in the capacity registry "
            "and in the directory."
        ),
    )
