"""The demo has duplicates to review: some in one organisation's queue, some linked across organisations."""

from io import StringIO

import pytest
from django.core.management import call_command

from spojka.demo.actions import demo_organization_id
from spojka.demo.linkage_loader import load_demo_linkage
from spojka.linkage.enums import OPEN_STATUSES, PairStatus
from spojka.linkage.models import CandidatePair, PersonRecord

pytestmark = pytest.mark.django_db


def test_demo_fills_the_review_queue_and_links_across_organisations() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo duplicates:" in out.getvalue()
    cpic = demo_organization_id("cpic-liberec")
    queue = CandidatePair.objects.filter(
        status__in=OPEN_STATUSES, cross_organization=False, client_a__organization_id=cpic
    )
    assert queue.count() >= 3
    assert CandidatePair.objects.filter(cross_organization=True, status=PairStatus.MERGED).exists()
    assert PersonRecord.objects.filter(unlinked_at__isnull=True).exists()
    pairs = sorted(CandidatePair.objects.values_list("client_a_id", "client_b_id", "status"))
    again = load_demo_linkage()
    assert again.linked == 0
    assert sorted(CandidatePair.objects.values_list("client_a_id", "client_b_id", "status")) == pairs
