"""Editing one term of the taxonomy of needs by hand (the platform administrator's page)."""

from collections.abc import Mapping, Sequence

import structlog
from django.db import transaction

from spojka.accounts.models import User
from spojka.directory.actions._common import reindex_on_commit
from spojka.directory.history import recorded_as
from spojka.directory.models import TaxonomyTerm

log = structlog.get_logger(__name__)


@transaction.atomic
def save_taxonomy_term(
    *,
    term: TaxonomyTerm,
    labels: Mapping[str, str],
    synonyms: Mapping[str, Sequence[str]],
    by: User,
) -> TaxonomyTerm:
    """Record a term's labels and search synonyms by language (empty ones are dropped)."""
    with recorded_as(by):
        term.labels = {language: label.strip() for language, label in labels.items() if label.strip()}
        term.synonyms = {
            language: cleaned
            for language, words in synonyms.items()
            if (cleaned := list(dict.fromkeys(word.strip() for word in words if word.strip())))
        }
        term.full_clean()
        term.save()
    log.info("taxonomy_term_saved", term=str(term.pk), by=by.pk)
    reindex_on_commit(term.service_links.values_list("service_id", flat=True))
    return term
