"""Identity matching for the permission-matrix test: records of "ours" every allowed role may reach."""

from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.linkage.factories import pair_of, person_of


def our_pair(personas: Personas) -> dict[str, object]:
    first = ClientFactory(organization=personas.ours)
    second = ClientFactory(organization=personas.ours)
    return {"pair_id": pair_of(first, second).pk}


def our_person(personas: Personas) -> dict[str, object]:
    return {"person_id": person_of(ClientFactory(organization=personas.ours)).pk}


def our_linked_record(personas: Personas) -> dict[str, object]:
    client = ClientFactory(organization=personas.ours)
    person_of(client, ClientFactory(organization=personas.ours))
    return {"client_id": client.pk}
