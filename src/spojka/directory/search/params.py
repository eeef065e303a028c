"""Reading the portal's bookmarkable GET parameters: anything a visitor types is read, never refused.

`q`, `need` (term code), `municipality` (unit id or code, a district too), `language` (code),
`status` (residence-status code), `open_now`, `page`. A value that names nothing is dropped
with a note for the visitor, so a mistyped or outdated link still shows results.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from django.db.models import Q
from django.utils.translation import gettext as _

from spojka.core.folding import MAX_QUERY_LENGTH
from spojka.directory.models import TaxonomyTerm
from spojka.directory.search.engine import PortalQuery
from spojka.geo.models import AdministrativeUnit, ResidenceStatus

NEEDS_TAXONOMY: Final = "needs"
_TRUE: Final = frozenset({"1", "on", "true", "yes"})
_CODE_LENGTH: Final = 64


@dataclass
class ParsedQuery:
    """The query to run, the page asked for, the values to show in the form and what was dropped."""

    query: PortalQuery
    page: int = 1
    values: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Say whether the visitor asked for nothing yet (no words, no filter)."""
        return not any(
            self.values.get(name) for name in ("q", "need", "municipality", "language", "status", "open_now")
        )


def _clean(value: str, limit: int) -> str:
    # Strip control characters (NUL breaks PostgreSQL) and cut to a sane length.
    return "".join(char for char in value[: limit * 4] if char.isprintable() or char == " ").strip()[:limit]


def _place(value: str) -> AdministrativeUnit | None:
    units = AdministrativeUnit.objects.select_related("country")
    try:
        as_id = uuid.UUID(value)
    except ValueError:
        return units.filter(code=value).order_by("country_id").first()
    return units.filter(Q(pk=as_id) | Q(code=value)).first()


def parse_portal_query(params: Mapping[str, str]) -> ParsedQuery:
    """Return the search the parameters describe, dropping (with a note) values that name nothing."""
    text = _clean(params.get("q", ""), MAX_QUERY_LENGTH)
    need_code = _clean(params.get("need", ""), _CODE_LENGTH)
    place_value = _clean(params.get("municipality", ""), _CODE_LENGTH)
    language = _clean(params.get("language", ""), 8).lower()
    status_code = _clean(params.get("status", ""), _CODE_LENGTH)
    open_now = params.get("open_now", "").strip().lower() in _TRUE
    problems = []

    need = None
    if need_code:
        need = TaxonomyTerm.objects.filter(code=need_code, taxonomy__code=NEEDS_TAXONOMY).first()
        if need is None:
            problems.append(_("We do not know this kind of help, so we searched for every kind."))
            need_code = ""
    place = None
    if place_value:
        place = _place(place_value)
        if place is None:
            problems.append(_("We do not know this place, so we searched everywhere."))
            place_value = ""
        else:
            place_value = place.code
    if language and not (language.isalpha() and 2 <= len(language) <= 3):
        problems.append(_("We do not know this language, so we searched services in any language."))
        language = ""
    status = None
    if status_code:
        status = ResidenceStatus.objects.filter(code=status_code).order_by("country_id").first()
        if status is None:
            problems.append(_("We do not know this residence status, so we searched services for everyone."))
            status_code = ""
    try:
        page = max(1, min(int(params.get("page", "1")), 10_000))
    except ValueError:
        page = 1
    return ParsedQuery(
        query=PortalQuery(
            text=text, need=need, place=place, language=language, residence_status=status, open_now=open_now
        ),
        page=page,
        values={
            "q": text,
            "need": need_code,
            "municipality": place_value,
            "language": language,
            "status": status_code,
            "open_now": "1" if open_now else "",
        },
        problems=problems,
    )
