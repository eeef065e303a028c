"""Writes of the good-practice library. Entries carry no personal data of clients: events are logged with ids only."""

from collections.abc import Iterable, Mapping

import structlog
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.coordination.models import GoodPractice, PracticeStatus, PracticeTag, PracticeVisibility
from spojka.core.translated import site_language
from spojka.network.models import Organization

log = structlog.get_logger(__name__)


class PracticeError(ValueError):
    """A change the entry does not allow; the message is for the user."""


def _tags(names: Iterable[str]) -> list[PracticeTag]:
    tags = []
    for name in names:
        name = name.strip()[:80]
        slug = slugify(name)[:60]
        if not slug:
            continue
        tag, _created = PracticeTag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


@transaction.atomic
def save_practice(
    *,
    practice: GoodPractice | None,
    organization: Organization,
    texts: Mapping[str, Mapping[str, str]],
    actors: Iterable[Organization] = (),
    contacts: str = "",
    tags: Iterable[PracticeTag] = (),
    new_tags: Iterable[str] = (),
    visibility: PracticeVisibility = PracticeVisibility.PUBLIC,
    by: User,
) -> GoodPractice:
    """Write a new entry (a draft) or change one, with its texts in every language given."""
    base = texts.get(site_language(), {})
    if not str(base.get("title", "")).strip():
        raise PracticeError(_("Give the entry a title in the site's language."))
    entry = practice or GoodPractice(created_by=by)
    entry.organization = organization
    entry.contacts = contacts.strip()
    entry.visibility = visibility
    for language, values in texts.items():
        entry.set_translations(language, {name: str(value).strip() for name, value in values.items()})
    entry.save()
    entry.actors.set(list(actors))
    entry.tags.set([*tags, *_tags(new_tags)])
    log.info("coordination.practice_saved", practice_id=str(entry.pk), by=str(by.pk))
    return entry


@transaction.atomic
def publish_practice(*, practice: GoodPractice, by: User) -> GoodPractice:
    """Publish an entry: public entries then show on the public pages, internal ones to all staff."""
    if practice.status == PracticeStatus.PUBLISHED:
        raise PracticeError(_("The entry is already published."))
    if not (practice.problem.strip() and practice.solution.strip()):
        raise PracticeError(_("Describe the problem and what was done before publishing the entry."))
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    log.info("coordination.practice_published", practice_id=str(practice.pk), by=str(by.pk))
    return practice


@transaction.atomic
def withdraw_practice(*, practice: GoodPractice, by: User) -> GoodPractice:
    """Take a published entry back to a draft, off the public pages."""
    if practice.status != PracticeStatus.PUBLISHED:
        raise PracticeError(_("The entry is not published."))
    practice.status = PracticeStatus.DRAFT
    practice.save(update_fields=["status", "updated_at"])
    log.info("coordination.practice_withdrawn", practice_id=str(practice.pk), by=str(by.pk))
    return practice
