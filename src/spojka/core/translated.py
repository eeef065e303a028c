"""Text fields written in several languages, with a visible fallback to the site's language.

A model keeps its text in the site's default language (Czech in the Liberec pack, Romanian in
the Moldovan) in ordinary columns — what lists sort by and what HSDS exports — and the other
languages in a `translations` JSON column shaped `{"uk": {"name": "…"}, "en": {…}}`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def site_language() -> str:
    """Return the language the ordinary text columns are written in."""
    return str(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class TranslatedText:
    """A text in the language asked for, or in the site's language when that one is missing."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def __html__(self) -> SafeString:
        return SafeString(conditional_escape(self.text))


class TranslatedFields:
    """Lets templates write `{{ service.t.name }}` and `{% if service.t.name.is_fallback %}`."""

    def __init__(self, instance: "Translatable", language: str | None = None) -> None:
        self._instance = instance
        self._language = language

    def __getattr__(self, field: str) -> TranslatedText:
        if field.startswith("_") or field not in self._instance.TRANSLATED_FIELDS:
            raise AttributeError(field)
        return self._instance.translated(field, language=self._language)


class Translatable(models.Model):
    """Abstract base of models whose `TRANSLATED_FIELDS` can be written in every UI language."""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("The texts in the other languages, by language and field."),
    )

    class Meta:
        abstract = True

    @property
    def t(self) -> TranslatedFields:
        """Return the texts in the active language."""
        return TranslatedFields(self)

    def in_language(self, language: str) -> TranslatedFields:
        """Return the texts in a given language (for posters, e-mails and exports)."""
        return TranslatedFields(self, language)

    def translated(self, field: str, *, language: str | None = None) -> TranslatedText:
        """Return one field in the language asked for (default: the active one), else in the site's."""
        base = site_language()
        wanted = (language or get_language() or base).split("-")[0]
        original = str(getattr(self, field) or "")
        if wanted == base:
            return TranslatedText(original, base, is_fallback=False)
        text = str(self.translations.get(wanted, {}).get(field, "") or "")
        if text:
            return TranslatedText(text, wanted, is_fallback=False)
        return TranslatedText(original, base, is_fallback=bool(original))

    def text_in(self, field: str, language: str) -> str:
        """Return what is written in exactly this language, without falling back."""
        if language == site_language():
            return str(getattr(self, field) or "")
        return str(self.translations.get(language, {}).get(field, "") or "")

    def all_texts(self, fields: Iterable[str] | None = None) -> list[str]:
        """Return every non-empty text of the fields in every language (what search indexes)."""
        names = tuple(fields) if fields is not None else self.TRANSLATED_FIELDS
        texts = [str(getattr(self, name) or "") for name in names]
        for by_field in self.translations.values():
            if isinstance(by_field, Mapping):
                texts.extend(str(by_field.get(name) or "") for name in names)
        return [text for text in texts if text]

    def set_translations(self, language: str, values: Mapping[str, Any]) -> None:
        """Write the fields of one language: the ordinary columns for the site's, JSON for the rest."""
        if language == site_language():
            for name, value in values.items():
                setattr(self, name, value or "")
            return
        current = dict(self.translations.get(language, {}))
        for name, value in values.items():
            if name not in self.TRANSLATED_FIELDS:
                continue
            if value:
                current[name] = str(value)
            else:
                current.pop(name, None)
        translations = dict(self.translations)
        if current:
            translations[language] = current
        else:
            translations.pop(language, None)
        self.translations = translations
