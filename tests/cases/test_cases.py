"""Cases: opening, needs, notes, tasks and closure; who sees them; the caseworker's home page and lists."""

import datetime
import uuid
from collections.abc import Callable

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client as DjangoClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spojka.accounts.models import User
from spojka.audit.enums import AuditAction
from spojka.audit.models import AccessEntry
from spojka.cases import actions
from spojka.cases.actions import CaseError
from spojka.cases.enums import CaseOutcome, CaseStatus, NoteConfidentiality
from spojka.cases.models import Case
from spojka.cases.queries import cases_visible_to, overdue_tasks, tasks_due
from spojka.network.enums import Role
from spojka.referrals.enums import ReferralStatus
from tests.cases.factories import CaseFactory, CaseNeedFactory, TaskFactory
from tests.clients.factories import ClientFactory
from tests.conftest import Personas
from tests.directory.factories import ServiceFactory, TaxonomyTermFactory
from tests.factories import MembershipFactory
from tests.referrals.factories import ReferralFactory

Login = Callable[[User], DjangoClient]


def _our_case(personas: Personas, **fields: object) -> Case:
    return CaseFactory(
        client=ClientFactory(organization=personas.ours, family_name="Bondarenko"),
        caseworker=personas.user(Role.CASEWORKER),
        **fields,
    )


def _their_case(personas: Personas) -> Case:
    return CaseFactory(client=ClientFactory(organization=personas.theirs, family_name="Tkachenko"), title="Theirs")


def test_case_opens_only_for_the_organisations_own_client(personas: Personas) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    theirs = ClientFactory(organization=personas.theirs)
    with pytest.raises(CaseError):
        actions.open_case(organization=personas.ours, client=theirs, by=caseworker)
    case = actions.open_case(
        organization=personas.ours,
        client=ClientFactory(organization=personas.ours),
        caseworker=caseworker,
        by=caseworker,
    )
    assert case.status == CaseStatus.OPEN
    assert AccessEntry.objects.filter(object_id=str(case.pk), action=AuditAction.CREATE).exists()


def test_case_needs_a_client_or_household(personas: Personas) -> None:
    with pytest.raises(CaseError):
        actions.open_case(organization=personas.ours, by=personas.user(Role.CASEWORKER))
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(organization=personas.ours)


def test_closing_records_the_outcome_and_twice_is_refused(personas: Personas) -> None:
    case = _our_case(personas)
    user = personas.user(Role.CASEWORKER)
    closed = actions.close_case(case=case, outcome=CaseOutcome.RESOLVED, outcome_note="Has a flat.", by=user)
    assert (closed.status, closed.outcome, closed.closed_by) == (CaseStatus.CLOSED, CaseOutcome.RESOLVED, user)
    with pytest.raises(CaseError):
        actions.close_case(case=case, outcome=CaseOutcome.RESOLVED, by=user)
    reopened = actions.reopen_case(case=case, by=user)
    assert (reopened.status, reopened.outcome) == (CaseStatus.OPEN, "")


def test_closed_case_without_outcome_is_refused_by_the_database(personas: Personas) -> None:
    case = _our_case(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())


def test_the_same_need_twice_is_refused(personas: Personas) -> None:
    case = _our_case(personas)
    term = TaxonomyTermFactory()
    actions.add_need(case=case, term=term, by=personas.user(Role.CASEWORKER))
    with pytest.raises(CaseError):
        actions.add_need(case=case, term=term, by=personas.user(Role.CASEWORKER))


def test_a_need_carries_its_case_client(personas: Personas) -> None:
    case = _our_case(personas)

    need = actions.add_need(case=case, term=TaxonomyTermFactory(), by=personas.user(Role.CASEWORKER))

    need.refresh_from_db()
    assert need.client_id == case.client_id


def test_migration_copies_the_case_client_onto_existing_needs(personas: Personas) -> None:
    import importlib

    from django.apps import apps

    from spojka.cases.models import CaseNeed

    fill = importlib.import_module("spojka.cases.migrations.0004_fill_caseneed_client")
    needs = [CaseNeedFactory(case=_our_case(personas)) for _ in range(3)]
    CaseNeed.objects.update(client=None)

    fill.copy_client_of_case(apps, connection.schema_editor())

    assert {need.pk: need.case.client_id for need in needs} == dict(CaseNeed.objects.values_list("pk", "client_id"))


def test_overdue_tasks_are_per_caseworker(personas: Personas) -> None:
    today = timezone.localdate()
    mine = personas.user(Role.CASEWORKER)
    colleague = MembershipFactory(organization=personas.ours, role=Role.CASEWORKER).user
    case = _our_case(personas)
    late = TaskFactory(case=case, assignee=mine, due_on=today - datetime.timedelta(days=2))
    TaskFactory(case=case, assignee=colleague, due_on=today - datetime.timedelta(days=2))
    TaskFactory(case=case, assignee=mine, due_on=today - datetime.timedelta(days=5), done_at=timezone.now())
    soon = TaskFactory(case=case, assignee=mine, due_on=today + datetime.timedelta(days=3))
    assert list(overdue_tasks(user=mine)) == [late]
    assert list(tasks_due(user=mine)) == [soon]


@pytest.mark.parametrize(
    "role",
    [Role.REGIONAL_COORDINATOR, Role.ANALYST, Role.DESK_OPERATOR, Role.CHILD_PROTECTION_OFFICER, Role.PLATFORM_ADMIN],
)
def test_roles_without_casework_see_no_case(personas: Personas, role: Role) -> None:
    _our_case(personas)
    assert not cases_visible_to(personas.user(role)).exists()


def test_other_organisations_case_is_not_found(personas: Personas, login: Login) -> None:
    client = login(personas.user(Role.CASEWORKER))
    missing = client.get(reverse("cases:detail", kwargs={"case_id": uuid.uuid4()}))
    forbidden = client.get(reverse("cases:detail", kwargs={"case_id": _their_case(personas).pk}))
    assert missing.status_code == forbidden.status_code == 404


def test_case_list_leaves_out_other_organisations_cases(personas: Personas, login: Login) -> None:
    _their_case(personas)
    _our_case(personas)
    client = login(personas.user(Role.CASEWORKER))
    for query in ({}, {"format": "csv"}):
        content = client.get(reverse("cases:list"), query).content.decode("utf-8-sig")
        assert "Bondarenko" in content
        assert "Tkachenko" not in content


def test_case_detail_read_is_audited(personas: Personas, login: Login) -> None:
    case = _our_case(personas)
    user = personas.user(Role.CASEWORKER)
    login(user).get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    entry = AccessEntry.objects.get(user=user, action=AuditAction.READ)
    assert (entry.object_id, entry.client_id) == (str(case.pk), case.client_id)


def test_case_export_is_audited(personas: Personas, login: Login) -> None:
    case = _our_case(personas)
    user = personas.user(Role.CASEWORKER)
    assert login(user).get(reverse("cases:list"), {"format": "xlsx"}).status_code == 200
    assert AccessEntry.objects.get(user=user, action=AuditAction.EXPORT).object_id == str(case.pk)


def test_views_write_needs_notes_tasks_and_audit(personas: Personas, login: Login) -> None:
    case = _our_case(personas)
    user = personas.user(Role.CASEWORKER)
    client = login(user)
    term = TaxonomyTermFactory()
    client.post(reverse("cases:need_add", kwargs={"case_id": case.pk}), {"term": term.pk, "priority": "high"})
    client.post(
        reverse("cases:note_add", kwargs={"case_id": case.pk}),
        {"text": "Called her.", "confidentiality": NoteConfidentiality.SHARED},
    )
    client.post(
        reverse("cases:task_add", kwargs={"case_id": case.pk}),
        {"title": "Call back", "due_on": timezone.localdate().isoformat(), "assignee": user.pk},
    )
    task = case.tasks.get()
    client.post(reverse("cases:task_done", kwargs={"task_id": task.pk}))
    client.post(reverse("cases:close", kwargs={"case_id": case.pk}), {"outcome": CaseOutcome.REFERRED})
    case.refresh_from_db()
    assert case.needs.get().priority == "high"
    assert case.notes.get().confidentiality == NoteConfidentiality.SHARED
    task.refresh_from_db()
    assert task.is_done
    assert case.status == CaseStatus.CLOSED
    audited = set(AccessEntry.objects.filter(user=user).values_list("object_type", flat=True))
    assert {"cases.caseneed", "cases.note", "cases.task", "cases.case"} <= audited


def test_workspace_shows_open_cases_tasks_and_waiting_referrals(personas: Personas, login: Login) -> None:
    user = personas.user(Role.CASEWORKER)
    case = _our_case(personas, title="Flat hunting")
    TaskFactory(case=case, assignee=user, due_on=timezone.localdate() - datetime.timedelta(days=1), title="Late call")
    TaskFactory(case=case, assignee=user, due_on=timezone.localdate() + datetime.timedelta(days=1), title="Visit")
    ReferralFactory(
        case=_their_case(personas),
        service=ServiceFactory(organization=personas.ours, name="Our language course"),
        status=ReferralStatus.SENT,
    )
    page = login(user).get(reverse("core:workspace")).content.decode()
    assert "Flat hunting" in page
    assert "Visit" in page
    assert "1 task overdue" in page
    assert "Our language course" in page


def _count_queries(client: DjangoClient, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["cases:list", "cases:tasks", "core:workspace"])
def test_list_queries_do_not_grow_with_rows(personas: Personas, login: Login, name: str) -> None:
    user = personas.user(Role.CASEWORKER)
    client = login(user)

    def make(count: int) -> None:
        for _ in range(count):
            case = _our_case(personas)
            CaseNeedFactory(case=case)
            TaskFactory(case=case, assignee=user, due_on=timezone.localdate() - datetime.timedelta(days=1))
            TaskFactory(case=case, assignee=user, due_on=timezone.localdate() + datetime.timedelta(days=1))

    make(2)
    few = _count_queries(client, reverse(name))
    make(8)
    assert _count_queries(client, reverse(name)) == few


@pytest.mark.parametrize(
    ("name", "kwargs_of", "data", "action"),
    [
        ("cases:edit", "case", {"title": "Housing"}, AuditAction.UPDATE),
        ("cases:need_change", "need", {"status": "met", "priority": "low"}, AuditAction.UPDATE),
        ("cases:note_add", "case", {"text": "Met her.", "confidentiality": "organization"}, AuditAction.CREATE),
        ("cases:close", "case", {"outcome": "resolved"}, AuditAction.UPDATE),
        ("cases:task_done", "task", {}, AuditAction.UPDATE),
    ],
)
def test_each_writing_view_leaves_an_audit_entry(
    personas: Personas, login: Login, name: str, kwargs_of: str, data: dict[str, str], action: AuditAction
) -> None:
    case = _our_case(personas)
    objects = {
        "case": {"case_id": case.pk},
        "need": {"need_id": CaseNeedFactory(case=case).pk},
        "task": {"task_id": TaskFactory(case=case).pk},
    }
    user = personas.user(Role.CASEWORKER)
    response = login(user).post(reverse(name, kwargs=objects[kwargs_of]), data)
    assert response.status_code == 302
    entry = AccessEntry.objects.filter(user=user, action=action).latest("at")
    assert entry.client_id == case.client_id


def test_opening_a_case_from_the_form_is_audited(personas: Personas, login: Login) -> None:
    user = personas.user(Role.CASEWORKER)
    client = ClientFactory(organization=personas.ours)
    response = login(user).post(f"{reverse('cases:new')}?client={client.pk}", {"title": "Work", "caseworker": user.pk})
    case = Case.objects.get(client=client)
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": case.pk})
    assert AccessEntry.objects.filter(user=user, action=AuditAction.CREATE, object_id=str(case.pk)).exists()


def test_a_case_cannot_be_opened_for_another_organisations_client(personas: Personas, login: Login) -> None:
    user = personas.user(Role.CASEWORKER)
    theirs = ClientFactory(organization=personas.theirs)
    response = login(user).post(f"{reverse('cases:new')}?client={theirs.pk}", {"title": "Work"})
    assert response.status_code == 404
    assert not Case.objects.exists()
