"""Desk records for the permission-matrix test: a site hosted by "ours", served by our desk operator."""

from spojka.desk import actions
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.desk.factories import Shop, assign, make_shop


def _shop(personas: Personas) -> Shop:
    shop = make_shop(organization=personas.ours)
    assign(shop.registration, personas.user(Role.DESK_OPERATOR).memberships.get())
    return shop


def our_site(personas: Personas) -> dict[str, object]:
    return {"site_id": _shop(personas).site.pk}


def our_station(personas: Personas) -> dict[str, object]:
    return {"station_id": _shop(personas).registration.pk}


def our_operator(personas: Personas) -> dict[str, object]:
    shop = _shop(personas)
    return {"station_id": shop.registration.pk, "membership_id": personas.user(Role.DESK_OPERATOR).memberships.get().pk}


def our_visit(personas: Personas) -> dict[str, object]:
    shop = _shop(personas)
    visit = actions.receive_visitor(
        site=shop.site,
        purposes=[shop.register],
        language="uk",
        party_size=1,
        priority="",
        by=personas.user(Role.DESK_OPERATOR),
    )
    return {"visit_id": visit.pk}


def our_called_step(personas: Personas) -> dict[str, object]:
    shop = _shop(personas)
    operator = personas.user(Role.DESK_OPERATOR)
    actions.receive_visitor(
        site=shop.site, purposes=[shop.register], language="uk", party_size=1, priority="", by=operator
    )
    step = actions.call_next_visitor(station=shop.registration, by=operator)
    assert step is not None
    return {"step_id": step.pk}


def our_purpose(personas: Personas) -> dict[str, object]:
    return {"purpose_id": _shop(personas).register.pk}
