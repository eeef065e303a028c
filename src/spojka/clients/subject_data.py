"""Everything held about one client, for their right of access (a JSON file and a print page)."""

from typing import Any

from django.utils import timezone

from spojka.audit.models import AccessEntry
from spojka.clients.enums import DataCategory
from spojka.clients.locales import country_name, language_name
from spojka.clients.models import Client
from spojka.clients.queries import consents_of


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _casework(client: Client) -> dict[str, list[dict[str, Any]]]:
    """Return the cases and referrals the client's organisation holds about them.

    Only what the client's own organisation holds (its cases, the referrals it sent): the
    recipients' own casework is theirs to hand over. Staff are named by organisation only.
    """
    # Imported here: cases and referrals build on clients (they import its models at load time).
    from spojka.cases.models import Case
    from spojka.referrals.models import Referral

    cases = (
        Case.objects.filter(client=client, organization_id=client.organization_id)
        .prefetch_related("needs__term", "notes", "tasks")
        .order_by("opened_on", "created_at", "id")
    )
    referrals = (
        Referral.objects.filter(client=client, sender_organization_id=client.organization_id)
        .select_related("recipient_organization", "service")
        .prefetch_related("needs__term", "messages__organization")
        .order_by("created_at", "id")
    )
    return {
        "cases": [
            {
                "id": str(case.pk),
                "subject": case.title,
                "status": case.get_status_display(),
                "opened_on": _date(case.opened_on),
                "closed_at": _time(case.closed_at),
                "outcome": case.get_outcome_display() if case.outcome else "",
                "outcome_note": case.outcome_note,
                "needs": [
                    {
                        "need": need.term.name,
                        "priority": need.get_priority_display(),
                        "status": need.get_status_display(),
                        "note": need.note,
                    }
                    for need in case.needs.all()
                ],
                "notes": [
                    {
                        "written_at": _time(note.created_at),
                        "confidentiality": note.get_confidentiality_display(),
                        "text": note.text,
                    }
                    for note in sorted(case.notes.all(), key=lambda note: (note.created_at, note.pk))
                ],
                "tasks": [
                    {"what": task.title, "due_on": _date(task.due_on), "done_at": _time(task.done_at)}
                    for task in sorted(case.tasks.all(), key=lambda task: (task.due_on, task.pk))
                ],
            }
            for case in cases
        ],
        "referrals": [
            {
                "id": str(referral.pk),
                "kind": referral.get_kind_display(),
                "status": referral.get_status_display(),
                "recipient_organization": referral.recipient_organization.name,
                "service": referral.service.name if referral.service else "",
                "needs": [need.term.name for need in referral.needs.all()],
                "data_shared": [
                    str(DataCategory(value).label)
                    for value in referral.shared_categories
                    if value in DataCategory.values
                ],
                "legal_basis": referral.get_legal_basis_display() if referral.legal_basis else "",
                "message": referral.message,
                "sent_at": _time(referral.sent_at),
                "answered_at": _time(referral.responded_at),
                "decline_reason": referral.decline_reason,
                "closed_at": _time(referral.closed_at),
                "outcome": referral.outcome_note,
                "messages": [
                    {
                        "written_at": _time(message.created_at),
                        "organization": message.organization.name if message.organization else "",
                        "text": message.text,
                    }
                    for message in sorted(referral.messages.all(), key=lambda message: (message.created_at, message.pk))
                ],
            }
            for referral in referrals
        ],
    }


def client_data(*, client: Client) -> dict[str, Any]:
    """Return what Spojka holds about a client, as plain JSON-ready data with readable labels.

    With the cases and referrals the client's organisation holds about them.
    """
    household = None
    if client.household_id is not None:
        members = Client.objects.filter(household_id=client.household_id, erased_at__isnull=True).exclude(pk=client.pk)
        household = {
            "id": str(client.household_id),
            "relationship": client.get_relationship_display() if client.relationship else "",
            # Other members are other people: only how they relate, never their names.
            "members": [
                {"id": str(member.pk), "relationship": member.get_relationship_display() if member.relationship else ""}
                for member in members.order_by("birth_date", "id")
            ],
        }
    accesses = (
        AccessEntry.objects.filter(client_id=client.pk).select_related("organization").order_by("-at", "-id")[:1000]
    )
    return {
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "client": {
            "id": str(client.pk),
            "organization": client.organization.name,
            "given_name": client.given_name,
            "family_name": client.family_name,
            "native_given_name": client.native_given_name,
            "native_family_name": client.native_family_name,
            "birth_date": client.birth_display,
            "sex": client.get_sex_display(),
            "citizenship": country_name(client.citizenship) if client.citizenship else "",
            "languages": [language_name(code) for code in client.languages],
            "preferred_language": language_name(client.preferred_language) if client.preferred_language else "",
            "residence_status": client.residence_status.name if client.residence_status else "",
            "document_type": client.get_document_type_display() if client.document_type else "",
            "document_number": client.document_number,
            "document_valid_from": _date(client.document_valid_from),
            "document_valid_until": _date(client.document_valid_until),
            "phone": str(client.phone) if client.phone else "",
            "email": client.email,
            "municipality": client.municipality.name if client.municipality else "",
            "street": client.street,
            "vulnerabilities": [vulnerability.name for vulnerability in client.vulnerabilities.all()],
            "notes": client.notes,
            "created_at": client.created_at.isoformat(timespec="seconds"),
            "updated_at": client.updated_at.isoformat(timespec="seconds"),
        },
        "household": household,
        "consents": [
            {
                "id": str(consent.pk),
                "recipient_organization": consent.recipient_organization.name,
                "service": consent.service.name if consent.service else "",
                "purpose": consent.purpose,
                "data": consent.category_labels,
                "given_on": _date(consent.given_on),
                "channel": consent.get_channel_display(),
                "witness": consent.witness_name,
                "withdrawn_at": consent.withdrawn_at.isoformat(timespec="seconds") if consent.withdrawn_at else None,
                "withdrawal_reason": consent.withdrawal_reason,
            }
            for consent in consents_of(client=client)
        ],
        **_casework(client),
        # Who accessed the record: organisations and what they did, not the staff's names.
        "accesses": [
            {
                "at": entry.at.isoformat(timespec="seconds"),
                "organization": entry.organization.name if entry.organization else "",
                "action": entry.get_action_display(),
                "purpose": entry.get_purpose_display(),
            }
            for entry in accesses
        ],
    }
