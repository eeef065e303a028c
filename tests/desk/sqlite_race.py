"""Run by test_concurrency in a child process: operators race "call next" on a file-based SQLite database.

The test database of pytest-django lives in memory, where SQLite's shared cache refuses concurrent
writers at once instead of queueing them; the product runs on a file (WAL, immediate transactions),
so the race runs here, on a file, with the product's settings. Prints a JSON report on stdout.
"""

import json
import os
import sys
import threading
from typing import Any


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spojka.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from spojka.desk import actions
    from spojka.desk.enums import StepStatus
    from spojka.desk.models import Step
    from spojka.network.enums import Role
    from tests.desk.factories import assign, make_shop
    from tests.factories import MembershipFactory, OrganizationFactory

    call_command("migrate", verbosity=0)
    organization = OrganizationFactory()
    shop = make_shop(organization=organization)
    memberships = [MembershipFactory(organization=organization, role=Role.DESK_OPERATOR) for _ in range(3)]
    assign(shop.registration, *memberships)
    receptionist = memberships[0].user
    visits = [
        actions.receive_visitor(
            site=shop.site, purposes=[shop.register], language="uk", party_size=1, priority="", by=receptionist
        )
        for _ in range(12)
    ]
    connections.close_all()

    called: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    for _round in range(4):
        barrier = threading.Barrier(len(memberships))

        def press(user: Any, barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait(10)
                step = actions.call_next_visitor(station=shop.registration, by=user)
                if step is not None:
                    with lock:
                        called.append(str(step.visit_id))
                    actions.mark_served(step=step, by=user)
            except Exception as error:  # reported to the test
                with lock:
                    errors.append(repr(error))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=press, args=(membership.user,)) for membership in memberships]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    waiting = Step.objects.filter(station=shop.registration, status=StepStatus.WAITING).count()
    json.dump(
        {"visits": [str(visit.pk) for visit in visits], "called": called, "errors": errors, "waiting": waiting},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
