"""The one write of the audit trail: record that someone touched personal data.

Every view and action that reads, changes, exports, prints or erases personal data calls
`record_access` (or `record_accesses` for many records at once). Fields are named, never
valued: a name that does not look like a field name is refused, so that a value cannot slip
into the log by mistake.
"""

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, Final

from django.db import models, transaction

from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.network.rules import active_membership

_FIELD_NAME: Final = re.compile(r"^[a-z_][a-z0-9_.]{0,63}$")


def _field_names(fields: Iterable[str]) -> list[str]:
    names = list(dict.fromkeys(fields))
    for name in names:
        if not _FIELD_NAME.match(name):
            raise ValueError("Audit entries name fields, never values.")
    return names


def _identify(
    obj: models.Model | None, object_type: str, object_id: str, client_id: uuid.UUID | None
) -> tuple[str, str, uuid.UUID | None]:
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = str(obj.pk)
        # A model about a client says which one (Client itself, Consent, …).
        client_id = client_id or getattr(obj, "audit_client_id", None)
    if not object_type:
        raise ValueError("An audit entry needs the type of the record it is about.")
    return object_type, object_id, client_id


def _entry(
    *,
    user: Any,
    organization_id: uuid.UUID | None,
    action: AuditAction,
    purpose: AuditPurpose,
    purpose_text: str,
    object_type: str,
    object_id: str,
    client_id: uuid.UUID | None,
    fields: list[str],
) -> AccessEntry:
    return AccessEntry(
        user=user,
        organization_id=organization_id,
        action=action,
        purpose=purpose,
        purpose_text=purpose_text[:200],
        object_type=object_type,
        object_id=object_id,
        client_id=client_id,
        fields=fields,
    )


@transaction.atomic
def record_access(
    *,
    user: Any,
    action: AuditAction,
    purpose: AuditPurpose,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    client_id: uuid.UUID | None = None,
    fields: Sequence[str] = (),
    purpose_text: str = "",
) -> AccessEntry:
    """Record one access to a personal record, for the organisation the user acts for.

    Pass the record as `obj`, or its `object_type` ("app.model") and `object_id`.
    """
    object_type, object_id, client_id = _identify(obj, object_type, object_id, client_id)
    membership = active_membership(user)
    entry = _entry(
        user=user,
        organization_id=membership.organization_id if membership is not None else None,
        action=action,
        purpose=purpose,
        purpose_text=purpose_text,
        object_type=object_type,
        object_id=object_id,
        client_id=client_id,
        fields=_field_names(fields),
    )
    entry.save()
    return entry


@transaction.atomic
def record_accesses(
    *,
    user: Any,
    action: AuditAction,
    purpose: AuditPurpose,
    objects: Iterable[models.Model],
    fields: Sequence[str] = (),
    purpose_text: str = "",
) -> int:
    """Record one entry per record for an access to many at once (a list exported); return how many."""
    membership = active_membership(user)
    organization_id = membership.organization_id if membership is not None else None
    names = _field_names(fields)
    entries = []
    for obj in objects:
        object_type, object_id, client_id = _identify(obj, "", "", None)
        entries.append(
            _entry(
                user=user,
                organization_id=organization_id,
                action=action,
                purpose=purpose,
                purpose_text=purpose_text,
                object_type=object_type,
                object_id=object_id,
                client_id=client_id,
                fields=names,
            )
        )
    AccessEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
