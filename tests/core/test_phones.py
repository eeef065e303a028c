"""Phone numbers are shown grouped and dialled in E.164, whatever way they were typed."""

import pytest

from spojka.core.templatetags.phones import phone_dial, phone_display


@pytest.mark.parametrize(
    ("typed", "shown", "dialled"),
    [
        ("+420485123456", "+420 485 123 456", "+420485123456"),
        ("485 123 456", "+420 485 123 456", "+420485123456"),
        ("+380 44 123 4567", "+380 44 123 4567", "+380441234567"),
    ],
)
def test_phone_filters_group_for_reading_and_dial_in_e164(typed: str, shown: str, dialled: str) -> None:
    assert phone_display(typed) == shown
    assert phone_dial(typed) == dialled


def test_phone_filters_leave_unreadable_text_alone() -> None:
    assert phone_display("ask at the desk") == "ask at the desk"
    assert phone_dial("12 3") == "123"
    assert phone_display(None) == ""
