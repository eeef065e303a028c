"""A client shared through a referral: the recipient sees only what the standing consent covers, changes nothing.

For every client URL: the recipient while the consent stands (only the covered kinds of data),
the recipient after withdrawal, another organisation without a referral (404) and the owner (all).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction, AuditPurpose
from spojka.audit.models import AccessEntry
from spojka.clients import actions as client_actions
from spojka.clients.enums import DataCategory, Relationship
from spojka.clients.models import Client, Consent
from spojka.network.enums import Role
from spojka.network.models import Membership
from spojka.referrals.enums import ReferralStatus
from tests.cases.factories import CaseFactory, CaseNeedFactory
from tests.clients.factories import ClientFactory, ConsentFactory, HouseholdFactory, VulnerabilityFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory
from tests.factories import AdministrativeUnitFactory, MembershipFactory, OrganizationFactory, ResidenceStatusFactory
from tests.referrals.conftest import Network
from tests.referrals.factories import ReferralFactory

# Values that appear on the owner's record, each in one kind of data.
NAME = "Shevchenko"
NATIVE_NAME = "Шевченко"
EMAIL = "olena.s@example.org"
DOCUMENT = "FP7654321"
STATUS = "Temporary protection XY"
VULNERABILITY = "serious illness xy"  # the label of code serious_illness_xy
NOTE = "Owes rent to the landlord"
MEMBER = "Kovalchukova"
CONSENT_PURPOSE = "Help with finding a job"


@dataclass
class Sharing:
    network: Network
    recipient: User  # the manager of the receiving organisation: every permission there
    stranger: User  # the manager of a third organisation, which received no referral
    consent: Consent | None = None

    @property
    def client(self) -> Client:
        return self.network.client

    def share(self, categories: list[DataCategory]) -> None:
        self.consent = self.network.consent(categories)
        self.network.sent()

    def withdraw(self) -> None:
        assert self.consent is not None
        client_actions.withdraw_consent(consent=self.consent, reason="Changed her mind.", by=self.network.sender)


@pytest.fixture
def sharing(personas: Personas) -> Sharing:
    sender = personas.user(Role.CASEWORKER)
    status = ResidenceStatusFactory(labels={"en": STATUS, "cs": STATUS, "uk": STATUS})
    household = HouseholdFactory(organization=personas.ours)
    client = ClientFactory(
        organization=personas.ours,
        family_name=NAME,
        native_family_name=NATIVE_NAME,
        email=EMAIL,
        phone="+420777123456",
        street="Vodní 12",
        municipality=AdministrativeUnitFactory(),
        residence_status=status,
        document_type="visa",
        document_number=DOCUMENT,
        document_valid_until=timezone.localdate() + datetime.timedelta(days=20),
        notes=NOTE,
        household=household,
        relationship=Relationship.REFERENCE,
    )
    client.vulnerabilities.add(VulnerabilityFactory(code="serious_illness_xy"))
    ClientFactory(
        organization=personas.ours,
        family_name=MEMBER,
        household=household,
        relationship=Relationship.CHILD,
        birth_date=timezone.localdate() - datetime.timedelta(days=365 * 8),
    )
    case = CaseFactory(client=client, caseworker=sender, title="Work")
    recipient = Membership.objects.get(organization=personas.theirs, role=Role.ORGANIZATION_MANAGER).user
    stranger = MembershipFactory(
        organization=OrganizationFactory(name="Third Organisation"), role=Role.ORGANIZATION_MANAGER
    ).user
    network = Network(
        personas=personas,
        sender=sender,
        recipient=recipient,
        client=client,
        case=case,
        need=CaseNeedFactory(case=case),
        service=ServiceFactory(organization=personas.theirs, name="Job club", response_days=3),
    )
    return Sharing(network=network, recipient=recipient, stranger=stranger)


def _rows_of(page: str) -> str:
    """Return the list's table body (the filters above it name every status and vulnerability)."""
    return page[page.index("<tbody>") : page.index("</tbody>")]


def _detail(sharing: Sharing) -> str:
    return reverse("clients:detail", kwargs={"client_id": sharing.client.pk})


# --- The record ---------------------------------------------------------------------------------------------------


def test_record_for_recipient_shows_only_covered_kinds(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY, DataCategory.CONTACT])
    response = login(sharing.recipient).get(_detail(sharing))
    assert response.status_code == 200
    page = response.content.decode()
    assert NAME in page
    assert NATIVE_NAME in page
    assert EMAIL in page
    assert "Shared by Integration Centre Ours through a referral" in page
    for hidden in (DOCUMENT, STATUS, VULNERABILITY, NOTE, MEMBER, CONSENT_PURPOSE):
        assert hidden not in page, hidden
    assert "Who accessed this record" not in page
    assert response.context["accesses"] is None
    assert response.context["consents"] == []
    for url_name in ("edit", "household", "consent_new", "reminder", "data_export", "erase"):
        assert reverse(f"clients:{url_name}", kwargs={"client_id": sharing.client.pk}) not in page


def test_record_for_recipient_without_identity_hides_the_name(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.CONTACT, DataCategory.NEEDS])
    page = login(sharing.recipient).get(_detail(sharing)).content.decode()
    assert EMAIL in page
    assert "A shared client" in page
    for hidden in (NAME, NATIVE_NAME, "Olena", "1988", DOCUMENT, STATUS, NOTE):
        assert hidden not in page, hidden


def test_record_for_recipient_shows_residence_household_and_notes_when_covered(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.RESIDENCE, DataCategory.HOUSEHOLD, DataCategory.VULNERABILITIES, DataCategory.NOTES])
    page = login(sharing.recipient).get(_detail(sharing)).content.decode()
    for shown in (DOCUMENT, STATUS, VULNERABILITY, NOTE):
        assert shown in page, shown
    assert "This client" in page  # the household's make-up …
    # … but not who the other members are, nor the client's own name or contact.
    for hidden in (MEMBER, NAME, EMAIL):
        assert hidden not in page, hidden


def test_record_read_by_recipient_is_audited_with_the_fields_shown(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.CONTACT])
    login(sharing.recipient).get(_detail(sharing))
    entry = AccessEntry.objects.get(action=AuditAction.READ, client_id=sharing.client.pk, user=sharing.recipient)
    assert entry.purpose == AuditPurpose.REFERRAL
    assert entry.organization == sharing.network.personas.theirs
    assert set(entry.fields) == {"phone", "email", "municipality", "street"}


def test_record_after_withdrawal_is_not_found(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY, DataCategory.CONTACT])
    browser = login(sharing.recipient)
    assert browser.get(_detail(sharing)).status_code == 200
    sharing.withdraw()
    response = browser.get(_detail(sharing))
    assert response.status_code == 404
    assert NAME not in response.content.decode()


def test_record_of_another_organisation_without_referral_is_not_found(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.IDENTITY])
    assert login(sharing.stranger).get(_detail(sharing)).status_code == 404


def test_record_before_the_referral_is_sent_is_not_found(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.network.consent([DataCategory.IDENTITY])
    sharing.network.draft()
    assert login(sharing.recipient).get(_detail(sharing)).status_code == 404


def test_record_for_owner_is_whole(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.CONTACT])
    response = login(sharing.network.personas.user(Role.ORGANIZATION_MANAGER)).get(_detail(sharing))
    page = response.content.decode()
    for shown in (NAME, NATIVE_NAME, EMAIL, DOCUMENT, STATUS, VULNERABILITY, NOTE, MEMBER, CONSENT_PURPOSE):
        assert shown in page, shown
    assert "Who accessed this record" in page
    assert reverse("clients:edit", kwargs={"client_id": sharing.client.pk}) in page


# --- The pages only the owner has -------------------------------------------------------------------------------

CLIENT_PAGES = [
    ("clients:edit", "get"),
    ("clients:household", "get"),
    ("clients:household_leave", "post"),
    ("clients:consent_new", "get"),
    ("clients:reminder", "get"),
    ("clients:data_export", "get"),
    ("clients:data_export_json", "get"),
    ("clients:erase", "get"),
]
CONSENT_PAGES = [
    ("clients:consent_withdraw", "get"),
    ("clients:consent_withdraw", "post"),
    ("clients:consent_print", "get"),
]


def _owner_pages(sharing: Sharing) -> list[tuple[str, str]]:
    assert sharing.consent is not None
    pages = [(reverse(name, kwargs={"client_id": sharing.client.pk}), method) for name, method in CLIENT_PAGES]
    pages += [(reverse(name, kwargs={"consent_id": sharing.consent.pk}), method) for name, method in CONSENT_PAGES]
    return pages


def _status(browser: DjangoClient, url: str, method: str) -> int:
    if method == "post":
        return browser.post(url, {"reason": "Asked to.", "back_to": ""}).status_code
    return browser.get(url).status_code


@pytest.mark.parametrize("when", ["consent standing", "consent withdrawn"])
def test_owner_pages_are_not_found_for_the_recipient(
    sharing: Sharing, login: Callable[[User], DjangoClient], when: str
) -> None:
    every = list(DataCategory)
    sharing.share(every)
    if when == "consent withdrawn":
        sharing.withdraw()
    browser = login(sharing.recipient)
    for url, method in _owner_pages(sharing):
        assert _status(browser, url, method) == 404, (url, method)
    client = Client.objects.get(pk=sharing.client.pk)
    assert client.erased_at is None
    assert client.household_id is not None
    assert sharing.consent is not None
    consent = Consent.objects.get(pk=sharing.consent.pk)
    assert (consent.withdrawn_at is None) == (when == "consent standing")
    assert consent.withdrawn_by in (None, sharing.network.sender)


def test_owner_pages_are_not_found_for_another_organisation(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.IDENTITY])
    browser = login(sharing.stranger)
    for url, method in _owner_pages(sharing):
        assert _status(browser, url, method) == 404, (url, method)


def test_owner_pages_open_for_the_owner(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY])
    browser = login(sharing.network.personas.user(Role.ORGANIZATION_MANAGER))
    for url, method in _owner_pages(sharing):
        if method == "get":
            assert browser.get(url).status_code == 200, url


def test_case_for_a_shared_client_cannot_be_opened_by_the_recipient(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.CONTACT])
    response = login(sharing.recipient).get(reverse("cases:new"), {"client": str(sharing.client.pk)})
    assert response.status_code == 404


# --- The list and its exports ----------------------------------------------------------------------------------


def test_list_shows_shared_client_marked_with_covered_columns_only(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.CONTACT, DataCategory.VULNERABILITIES])
    ClientFactory(organization=sharing.network.personas.theirs, family_name="Ownclientova")
    response = login(sharing.recipient).get(reverse("clients:list"))
    page = _rows_of(response.content.decode())
    assert {client.pk for client in response.context["clients"]} >= {sharing.client.pk}
    assert "Ownclientova" in page
    assert "shared by Integration Centre Ours through a referral" in page
    assert "A shared client" in page
    assert VULNERABILITY in page
    for hidden in (NAME, NATIVE_NAME, STATUS, MEMBER):
        assert hidden not in page, hidden


def test_list_with_identity_shared_shows_the_name(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY])
    page = _rows_of(login(sharing.recipient).get(reverse("clients:list")).content.decode())
    assert NAME in page
    assert "shared by Integration Centre Ours" in page
    assert STATUS not in page


def test_list_filters_never_reveal_what_is_not_shared(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.CONTACT])
    browser = login(sharing.recipient)
    url = reverse("clients:list")
    client = sharing.client
    vulnerability = client.vulnerabilities.get()
    assert list(browser.get(url).context["clients"]) == [client]
    assert list(browser.get(url, {"q": NAME}).context["clients"]) == []
    assert list(browser.get(url, {"status": str(client.residence_status_id)}).context["clients"]) == []
    assert list(browser.get(url, {"vulnerability": str(vulnerability.pk)}).context["clients"]) == []
    assert list(browser.get(url, {"expiring": "1"}).context["clients"]) == []


def test_list_filters_match_what_is_shared(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY, DataCategory.RESIDENCE, DataCategory.VULNERABILITIES])
    browser = login(sharing.recipient)
    url = reverse("clients:list")
    client = sharing.client
    vulnerability = client.vulnerabilities.get()
    assert list(browser.get(url, {"q": NATIVE_NAME}).context["clients"]) == [client]
    assert list(browser.get(url, {"status": str(client.residence_status_id)}).context["clients"]) == [client]
    assert list(browser.get(url, {"vulnerability": str(vulnerability.pk)}).context["clients"]) == [client]
    assert list(browser.get(url, {"expiring": "1"}).context["clients"]) == [client]


def test_list_export_carries_and_audits_covered_fields_only(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.CONTACT])
    response = login(sharing.recipient).get(reverse("clients:list"), {"format": "csv"})
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "Integration Centre Ours" in content
    for hidden in (NAME, NATIVE_NAME, "Olena", STATUS, VULNERABILITY):
        assert hidden not in content, hidden
    entry = AccessEntry.objects.get(action=AuditAction.EXPORT, client_id=sharing.client.pk)
    assert entry.purpose == AuditPurpose.LIST_EXPORT
    assert entry.fields == ["municipality"]


def test_list_after_withdrawal_leaves_the_client_out(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.IDENTITY])
    browser = login(sharing.recipient)
    assert list(browser.get(reverse("clients:list")).context["clients"]) == [sharing.client]
    sharing.withdraw()
    assert list(browser.get(reverse("clients:list")).context["clients"]) == []
    content = browser.get(reverse("clients:list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert NAME not in content


def test_list_of_another_organisation_without_referral_leaves_the_client_out(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    sharing.share([DataCategory.IDENTITY])
    assert list(login(sharing.stranger).get(reverse("clients:list")).context["clients"]) == []


def test_list_for_the_owner_shows_everything_unmarked(sharing: Sharing, login: Callable[[User], DjangoClient]) -> None:
    sharing.share([DataCategory.CONTACT])
    page = _rows_of(login(sharing.network.personas.user(Role.CASEWORKER)).get(reverse("clients:list")).content.decode())
    for shown in (NAME, STATUS, VULNERABILITY):
        assert shown in page, shown
    assert "through a referral" not in page


def test_list_query_count_is_constant_in_the_number_of_shared_clients(
    sharing: Sharing, login: Callable[[User], DjangoClient]
) -> None:
    personas = sharing.network.personas
    service = sharing.network.service

    def make(count: int) -> None:
        for index in range(count):
            client = ClientFactory(organization=personas.ours)
            client.vulnerabilities.add(VulnerabilityFactory())
            categories = [DataCategory.IDENTITY.value] if index % 2 else [DataCategory.CONTACT.value]
            ConsentFactory(client=client, recipient_organization=personas.theirs, categories=categories)
            ReferralFactory(
                case=CaseFactory(client=client, organization=personas.ours),
                service=service,
                status=ReferralStatus.SENT,
                shared_categories=categories,
            )

    browser = login(sharing.recipient)
    url = reverse("clients:list")
    make(2)
    browser.get(url)
    with CaptureQueriesContext(connection) as few:
        assert browser.get(url).status_code == 200
    make(12)
    with CaptureQueriesContext(connection) as many:
        assert browser.get(url).status_code == 200
    assert len(many) == len(few)
    assert len(browser.get(url).context["clients"]) == 14
