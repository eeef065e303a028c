# Ukrainian text and Czech en dashes are meant
"""The demo's meetings and good practice: content on every page, loaded alike each time."""

import pytest
from django.utils import timezone

from spojka.coordination.models import ActionItem, ActionItemStatus, GoodPractice, Meeting, PracticeTag
from spojka.coordination.queries_practice import public_practices
from spojka.demo.actions import load_liberec_demo
from spojka.demo.coordination_meetings_loader import DemoMeetingsLoaded, load_demo_coordination_meetings
from spojka.geo.packs.loader import load_country_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: None) -> DemoMeetingsLoaded:
    load_country_pack("cz-liberec")
    load_liberec_demo(password="demo-password-for-tests")
    return load_demo_coordination_meetings()


def test_demo_has_two_past_meetings_with_minutes_and_one_upcoming(demo: DemoMeetingsLoaded) -> None:
    now = timezone.now()
    past = Meeting.objects.filter(starts_at__lt=now)
    assert past.count() == 2
    assert all(meeting.minutes for meeting in past)
    assert Meeting.objects.filter(starts_at__gte=now).count() == 1
    assert all(meeting.organizations.exists() and meeting.agenda.exists() for meeting in Meeting.objects.all())


def test_demo_action_items_are_done_open_and_overdue(demo: DemoMeetingsLoaded) -> None:
    statuses = set(ActionItem.objects.values_list("status", flat=True))
    assert {ActionItemStatus.DONE, ActionItemStatus.OPEN} <= statuses
    assert any(item.is_overdue for item in ActionItem.objects.all())
    assert ActionItem.objects.filter(status=ActionItemStatus.DONE, closed_by__isnull=False).exists()


def test_demo_has_five_practices_four_public_in_three_languages(demo: DemoMeetingsLoaded) -> None:
    assert GoodPractice.objects.count() == 5
    assert public_practices().count() == 4
    for practice in GoodPractice.objects.all():
        assert practice.text_in("title", "uk")
        assert practice.text_in("title", "en")
        assert practice.problem
    assert PracticeTag.objects.filter(slug="housing").get().text_in("name", "uk") == "житло"


def test_demo_loads_alike_the_second_time(demo: DemoMeetingsLoaded) -> None:
    before = (Meeting.objects.count(), ActionItem.objects.count(), GoodPractice.objects.count())
    again = load_demo_coordination_meetings()
    assert again == demo
    assert (Meeting.objects.count(), ActionItem.objects.count(), GoodPractice.objects.count()) == before
