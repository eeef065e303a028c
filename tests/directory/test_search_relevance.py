"""The relevance table: a query (any script, any spelling, typos) → the services expected on top."""

import pytest

from spojka.directory.search.engine import PortalQuery, search
from tests.directory.portal_directory import Directory, build_directory

pytestmark = pytest.mark.django_db

LEGAL = ("legal_clinic", "legal_advice", "closed_for_now")
HOUSING = ("shelter", "family_housing")

# query → the services that must all rank above any other service.
RELEVANCE_TABLE: list[tuple[str, tuple[str, ...]]] = [
    ("юрист", LEGAL),
    ("pravni poradna", LEGAL),
    ("právní poradenství", LEGAL),
    ("yurist", LEGAL),
    ("jurist", LEGAL),
    ("юриста", LEGAL),
    ("advokat", LEGAL),
    ("lawyer", LEGAL),
    ("legal aid", LEGAL),
    ("юридична допомога", LEGAL),
    ("pravni poradenstvi", LEGAL),
    ("prvani poradna", LEGAL),  # typo
    ("ubytování", HOUSING),
    ("ubytovani", HOUSING),
    ("ubytovanie", HOUSING),
    ("житло", HOUSING),
    ("zhytlo", HOUSING),
    ("zhitlo", HOUSING),
    ("жильё", HOUSING),
    ("housing", HOUSING),
    ("azylovy dum", ("shelter",)),
    ("притулок", ("shelter",)),
    ("kurz cestiny", ("czech_course",)),
    ("kurz češtiny", ("czech_course",)),
    ("курси чеської", ("czech_course",)),
    ("kursy cheskoi", ("czech_course",)),
    ("czech course", ("czech_course",)),
    ("курсы чешского", ("czech_course",)),
    ("prace", ("job_advice",)),
    ("робота", ("job_advice",)),
    ("zivotopis", ("job_advice",)),
]


@pytest.fixture
def directory() -> Directory:
    return build_directory()


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_TABLE, ids=[query for query, _ in RELEVANCE_TABLE])
def test_search_relevance_puts_expected_services_on_top(
    directory: Directory, query: str, expected: tuple[str, ...]
) -> None:
    services = directory.by_name()
    names = {service.pk: name for name, service in services.items()}
    ranking = search(PortalQuery(text=query))
    found = [names[service_id] for service_id, _ in ranking.page(0, ranking.total)]
    assert set(found[: len(expected)]) == set(expected), f"{query!r} ranked {found}"


@pytest.mark.parametrize("query", ["юрист", "pravni poradna", "právní poradenství"])
def test_search_three_spellings_of_legal_help_find_the_same_services(directory: Directory, query: str) -> None:
    ranking = search(PortalQuery(text=query))
    top = {service_id for service_id, _ in ranking.page(0, 3)}
    assert top == {directory.legal_clinic.pk, directory.legal_advice.pk, directory.closed_for_now.pk}


def test_search_never_shows_a_defunct_service(directory: Directory) -> None:
    ranking = search(PortalQuery(text="zrušená právní poradna"))
    assert directory.retired.pk not in {service_id for service_id, _ in ranking.page(0, ranking.total)}
