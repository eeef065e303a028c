"""The batch run over the whole registry: pairs proposed, queued, linked across organisations, kept apart for good."""

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client as DjangoClient
from django.urls import reverse

from spojka.accounts.models import User
from spojka.clients.actions import erase_client, register_client, update_client
from spojka.clients.enums import BirthDatePrecision, Sex
from spojka.clients.models import Client
from spojka.linkage import actions
from spojka.linkage.actions import keep_apart, run_matching
from spojka.linkage.enums import PairStatus, RunTrigger
from spojka.linkage.matching.batch import Pair
from spojka.linkage.matching.records import Record
from spojka.linkage.matching.scoring import Comparison
from spojka.linkage.models import BlockingKey, CandidatePair, KeptApart, MatchRun, PersonRecord
from spojka.linkage.tasks import match_registry
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas

BORN = datetime.date(1985, 3, 7)


def _shevchenko(organization: object, **fields: object) -> Client:
    values: dict[str, object] = {
        "given_name": "Oleksandr",
        "family_name": "Shevchenko",
        "native_given_name": "Олександр",
        "native_family_name": "Шевченко",
        "birth_date": BORN,
        "sex": Sex.MALE,
        "citizenship": "UA",
    }
    return ClientFactory(organization=organization, **{**values, **fields})


def _bondar(organization: object, **fields: object) -> Client:
    values: dict[str, object] = {
        "given_name": "Iryna",
        "family_name": "Bondar",
        "native_given_name": "",
        "native_family_name": "",
        "birth_date": datetime.date(1985, 7, 9),
        "sex": Sex.FEMALE,
        "citizenship": "UA",
    }
    return ClientFactory(organization=organization, **{**values, **fields})


def test_run_proposes_a_sure_pair_of_one_organisation_for_review(personas: Personas) -> None:
    _shevchenko(personas.ours)
    _shevchenko(
        personas.ours,
        given_name="Sasha",
        native_given_name="",
        native_family_name="",
        birth_date=datetime.date(1985, 7, 3),
    )
    run = run_matching()
    pair = CandidatePair.objects.get()
    assert pair.status == PairStatus.PROPOSED
    assert pair.cross_organization is False
    assert "given_name_diminutive" in pair.reasons
    assert "birth_date_day_month_swapped" in pair.reasons
    assert pair.run == run
    assert (run.records, run.pairs_found, run.proposed, run.to_review) == (2, 1, 1, 0)
    # A proposal is not a merge: within an organisation a reviewer decides.
    assert not PersonRecord.objects.exists()


def _scored_as(monkeypatch: pytest.MonkeyPatch, probability: float) -> None:
    """Make the matcher find every two records with this probability (the app's decisions, not the model's)."""

    def found(records: list[Record]) -> list[Pair]:
        first, second = sorted(record.record_id for record in records)[:2]
        comparison = Comparison(weight=0.5, probability=probability, reasons=("given_name_equal",))
        return [Pair(a=first, b=second, comparison=comparison, decision="review")]

    monkeypatch.setattr(actions, "match_records", found)


def test_run_queues_an_uncertain_pair_for_review(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    _bondar(personas.ours)
    _bondar(personas.ours, birth_date=datetime.date(1985, 1, 1), birth_date_precision=BirthDatePrecision.YEAR)
    _scored_as(monkeypatch, 0.7)
    run = run_matching()
    pair = CandidatePair.objects.get()
    assert pair.status == PairStatus.REVIEW
    assert (run.proposed, run.to_review) == (0, 1)


def test_run_links_a_sure_pair_across_organisations_without_review(personas: Personas) -> None:
    ours = _shevchenko(personas.ours)
    theirs = _shevchenko(personas.theirs, native_given_name="", native_family_name="", family_name="Ševčenko")
    run = run_matching()
    pair = CandidatePair.objects.get()
    assert pair.cross_organization is True
    assert pair.status == PairStatus.MERGED
    assert pair.decided_by is None
    links = PersonRecord.objects.filter(unlinked_at__isnull=True)
    assert {link.client_id for link in links} == {ours.pk, theirs.pk}
    assert len({link.person_id for link in links}) == 1
    assert run.linked_automatically == 1


def test_run_leaves_an_uncertain_pair_across_organisations_unlinked(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bondar(personas.ours)
    _bondar(personas.theirs, birth_date=datetime.date(1985, 1, 1), birth_date_precision=BirthDatePrecision.YEAR)
    _scored_as(monkeypatch, 0.7)
    run_matching()
    pair = CandidatePair.objects.get()
    assert (pair.cross_organization, pair.status) == (True, PairStatus.REVIEW)
    assert not PersonRecord.objects.exists()


def test_run_twice_changes_nothing(personas: Personas) -> None:
    _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    _shevchenko(personas.theirs)
    run_matching()
    before = sorted(CandidatePair.objects.values_list("client_a_id", "client_b_id", "status", "probability"))
    links_before = PersonRecord.objects.count()
    second = run_matching()
    after = sorted(CandidatePair.objects.values_list("client_a_id", "client_b_id", "status", "probability"))
    assert after == before
    assert PersonRecord.objects.count() == links_before
    assert MatchRun.objects.count() == 2
    assert second.linked_automatically == 0


def test_pair_kept_apart_is_never_proposed_again(personas: Personas) -> None:
    _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    run_matching()
    pair = CandidatePair.objects.get()
    keep_apart(pair=pair, by=personas.user(Role.CASEWORKER))
    again = run_matching()
    third = run_matching()
    assert CandidatePair.objects.get().status == PairStatus.KEPT_APART
    assert KeptApart.objects.count() == 1
    assert (again.kept_apart, again.proposed, third.kept_apart, third.proposed) == (1, 0, 1, 0)


def test_run_withdraws_an_open_pair_the_model_no_longer_finds(personas: Personas) -> None:
    first = _shevchenko(personas.ours)
    second = _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    run_matching()
    assert CandidatePair.objects.count() == 1
    second.given_name, second.family_name, second.birth_date = "Petro", "Melnyk", datetime.date(1950, 1, 2)
    update_client(
        client=second, changed_fields=["given_name", "family_name", "birth_date"], by=personas.user(Role.CASEWORKER)
    )
    run_matching()
    assert not CandidatePair.objects.filter(client_a__in=[first, second]).exists()


def test_blocking_keys_follow_registration_edit_and_erasure(personas: Personas) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    client = register_client(
        client=Client(given_name="Olena", family_name="Kovalenko", birth_date=datetime.date(1988, 4, 12)), by=caseworker
    )
    keys = set(BlockingKey.objects.filter(client=client).values_list("key", flat=True))
    assert keys
    assert set(BlockingKey.objects.filter(client=client).values_list("organization_id", flat=True)) == {
        personas.ours.pk
    }
    client.family_name = "Melnyk"
    update_client(client=client, changed_fields=["family_name"], by=caseworker)
    changed = set(BlockingKey.objects.filter(client=client).values_list("key", flat=True))
    assert changed
    assert changed != keys
    erase_client(client=client, reason="Asked in writing", by=personas.user(Role.ORGANIZATION_MANAGER))
    assert not BlockingKey.objects.filter(client=client).exists()


def test_erasure_withdraws_the_clients_open_pairs(personas: Personas) -> None:
    first = _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    run_matching()
    erase_client(client=first, reason="Asked in writing", by=personas.user(Role.ORGANIZATION_MANAGER))
    assert not CandidatePair.objects.exists()
    assert run_matching().pairs_found == 0


def test_command_indexes_and_matches_the_registry(personas: Personas, capsys: object) -> None:
    _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    BlockingKey.objects.all().delete()
    call_command("match_registry")
    assert BlockingKey.objects.exists()
    run = MatchRun.objects.get()
    assert (run.trigger, run.proposed) == (RunTrigger.COMMAND, 1)
    assert "1 proposed" in capsys.readouterr().out  # type: ignore[attr-defined]  # pytest's CaptureFixture


def test_task_runs_the_same_matching(personas: Personas) -> None:
    _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    result = match_registry.enqueue()
    run = MatchRun.objects.get()
    assert run.trigger == RunTrigger.TASK
    assert result.return_value == str(run.pk)
    assert CandidatePair.objects.get().status == PairStatus.PROPOSED


def test_queue_page_shows_a_batch_proposal(personas: Personas, login: Callable[[User], DjangoClient]) -> None:
    _shevchenko(personas.ours)
    _shevchenko(personas.ours, given_name="Sasha", native_given_name="", native_family_name="")
    run_matching()
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:queue"))
    assert response.status_code == 200
    assert "Sasha Shevchenko" in response.content.decode()


def test_command_reindex_stores_every_clients_keys_again(personas: Personas) -> None:
    client = _shevchenko(personas.ours)
    BlockingKey.objects.filter(client=client).delete()
    BlockingKey.objects.create(client=client, organization=personas.ours, key="stale")
    call_command("match_registry", "--reindex", "--index-only")
    assert "stale" not in set(BlockingKey.objects.filter(client=client).values_list("key", flat=True))
    assert BlockingKey.objects.filter(client=client).exists()
