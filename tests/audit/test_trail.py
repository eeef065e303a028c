"""The organisation manager's audit trail: only their organisation's entries, filtered, exportable."""

import datetime
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.clients.factories import ClientFactory
from tests.conftest import Personas


def _read(user: User, client_id: object) -> AccessEntry:
    return record_access(
        user=user,
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK,
        object_type="clients.client",
        object_id=str(client_id),
        client_id=client_id,  # type: ignore[arg-type]
        fields=["family_name"],
    )


def _their_manager(personas: Personas) -> User:
    return Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user


def test_trail_shows_own_organisation_entries_only(personas: Personas, login: Callable[[User], Client]) -> None:
    ours = ClientFactory(organization=personas.ours)
    theirs = ClientFactory(organization=personas.theirs)
    _read(personas.user(Role.CASEWORKER), ours.pk)
    _read(_their_manager(personas), theirs.pk)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("audit:trail"))
    assert response.status_code == 200
    entries = list(response.context["entries"])
    assert [entry.client_id for entry in entries] == [ours.pk]


def test_trail_filters_by_user_client_and_period(personas: Personas, login: Callable[[User], Client]) -> None:
    first, second = ClientFactory(organization=personas.ours), ClientFactory(organization=personas.ours)
    _read(personas.user(Role.CASEWORKER), first.pk)
    _read(personas.user(Role.DESK_OPERATOR), second.pk)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    by_user = client.get(reverse("audit:trail"), {"user": personas.user(Role.DESK_OPERATOR).pk})
    assert [entry.client_id for entry in by_user.context["entries"]] == [second.pk]
    by_client = client.get(reverse("audit:trail"), {"client": str(first.pk)})
    assert [entry.client_id for entry in by_client.context["entries"]] == [first.pk]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = client.get(reverse("audit:trail"), {"since": tomorrow.isoformat()})
    assert list(later.context["entries"]) == []
    today = client.get(
        reverse("audit:trail"), {"since": timezone.localdate().isoformat(), "until": timezone.localdate().isoformat()}
    )
    assert len(today.context["entries"]) == 2


def test_trail_exports_csv_without_personal_values(personas: Personas, login: Callable[[User], Client]) -> None:
    ours = ClientFactory(organization=personas.ours, family_name="Shevchenko", native_family_name="Шевченко")
    _read(personas.user(Role.CASEWORKER), ours.pk)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("audit:trail"), {"format": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert str(ours.pk) in text
    assert "family_name" in text
    assert "Shevchenko" not in text
    assert "Шевченко" not in text


def test_trail_exports_xlsx(personas: Personas, login: Callable[[User], Client]) -> None:
    _read(personas.user(Role.CASEWORKER), ClientFactory(organization=personas.ours).pk)
    response = login(personas.user(Role.ORGANIZATION_MANAGER)).get(reverse("audit:trail"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_trail_query_count_is_constant_in_the_number_of_entries(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("audit:trail")
    _read(personas.user(Role.CASEWORKER), ClientFactory(organization=personas.ours).pk)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        _read(personas.user(Role.CASEWORKER), ClientFactory(organization=personas.ours).pk)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_caseworker_cannot_open_the_trail(personas: Personas, login: Callable[[User], Client]) -> None:
    assert login(personas.user(Role.CASEWORKER)).get(reverse("audit:trail")).status_code == 403
