# Ukrainian and Czech sample texts: Cyrillic letters are what ruff takes for look-alikes.
# ruff: noqa: RUF001
"""Benchmark of the public portal's search: 10,000 services, SQLite and PostgreSQL, against the bare FTS floor.

Run it from the repository's root:

    .venv/bin/python bench/directory_search.py [--services 10000] [--repeat 15] [--no-write]

It builds the same directory of services (Czech, Ukrainian and English texts, needs, places,
opening hours) in a throwaway SQLite file and in a PostgreSQL database `bench_directory` on
127.0.0.1 (created and dropped; user postgres, trust authentication), each backend in its own
process pinned to one CPU core. For a fixed set of queries — Czech, Ukrainian, and
transliterated ones with typos — it measures:

- the portal search: `search()` plus loading the first page of results (what the results
  page queries, without rendering);
- the whole results page through Django (`GET /cs/services/?q=…`, rendering included);
- the bare database full-text query for the same words over the same texts, the floor any
  search on that database pays: PostgreSQL `to_tsvector('simple', …)` with a GIN index,
  SQLite an FTS5 table; words OR-ed, ranked, top 20;
- the HSDS export of the whole directory (when `spojka.directory.hsds` is there).

It prints a table and writes the figures, with the machine and date, to bench/RESULTS.md.
"""

import argparse
import datetime
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "bench" / "RESULTS.md"
PG_SERVER: Final = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE: Final = "bench_directory"
SEED: Final = 20260

# The fixed query set: (label, GET parameters).
QUERIES: Final[list[tuple[str, dict[str, str]]]] = [
    ("cs: právní poradna", {"q": "právní poradna"}),
    ("cs: ubytování pro rodiny", {"q": "ubytování pro rodiny"}),
    ("cs: kurz češtiny", {"q": "kurz češtiny"}),
    ("cs: zdravotní pojištění", {"q": "zdravotní pojištění"}),
    ("cs: práce + Liberec", {"q": "práce", "municipality": "563889"}),
    ("uk: юрист", {"q": "юрист"}),
    ("uk: житло для сім'ї", {"q": "житло для сім'ї"}),
    ("uk: курси чеської мови", {"q": "курси чеської мови"}),
    ("uk: психолог", {"q": "психолог"}),
    ("uk: робота", {"q": "робота"}),
    ("translit: yurist", {"q": "yurist"}),
    ("translit: zhytlo", {"q": "zhytlo"}),
    ("typo: ubytovanie", {"q": "ubytovanie"}),
    ("typo: kurz cestiny", {"q": "kurz cestiny"}),
    ("typo: pravni poradenstvy", {"q": "pravni poradenstvy"}),
    ("typo: psycholg", {"q": "psycholg"}),
]

# ---------------------------------------------------------------------------------------------
# The directory's texts: needs with labels and synonyms, and sentences to build services from.

NEEDS: Final[list[dict[str, Any]]] = [
    {
        "code": "documents",
        "labels": {"cs": "Doklady a pobyt", "uk": "Документи та проживання", "en": "Documents and residence"},
        "synonyms": {
            "cs": ["povolení k pobytu", "vízum"],
            "uk": ["віза", "дозвіл на проживання"],
            "ru": ["документы"],
            "en": ["visa", "residence permit"],
        },
        "cs": ["Pomoc s vyřízením povolení k pobytu a víz.", "Doprovod na odbor azylové a migrační politiky."],
        "uk": ["Допомога з оформленням дозволу на проживання.", "Супровід до міграційної служби."],
        "en": ["Help with residence permits and visas.", "We accompany you to the immigration office."],
        "names": {"cs": "Poradna pro doklady", "uk": "Консультації щодо документів", "en": "Documents advice"},
    },
    {
        "code": "accommodation",
        "labels": {"cs": "Ubytování", "uk": "Житло", "en": "Accommodation"},
        "synonyms": {
            "cs": ["bydlení", "azylový dům", "ubytovna"],
            "uk": ["житло", "гуртожиток"],
            "ru": ["жильё"],
            "en": ["housing", "shelter"],
        },
        "cs": ["Krátkodobé ubytování pro rodiny s dětmi.", "Pomoc s hledáním nájemního bydlení."],
        "uk": ["Тимчасове житло для сімей з дітьми.", "Допомога з пошуком оренди житла."],
        "en": ["Short-term accommodation for families with children.", "Help finding a rented flat."],
        "names": {"cs": "Ubytování", "uk": "Житло", "en": "Accommodation"},
    },
    {
        "code": "employment",
        "labels": {"cs": "Zaměstnání", "uk": "Працевлаштування", "en": "Employment"},
        "synonyms": {"cs": ["práce", "úřad práce"], "uk": ["робота"], "ru": ["работа"], "en": ["job", "work"]},
        "cs": ["Pomůžeme vám najít práci a napsat životopis.", "Rekvalifikační kurzy a pracovní poradenství."],
        "uk": ["Допоможемо знайти роботу та написати резюме.", "Курси перекваліфікації."],
        "en": ["We help you find a job and write a CV.", "Retraining courses and career advice."],
        "names": {"cs": "Pracovní poradenství", "uk": "Допомога з роботою", "en": "Job advice"},
    },
    {
        "code": "health",
        "labels": {"cs": "Zdraví", "uk": "Здоров'я", "en": "Health"},
        "synonyms": {
            "cs": ["lékař", "zdravotní pojištění"],
            "uk": ["лікар", "медичне страхування"],
            "ru": ["врач"],
            "en": ["doctor", "health insurance"],
        },
        "cs": ["Pomoc s registrací u praktického lékaře.", "Informace o zdravotním pojištění."],
        "uk": ["Допомога з реєстрацією у лікаря.", "Інформація про медичне страхування."],
        "en": ["Help registering with a general practitioner.", "Information on health insurance."],
        "names": {"cs": "Zdravotní poradna", "uk": "Медична консультація", "en": "Health advice"},
    },
    {
        "code": "education",
        "labels": {
            "cs": "Vzdělávání a zápis do školy",
            "uk": "Освіта та запис до школи",
            "en": "Education and school enrolment",
        },
        "synonyms": {
            "cs": ["škola", "školka"],
            "uk": ["школа", "садочок"],
            "ru": ["школа"],
            "en": ["school", "kindergarten"],
        },
        "cs": ["Zápis dětí do školy a mateřské školy.", "Doučování pro děti cizinců."],
        "uk": ["Запис дітей до школи та садочка.", "Репетиторство для дітей."],
        "en": ["Enrolling children in school and kindergarten.", "Tutoring for children."],
        "names": {"cs": "Škola a vzdělávání", "uk": "Школа та освіта", "en": "School and learning"},
    },
    {
        "code": "czech-language",
        "labels": {"cs": "Čeština", "uk": "Чеська мова", "en": "Czech language"},
        "synonyms": {
            "cs": ["kurz češtiny", "jazykový kurz"],
            "uk": ["курси чеської"],
            "ru": ["курсы чешского"],
            "en": ["Czech course"],
        },
        "cs": ["Kurz češtiny pro začátečníky i pokročilé.", "Konverzace v češtině každý týden."],
        "uk": ["Курси чеської мови для початківців.", "Розмовний клуб чеською щотижня."],
        "en": ["Czech courses for beginners and advanced learners.", "Weekly Czech conversation club."],
        "names": {"cs": "Kurz češtiny", "uk": "Курси чеської мови", "en": "Czech course"},
    },
    {
        "code": "legal-counselling",
        "labels": {"cs": "Právní poradenství", "uk": "Юридична допомога", "en": "Legal counselling"},
        "synonyms": {
            "cs": ["právník", "advokát", "právní poradna"],
            "uk": ["юрист", "адвокат"],
            "ru": ["юрист"],
            "en": ["lawyer", "legal aid"],
        },
        "cs": ["Bezplatné konzultace s právníkem.", "Pomoc s odvoláním a správním řízením."],
        "uk": ["Безкоштовні консультації з юристом.", "Допомога з апеляцією."],
        "en": ["Free consultations with a lawyer.", "Help with appeals and administrative proceedings."],
        "names": {"cs": "Právní poradna", "uk": "Юридична консультація", "en": "Legal advice"},
    },
    {
        "code": "social-benefits",
        "labels": {"cs": "Sociální dávky", "uk": "Соціальні виплати", "en": "Social benefits"},
        "synonyms": {
            "cs": ["humanitární dávka", "příspěvek"],
            "uk": ["допомога", "виплата"],
            "ru": ["пособие"],
            "en": ["benefit", "allowance"],
        },
        "cs": ["Pomoc s žádostí o humanitární dávku.", "Sociální poradenství pro rodiny."],
        "uk": ["Допомога із заявою на гуманітарну допомогу.", "Соціальні консультації для сімей."],
        "en": ["Help applying for the humanitarian benefit.", "Social counselling for families."],
        "names": {"cs": "Sociální poradna", "uk": "Соціальна консультація", "en": "Social advice"},
    },
    {
        "code": "psychosocial",
        "labels": {"cs": "Psychosociální podpora", "uk": "Психосоціальна підтримка", "en": "Psychosocial support"},
        "synonyms": {
            "cs": ["psycholog", "krizová pomoc"],
            "uk": ["психолог", "кризова допомога"],
            "ru": ["психолог"],
            "en": ["psychologist", "counselling"],
        },
        "cs": ["Rozhovor s psychologem v ukrajinštině.", "Krizová intervence a podpůrné skupiny."],
        "uk": ["Розмова з психологом українською.", "Кризове втручання та групи підтримки."],
        "en": ["Talk to a psychologist in Ukrainian.", "Crisis intervention and support groups."],
        "names": {"cs": "Psychologická pomoc", "uk": "Психологічна допомога", "en": "Psychological help"},
    },
    {
        "code": "material-aid",
        "labels": {"cs": "Materiální pomoc", "uk": "Матеріальна допомога", "en": "Material aid"},
        "synonyms": {
            "cs": ["oblečení", "potraviny"],
            "uk": ["одяг", "їжа"],
            "ru": ["одежда"],
            "en": ["clothes", "food"],
        },
        "cs": ["Výdej oblečení a potravin.", "Hygienické potřeby pro rodiny."],
        "uk": ["Видача одягу та продуктів.", "Засоби гігієни для сімей."],
        "en": ["Clothes and food handouts.", "Hygiene supplies for families."],
        "names": {"cs": "Šatník a potravinová banka", "uk": "Одяг і продукти", "en": "Clothes and food bank"},
    },
    {
        "code": "interpreting",
        "labels": {"cs": "Tlumočení", "uk": "Переклад", "en": "Interpreting"},
        "synonyms": {
            "cs": ["tlumočník", "překlad"],
            "uk": ["перекладач"],
            "ru": ["переводчик"],
            "en": ["interpreter", "translation"],
        },
        "cs": ["Tlumočení na úřadech a u lékaře.", "Překlady dokumentů."],
        "uk": ["Усний переклад в установах і у лікаря.", "Переклад документів."],
        "en": ["Interpreting at offices and at the doctor's.", "Translation of documents."],
        "names": {"cs": "Tlumočnická služba", "uk": "Послуги перекладача", "en": "Interpreting service"},
    },
    {
        "code": "community",
        "labels": {"cs": "Komunita a volný čas", "uk": "Громада та дозвілля", "en": "Community and leisure"},
        "synonyms": {
            "cs": ["klub", "setkávání"],
            "uk": ["клуб", "зустрічі"],
            "ru": ["клуб"],
            "en": ["club", "meetups"],
        },
        "cs": ["Komunitní setkávání a výlety.", "Kroužky pro děti a dospělé."],
        "uk": ["Зустрічі громади та екскурсії.", "Гуртки для дітей і дорослих."],
        "en": ["Community meetups and trips.", "Clubs for children and adults."],
        "names": {"cs": "Komunitní centrum", "uk": "Центр громади", "en": "Community centre"},
    },
]
ELIGIBILITY: Final = {
    "cs": [
        "Pro držitele dočasné ochrany a jejich rodiny.",
        "Pro všechny cizince žijící v kraji.",
        "Pro děti a mladistvé.",
    ],
    "uk": ["Для власників тимчасового захисту та їхніх сімей.", "Для всіх іноземців у краї.", "Для дітей та молоді."],
    "en": [
        "For holders of temporary protection and their families.",
        "For all foreigners in the region.",
        "For children and young people.",
    ],
}
APPLY: Final = {
    "cs": ["Přijďte bez objednání v úředních hodinách.", "Objednejte se telefonicky nebo e-mailem."],
    "uk": ["Приходьте без запису в робочі години.", "Запишіться телефоном або електронною поштою."],
    "en": ["Come without an appointment during opening hours.", "Book by phone or e-mail."],
}
SYLLABLES: Final = [
    "bra",
    "ko",
    "vel",
    "mi",
    "sta",
    "ner",
    "do",
    "lu",
    "pa",
    "re",
    "zan",
    "ti",
    "mo",
    "kra",
    "se",
    "vin",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


# ---------------------------------------------------------------------------------------------
# One backend, in its own process.


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["SPOJKA_TESTING"] = "1"  # the development key is accepted, tasks run at once
    os.environ["DEBUG"] = "false"  # DEBUG would keep every query in memory
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _build(services: int) -> dict[str, Any]:
    from django.core.management import call_command

    from spojka.directory.models import (
        Language,
        Location,
        Schedule,
        Service,
        ServiceAtLocation,
        ServiceNeed,
        Taxonomy,
        TaxonomyTerm,
    )
    from spojka.geo.models import AdministrativeUnit
    from spojka.network.enums import Sector
    from spojka.network.models import Organization

    rng = random.Random(SEED)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_country_pack", "cz-liberec", stdout=io.StringIO())
    municipalities = list(
        AdministrativeUnit.objects.filter(level="municipality", latitude__isnull=False).values_list(
            "pk", "name", "latitude", "longitude"
        )
    )
    taxonomy = Taxonomy.objects.create(code="needs", labels={"cs": "Potřeby", "en": "Needs"})
    terms = TaxonomyTerm.objects.bulk_create(
        TaxonomyTerm(taxonomy=taxonomy, code=need["code"], labels=need["labels"], synonyms=need["synonyms"], position=n)
        for n, need in enumerate(NEEDS)
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            name=f"{rng.choice(['Spolek', 'Diakonie', 'Centrum', 'Charita', 'Nadace'])} {_word(rng)}",
            sector=Sector.NON_PROFIT,
        )
        for _ in range(max(20, services // 50))
    )
    service_rows, location_rows, links, needs, schedules, languages = [], [], [], [], [], []
    for _ in range(services):
        main = rng.randrange(len(NEEDS))
        chosen = {main, rng.randrange(len(NEEDS))} if rng.random() < 0.4 else {main}
        need = NEEDS[main]
        municipality_id, town, lat, lon = rng.choice(municipalities)
        flavour = _word(rng)
        texts = {
            language: {
                "name": f"{need['names'][language]} {flavour}",
                "description": " ".join(
                    [
                        *need[language],
                        *(rng.choice(NEEDS[other][language]) for other in chosen - {main}),
                        rng.choice(need[language]),
                    ]
                ),
                "eligibility_description": rng.choice(ELIGIBILITY[language]),
                "application_process": rng.choice(APPLY[language]),
            }
            for language in ("cs", "uk", "en")
        }
        service = Service(
            id=uuid.UUID(int=rng.getrandbits(128)),
            organization=rng.choice(organizations),
            translations={"uk": texts["uk"], "en": texts["en"]} if rng.random() < 0.85 else {"en": texts["en"]},
            **texts["cs"],
        )
        service_rows.append(service)
        location = Location(
            id=uuid.UUID(int=rng.getrandbits(128)),
            organization=service.organization,
            name=f"{town}, {_word(rng)} {rng.randint(1, 200)}",
            address_1=f"{_word(rng)} {rng.randint(1, 200)}",
            city=town,
            postal_code="460 01",
            municipality_id=municipality_id,
            latitude=Decimal(lat) + Decimal(rng.randint(-300, 300)) / 100000,
            longitude=Decimal(lon) + Decimal(rng.randint(-300, 300)) / 100000,
        )
        location_rows.append(location)
        links.append(ServiceAtLocation(service=service, location=location))
        needs.extend(ServiceNeed(service=service, term=terms[index]) for index in chosen)
        opens = rng.choice([8, 9, 10])
        for weekday in range(5 if rng.random() < 0.8 else 3):
            schedules.append(
                Schedule(
                    service=service,
                    weekday=weekday,
                    opens_at=datetime.time(opens),
                    closes_at=datetime.time(opens + rng.choice([4, 6, 8])),
                )
            )
        languages.extend(Language(service=service, code=code) for code in {"cs", rng.choice(["uk", "en", "ru", "uk"])})
    Service.objects.bulk_create(service_rows, batch_size=1000)
    Location.objects.bulk_create(location_rows, batch_size=1000)
    ServiceAtLocation.objects.bulk_create(links, batch_size=2000)
    ServiceNeed.objects.bulk_create(needs, batch_size=2000)
    Schedule.objects.bulk_create(schedules, batch_size=5000)
    Language.objects.bulk_create(languages, batch_size=5000)
    return {"build_s": time.perf_counter() - started}


def _fts_documents() -> list[tuple[str, str]]:
    """Return each visible service's id and the same texts the portal's index holds, in one string."""
    from spojka.directory.models import Service
    from spojka.directory.search.index import VISIBLE_STATUSES, _services_to_index, _unit_names

    documents = []
    ids = list(Service.objects.filter(status__in=VISIBLE_STATUSES).values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        batch = list(_services_to_index(ids[start : start + 500]))
        units = _unit_names(batch)
        for service in batch:
            parts = service.all_texts(
                ("name", "alternate_name", "description", "eligibility_description", "application_process")
            )
            parts.append(service.organization.name)
            for term in service.needs.all():
                parts.extend(term.all_words())
            for link in service.at_locations.all():
                parts.append(link.location.city)
                if link.location.municipality_id in units:
                    parts.append(units[link.location.municipality_id][0])
            documents.append((str(service.pk), " ".join(parts)))
    return documents


def _bare_words(text: str) -> list[str]:
    # The visitor's words as a plain full-text search takes them: lower case, letters only.
    return [
        "".join(char for char in word if char.isalnum())
        for word in text.lower().split()
        if any(c.isalnum() for c in word)
    ]


def _make_floor(vendor: str) -> Callable[[str], list[Any]]:
    from django.db import connection

    documents = _fts_documents()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS bench_fts")
            cursor.execute("CREATE TABLE bench_fts (service_id uuid PRIMARY KEY, body text, document tsvector)")
            cursor.executemany("INSERT INTO bench_fts (service_id, body) VALUES (%s, %s)", documents)
            cursor.execute("UPDATE bench_fts SET document = to_tsvector('simple', body)")
            cursor.execute("CREATE INDEX bench_fts_gin ON bench_fts USING gin (document)")
            cursor.execute("ANALYZE bench_fts")
        else:
            cursor.execute("DROP TABLE IF EXISTS bench_fts")
            cursor.execute(
                "CREATE VIRTUAL TABLE bench_fts USING fts5(service_id UNINDEXED, body, tokenize='unicode61')"
            )
            cursor.executemany("INSERT INTO bench_fts (service_id, body) VALUES (%s, %s)", documents)

    def floor(text: str) -> list[Any]:
        words = _bare_words(text)
        if not words:
            return []
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                query = " | ".join("'" + word.replace("'", "''") + "'" for word in words)
                cursor.execute(
                    "SELECT service_id FROM bench_fts, to_tsquery('simple', %s) query WHERE document @@ query "
                    "ORDER BY ts_rank(document, query) DESC LIMIT 20",
                    [query],
                )
            else:
                query = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
                cursor.execute(
                    "SELECT service_id FROM bench_fts WHERE bench_fts MATCH %s ORDER BY rank LIMIT 20", [query]
                )
            return list(cursor.fetchall())

    return floor


def _timed(function: Callable[[], Any], repeat: int) -> list[float]:
    function()  # warm up (caches, prepared plans)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "max_ms": ordered[-1],
    }


def run_backend(vendor: str, services: int, repeat: int) -> dict[str, Any]:
    """Build the directory in one database and measure; return the figures."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core for Python
    sqlite_file = None
    if vendor == "postgresql":
        _recreate_pg_database()
        url = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        handle, sqlite_file = tempfile.mkstemp(prefix="bench_directory_", suffix=".sqlite3")
        os.close(handle)
        url = f"sqlite:///{sqlite_file}"
    try:
        _setup_django(url)
        return _measure(vendor, services, repeat)
    finally:
        from django.db import connections

        connections.close_all()
        if vendor == "postgresql":
            _drop_pg_database()
        elif sqlite_file:
            for suffix in ("", "-wal", "-shm"):
                Path(sqlite_file + suffix).unlink(missing_ok=True)


def _measure(vendor: str, services: int, repeat: int) -> dict[str, Any]:
    from django.test import Client

    from spojka.directory.models import SearchPosting
    from spojka.directory.search.engine import search, vocabulary
    from spojka.directory.search.index import reindex_all
    from spojka.directory.search.params import parse_portal_query
    from spojka.directory.search.results import result_items

    figures: dict[str, Any] = {"vendor": vendor, "services": services}
    figures.update(_build(services))
    started = time.perf_counter()
    reindex_all()
    figures["index_s"] = time.perf_counter() - started
    _analyze()
    figures["postings"] = SearchPosting.objects.count()
    started = time.perf_counter()
    figures["vocabulary"] = len(vocabulary().words)
    figures["vocabulary_load_ms"] = (time.perf_counter() - started) * 1000
    floor = _make_floor(vendor)
    client = Client()

    def portal(params: dict[str, str]) -> None:
        ranking = search(parse_portal_query(params).query)
        result_items(ranking.page(0, 20))

    rows = []
    all_portal, all_ranking, all_page, all_floor = [], [], [], []
    for label, params in QUERIES:
        ranking_only = _timed(lambda params=params: search(parse_portal_query(params).query), repeat)
        portal_times = _timed(lambda params=params: portal(params), repeat)
        try:
            page_times = _timed(lambda params=params: _page(client, params), max(3, repeat // 3))
        except Exception as error:  # the page needs the whole project to import
            print(f"note: the whole page is not measured: {error!r}"[:300], file=sys.stderr)
            page_times = []
        floor_times = _timed(lambda params=params: floor(params["q"]), repeat)
        found = search(parse_portal_query(params).query).total
        rows.append(
            {
                "query": label,
                "found": found,
                "floor_found": len(floor(params["q"])),
                "ranking_ms": statistics.median(ranking_only),
                "portal_ms": statistics.median(portal_times),
                "page_ms": statistics.median(page_times) if page_times else None,
                "floor_ms": statistics.median(floor_times),
            }
        )
        all_ranking += ranking_only
        all_portal += portal_times
        all_page += page_times
        all_floor += floor_times
    figures["queries"] = rows
    figures["ranking"] = _summary(all_ranking)
    figures["portal"] = _summary(all_portal)
    figures["page"] = _summary(all_page) if all_page else None
    figures["floor"] = _summary(all_floor)
    figures["hsds_export_s"] = _hsds_export_seconds()
    return figures


def _analyze() -> None:
    # Statistics, as a database in service has them (autovacuum would gather them in a while).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _page(client: Any, params: dict[str, str]) -> None:
    response = client.get("/cs/services/", params)
    if response.status_code != 200:
        raise RuntimeError(f"the results page answered {response.status_code}")


def _hsds_export_seconds() -> float | None:
    try:
        from spojka.directory.hsds.export import export_json
    except ImportError:
        print("note: spojka.directory.hsds.export is not there; the HSDS export is not measured", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        export_json(Path(folder) / "directory.json")
        return time.perf_counter() - started


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _recreate_pg_database() -> None:
    _drop_pg_database()
    _pg_admin(f"CREATE DATABASE {PG_DATABASE}")


def _drop_pg_database() -> None:
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


# ---------------------------------------------------------------------------------------------
# The orchestrating process: one child per backend, then the table and RESULTS.md.


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = platform.uname()
    return f"{uname.system} {uname.release} {uname.machine}; CPU {cpu}; {os.cpu_count()} cores"


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | portal search median / p95 (ms) | ranking only median / p95 | whole page median / p95 "
        "| bare FTS median / p95 | portal ÷ FTS (p95) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for figures in results:
        portal, ranking, page, floor = figures["portal"], figures["ranking"], figures["page"], figures["floor"]
        whole = f"{page['median_ms']:.1f} / {page['p95_ms']:.1f}" if page else "not measured"
        lines.append(
            f"| {figures['vendor']} | {portal['median_ms']:.1f} / {portal['p95_ms']:.1f} "
            f"| {ranking['median_ms']:.1f} / {ranking['p95_ms']:.1f} "
            f"| {whole} "
            f"| {floor['median_ms']:.1f} / {floor['p95_ms']:.1f} "
            f"| {portal['p95_ms'] / max(floor['p95_ms'], 0.001):.1f}× |"
        )
    lines += [
        "",
        "| database | services | index build (s) | postings | vocabulary | HSDS export of all (s) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for figures in results:
        export = f"{figures['hsds_export_s']:.1f}" if figures.get("hsds_export_s") is not None else "not measured"
        lines.append(
            f"| {figures['vendor']} | {figures['services']} | {figures['index_s']:.1f} | {figures['postings']} "
            f"| {figures['vocabulary']} | {export} |"
        )
    lines += [
        "",
        "Per query (medians, ms; found = services the portal finds / rows the bare query returns, top 20):",
        "",
    ]
    header = (
        "| query | "
        + " | ".join(f"{f['vendor']} portal | {f['vendor']} FTS | {f['vendor']} found" for f in results)
        + " |"
    )
    lines += [header, "| --- |" + " --- | --- | --- |" * len(results)]
    for position, (label, _) in enumerate(QUERIES):
        cells = []
        for figures in results:
            row = figures["queries"][position]
            cells.append(f"{row['portal_ms']:.1f} | {row['floor_ms']:.1f} | {row['found']} / {row['floor_found']}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _write_results(table: str, args: argparse.Namespace) -> None:
    header = (
        "# Benchmarks\n\n"
        "Figures from the benchmarks under `bench/`, newest first. Run each from the repository's root;\n"
        "they build their own data in throwaway databases (a temporary SQLite file, and a PostgreSQL\n"
        "database of their own on 127.0.0.1, created and dropped), so they never touch `var/`.\n\n"
        "| benchmark | how to run | what it measures |\n"
        "| --- | --- | --- |\n"
        "| `directory_search.py` | `.venv/bin/python bench/directory_search.py` (`--services N`, `--repeat N`, "
        "`--backend sqlite\\|postgresql`, `--no-write`) | the public portal's search over 10,000 services on "
        "SQLite and PostgreSQL, next to the bare full-text query of each database, and the HSDS export |\n\n"
    )
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    marker = "<!-- results -->"
    older = previous.split(marker, 1)[1] if marker in previous else ""
    section = (
        f"\n## directory_search.py, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {_machine()}. Python {platform.python_version()}. Each backend ran in its own process pinned\n"
        f"to one CPU core (the PostgreSQL server is a separate process and may use the other core).\n"
        f"{args.services} services, {len(QUERIES)} queries × {args.repeat} runs each after a warm-up.\n\n"
        "*Portal search* is `search()` plus loading the first page of 20 results (the queries the results page\n"
        "makes, without rendering); *whole page* is `GET /cs/services/?q=…` through Django, rendering included;\n"
        "*bare FTS* is the database's own full-text query for the same words over the same texts (PostgreSQL:\n"
        "`to_tsvector('simple', …)` with a GIN index; SQLite: FTS5), words OR-ed, ranked, top 20 — exact words only,\n"
        "no typo or script tolerance.\n\n"
        f"{table}\n"
    )
    RESULTS.write_text(header + marker + "\n" + section + older, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help="run one backend in this process")
    parser.add_argument("--json", help="write one backend's figures to this file (used internally)")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    if args.backend:
        figures = run_backend(args.backend, args.services, args.repeat)
        if args.json:
            Path(args.json).write_text(json.dumps(figures), encoding="utf-8")
        else:
            print(json.dumps(figures, indent=2))
        return
    results = []
    for backend in ("sqlite", "postgresql"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            print(f"running {backend} …", file=sys.stderr)
            command = [sys.executable, __file__, "--backend", backend, "--services", str(args.services)]
            command += ["--repeat", str(args.repeat), "--json", out.name]
            finished = subprocess.run(command, check=False, cwd=ROOT)  # noqa: S603  # our own script
            if finished.returncode != 0:
                print(f"{backend}: the benchmark failed (exit {finished.returncode}); see above", file=sys.stderr)
                continue
            results.append(json.loads(Path(out.name).read_text(encoding="utf-8")))
    if not results:
        sys.exit(1)
    table = _table(results)
    print(table)
    if not args.no_write:
        _write_results(table, args)
        print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
