"""Review of candidate pairs: side by side, merge and undo, keep apart, skip; audited; never across organisations."""

import io
from collections.abc import Callable

import openpyxl
import pytest
from django.db import connection
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.clients.models import Client
from spojka.linkage.actions import PairDecidedError, detach_record, keep_apart, merge_pair, undo_merge
from spojka.linkage.enums import PairStatus
from spojka.linkage.models import CandidatePair, KeptApart, PersonRecord
from spojka.linkage.queries import person_of
from spojka.network.enums import Role
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.linkage.factories import pair_of
from tests.linkage.factories import person_of as make_person

Login = Callable[[User], DjangoClient]


def _our_pair(personas: Personas, **kwargs: object) -> CandidatePair:
    first = ClientFactory(organization=personas.ours, given_name="Oleksandr", family_name="Shevchenko")
    second = ClientFactory(
        organization=personas.ours, given_name="Sasha", family_name="Ševčenko", phone="+420777123456"
    )
    return pair_of(first, second, **kwargs)


def _linked(client: Client) -> set[object]:
    return set(PersonRecord.objects.filter(client=client, unlinked_at__isnull=True).values_list("person_id", flat=True))


def test_merge_links_both_records_to_one_person_and_keeps_them(personas: Personas) -> None:
    pair = _our_pair(personas)
    person = merge_pair(pair=pair, by=personas.user(Role.CASEWORKER))
    assert _linked(pair.client_a) == _linked(pair.client_b) == {person.pk}
    assert Client.objects.filter(pk__in=[pair.client_a_id, pair.client_b_id]).count() == 2
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (PairStatus.MERGED, personas.user(Role.CASEWORKER))


def test_merge_is_audited_for_both_records(personas: Personas) -> None:
    pair = _our_pair(personas)
    merge_pair(pair=pair, by=personas.user(Role.CASEWORKER))
    entries = AccessEntry.objects.filter(action=AuditAction.UPDATE, fields=["person"])
    assert {entry.client_id for entry in entries} == {pair.client_a_id, pair.client_b_id}
    assert {entry.user for entry in entries} == {personas.user(Role.CASEWORKER)}


def test_undo_of_a_merge_closes_the_links_and_reopens_the_pair(personas: Personas) -> None:
    pair = _our_pair(personas)
    merge_pair(pair=pair, by=personas.user(Role.CASEWORKER))
    undo_merge(pair=pair, by=personas.user(Role.ORGANIZATION_MANAGER))
    assert _linked(pair.client_a) == _linked(pair.client_b) == set()
    # The history stays: both links exist, closed by the manager.
    assert set(PersonRecord.objects.values_list("unlinked_by", flat=True)) == {
        personas.user(Role.ORGANIZATION_MANAGER).pk
    }
    pair.refresh_from_db()
    assert pair.status == PairStatus.REVIEW
    assert AccessEntry.objects.filter(action=AuditAction.UPDATE, fields=["person"]).count() == 4


def test_merge_joins_two_persons_and_undo_puts_the_records_back(personas: Personas) -> None:
    first, second, third, fourth = (ClientFactory(organization=personas.ours) for _ in range(4))
    left = make_person(first, second)
    right = make_person(third, fourth)
    pair = pair_of(second, third)
    merged = merge_pair(pair=pair, by=personas.user(Role.CASEWORKER))
    assert {person_of(client=c) for c in (first, second, third, fourth)} == {merged}
    undo_merge(pair=pair, by=personas.user(Role.CASEWORKER))
    assert {person_of(client=c) for c in (first, second)} == {left}
    assert {person_of(client=c) for c in (third, fourth)} == {right}


def test_keep_apart_is_remembered_and_cannot_be_merged_afterwards(personas: Personas) -> None:
    pair = _our_pair(personas)
    keep_apart(pair=pair, by=personas.user(Role.CASEWORKER))
    assert KeptApart.objects.filter(client_a=pair.client_a, client_b=pair.client_b).exists()
    with pytest.raises(PairDecidedError):
        merge_pair(pair=pair, by=personas.user(Role.CASEWORKER))
    assert not PersonRecord.objects.exists()


def test_pair_page_shows_both_records_side_by_side_with_differences_and_reasons(
    personas: Personas, login: Login
) -> None:
    pair = _our_pair(personas)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:pair", kwargs={"pair_id": pair.pk}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Oleksandr" in content
    assert "Sasha" in content
    assert "linkage-compare__differs" in content
    assert "same given name" in content
    assert "same family name after transliteration" in content
    reads = AccessEntry.objects.filter(action=AuditAction.READ, purpose_text="identity matching")
    assert {entry.client_id for entry in reads} == {pair.client_a_id, pair.client_b_id}


def test_merge_through_the_page_and_undo(personas: Personas, login: Login) -> None:
    pair = _our_pair(personas)
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    merged = browser.post(reverse("linkage:pair_merge", kwargs={"pair_id": pair.pk}))
    assert merged.status_code == 302
    assert _linked(pair.client_a) == _linked(pair.client_b) != set()
    page = browser.get(reverse("linkage:pair", kwargs={"pair_id": pair.pk}))
    assert "Undo the merge" in page.content.decode()
    undone = browser.post(reverse("linkage:pair_undo", kwargs={"pair_id": pair.pk}))
    assert undone.status_code == 302
    assert _linked(pair.client_a) == set()


def test_keep_apart_and_skip_through_the_page(personas: Personas, login: Login) -> None:
    kept = _our_pair(personas)
    skipped = _our_pair(personas)
    browser = login(personas.user(Role.CASEWORKER))
    browser.post(reverse("linkage:pair_keep_apart", kwargs={"pair_id": kept.pk}))
    browser.post(reverse("linkage:pair_skip", kwargs={"pair_id": skipped.pk}))
    kept.refresh_from_db()
    skipped.refresh_from_db()
    assert (kept.status, skipped.status) == (PairStatus.KEPT_APART, PairStatus.SKIPPED)
    queue = browser.get(reverse("linkage:queue"))
    assert [pair.pk for pair, _reasons in queue.context["pairs"]] == [skipped.pk]


def test_other_organisations_pair_is_not_found_anywhere(personas: Personas, login: Login) -> None:
    theirs = pair_of(ClientFactory(organization=personas.theirs), ClientFactory(organization=personas.theirs))
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    assert browser.get(reverse("linkage:pair", kwargs={"pair_id": theirs.pk})).status_code == 404
    for name in ("linkage:pair_merge", "linkage:pair_keep_apart", "linkage:pair_skip", "linkage:pair_undo"):
        assert browser.post(reverse(name, kwargs={"pair_id": theirs.pk})).status_code == 404
    assert browser.get(reverse("linkage:queue")).context["pairs"] == []
    theirs.refresh_from_db()
    assert theirs.status == PairStatus.REVIEW
    assert not AccessEntry.objects.filter(client_id__in=[theirs.client_a_id, theirs.client_b_id]).exists()


def test_pair_across_organisations_is_shown_to_neither_side(personas: Personas, login: Login) -> None:
    ours = ClientFactory(organization=personas.ours, family_name="Ourname")
    theirs = ClientFactory(organization=personas.theirs, family_name="Theirname")
    pair = pair_of(ours, theirs)
    assert pair.cross_organization
    for user in (personas.user(Role.ORGANIZATION_MANAGER), personas.theirs.memberships.get().user):
        browser = login(user)
        assert browser.get(reverse("linkage:pair", kwargs={"pair_id": pair.pk})).status_code == 404
        queue = browser.get(reverse("linkage:queue")).content.decode()
        assert "Theirname" not in queue
        assert "Ourname" not in queue


def test_person_page_shows_only_own_records_and_says_known_elsewhere(personas: Personas, login: Login) -> None:
    ours = ClientFactory(organization=personas.ours, family_name="Ourname")
    theirs = ClientFactory(organization=personas.theirs, family_name="Theirname", document_number="FE999888")
    person = make_person(ours, theirs)
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:person", kwargs={"person_id": person.pk}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ourname" in content
    assert "Theirname" not in content
    assert "FE999888" not in content
    assert personas.theirs.name not in content
    assert "also known elsewhere in the network" in content


def test_person_page_of_another_organisations_person_is_not_found(personas: Personas, login: Login) -> None:
    person = make_person(ClientFactory(organization=personas.theirs), ClientFactory(organization=personas.theirs))
    response = login(personas.user(Role.CASEWORKER)).get(reverse("linkage:person", kwargs={"person_id": person.pk}))
    assert response.status_code == 404


def test_manager_detaches_own_record_from_a_wrong_link_across_organisations(personas: Personas, login: Login) -> None:
    ours = ClientFactory(organization=personas.ours)
    theirs = ClientFactory(organization=personas.theirs)
    pair = pair_of(ours, theirs, status=PairStatus.MERGED)
    make_person(ours, theirs)
    browser = login(personas.user(Role.ORGANIZATION_MANAGER))
    assert browser.post(reverse("linkage:record_detach", kwargs={"client_id": theirs.pk})).status_code == 404
    response = browser.post(reverse("linkage:record_detach", kwargs={"client_id": ours.pk}))
    assert response.status_code == 302
    assert _linked(ours) == set()
    assert _linked(theirs) != set()
    pair.refresh_from_db()
    assert pair.status == PairStatus.KEPT_APART
    assert KeptApart.objects.filter(client_a=pair.client_a, client_b=pair.client_b).exists()


def test_detach_without_a_link_changes_nothing(personas: Personas) -> None:
    assert detach_record(client=ClientFactory(organization=personas.ours), by=personas.user(Role.CASEWORKER)) is False


def test_queue_lists_counts_and_filters_by_name(personas: Personas, login: Login) -> None:
    shevchenko = _our_pair(personas)
    other = pair_of(
        ClientFactory(organization=personas.ours, family_name="Melnyk"),
        ClientFactory(organization=personas.ours, family_name="Melnyk"),
        status=PairStatus.PROPOSED,
    )
    pair_of(
        ClientFactory(organization=personas.ours),
        ClientFactory(organization=personas.ours),
        status=PairStatus.KEPT_APART,
    )
    browser = login(personas.user(Role.CASEWORKER))
    everything = browser.get(reverse("linkage:queue"))
    assert {pair.pk for pair, _reasons in everything.context["pairs"]} == {shevchenko.pk, other.pk}
    counts = dict(everything.context["counts"])
    assert (counts[PairStatus.REVIEW], counts[PairStatus.PROPOSED], counts[PairStatus.KEPT_APART]) == (1, 1, 1)
    assert everything.context["open_count"] == 2
    melnyk = browser.get(reverse("linkage:queue"), {"q": "melnyk"})
    assert [pair.pk for pair, _reasons in melnyk.context["pairs"]] == [other.pk]
    kept = browser.get(reverse("linkage:queue"), {"status": PairStatus.KEPT_APART})
    assert len(kept.context["pairs"]) == 1


def test_queue_queries_do_not_grow_with_the_pairs(personas: Personas, login: Login) -> None:
    browser = login(personas.user(Role.CASEWORKER))
    _our_pair(personas)
    browser.get(reverse("linkage:queue"))
    with CaptureQueriesContext(connection) as few:
        browser.get(reverse("linkage:queue"))
    for _ in range(6):
        _our_pair(personas)
    with CaptureQueriesContext(connection) as many:
        browser.get(reverse("linkage:queue"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_queue_downloads_as_csv_and_xlsx_audited(personas: Personas, login: Login) -> None:
    pair = _our_pair(personas)
    pair_of(
        ClientFactory(organization=personas.theirs, family_name="Theirname"),
        ClientFactory(organization=personas.theirs),
    )
    browser = login(personas.user(Role.CASEWORKER))
    csv = browser.get(reverse("linkage:queue"), {"format": "csv"})
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv")
    assert str(pair.pk) in text
    assert "Sasha" in text
    assert "Theirname" not in text
    xlsx = browser.get(reverse("linkage:queue"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 2
    exports = AccessEntry.objects.filter(action=AuditAction.EXPORT)
    assert {entry.client_id for entry in exports} == {pair.client_a_id, pair.client_b_id}


def test_desk_operator_may_not_review(personas: Personas, login: Login) -> None:
    pair = _our_pair(personas)
    browser = login(personas.user(Role.DESK_OPERATOR))
    assert browser.get(reverse("linkage:queue")).status_code == 403
    assert browser.post(reverse("linkage:pair_merge", kwargs={"pair_id": pair.pk})).status_code == 403
    assert not PersonRecord.objects.exists()


def test_workspace_card_counts_the_open_pairs_for_reviewers(personas: Personas, login: Login) -> None:
    _our_pair(personas)
    _our_pair(personas, status=PairStatus.MERGED)
    page = login(personas.user(Role.CASEWORKER)).get(reverse("core:workspace")).content.decode()
    assert "1 pair of your organisation" in page
    other = login(personas.user(Role.ANALYST)).get(reverse("core:workspace")).content.decode()
    assert "Possible duplicates" not in other


def test_client_record_links_to_its_person(personas: Personas, login: Login) -> None:
    linked = ClientFactory(organization=personas.ours)
    person = make_person(linked, ClientFactory(organization=personas.theirs))
    alone = ClientFactory(organization=personas.ours)
    browser = login(personas.user(Role.CASEWORKER))
    address = reverse("linkage:person", kwargs={"person_id": person.pk})
    assert address in browser.get(reverse("clients:detail", kwargs={"client_id": linked.pk})).content.decode()
    assert (
        "linkage/persons" not in browser.get(reverse("clients:detail", kwargs={"client_id": alone.pk})).content.decode()
    )


def test_every_reason_code_of_the_matcher_has_a_label() -> None:
    from spojka.linkage.matching.scoring import REASON_CODES
    from spojka.linkage.reasons import LABELS

    assert set(REASON_CODES) <= set(LABELS)
