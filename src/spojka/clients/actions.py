"""Writes of clients, households and consents. Each one is atomic and leaves an audit entry."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.actions import record_access
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.clients.enums import BirthDatePrecision, ConsentChannel, DataCategory, Relationship
from spojka.clients.models import Client, Consent, Household, Vulnerability
from spojka.clients.names import name_key, search_names
from spojka.geo.packs.loader import Tally
from spojka.linkage.actions import index_client
from spojka.network.models import Organization
from spojka.network.rules import active_membership

# The fields whose names go into the audit entry when a client is written (never their values).
RECORD_FIELDS = (
    "given_name",
    "family_name",
    "native_given_name",
    "native_family_name",
    "birth_date",
    "birth_date_precision",
    "sex",
    "citizenship",
    "languages",
    "preferred_language",
    "residence_status",
    "document_type",
    "document_number",
    "document_valid_from",
    "document_valid_until",
    "phone",
    "email",
    "municipality",
    "street",
    "household",
    "relationship",
    "vulnerabilities",
    "notes",
)


class NoActiveOrganizationError(PermissionError):
    """The user acts for no organisation, so a client cannot belong anywhere."""


def _set_search_keys(client: Client) -> None:
    client.name_key = name_key(client.given_name, client.family_name)
    client.native_name_key = name_key(client.native_given_name, client.native_family_name)
    client.search_names = search_names(
        [client.given_name, client.family_name, client.native_given_name, client.native_family_name]
    )[:700]


def _filled_fields(client: Client, vulnerabilities: Sequence[Vulnerability]) -> list[str]:
    filled = [
        name for name in RECORD_FIELDS if name != "vulnerabilities" and getattr(client, name) not in ("", None, [])
    ]
    return [*filled, "vulnerabilities"] if vulnerabilities else filled


@transaction.atomic
def register_client(*, client: Client, vulnerabilities: Sequence[Vulnerability] = (), by: User) -> Client:
    """Save a new client for the organisation the user acts for.

    The caller has shown the likely duplicates (`queries.likely_duplicates`) and had the
    registration confirmed; this action does not look again. The client's blocking keys are
    stored for identity matching (`linkage.actions.index_client`).
    """
    membership = active_membership(by)
    if membership is None:
        raise NoActiveOrganizationError
    client.organization = membership.organization
    client.created_by = by
    client.updated_by = by
    _set_search_keys(client)
    client.full_clean(exclude=["organization", "household", "vulnerabilities"])
    client.save()
    client.vulnerabilities.set(vulnerabilities)
    index_client(client=client)
    record_access(
        user=by,
        action=AuditAction.CREATE,
        purpose=AuditPurpose.REGISTRATION,
        obj=client,
        fields=_filled_fields(client, vulnerabilities),
    )
    return client


@transaction.atomic
def update_client(
    *, client: Client, changed_fields: Iterable[str], vulnerabilities: Sequence[Vulnerability] | None = None, by: User
) -> Client:
    """Save changes to a client's record; `changed_fields` names what the form changed."""
    changed = [name for name in changed_fields if name in RECORD_FIELDS]
    client.updated_by = by
    _set_search_keys(client)
    client.full_clean(exclude=["organization", "household", "vulnerabilities"])
    client.save()
    if vulnerabilities is not None:
        client.vulnerabilities.set(vulnerabilities)
    index_client(client=client)
    if changed:
        record_access(user=by, action=AuditAction.UPDATE, purpose=AuditPurpose.CASEWORK, obj=client, fields=changed)
    return client


@transaction.atomic
def add_to_household(
    *, client: Client, relationship: Relationship, household: Household | None = None, by: User
) -> Household:
    """Put a client in a household with a relationship to its reference person; a new household without one."""
    if household is None:
        household = Household.objects.create(organization_id=client.organization_id, created_by=by)
    if household.organization_id != client.organization_id:
        raise ValueError("A household holds clients of one organisation only.")
    client.household = household
    client.relationship = relationship
    client.updated_by = by
    client.save(update_fields=["household", "relationship", "updated_by", "updated_at"])
    record_access(
        user=by,
        action=AuditAction.UPDATE,
        purpose=AuditPurpose.CASEWORK,
        obj=client,
        fields=["household", "relationship"],
    )
    return household


@transaction.atomic
def remove_from_household(*, client: Client, by: User) -> None:
    """Take a client out of their household."""
    client.household = None
    client.relationship = ""
    client.updated_by = by
    client.save(update_fields=["household", "relationship", "updated_by", "updated_at"])
    record_access(
        user=by,
        action=AuditAction.UPDATE,
        purpose=AuditPurpose.CASEWORK,
        obj=client,
        fields=["household", "relationship"],
    )


@transaction.atomic
def give_consent(
    *,
    client: Client,
    recipient_organization: Organization,
    purpose: str,
    categories: Iterable[DataCategory | str],
    given_on: datetime.date,
    channel: ConsentChannel,
    witness_name: str = "",
    service: Any = None,
    by: User,
) -> Consent:
    """Record a client's consent to share the kinds of data given with an organisation (and service)."""
    consent = Consent(
        client=client,
        recipient_organization=recipient_organization,
        service=service,
        purpose=purpose.strip(),
        categories=sorted({DataCategory(value).value for value in categories}),
        given_on=given_on,
        channel=channel,
        witness_name=witness_name.strip() if channel == ConsentChannel.VERBAL_WITNESSED else "",
        recorded_by=by,
    )
    consent.full_clean(exclude=["client", "recorded_by"])
    consent.save()
    record_access(
        user=by,
        action=AuditAction.CREATE,
        purpose=AuditPurpose.CONSENT,
        obj=consent,
        fields=["recipient_organization", "service", "purpose", "categories", "given_on", "channel", "witness_name"],
    )
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, reason: str, by: User) -> Consent:
    """Withdraw a consent: from this moment it lets nobody share anything more.

    The recipients of the client's referrals under it are notified (in the workspace now, by
    e-mail once the withdrawal is committed). Withdrawing one that was already withdrawn changes
    nothing (the first withdrawal stands).
    """
    # Imported here: referrals builds on clients (imports its models and queries at load time).
    from spojka.referrals.actions import notify_consent_withdrawn

    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        return locked
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = by
    locked.withdrawal_reason = reason.strip()
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    record_access(
        user=by,
        action=AuditAction.UPDATE,
        purpose=AuditPurpose.CONSENT,
        obj=locked,
        fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"],
    )
    # In the same transaction: the notifications exist exactly when the withdrawal does.
    notify_consent_withdrawn(consent=locked, by=by)
    return locked


@transaction.atomic
def erase_client(*, client: Client, reason: str, by: User) -> Client:
    """Erase a client's personal data at their request, keeping anonymous statistics and the audit trail.

    Names, contacts, document numbers, street, notes, languages and vulnerabilities are cleared
    and the date of birth cut to its year; sex, citizenship, residence status and municipality
    stay for counting. Standing consents are withdrawn (their recipients notified) and witnesses'
    names cleared. The free texts of the client's cases and referrals are cleared too.
    """
    # Imported here: referrals builds on clients (imports its models and queries at load time).
    from spojka.referrals.actions import erase_casework_of, notify_consent_withdrawn

    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.erased_at is not None:
        return locked
    now = timezone.now()
    for name in Client.PERSONAL_FIELDS:
        setattr(locked, name, "")
    locked.name_key = locked.native_name_key = locked.search_names = ""
    if locked.birth_date is not None:
        locked.birth_date = datetime.date(locked.birth_date.year, 1, 1)
        locked.birth_date_precision = BirthDatePrecision.YEAR
    locked.languages = []
    locked.preferred_language = ""
    locked.document_type = ""
    locked.document_valid_from = locked.document_valid_until = None
    locked.household = None
    locked.relationship = ""
    locked.erased_at = now
    locked.erased_by = by
    locked.erasure_reason = reason.strip()
    locked.updated_by = by
    locked.save()
    locked.vulnerabilities.clear()
    standing = list(Consent.objects.filter(client=locked, withdrawn_at__isnull=True))
    Consent.objects.filter(pk__in=[consent.pk for consent in standing]).update(
        withdrawn_at=now, withdrawn_by=by, withdrawal_reason=reason.strip()
    )
    Consent.objects.filter(client=locked).update(witness_name="")
    for consent in standing:
        notify_consent_withdrawn(consent=consent, by=by)
    erase_casework_of(client=locked, by=by)
    index_client(client=locked)
    record_access(
        user=by,
        action=AuditAction.ERASE,
        purpose=AuditPurpose.DATA_SUBJECT_REQUEST,
        obj=locked,
        fields=[*Client.PERSONAL_FIELDS, "birth_date", "languages", "document_validity", "vulnerabilities", "consents"],
    )
    return locked


@transaction.atomic
def load_vulnerabilities(*, country_code: str, entries: Sequence[Mapping[str, Any]]) -> Tally:
    """Create or update a country's list of vulnerabilities from a country pack, writing only what differs.

    Each entry has a `code`, `labels` by language ({"cs": …, "uk": …}) and optionally a
    `position`. Codes the pack no longer lists stay, because clients may carry them.
    """
    existing = {item.code: item for item in Vulnerability.objects.filter(country_id=country_code)}
    created = updated = 0
    for index, entry in enumerate(entries):
        code = str(entry["code"])
        labels = dict(entry.get("labels", {}))
        position = int(entry.get("position", index))
        item = existing.get(code)
        if item is None:
            Vulnerability.objects.create(country_id=country_code, code=code, labels=labels, position=position)
            created += 1
        elif item.labels != labels or item.position != position:
            item.labels, item.position = labels, position
            item.save(update_fields=["labels", "position"])
            updated += 1
    codes = {str(entry["code"]) for entry in entries}
    return Tally(
        created=created,
        updated=updated,
        unchanged=len(codes) - created - updated,
        not_in_pack=len(existing.keys() - codes),
    )
