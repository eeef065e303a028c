"""Phone numbers as people read them (+420 485 123 456) and as phones dial them (tel:+420485123456)."""

from typing import Any

import phonenumbers
from django import template
from django.conf import settings

register = template.Library()


def _parsed(value: Any) -> phonenumbers.PhoneNumber | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


@register.filter
def phone_display(value: Any) -> str:
    """Return the number grouped for reading, in international form; other text as it is."""
    number = _parsed(value)
    if number is None:
        return str(value or "")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def phone_dial(value: Any) -> str:
    """Return the number for a tel: link (E.164), or the text without spaces when it cannot be read."""
    number = _parsed(value)
    if number is None:
        return "".join(str(value or "").split())
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
