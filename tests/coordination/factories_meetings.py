"""Factories of coordination meetings, action items and the good-practice library."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from spojka.coordination.models import (
    ActionItem,
    AgendaItem,
    GoodPractice,
    Meeting,
    MeetingAttachment,
    PracticeStatus,
    PracticeTag,
    PracticeVisibility,
)
from tests.factories import OrganizationFactory


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Platform meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    place = "Regional office, room 101"

    @factory.post_generation
    def organizations(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.organizations.set(extracted)  # type: ignore[attr-defined]  # a Meeting


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class MeetingAttachmentFactory(DjangoModelFactory[MeetingAttachment]):
    class Meta:
        model = MeetingAttachment

    meeting = factory.SubFactory(MeetingFactory)
    name = "attendance.pdf"
    content_type = "application/pdf"
    size = 9
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n", name="attendance.pdf"))


class ActionItemFactory(DjangoModelFactory[ActionItem]):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Send the list of free places {n}")
    owner = factory.SubFactory(OrganizationFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class PracticeTagFactory(DjangoModelFactory[PracticeTag]):
    class Meta:
        model = PracticeTag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tag-{n}")
    name = factory.LazyAttribute(lambda tag: tag.slug.replace("-", " "))


class GoodPracticeFactory(DjangoModelFactory[GoodPractice]):
    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Interpreters at schools {n}")
    summary = "Schools get an interpreter for parents' meetings."
    problem = "Parents could not talk to teachers."
    solution = "The region pays interpreters on call."
    results = "Forty schools used it."
    visibility = PracticeVisibility.PUBLIC
    status = PracticeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tags(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.tags.set(extracted)  # type: ignore[attr-defined]  # a GoodPractice
