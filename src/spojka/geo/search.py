"""How names of places are compared when searched: without case and diacritics."""

import unicodedata


def search_key(text: str) -> str:
    """Return the text folded for searching: "Česká Lípa" and "ceska lipa" give the same key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()
