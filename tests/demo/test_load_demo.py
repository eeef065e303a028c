"""`python -m spojka load_demo`: the Liberec Region demo, loaded once or many times."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.demo import liberec
from spojka.demo.management.commands import load_demo as load_demo_command
from spojka.geo.models import AdministrativeUnit
from spojka.network.enums import Role, Sector
from spojka.network.models import Membership, Organization
from tests.demo.conftest import PackCalls
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"

# Real public institutions: the only organisations of the demo without "(demo)" in their name.
PUBLIC_INSTITUTIONS = {
    "Krajský úřad Libereckého kraje",
    f"Ministerstvo vnitra {DASH} Odbor azylové a migrační politiky, pracoviště Liberec",
    "Krajské asistenční centrum pomoci Ukrajině (KACPU) Liberec",
    "Centrum na podporu integrace cizinců pro Liberecký kraj",
    f"Úřad práce České republiky {DASH} krajská pobočka v Liberci",
    f"Policie České republiky {DASH} odbor cizinecké policie, Krajské ředitelství policie Libereckého kraje",
    "Statutární město Liberec",
    "Statutární město Jablonec nad Nisou",
    "Město Česká Lípa",
    "Město Turnov",
    "Město Semily",
}


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "units": AdministrativeUnit.objects.count(),
    }


def test_load_demo_loads_the_country_pack_first(pack_calls: PackCalls) -> None:
    load_demo()

    assert pack_calls[0] == ("load_country_pack", "cz-liberec")


def test_load_demo_gives_every_role_to_someone() -> None:
    load_demo()

    roles = set(Membership.objects.filter(user__email__endswith="@demo.spojka.example").values_list("role", flat=True))
    assert roles == set(Role.values)


def test_load_demo_creates_the_named_organisations() -> None:
    load_demo()

    names = set(Organization.objects.values_list("name", flat=True))
    assert names >= PUBLIC_INSTITUTIONS
    non_profits = Organization.objects.filter(sector=Sector.NON_PROFIT)
    assert non_profits.count() >= 3
    assert Organization.objects.filter(sector=Sector.INTERNATIONAL).exists()
    kacpu = Organization.objects.get(short_name="KACPU Liberec")
    assert kacpu.parent is not None
    assert kacpu.parent.name.startswith("Ministerstvo vnitra")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Statutární město Liberec", "563889"),
        ("Statutární město Jablonec nad Nisou", "563510"),
        ("Město Česká Lípa", "561380"),
        ("Město Turnov", "577626"),
        ("Město Semily", "576964"),
    ],
)
def test_load_demo_links_each_municipality_to_its_unit(name: str, code: str) -> None:
    load_demo()

    organization = Organization.objects.select_related("municipality").get(name=name)
    assert organization.sector == Sector.MUNICIPAL_SELF_GOVERNMENT
    assert organization.municipality == AdministrativeUnit.objects.get(country_id="CZ", code=code)


def test_load_demo_gives_the_regional_coordinators_their_titles() -> None:
    load_demo()

    titles = set(
        Membership.objects.filter(
            role=Role.REGIONAL_COORDINATOR, organization__name="Krajský úřad Libereckého kraje"
        ).values_list("title", flat=True)
    )
    assert titles == {
        "krajský koordinátor pro adaptaci a integraci cizinců",
        "krajská koordinátorka pro národnostní menšiny a sociální začleňování",
    }


def test_load_demo_twice_changes_no_counts() -> None:
    load_demo()
    first = counts()

    output = load_demo()

    assert counts() == first
    assert "(new 0)" in output


def test_load_demo_again_puts_back_what_was_changed_by_hand() -> None:
    load_demo()
    organization = Organization.objects.get(name="Město Turnov")
    organization.name = "Renamed"
    organization.save(update_fields=["name"])
    membership = Membership.objects.get(user__email="alena.ochranna@demo.spojka.example")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    before = counts()

    load_demo()

    assert counts() == before
    assert Organization.objects.filter(name="Město Turnov").count() == 1
    assert not Organization.objects.filter(name="Renamed").exists()
    membership.refresh_from_db()
    assert membership.is_active


def test_load_demo_if_empty_loads_into_an_empty_database() -> None:
    load_demo("--if-empty")

    assert Organization.objects.count() == len(liberec.ORGANIZATIONS)


def test_load_demo_if_empty_skips_when_organisations_exist(pack_calls: PackCalls) -> None:
    OrganizationFactory(name="Already here")

    output = load_demo("--if-empty")

    assert list(Organization.objects.values_list("name", flat=True)) == ["Already here"]
    assert not User.objects.exists()
    assert pack_calls == []
    assert "not loaded" in output


def test_load_demo_without_the_municipalities_fails_and_leaves_the_database_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(load_demo_command, "call_command", lambda *args, **kwargs: None)

    with pytest.raises(CommandError, match="load_country_pack cz-liberec"):
        load_demo()

    assert counts() == {"organizations": 0, "users": 0, "memberships": 0, "units": 0}


def test_demo_users_log_in_with_the_demo_password() -> None:
    load_demo()

    for person in liberec.PEOPLE:
        client = Client()
        response = client.post(
            reverse("accounts:login"),
            {"username": person.email, "password": settings.SPOJKA_DEMO_PASSWORD},
        )
        assert response.status_code == 302, person.email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=person.email).pk)


def test_demo_users_do_not_log_in_with_another_password() -> None:
    load_demo()

    response = Client().post(
        reverse("accounts:login"),
        {"username": liberec.PEOPLE[0].email, "password": "not-the-demo-password"},
    )

    assert response.status_code == 200


def test_demo_organisations_not_public_are_marked_fictional() -> None:
    load_demo()

    for organization in Organization.objects.all():
        if organization.name not in PUBLIC_INSTITUTIONS:
            assert organization.name.endswith("(demo)"), organization.name
        assert organization.email.endswith("@demo.spojka.example"), organization.name
        assert organization.phone.startswith("+420 000 000 "), organization.name


def test_demo_people_have_addresses_under_the_demo_domain() -> None:
    load_demo()

    emails = list(User.objects.values_list("email", flat=True))
    assert len(emails) == len(liberec.PEOPLE)
    assert all(email.endswith("@demo.spojka.example") for email in emails)


def test_demo_people_speak_czech_and_some_ukrainian() -> None:
    load_demo()

    languages = list(User.objects.values_list("preferred_language", flat=True))
    assert set(languages) == {"cs", "uk"}
    assert languages.count("cs") > languages.count("uk")
