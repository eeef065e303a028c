"""Real-time candidates while registering: the organisation's own likely matches, scored, explained, audited."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.clients.actions import erase_client
from spojka.clients.models import Client
from spojka.clients.queries import owned_clients
from spojka.linkage.client_records import record_of
from spojka.linkage.matching.blocking import blocking_keys
from spojka.linkage.matching.records import Record
from spojka.linkage.queries import candidate_ids_by_keys, own_clients_for_matching
from spojka.network.enums import Role
from spojka.referrals.enums import ReferralStatus
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory
from tests.referrals.factories import ReferralFactory

Login = Callable[[User], DjangoClient]
BORN = datetime.date(1985, 3, 7)
TYPED = {"given_name": "Oleksandr", "family_name": "Shevchenko", "birth_date": "1985-03-07"}


def _typed_record() -> Record:
    return record_of(record_id="typed", given_name="Oleksandr", family_name="Shevchenko", birth_date=BORN)


def _cyrillic(organization: object, **fields: object) -> Client:
    values: dict[str, object] = {
        "given_name": "",
        "family_name": "",
        "native_given_name": "Олександр",
        "native_family_name": "Шевченко",
        "birth_date": BORN,
    }
    return ClientFactory(organization=organization, **{**values, **fields})


def test_candidates_show_the_cyrillic_record_for_a_typed_latin_name(personas: Personas, login: Login) -> None:
    existing = _cyrillic(personas.ours)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"), TYPED)
    content = response.content.decode()
    assert response.status_code == 200
    assert [candidate.client for candidate in response.context["candidates"]] == [existing]
    assert "Шевченко" in content
    assert "% likely" in content
    assert "same date of birth" in content
    assert reverse("clients:detail", kwargs={"client_id": existing.pk}) in content
    assert response["Cache-Control"] == "no-store"


def test_candidates_find_a_diminutive_with_day_and_month_swapped(personas: Personas, login: Login) -> None:
    existing = ClientFactory(
        organization=personas.ours,
        given_name="Sasha",
        family_name="Shevchenko",
        native_given_name="",
        native_family_name="",
        birth_date=datetime.date(1985, 7, 3),
    )
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"), TYPED)
    assert [candidate.client for candidate in response.context["candidates"]] == [existing]
    content = response.content.decode()
    assert "diminutive" in content
    assert "day and month swapped" in content


def test_candidates_reading_is_audited_for_each_record_shown(personas: Personas, login: Login) -> None:
    existing = _cyrillic(personas.ours)
    login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"), TYPED)
    entry = AccessEntry.objects.get(client_id=existing.pk)
    assert (entry.action, entry.purpose) == (AuditAction.READ, AuditPurpose.REGISTRATION)
    assert entry.user == personas.user(Role.CASEWORKER)
    assert "family_name" in entry.fields


def test_candidates_never_show_another_organisations_client(personas: Personas, login: Login) -> None:
    _cyrillic(personas.theirs)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"), TYPED)
    assert response.context["candidates"] == []
    assert "Шевченко" not in response.content.decode()
    assert not AccessEntry.objects.exists()


def test_candidates_never_show_an_erased_client(personas: Personas, login: Login) -> None:
    existing = _cyrillic(personas.ours)
    erase_client(client=existing, reason="Asked in writing", by=personas.user(Role.ORGANIZATION_MANAGER))
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"), TYPED)
    assert response.context["candidates"] == []


def test_candidates_for_an_empty_form_are_none(personas: Personas, login: Login) -> None:
    _cyrillic(personas.ours)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:candidates"))
    assert response.status_code == 200
    assert response.content.decode().strip() == ""
    assert not AccessEntry.objects.exists()


def test_candidates_ignore_nonsense_input(personas: Personas, login: Login) -> None:
    response = login(personas.user(Role.CASEWORKER)).get(
        reverse("linkage:candidates"),
        {
            "given_name": "🙂\u200d" * 400,
            "family_name": "\u202e" + "x" * 1000,
            "birth_date": "31.02.",
            "birth_year": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["candidates"] == []


def test_registration_without_javascript_shows_candidates_and_registers_anyway(
    personas: Personas, login: Login
) -> None:
    existing = _cyrillic(personas.ours)
    browser = login(personas.user(Role.CASEWORKER))
    data = {**TYPED, "sex": "male"}
    first = browser.post(reverse("clients:new"), data)
    content = first.content.decode()
    assert first.status_code == 200
    assert [duplicate.client for duplicate in first.context["duplicates"]] == [existing]
    assert "same date of birth" in content
    assert 'name="create_anyway"' in content
    assert Client.objects.count() == 1
    assert AccessEntry.objects.filter(client_id=existing.pk, purpose=AuditPurpose.REGISTRATION).exists()
    second = browser.post(reverse("clients:new"), {**data, "create_anyway": "on"})
    assert second.status_code == 302
    assert Client.objects.count() == 2


def test_registration_form_asks_for_candidates_as_the_caseworker_types(personas: Personas, login: Login) -> None:
    page = login(personas.user(Role.CASEWORKER)).get(reverse("clients:new")).content.decode()
    assert f'hx-get="{reverse("linkage:candidates")}"' in page
    assert "from:#id_family_name" in page


def test_candidate_lookup_filters_on_the_indexed_key_column(personas: Personas) -> None:
    keys = blocking_keys(
        record_of(record_id="typed", given_name="Oleksandr", family_name="Shevchenko", birth_date=BORN)
    )
    with CaptureQueriesContext(connection) as captured:
        list(candidate_ids_by_keys(organization_id=personas.ours.pk, keys=keys))
    sql = captured.captured_queries[0]["sql"]
    assert '"linkage_blockingkey"."organization_id" =' in sql
    assert '"linkage_blockingkey"."key" IN' in sql
    assert "LIKE" not in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's planner")
def test_candidate_lookup_uses_the_index_on_postgresql(personas: Personas) -> None:
    for _ in range(3):
        _cyrillic(personas.ours)
    keys = blocking_keys(
        record_of(record_id="typed", given_name="Oleksandr", family_name="Shevchenko", birth_date=BORN)
    )
    query = candidate_ids_by_keys(organization_id=personas.ours.pk, keys=keys)
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows a scan is cheapest; forbid it to see that the index serves the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "linkage_key_org_key" in plan
    assert "Seq Scan" not in plan


def test_candidates_need_the_right_to_register(personas: Personas, login: Login) -> None:
    _cyrillic(personas.ours)
    response = login(personas.user(Role.ANALYST)).get(reverse("linkage:candidates"), TYPED)
    assert response.status_code == 403
    assert not AccessEntry.objects.exists()


def test_own_clients_for_matching_are_exactly_the_owned_clients(personas: Personas) -> None:
    ours = _cyrillic(personas.ours)
    erased = _cyrillic(personas.ours)
    erase_client(client=erased, reason="Asked in writing", by=personas.user(Role.ORGANIZATION_MANAGER))
    theirs = _cyrillic(personas.theirs)
    shared = ReferralFactory(
        client=theirs, service=ServiceFactory(organization=personas.ours), status=ReferralStatus.SENT
    ).client
    ConsentFactory(client=shared, recipient_organization=personas.ours)
    for role in Role:
        viewer = personas.user(role)
        assert set(own_clients_for_matching(viewer=viewer)) == set(owned_clients(user=viewer)), role
    assert set(own_clients_for_matching(viewer=personas.user(Role.CASEWORKER))) == {ours}
