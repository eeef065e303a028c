"""What an authenticator app and a person need: the key as a QR code and as text, and the shape of codes."""

import secrets
from base64 import b32encode
from typing import Any, Final
from urllib.parse import quote, urlencode

import segno
from django.utils.safestring import SafeString, mark_safe

ISSUER: Final = "Spojka"

# Backup codes avoid letters and digits that look alike (0/o, 1/l/i), so that a printed code is
# typed right the first time.
BACKUP_CODE_ALPHABET: Final = "abcdefghjkmnpqrstuvwxyz23456789"
BACKUP_CODE_LENGTH: Final = 10
BACKUP_CODE_COUNT: Final = 10


def provisioning_uri(*, device: Any, account: str) -> str:
    """Return the `otpauth://` address an authenticator app reads from the QR code."""
    label = quote(f"{ISSUER}:{account}")
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode("ascii"),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{params}"


def qr_code_svg(*, uri: str, title: str) -> SafeString:
    """Return the address as an inline SVG QR code, drawn on the server (no inline style or script)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", title=title)
    # segno writes a <title>, which names the image once the element has the image role.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308  # segno's own markup, which escapes the title


def grouped_secret(*, device: Any) -> str:
    """Return the key in base32, in groups of four, for people who type it into their app."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_backup_code() -> str:
    """Return a random single-use backup code as stored."""
    return "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))


def shown_backup_code(code: str) -> str:
    """Return a stored backup code split in two halves, as people read and print it."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalized_code(raw: str) -> str:
    """Return a typed code without spaces, dashes or capitals, as the devices compare it."""
    return "".join(raw.split()).replace("-", "").lower()


def looks_like_app_code(code: str) -> bool:
    """Tell a code from the authenticator app (6 or 8 digits) from a backup code."""
    return code.isdigit() and len(code) in {6, 8}
