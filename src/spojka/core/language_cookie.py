"""The cookie that remembers a visitor's language, set the same way Django's language switch sets it."""

from django.conf import settings
from django.http import HttpResponse


def remember_language(response: HttpResponse, language: str) -> None:
    """Keep the language for the visitor's next requests (e.g. after logging in or saving a profile)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # a str setting; Django validates it
    )
