"""Two operators pressing "call next" at the same moment never get the same visitor.

The guarantee on every database is the conditional update (`… WHERE status = 'waiting'`, checked
by its row count); PostgreSQL also locks the row and lets the other operator skip it. These tests
use real threads, each with its own database connection.
"""

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections, transaction

from spojka.accounts.models import User
from spojka.desk import actions
from spojka.desk.enums import StepStatus
from spojka.desk.models import Step, Visit
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.desk.factories import Shop

Receive = Callable[..., Visit]

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite fallback")


def in_thread(target: Callable[[], Any], results: list[Any], errors: list[BaseException]) -> threading.Thread:
    """Return a started thread running `target` on its own connection, collecting its result or error."""

    def run() -> None:
        try:
            results.append(target())
        except BaseException as error:  # reported by the test, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_call_next_skips_a_visitor_a_colleague_claimed_after_it_was_read(
    shop: Shop, receive: Receive, personas: Personas, colleague: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fallback that holds on every database: the operator's read of the queue is stale (the
    # colleague called the first visitor in between), and the conditional update notices.
    first, second = receive(), receive()
    real_candidates = actions._waiting_candidates
    raced = False

    def stale_candidates(station: Any) -> Any:
        nonlocal raced
        candidates = real_candidates(station)
        if not raced:
            raced = True
            stale = list(candidates[:1])  # read before the colleague's claim…
            claimed = actions.call_next_visitor.__wrapped__(station=station, by=colleague)  # type: ignore[attr-defined]
            assert claimed is not None
            assert claimed.visit == first
            return _Stale(stale)
        return candidates

    monkeypatch.setattr(actions, "_waiting_candidates", stale_candidates)

    step = actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR))

    assert step is not None
    assert step.visit == second
    assert Step.objects.get(visit=first, position=0).called_by == colleague


class _Stale:
    """A queryset-like list whose first() is what was read before someone else's write."""

    def __init__(self, rows: list[Step]) -> None:
        self.rows = rows

    def first(self) -> Step | None:
        return self.rows[0] if self.rows else None


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_call_next_on_postgresql_skips_the_row_a_colleague_holds(
    shop: Shop, receive: Receive, personas: Personas, colleague: User
) -> None:
    first, second = receive(), receive()
    holding, release = threading.Event(), threading.Event()
    results: list[Any] = []
    errors: list[BaseException] = []

    def colleague_calls_and_holds() -> Step | None:
        with transaction.atomic():
            step = actions.call_next_visitor(station=shop.registration, by=colleague)
            holding.set()
            release.wait(10)  # keep the transaction, and the row lock, open
            return step

    holder = in_thread(colleague_calls_and_holds, results, errors)
    assert holding.wait(10)
    mine: list[Any] = []
    caller = in_thread(
        lambda: actions.call_next_visitor(station=shop.registration, by=personas.user(Role.DESK_OPERATOR)),
        mine,
        errors,
    )
    caller.join(5)
    waited_for_the_lock = caller.is_alive()
    release.set()
    holder.join(10)
    caller.join(10)

    assert not waited_for_the_lock, "call next waited for the colleague's row instead of skipping it"
    assert not errors
    assert [step.visit_id for step in results] == [first.pk]
    assert [step.visit_id for step in mine] == [second.pk]


def _race(shop: Shop, operators: list[User], rounds: int) -> list[list[Any]]:
    """Let the operators press "call next" together, `rounds` times; return who got whom, per round."""
    outcomes = []
    for _round in range(rounds):
        barrier = threading.Barrier(len(operators))
        results: list[Any] = []
        errors: list[BaseException] = []

        def press(operator: User, barrier: threading.Barrier = barrier) -> Step | None:
            barrier.wait(10)
            step = actions.call_next_visitor(station=shop.registration, by=operator)
            if step is not None:
                actions.mark_served(step=step, by=operator)
            return step

        threads = [in_thread(lambda operator=operator: press(operator), results, errors) for operator in operators]
        for thread in threads:
            thread.join(30)
        assert not errors, errors
        outcomes.append(results)
    return outcomes


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_call_next_on_postgresql_never_gives_one_visitor_twice(
    shop: Shop, receive: Receive, personas: Personas, colleague: User
) -> None:
    visits = [receive() for _ in range(10)]

    outcomes = _race(shop, [personas.user(Role.DESK_OPERATOR), colleague], rounds=5)

    called = [step.visit_id for results in outcomes for step in results if step is not None]
    assert sorted(called, key=str) == sorted((visit.pk for visit in visits), key=str)
    assert not Step.objects.filter(station=shop.registration, status=StepStatus.WAITING).exists()


@on_sqlite
def test_simultaneous_call_next_on_sqlite_file_never_gives_one_visitor_twice(tmp_path: Path) -> None:
    # The embedded database as `make run` has it: a file, WAL, immediate transactions.
    environment = {**os.environ, "DATA_DIR": str(tmp_path), "SPOJKA_TESTING": "1"}
    environment.pop("DATABASE_URL", None)
    finished = subprocess.run(  # our own interpreter and module
        [sys.executable, "-m", "tests.desk.sqlite_race"],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    report = json.loads(finished.stdout)

    assert report["errors"] == []
    assert len(report["called"]) == len(set(report["called"])), "a visitor was called twice"
    assert sorted(report["called"]) == sorted(report["visits"])
    assert report["waiting"] == 0
