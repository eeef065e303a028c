"""Figures of people: clients by residence status, citizenship, district and month; needs by category."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from spojka.cases.enums import NeedStatus
from spojka.cases.models import CaseNeed
from spojka.clients.locales import country_name
from spojka.coordination.figures.queries import (
    OPEN_NEED_STATUSES,
    UNKNOWN,
    clients_registered,
    district_of,
    district_places,
    district_units,
    grouped_persons,
    in_district,
    label_column,
    persons_by_group,
    persons_by_need_category,
    persons_note,
    protected_table,
    total_row,
    with_person,
)
from spojka.coordination.figures.tables import Column, ColumnKind, Period, Row, Table
from spojka.coordination.models import NeedPerson
from spojka.directory.models import TaxonomyTerm
from spojka.geo.models import AdministrativeUnit, ResidenceStatus

# --- clients ------------------------------------------------------------------------------------


def figure_clients_by_status(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return persons registered in the period by residence status."""
    clients = clients_registered(period, district)
    counts, total = grouped_persons(clients, F("residence_status_id"))
    statuses = {status.pk: status for status in ResidenceStatus.objects.filter(pk__in=[k for k in counts if k])}
    rows = [
        Row(str(statuses[pk].code), (statuses[pk].name, n))
        if pk in statuses
        else Row(UNKNOWN, (gettext("Not recorded"), n))
        for pk, n in counts.items()
    ]
    rows.sort(key=lambda row: (row.key == UNKNOWN, -int(row.values[1] or 0), str(row.values[0])))
    return protected_table(
        key="clients_by_status",
        title=gettext("Clients by residence status"),
        columns=[label_column(gettext("Residence status")), Column("persons", gettext("Persons"), ColumnKind.COUNT)],
        rows=rows,
        total=total_row(total),
        note=persons_note(),
    )


def figure_clients_by_citizenship(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return persons registered in the period by citizenship."""
    clients = clients_registered(period, district)
    counts, total = grouped_persons(clients, F("citizenship"))
    rows = [
        Row(code or UNKNOWN, (country_name(code) if code else gettext("Not recorded"), n)) for code, n in counts.items()
    ]
    rows.sort(key=lambda row: (row.key == UNKNOWN, -int(row.values[1] or 0), str(row.values[0])))
    return protected_table(
        key="clients_by_citizenship",
        title=gettext("Clients by citizenship"),
        columns=[label_column(gettext("Citizenship")), Column("persons", gettext("Persons"), ColumnKind.COUNT)],
        rows=rows,
        total=total_row(total),
        note=persons_note(),
    )


def figure_clients_by_district(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return persons registered in the period by the district of their municipality (every district listed)."""
    clients = clients_registered(period, district)
    counts, total = grouped_persons(clients, district_of("municipality"))
    units = [unit for unit in district_units() if district is None or unit.pk == district.pk]
    rows = [Row(unit.code, (unit.name, counts.pop(unit.pk, 0))) for unit in units]
    # Municipalities outside the listed districts, and clients with no municipality.
    rest = sum(n for pk, n in counts.items() if pk is not None)
    if rest:
        rows.append(Row("__other__", (gettext("Elsewhere"), rest)))
    if counts.get(None):
        rows.append(Row(UNKNOWN, (gettext("Not recorded"), counts[None])))
    return protected_table(
        key="clients_by_district",
        title=gettext("Clients by district"),
        columns=[label_column(gettext("District")), Column("persons", gettext("Persons"), ColumnKind.COUNT)],
        rows=rows,
        total=total_row(total),
        note=persons_note(),
    )


def figure_clients_by_month(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return new clients (persons) by calendar month of registration."""
    clients = clients_registered(period, district)
    tz = timezone.get_current_timezone()
    by_month, total = grouped_persons(clients, TruncMonth("created_at", tzinfo=tz))
    counts = {(month.date() if isinstance(month, datetime) else month): n for month, n in by_month.items()}
    rows = [
        Row(f"{month:%Y-%m}", (date_format(month, "YEAR_MONTH_FORMAT"), counts.get(month, 0)))
        for month in period.months()
    ]
    return protected_table(
        key="clients_by_month",
        title=gettext("New clients by month"),
        columns=[label_column(pgettext("calendar", "Month")), Column("persons", gettext("Persons"), ColumnKind.COUNT)],
        rows=rows,
        total=total_row(total),
        note=gettext("Persons whose first or another record was registered in the month; each counts once a month."),
    )


# --- needs --------------------------------------------------------------------------------------


def figure_needs_by_category(*, period: Period, district: AdministrativeUnit | None = None) -> Table:
    """Return persons with needs recorded in the period by category: all, still open, met."""
    flags = {"open": Q(status__in=OPEN_NEED_STATUSES), "met": Q(status=NeedStatus.MET)}
    if connection.vendor == "postgresql":
        # The needs as counted (person, category, status), kept by triggers, read from one index.
        facts = NeedPerson.objects.filter(created_at__gte=period.start_datetime, created_at__lt=period.end_datetime)
        if district is not None:
            facts = facts.filter(municipality_id__in=district_places(district))
        by_category, totals = persons_by_need_category(facts, flags)
    else:
        # A need carries a copy of its case's client: no join to the cases.
        needs = CaseNeed.objects.filter(
            in_district("client__municipality", district),
            created_at__gte=period.start_datetime,
            created_at__lt=period.end_datetime,
        )
        by_category, totals = persons_by_group(
            with_person(needs, "client__"), Coalesce(F("term__parent_id"), F("term_id")), flags
        )
        # SQLite returns the UUID keys of the raw query as text without dashes.
        by_category = {uuid.UUID(str(key)) if key else key: value for key, value in by_category.items()}
    terms = {term.pk: term for term in TaxonomyTerm.objects.filter(pk__in=[k for k in by_category if k])}
    rows = [
        Row(terms[pk].code, (terms[pk].name, row["persons"], row["open"], row["met"]))
        for pk, row in by_category.items()
        if pk in terms
    ]
    rows.sort(key=lambda row: (-int(row.values[1] or 0), str(row.values[0])))
    return protected_table(
        key="needs_by_category",
        title=gettext("Needs open and met by category"),
        columns=[
            label_column(gettext("Category of need")),
            Column("recorded", gettext("Persons with the need"), ColumnKind.COUNT),
            Column("open", gettext("Still open"), ColumnKind.COUNT),
            Column("met", gettext("Met"), ColumnKind.COUNT),
        ],
        rows=rows,
        total=total_row(totals["persons"], totals["open"], totals["met"]),
        note=gettext(
            "Persons whose need of the category was recorded in the period, and where that need stands today."
        ),
    )
