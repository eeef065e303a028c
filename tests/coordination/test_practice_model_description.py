# ruff: noqa: RUF001  # Ukrainian text and Czech en dashes are meant
"""The model description PDF: actors by sector, services by need, referral flows (suppressed) and good practice,
checked by extracting the text in Czech and in English."""

import io
from collections.abc import Callable

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.coordination.model_description import model_description_pdf
from spojka.coordination.models import PracticeStatus
from spojka.network.enums import Role, Sector
from spojka.referrals.enums import ReferralStatus
from tests.cases.factories import CaseFactory
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.coordination.factories_meetings import GoodPracticeFactory
from tests.directory.factories import ServiceFactory, TaxonomyTermFactory
from tests.factories import OrganizationFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Extracted text may break lines anywhere; compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def region(personas: Personas) -> dict[str, object]:
    """A small region: a municipality and a non-profit, a service for a need, referrals between sectors."""
    town = OrganizationFactory(name="Město Turnov", sector=Sector.MUNICIPAL_SELF_GOVERNMENT)
    nonprofit = OrganizationFactory(name="Poradna Most", sector=Sector.NON_PROFIT)
    need = TaxonomyTermFactory(labels={"cs": "Bydlení", "en": "Housing"})
    service = ServiceFactory(organization=nonprofit, name="Právní poradna")
    service.set_translations("en", {"name": "Legal advice"})
    service.save()
    service.needs.add(need)
    # Seven referrals from the municipality to the non-profit, eight back, two from an integration centre:
    # the two are hidden, and (so that the total gives nothing away) the seven too.
    centre = OrganizationFactory(name="CPIC", sector=Sector.INTEGRATION_CENTRE)
    back = ServiceFactory(organization=town, name="Sociální odbor")
    for sender, target, count in ((town, service, 7), (nonprofit, back, 8), (centre, back, 2)):
        for _index in range(count):
            ReferralFactory(
                case=CaseFactory(client=ClientFactory(organization=sender)), service=target, status=ReferralStatus.SENT
            )
    practice = GoodPracticeFactory(
        title="Tlumočníci ve školách", problem="Rodiče se nedomluvili s učiteli.", solution="Kraj platí tlumočníky."
    )
    practice.set_translations("en", {"title": "Interpreters at schools", "problem": "Parents could not talk."})
    practice.save()
    practice.actors.add(town)
    return {"practice": practice}


def test_model_description_in_czech(personas: Personas, region: dict[str, object]) -> None:
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    text = _text(
        model_description_pdf(
            region="Liberecký kraj", practices=[region["practice"]], language="cs", viewer=coordinator
        )  # type: ignore[list-item]
    )
    assert "Liberecký kraj" in text
    assert "Město Turnov" in text
    assert "Poradna Most" in text
    assert "Bydlení" in text
    assert "Právní poradna" in text
    assert "Tlumočníci ve školách" in text
    assert "Rodiče se nedomluvili s učiteli." in text


def test_model_description_in_english(personas: Personas, region: dict[str, object]) -> None:
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    text = _text(
        model_description_pdf(
            region="Liberec Region", practices=[region["practice"]], language="en", viewer=coordinator
        )  # type: ignore[list-item]
    )
    for heading in ("1. The actors", "2. Services by need", "3. Referral flows between sectors", "4. Good practice"):
        assert heading in text
    assert "Non-profit organisation" in text
    assert "Housing" in text
    assert "Legal advice" in text
    assert "Interpreters at schools" in text
    assert "Parents could not talk." in text
    # Untranslated fields fall back to Czech, and the reader is told.
    assert "Kraj platí tlumočníky." in text
    assert "has not been translated" in text


def test_model_description_suppresses_small_referral_counts(personas: Personas, region: dict[str, object]) -> None:
    coordinator = personas.user(Role.REGIONAL_COORDINATOR)
    text = _text(model_description_pdf(region="Liberec Region", practices=[], language="en", viewer=coordinator))
    flows = text[text.index("3. Referral flows") : text.index("4. Good practice")]
    assert "Non-profit organisation Municipal self-government 8" in flows
    assert "Integration centre Municipal self-government –" in flows
    assert "Total 17" in flows
    assert " 2 " not in flows.split("From sector")[1]


def test_model_description_page_downloads_the_chosen_language(
    personas: Personas, region: dict[str, object], login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.REGIONAL_COORDINATOR))
    assert client.get(reverse("coordination:model_description")).status_code == 200
    response = client.get(reverse("coordination:model_description"), {"language": "en"})
    assert response["Content-Type"] == "application/pdf"
    assert "model-description-en-" in response["Content-Disposition"]
    assert "How the region works together" in _text(response.content)


def test_model_description_leaves_out_drafts(personas: Personas, login: Callable[[User], Client]) -> None:
    GoodPracticeFactory(title="Unfinished idea", status=PracticeStatus.DRAFT, published_at=None)
    GoodPracticeFactory(title="Finished story")
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).get(
        reverse("coordination:model_description"), {"language": "cs"}
    )
    text = _text(response.content)
    assert "Finished story" in text
    assert "Unfinished idea" not in text


def test_model_description_with_an_unknown_language_shows_the_form_again(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    response = login(personas.user(Role.REGIONAL_COORDINATOR)).get(
        reverse("coordination:model_description"), {"language": "xx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "field__errors" in response.content.decode()


def test_model_description_of_an_empty_region_still_renders(personas: Personas) -> None:
    text = _text(
        model_description_pdf(
            region="Empty", practices=[], language="en", viewer=personas.user(Role.REGIONAL_COORDINATOR)
        )
    )
    assert "No referrals were sent in this period." in text
    assert "No good practice has been chosen." in text
