"""Labels stored in several languages at once (country-pack vocabularies, taxonomy terms)."""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import get_language


def pick_label(labels: Mapping[str, str], *, language: str | None = None, fallback: str = "") -> str:
    """Return the label in the language asked for (default: the active one).

    Falls back to the site's default language, then English, then any label there is.
    """
    for code in (language or get_language() or "", settings.LANGUAGE_CODE, "en"):
        if labels.get(code):
            return labels[code]
    return next((text for text in labels.values() if text), fallback)
