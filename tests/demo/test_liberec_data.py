"""The demo's data module: consistent, and invented things recognisably invented."""

import re
import unicodedata

from spojka.demo import liberec
from spojka.network.enums import Role


def ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def test_every_role_has_a_demo_person() -> None:
    assert {person.role for person in liberec.PEOPLE} == set(Role)


def test_demo_people_work_for_demo_organisations() -> None:
    keys = {organization.key for organization in liberec.ORGANIZATIONS}
    assert all(person.organization in keys for person in liberec.PEOPLE)


def test_demo_people_have_one_address_each_made_of_their_name() -> None:
    emails = [person.email for person in liberec.PEOPLE]
    assert len(set(emails)) == len(emails)
    for person in liberec.PEOPLE:
        first, last = ascii_lower(person.full_name).split()
        assert person.email == f"{first}.{last}@demo.spojka.example"


def test_fictional_organisations_say_so_in_their_name() -> None:
    for organization in liberec.ORGANIZATIONS:
        assert organization.name.endswith("(demo)") == organization.fictional, organization.name
        if organization.fictional:
            assert organization.short_name.endswith("(demo)"), organization.short_name


def test_demo_phone_numbers_are_obviously_fake() -> None:
    for organization in liberec.ORGANIZATIONS:
        assert re.fullmatch(r"\+420 000 000 \d{3}", organization.phone), organization.name


def test_parents_come_before_their_children() -> None:
    seen: set[str] = set()
    for organization in liberec.ORGANIZATIONS:
        assert not organization.parent or organization.parent in seen, organization.key
        seen.add(organization.key)
