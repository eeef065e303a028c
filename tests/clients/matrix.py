"""Clients' records for the permission-matrix test: a client of "ours" with a consent."""

import datetime

from spojka.network.enums import Role
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.conftest import Personas


def our_client(personas: Personas) -> dict[str, object]:
    client = ClientFactory(organization=personas.ours, created_by=personas.user(Role.CASEWORKER))
    return {"client_id": client.pk}


def our_client_with_document(personas: Personas) -> dict[str, object]:
    client = ClientFactory(
        organization=personas.ours,
        document_valid_from=datetime.date(2026, 3, 5),
        document_valid_until=datetime.date(2027, 3, 4),
    )
    return {"client_id": client.pk}


def our_consent(personas: Personas) -> dict[str, object]:
    consent = ConsentFactory(client__organization=personas.ours, recipient_organization=personas.theirs)
    return {"consent_id": consent.pk}
