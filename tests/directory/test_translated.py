"""Texts written in several languages: the visitor's language, else the site's marked as a fallback."""

import pytest
from django.template import Context, Template
from django.utils import translation

from spojka.core.translated import site_language
from spojka.directory.models import Service
from tests.directory.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _service() -> Service:
    service = ServiceFactory(name="Právní poradna", description="Pomůžeme s pobytem.")
    service.set_translations("uk", {"name": "Юридична консультація"})
    service.save()
    return service


def test_site_language_is_czech() -> None:
    assert site_language() == "cs"


def test_translated_field_in_the_language_asked_for() -> None:
    service = _service()
    text = service.translated("name", language="uk")
    assert (text.text, text.language, text.is_fallback) == ("Юридична консультація", "uk", False)


def test_missing_translation_falls_back_to_czech_marked_as_such() -> None:
    service = _service()
    text = service.translated("description", language="uk")
    assert (text.text, text.language, text.is_fallback) == ("Pomůžeme s pobytem.", "cs", True)


def test_czech_text_is_never_a_fallback() -> None:
    service = _service()
    assert not service.translated("name", language="cs").is_fallback


def test_empty_text_is_no_fallback_either() -> None:
    service = _service()
    text = service.translated("alert", language="uk")
    assert not text
    assert not text.is_fallback


def test_active_language_chooses_the_text() -> None:
    service = _service()
    with translation.override("uk"):
        assert str(service.t.name) == "Юридична консультація"
    with translation.override("en"):
        assert str(service.t.name) == "Právní poradna"
        assert service.t.name.is_fallback


def test_template_marks_the_fallback() -> None:
    service = _service()
    template = Template("{{ service.t.description }}{% if service.t.description.is_fallback %} [cs]{% endif %}")
    with translation.override("uk"):
        assert template.render(Context({"service": service})) == "Pomůžeme s pobytem. [cs]"


def test_template_escapes_translated_text() -> None:
    service = ServiceFactory(name="<b>bold</b>")
    with translation.override("cs"):
        assert Template("{{ service.t.name }}").render(Context({"service": service})) == "&lt;b&gt;bold&lt;/b&gt;"


def test_text_in_does_not_fall_back() -> None:
    service = _service()
    assert service.text_in("description", "uk") == ""
    assert service.text_in("description", "cs") == "Pomůžeme s pobytem."


def test_set_translations_of_the_site_language_writes_the_columns() -> None:
    service = _service()
    service.set_translations("cs", {"name": "Nové jméno", "alert": ""})
    assert service.name == "Nové jméno"
    assert "cs" not in service.translations


def test_set_translations_removes_an_emptied_field() -> None:
    service = _service()
    service.set_translations("uk", {"description": "Допоможемо."})
    service.set_translations("uk", {"name": ""})
    assert service.translations == {"uk": {"description": "Допоможемо."}}


def test_set_translations_removes_a_language_left_empty() -> None:
    service = _service()
    service.set_translations("uk", {"name": ""})
    assert service.translations == {}


def test_set_translations_ignores_fields_that_are_not_translatable() -> None:
    service = _service()
    service.set_translations("en", {"email": "x@example.org", "name": "Legal advice"})
    assert service.translations["en"] == {"name": "Legal advice"}


def test_all_texts_gives_every_language() -> None:
    service = _service()
    texts = service.all_texts(["name"])
    assert texts == ["Právní poradna", "Юридична консультація"]
