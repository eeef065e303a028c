"""The KACPU Liberec one-stop shop for the demo: its stations, purposes, operators and a few days of visits.

Called by `spojka.demo.actions.load_liberec_demo` with the demo's organisations. Ids are stable
and days that already have visits are left alone, so loading again duplicates nothing.
Visits are generated from a random generator seeded by the day: the same day, the same visits.
"""

import heapq
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.desk.enums import Priority, StationKind, StepStatus, VisitStatus
from spojka.desk.models import (
    OpeningHours,
    Purpose,
    RouteStep,
    Site,
    Station,
    StationOperator,
    Step,
    Visit,
    ticket_code,
)
from spojka.desk.statistics import compared_days
from spojka.network.models import Membership, Organization

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_DNS, "desk.demo.spojka.example")

HOST: Final = "kacpu-liberec"
OPENS: Final = time(8)
CLOSES: Final = time(16)


@dataclass(frozen=True)
class DemoStation:
    code: str
    kind: StationKind
    organization: str
    labels: Mapping[str, str]
    service_minutes: int
    operators: tuple[int, ...]  # positions in the list of the host's desk operators


@dataclass(frozen=True)
class DemoPurpose:
    key: str
    labels: Mapping[str, str]
    route: tuple[str, ...]
    weight: int  # how common it is among the generated visits


STATIONS: Final[tuple[DemoStation, ...]] = (
    DemoStation("1", StationKind.REGISTRATION, "oamp-liberec",
                {"cs": "Registrace", "uk": "Реєстрація", "en": "Registration", "ro": "Înregistrare"}, 12, (0,)),
    DemoStation("2", StationKind.FOREIGN_POLICE, "cizinecka-policie",
                {"cs": "Cizinecká policie", "uk": "Іноземна поліція", "en": "Foreign police",
                 "ro": "Poliția pentru străini"},
                8, (1,)),
    DemoStation("3", StationKind.HEALTH_INSURANCE, "pojistovna-priklad",
                {"cs": "Zdravotní pojištění", "uk": "Медичне страхування", "en": "Health insurance",
                 "ro": "Asigurare de sănătate"}, 6, (0,)),
    DemoStation("4", StationKind.LABOUR_OFFICE, "up-liberec",
                {"cs": "Úřad práce", "uk": "Служба зайнятості", "en": "Labour office",
                 "ro": "Oficiul forțelor de muncă"},
                10, (1,)),
    DemoStation("5", StationKind.ACCOMMODATION, "krajsky-urad",
                {"cs": "Ubytování", "uk": "Житло", "en": "Accommodation", "ro": "Cazare"}, 9, (0,)),
    DemoStation("6", StationKind.NON_PROFIT, "poradna-most",
                {"cs": "Poradna neziskové organizace", "uk": "Консультація неприбуткової організації",
                 "en": "Non-profit help desk", "ro": "Consiliere ONG"}, 15, (1,)),
    DemoStation("7", StationKind.INTERPRETER, HOST,
                {"cs": "Tlumočník", "uk": "Перекладач", "en": "Interpreter", "ro": "Interpret"}, 7, (1,)),
)  # fmt: skip

PURPOSES: Final[tuple[DemoPurpose, ...]] = (
    DemoPurpose("first-registration",
                {"cs": "Dočasná ochrana – první registrace", "uk": "Тимчасовий захист – перша реєстрація",  # noqa: RUF001  # an en dash
                 "en": "Temporary protection – first registration", "ro": "Protecție temporară – prima înregistrare"},  # noqa: RUF001  # an en dash
                ("1", "2", "3"), 5),
    DemoPurpose("extension",
                {"cs": "Prodloužení dočasné ochrany", "uk": "Продовження тимчасового захисту",
                 "en": "Extension of temporary protection", "ro": "Prelungirea protecției temporare"}, ("1", "2"), 6),
    DemoPurpose("insurance",
                {"cs": "Zdravotní pojištění", "uk": "Медичне страхування", "en": "Health insurance",
                 "ro": "Asigurare de sănătate"}, ("3",), 3),
    DemoPurpose("work",
                {"cs": "Práce a humanitární dávka", "uk": "Робота та гуманітарна допомога",
                 "en": "Work and humanitarian benefit", "ro": "Muncă și ajutor umanitar"}, ("4",), 4),
    DemoPurpose("accommodation",
                {"cs": "Nouzové ubytování", "uk": "Екстрене житло", "en": "Emergency accommodation",
                 "ro": "Cazare de urgență"}, ("1", "5"), 2),
    DemoPurpose("advice",
                {"cs": "Poradenství a pomoc", "uk": "Консультації та допомога", "en": "Advice and help",
                 "ro": "Consiliere și ajutor"}, ("6",), 2),
)  # fmt: skip

LANGUAGE_WEIGHTS: Final = {"uk": 8, "cs": 1, "en": 1}
PRIORITY_WEIGHTS: Final = {
    Priority.NONE: 80,
    Priority.SMALL_CHILDREN: 8,
    Priority.ELDERLY: 6,
    Priority.PREGNANT: 3,
    Priority.DISABLED: 3,
}
NO_SHOW_RATE: Final = 0.04


def _stable_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


@dataclass(frozen=True)
class DeskDemoLoaded:
    """What the desk part of the demo wrote."""

    site: Site
    new_visits: int


@transaction.atomic
def load_kacpu_desk_demo(
    *,
    organizations: Mapping[str, Organization],
    operators: Sequence[Membership],
    now: datetime | None = None,
) -> DeskDemoLoaded:
    """Create or update the KACPU Liberec site and generate visits for today and the same weekday of 4 weeks before.

    `operators` are the host organisation's desk-operator memberships, in a stable order.
    """
    now = now or timezone.now()
    host = organizations[HOST]
    site, _created = Site.objects.update_or_create(
        id=_stable_id("site", HOST),
        defaults={
            "name": "KACPU Liberec",
            "organization": host,
            "address": host.address,
            "ticket_prefix": "A",
            "languages": ["cs", "uk", "en"],
            "is_active": True,
        },
    )
    stations: dict[str, Station] = {}
    for position, entry in enumerate(STATIONS):
        station, _created = Station.objects.update_or_create(
            id=_stable_id("station", entry.code),
            defaults={
                "site": site,
                "organization": organizations[entry.organization],
                "kind": entry.kind,
                "code": entry.code,
                "labels": dict(entry.labels),
                "position": position,
                "service_minutes": entry.service_minutes,
                "is_active": True,
            },
        )
        stations[entry.code] = station
        for weekday in range(5):
            OpeningHours.objects.update_or_create(
                station=station, weekday=weekday, defaults={"opens_at": OPENS, "closes_at": CLOSES}
            )
        for index in entry.operators:
            if operators:
                StationOperator.objects.get_or_create(station=station, membership=operators[index % len(operators)])
    purposes: list[tuple[Purpose, DemoPurpose]] = []
    for position, demo_purpose in enumerate(PURPOSES):
        purpose, _created = Purpose.objects.update_or_create(
            id=_stable_id("purpose", demo_purpose.key),
            defaults={"site": site, "labels": dict(demo_purpose.labels), "position": position, "is_active": True},
        )
        purpose.route.all().delete()
        RouteStep.objects.bulk_create(
            RouteStep(purpose=purpose, station=stations[code], position=index)
            for index, code in enumerate(demo_purpose.route)
        )
        purposes.append((purpose, demo_purpose))

    receptionist = operators[0].user if operators else None
    callers = {
        code: operators[entry.operators[0] % len(operators)].user if operators else None
        for code, entry in ((entry.code, entry) for entry in STATIONS)
    }
    new_visits = 0
    for day in compared_days(timezone.localdate(now)):
        if Visit.objects.filter(site=site, service_date=day).exists():
            continue
        new_visits += _generate_day(
            site=site,
            day=day,
            stations=stations,
            purposes=purposes,
            receptionist=receptionist,
            callers=callers,
            now=now,
        )
    return DeskDemoLoaded(site=site, new_visits=new_visits)


def _generate_day(
    *,
    site: Site,
    day: date,
    stations: Mapping[str, Station],
    purposes: Sequence[tuple[Purpose, DemoPurpose]],
    receptionist: User | None,
    callers: Mapping[str, User | None],
    now: datetime,
) -> int:
    """Simulate a day at the site: arrivals, queues at each station, service and the odd no-show."""
    rng = random.Random(day.toordinal())  # noqa: S311  # demo data, not security
    zone = timezone.get_current_timezone()
    opening = datetime.combine(day, OPENS, tzinfo=zone)
    last_arrival = datetime.combine(day, CLOSES, tzinfo=zone) - timedelta(minutes=45)
    # A visit that has not "happened" yet today stays out, unless the day is too young to show anything.
    cutoff = now if day == timezone.localdate(now) and now > opening + timedelta(hours=1) else None

    count = rng.randint(45, 70)
    span = (last_arrival - opening).total_seconds()
    # More people in the morning: the square of a uniform number leans towards the opening.
    arrivals = sorted(opening + timedelta(seconds=span * rng.random() ** 1.6) for _ in range(count))
    if cutoff is not None:
        arrivals = [arrival for arrival in arrivals if arrival <= cutoff]

    counters: dict[str, list[datetime]] = {code: [opening] for code in stations}
    visits: list[Visit] = []
    purpose_links: list[tuple[Visit, Purpose]] = []
    steps: list[Step] = []
    for number, arrival in enumerate(arrivals, start=1):
        purpose, demo_purpose = rng.choices(purposes, weights=[entry[1].weight for entry in purposes])[0]
        priority = rng.choices(list(PRIORITY_WEIGHTS), weights=list(PRIORITY_WEIGHTS.values()))[0]
        visit = Visit(
            site=site,
            service_date=day,
            number=number,
            ticket=ticket_code(prefix=site.ticket_prefix, number=number),
            language=rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0],
            party_size=rng.choices([1, 2, 3, 4], weights=[60, 20, 12, 8])[0],
            priority=priority,
            is_priority=bool(priority),
            status=VisitStatus.DONE,
            created_by=receptionist,
            created_at=arrival,
        )
        visits.append(visit)
        purpose_links.append((visit, purpose))
        joined: datetime | None = arrival
        gone = False
        for position, code in enumerate(demo_purpose.route):
            station = stations[code]
            step = Step(visit=visit, station=station, position=position, status=StepStatus.PLANNED)
            steps.append(step)
            if gone or joined is None:
                step.status = StepStatus.CANCELLED if gone else StepStatus.PLANNED
                continue
            free_at = heapq.heappop(counters[code])
            called = max(joined, free_at) + timedelta(seconds=rng.randint(10, 90))
            if priority:
                called = max(joined, called - timedelta(minutes=rng.randint(0, 10)))
            minutes = max(1.0, rng.gauss(station.service_minutes, station.service_minutes / 3))
            finished = called + timedelta(minutes=minutes)
            step.joined_at = joined
            if cutoff is not None and finished > cutoff:
                # Not yet served at the moment of loading: still in the queue.
                step.status = StepStatus.WAITING
                heapq.heappush(counters[code], free_at)
                visit.status = VisitStatus.ACTIVE
                joined = None
                continue
            step.called_at = called
            step.called_by = callers.get(code)
            if rng.random() < NO_SHOW_RATE:
                step.recalled_at = called + timedelta(minutes=2)
                step.finished_at = called + timedelta(minutes=4)
                step.status = StepStatus.NO_SHOW
                visit.status = VisitStatus.LEFT
                visit.finished_at = step.finished_at
                heapq.heappush(counters[code], step.finished_at)
                gone = True
                continue
            step.finished_at = finished
            step.status = StepStatus.SERVED
            heapq.heappush(counters[code], finished)
            joined = finished
            visit.finished_at = finished
        if visit.status == VisitStatus.ACTIVE:
            visit.finished_at = None

    Visit.objects.bulk_create(visits)
    Visit.purposes.through.objects.bulk_create(
        Visit.purposes.through(visit_id=visit.pk, purpose_id=purpose.pk) for visit, purpose in purpose_links
    )
    Step.objects.bulk_create(steps)
    return len(visits)
