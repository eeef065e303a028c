"""The audit trail is append-only: nothing in the application, the admin or the database changes it."""

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry, AuditTrailImmutableError
from spojka.network.enums import Role
from tests.conftest import Personas


def _entry(personas: Personas) -> AccessEntry:
    return record_access(
        user=personas.user(Role.CASEWORKER),
        action=AuditAction.READ,
        purpose=AuditPurpose.CASEWORK,
        object_type="clients.client",
        object_id="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        fields=["given_name", "family_name"],
    )


def test_record_access_notes_the_active_organisation(personas: Personas) -> None:
    entry = _entry(personas)
    assert entry.organization_id == personas.ours.pk
    assert entry.fields == ["given_name", "family_name"]


def test_record_access_refuses_a_value_in_place_of_a_field_name(personas: Personas) -> None:
    with pytest.raises(ValueError, match="never values"):
        record_access(
            user=personas.user(Role.CASEWORKER),
            action=AuditAction.READ,
            purpose=AuditPurpose.CASEWORK,
            object_type="clients.client",
            fields=["Olena Kovalenko"],
        )
    assert not AccessEntry.objects.exists()


def test_saving_an_existing_entry_is_refused(personas: Personas) -> None:
    entry = _entry(personas)
    entry.action = AuditAction.ERASE
    with pytest.raises(AuditTrailImmutableError):
        entry.save()
    assert AccessEntry.objects.get(pk=entry.pk).action == AuditAction.READ


def test_deleting_an_entry_is_refused(personas: Personas) -> None:
    entry = _entry(personas)
    with pytest.raises(AuditTrailImmutableError):
        entry.delete()
    assert AccessEntry.objects.filter(pk=entry.pk).exists()


def test_bulk_update_and_delete_are_refused(personas: Personas) -> None:
    _entry(personas)
    with pytest.raises(AuditTrailImmutableError):
        AccessEntry.objects.all().update(action=AuditAction.ERASE)
    with pytest.raises(AuditTrailImmutableError):
        AccessEntry.objects.filter(action=AuditAction.READ).delete()
    assert AccessEntry.objects.count() == 1


def test_database_refuses_an_update_issued_around_the_application(personas: Personas) -> None:
    entry = _entry(personas)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessentry SET action = 'erase' WHERE id = %s", [entry.pk])
    assert AccessEntry.objects.get(pk=entry.pk).action == AuditAction.READ


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger is PostgreSQL's")
def test_database_refuses_a_delete_issued_around_the_application(personas: Personas) -> None:
    entry = _entry(personas)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessentry WHERE id = %s", [entry.pk])
    assert AccessEntry.objects.filter(pk=entry.pk).exists()


def test_admin_shows_entries_read_only(personas: Personas, login: Callable[[User], Client]) -> None:
    entry = _entry(personas)
    admin = User.objects.create_superuser("operator@example.org", "a-long-password-1", full_name="Operator")
    client = login(admin)
    assert client.get(reverse("admin:audit_accessentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_accessentry_add")).status_code == 403
    response = client.post(reverse("admin:audit_accessentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    change = client.get(reverse("admin:audit_accessentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert b'name="action"' not in change.content  # shown, not editable
    assert AccessEntry.objects.filter(pk=entry.pk).exists()
