"""Reads of the good-practice library: the staff's view (with internal entries and drafts) and the public's."""

import uuid
from collections.abc import Sequence

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from spojka.accounts.models import User
from spojka.coordination.models import GoodPractice, PracticeStatus, PracticeTag, PracticeVisibility
from spojka.core.folding import fold, query_tokens
from spojka.network.models import Organization
from spojka.network.rules import active_membership


def _with_relations(practices: QuerySet[GoodPractice]) -> QuerySet[GoodPractice]:
    return practices.select_related("organization").prefetch_related(
        Prefetch("tags", queryset=PracticeTag.objects.order_by("name")),
        Prefetch("actors", queryset=Organization.objects.order_by("name")),
    )


def practices_visible_to(*, viewer: User) -> QuerySet[GoodPractice]:
    """Return what staff may read: every published entry and their organisation's drafts (all for the coordinator)."""
    if not viewer.has_perm("coordination.view_practice"):
        return GoodPractice.objects.none()
    if viewer.has_perm("coordination.publish_practice"):
        return GoodPractice.objects.all()
    membership = active_membership(viewer)
    organization_id = membership.organization_id if membership is not None else None
    return GoodPractice.objects.filter(Q(status=PracticeStatus.PUBLISHED) | Q(organization_id=organization_id))


def practices_for_listing(*, viewer: User, tag: str = "") -> QuerySet[GoodPractice]:
    """Return the staff's list of entries, drafts first, optionally with one tag."""
    practices = practices_visible_to(viewer=viewer)
    if tag:
        practices = practices.filter(tags__slug=tag)
    return _with_relations(practices).order_by("-status", "title")


def get_practice_for_user(
    user: User, practice_id: uuid.UUID, *, permission: str = "coordination.view_practice"
) -> GoodPractice:
    """Return an entry the user may read and holds the permission for (for its organisation), else raise 404."""
    practice = _with_relations(practices_visible_to(viewer=user)).filter(pk=practice_id).first()
    if practice is None or not user.has_perm(permission, practice.organization):
        raise Http404
    return practice


def public_practices() -> QuerySet[GoodPractice]:
    """Return the entries anyone may read: public and published."""
    return GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED, visibility=PracticeVisibility.PUBLIC)


def public_practices_for_listing(*, tag: str = "", query: str = "") -> list[GoodPractice]:
    """Return the public entries, newest first, with one tag and matching the words of a query in any language."""
    practices = public_practices()
    if tag:
        practices = practices.filter(tags__slug=tag)
    listed = list(_with_relations(practices).order_by("-published_at", "title"))
    words = query_tokens(query) if query.strip() else []
    if not words:
        return listed
    # The library holds tens of entries, not thousands: matching folded words in Python covers every
    # language of the translations JSON the same way on SQLite and PostgreSQL.
    return [practice for practice in listed if _matches(practice, words)]


def _matches(practice: GoodPractice, words: Sequence[str]) -> bool:
    haystack = fold(
        " ".join(
            [
                *practice.all_texts(),
                practice.contacts,
                *(organization.name for organization in practice.actors.all()),
                *(text for tag in practice.tags.all() for text in tag.all_texts()),
            ]
        )
    )
    return all(word in haystack for word in words)


def get_public_practice(practice_id: uuid.UUID) -> GoodPractice:
    """Return a public, published entry, else raise 404 (drafts and internal entries do not exist for the public)."""
    practice = _with_relations(public_practices()).filter(pk=practice_id).first()
    if practice is None:
        raise Http404
    return practice


def tags_in_use(*, public: bool) -> QuerySet[PracticeTag]:
    """Return the tags that label at least one entry (public and published ones only for the public pages)."""
    if public:
        condition = Q(practices__status=PracticeStatus.PUBLISHED, practices__visibility=PracticeVisibility.PUBLIC)
    else:
        condition = Q(practices__isnull=False)
    return (
        PracticeTag.objects.annotate(entry_count=Count("practices", filter=condition, distinct=True))
        .filter(entry_count__gt=0)
        .order_by("name")
    )


def all_tags() -> QuerySet[PracticeTag]:
    """Return every tag, for the staff's form."""
    return PracticeTag.objects.order_by("name")


def practices_for_model_description(*, ids: Sequence[uuid.UUID] | None = None) -> QuerySet[GoodPractice]:
    """Return the published entries chosen for the model description (all published ones when none are chosen)."""
    practices = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    if ids:
        practices = practices.filter(pk__in=ids)
    return _with_relations(practices).order_by("title")
