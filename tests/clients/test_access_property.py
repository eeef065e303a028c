"""A generated access matrix: any role of any organisation against every client of every organisation."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spojka.clients.queries import clients_visible_to
from spojka.network.enums import Role
from spojka.network.rules import MATRIX
from tests.clients.factories import ClientFactory
from tests.factories import MembershipFactory, OrganizationFactory

# Clients per organisation (each list one organisation), and the role and organisation looking.
networks = st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=networks, role=st.sampled_from(list(Role)), data=st.data())
def test_a_user_sees_exactly_their_own_organisations_clients_when_the_role_may(
    db: None, sizes: list[int], role: Role, data: st.DataObject
) -> None:
    organizations = [OrganizationFactory() for _ in sizes]
    clients = {
        org.pk: {ClientFactory(organization=org).pk for _ in range(size)}
        for org, size in zip(organizations, sizes, strict=True)
    }
    looking = data.draw(st.sampled_from(organizations))
    user = MembershipFactory(organization=looking, role=role).user
    visible = set(clients_visible_to(user).values_list("pk", flat=True))
    expected = clients[looking.pk] if role in MATRIX["clients.view_clients"] else set()
    assert visible == expected
