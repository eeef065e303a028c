"""Search keys of clients' names, the same whether typed in Cyrillic or in Latin letters.

Folding is the directory search's (`directory.search.folding`), so that a name and a service
fold alike; the integrator moves it to core later. A name key is the folded words of given
and family name, sorted, so that the order of the names does not matter either.
"""

from collections.abc import Iterable

from spojka.core.folding import tokens


def name_tokens(*parts: str) -> list[str]:
    """Return the folded words of names, in order."""
    return tokens(" ".join(parts), keep_stop_words=True)


def name_key(given_name: str, family_name: str) -> str:
    """Return the key of a full name: its folded words, sorted; empty when there is no name."""
    return " ".join(sorted(name_tokens(given_name, family_name)))


def search_names(names: Iterable[str]) -> str:
    """Return every folded word of the names once, for substring search."""
    return " ".join(dict.fromkeys(name_tokens(*names)))


def query_keys(query: str) -> list[str]:
    """Return the folded words of a search typed by staff."""
    return list(dict.fromkeys(name_tokens(query[:200])))[:6]
