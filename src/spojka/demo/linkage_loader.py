"""Write a few duplicate clients into the demo and run the matching, so that the review queue has content.

The same people as some demo clients, registered again as organisations really do it: in Czech
transcription, as a diminutive with day and month swapped, in Cyrillic only, or with a typo;
some in the same organisation (they wait in its reviewers' queue), some in another one (linked
automatically when sure, never shown across). Each duplicate has a stable id derived from its
original, so a reload updates in place; the matching run is idempotent.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import Final

from spojka.clients.models import Client
from spojka.clients.names import name_key, search_names
from spojka.demo.actions import demo_organization_id
from spojka.linkage.actions import index_client, index_registry, run_matching
from spojka.linkage.enums import RunTrigger
from spojka.linkage.matching.names import transcribe_uk_cs

_NAMESPACE: Final = uuid.UUID("5b0f6d0e-3c1e-4c55-9a43-7f1d2a6e0a10")

# Short forms of the demo's given names, as people give them at a desk.
DIMINUTIVES: Final = {
    "Oleksandr": "Sasha",
    "Volodymyr": "Volodia",
    "Dmytro": "Dima",
    "Mykola": "Kolia",
    "Mykhailo": "Misha",
    "Yevhen": "Zhenia",
    "Olena": "Lena",
    "Nataliia": "Natasha",
    "Kateryna": "Katia",
    "Anastasiia": "Nastia",
    "Oleksandra": "Sasha",
    "Mariia": "Masha",
}

# (the organisation holding the originals, how many, the variant, the organisation of the duplicate)
PLAN: Final = (
    ("cpic-liberec", 3, "czech", "cpic-liberec"),
    ("cpic-liberec", 2, "diminutive", "cpic-liberec"),
    ("poradna-most", 2, "cyrillic", "poradna-most"),
    ("poradna-most", 1, "typo", "poradna-most"),
    ("mesto-liberec", 3, "passport", "spolek-kalyna"),
    ("spolek-kalyna", 2, "czech", "cpic-liberec"),
)


@dataclass(frozen=True)
class DemoLinkageLoaded:
    """How many duplicates the load wrote and what the matching run found."""

    duplicates: int
    proposed: int
    to_review: int
    linked: int


def _swapped(day: datetime.date) -> datetime.date:
    try:
        return datetime.date(day.year, day.day, day.month) if day.day <= 12 else day
    except ValueError:
        return day


def _typo(name: str) -> str:
    return name[:2] + name[3] + name[2] + name[4:] if len(name) > 4 else name + "a"


def _variant(original: Client, variant: str) -> dict[str, object]:
    given, family = original.given_name, original.family_name
    native_given, native_family = original.native_given_name, original.native_family_name
    birth = original.birth_date
    document = ""
    if variant == "czech":
        given, family = transcribe_uk_cs(native_given) or given, transcribe_uk_cs(native_family) or family
        native_given = native_family = ""
    elif variant == "diminutive":
        given = DIMINUTIVES.get(given, given)
        native_given = native_family = ""
        birth = _swapped(birth) if birth is not None else None
    elif variant == "cyrillic":
        given = family = ""
    elif variant == "typo":
        family = _typo(family)
    elif variant == "passport":
        native_given = native_family = ""
        document = original.document_number
    return {
        "given_name": given,
        "family_name": family,
        "native_given_name": native_given,
        "native_family_name": native_family,
        "name_key": name_key(given, family),
        "native_name_key": name_key(native_given, native_family),
        "search_names": search_names([given, family, native_given, native_family]),
        "birth_date": birth,
        "birth_date_precision": original.birth_date_precision,
        "sex": original.sex,
        "citizenship": original.citizenship,
        "document_type": original.document_type if document else "",
        "document_number": document,
        "phone": original.phone,
        "municipality": original.municipality,
        "languages": original.languages,
        "preferred_language": original.preferred_language,
        "created_by": None,
        "updated_by": None,
        "erased_at": None,
    }


def load_demo_linkage() -> DemoLinkageLoaded:
    """Write the duplicates, store every client's blocking keys and run the matching over the registry."""
    written = 0
    for source, count, variant, target in PLAN:
        originals = (
            Client.objects.filter(
                organization_id=demo_organization_id(source),
                erased_at__isnull=True,
                household__isnull=True,
                birth_date__isnull=False,
            )
            # The clients loader's own records: each has a demo document number and both scripts,
            # which no duplicate written here has.
            .filter(document_number__startswith="DEMO")
            .exclude(given_name="")
            .exclude(native_family_name="")
            .order_by("id")
        )
        for original in originals[:count]:
            duplicate_id = uuid.uuid5(_NAMESPACE, f"{original.pk}:{variant}:{target}")
            duplicate, _created = Client.objects.update_or_create(
                id=duplicate_id,
                defaults={"organization_id": demo_organization_id(target), **_variant(original, variant)},
            )
            index_client(client=duplicate)
            written += 1
    index_registry()
    run = run_matching(trigger=RunTrigger.DEMO)
    return DemoLinkageLoaded(
        duplicates=written, proposed=run.proposed, to_review=run.to_review, linked=run.linked_automatically
    )
