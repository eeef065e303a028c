"""Turn client records (and what a caseworker is typing) into the matcher's `Record`s."""

import datetime
from collections.abc import Iterable, Iterator

from spojka.clients.enums import BirthDatePrecision, Sex
from spojka.clients.models import Client
from spojka.linkage.matching.records import Record, normalise_document, parse_phone

_SEX = {Sex.MALE: "m", Sex.FEMALE: "f"}

# What the matcher reads of a client: the fields to load, and the ones an audit entry names.
MATCHED_FIELDS = (
    "given_name",
    "family_name",
    "native_given_name",
    "native_family_name",
    "birth_date",
    "birth_date_precision",
    "sex",
    "citizenship",
    "document_number",
    "phone",
    "municipality_id",
)


def record_of(
    *,
    record_id: str,
    organization_id: object = "",
    given_name: str = "",
    family_name: str = "",
    native_given_name: str = "",
    native_family_name: str = "",
    birth_date: datetime.date | None = None,
    year_only: bool = False,
    sex: str = "",
    citizenship: str = "",
    document_number: str = "",
    phone: str = "",
    municipality_id: object = None,
) -> Record:
    """Return the matcher's record of a client's values (stored or typed)."""
    return Record(
        record_id=record_id,
        agency=str(organization_id or ""),
        given_name=given_name[:200],
        family_name=family_name[:200],
        native_given_name=native_given_name[:200],
        native_family_name=native_family_name[:200],
        birth_date=None if year_only or birth_date is None else birth_date,
        birth_year=birth_date.year if birth_date is not None else None,
        sex=_SEX.get(sex, ""),  # type: ignore[call-overload]  # a plain string looks up a TextChoices key
        nationality=citizenship.upper(),
        document_number=normalise_document(document_number),
        phone=parse_phone(str(phone or "")),
        # The municipality is a shared administrative unit: its id is the same for every organisation.
        municipality=str(municipality_id or ""),
    )


def record_of_client(client: Client) -> Record:
    """Return the matcher's record of a stored client."""
    return record_of(
        record_id=str(client.pk),
        organization_id=client.organization_id,
        given_name=client.given_name,
        family_name=client.family_name,
        native_given_name=client.native_given_name,
        native_family_name=client.native_family_name,
        birth_date=client.birth_date,
        year_only=client.birth_date_precision == BirthDatePrecision.YEAR,
        sex=client.sex,
        citizenship=client.citizenship,
        document_number=client.document_number,
        phone=str(client.phone or ""),
        municipality_id=client.municipality_id,
    )


def records_of_values(rows: Iterable[dict[str, object]]) -> Iterator[Record]:
    """Return the matcher's records of rows from `Client.objects.values("id", "organization_id", *MATCHED_FIELDS)`."""
    for row in rows:
        birth_date = row["birth_date"]
        yield record_of(
            record_id=str(row["id"]),
            organization_id=row["organization_id"],
            given_name=str(row["given_name"]),
            family_name=str(row["family_name"]),
            native_given_name=str(row["native_given_name"]),
            native_family_name=str(row["native_family_name"]),
            birth_date=birth_date if isinstance(birth_date, datetime.date) else None,
            year_only=row["birth_date_precision"] == BirthDatePrecision.YEAR,
            sex=str(row["sex"]),
            citizenship=str(row["citizenship"]),
            document_number=str(row["document_number"]),
            phone=str(row["phone"] or ""),
            municipality_id=row["municipality_id"],
        )
