"""Managers invite and deactivate their own staff, and nobody else's."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from spojka.accounts.models import User
from spojka.network.enums import Role
from spojka.network.models import Membership
from tests.conftest import Personas
from tests.factories import MembershipFactory


@pytest.fixture
def invite(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    """Return a function that posts the invitation form and runs what the action schedules after commit."""

    def _invite(client: Client, organization_id: object, **data: str) -> Any:
        form = {
            "full_name": "Olena Prykladova",
            "email": "olena@example.org",
            "role": Role.CASEWORKER,
            "title": "",
            "language": "uk",
        }
        form.update(data)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("network:invite", kwargs={"organization_id": organization_id}), form)

    return _invite


def test_manager_invites_new_person_who_gets_email_in_their_language(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    response = invite(client, personas.ours.pk)

    assert response.status_code == 302
    invited = User.objects.get(email="olena@example.org")
    assert not invited.has_usable_password()
    assert invited.memberships.get().organization == personas.ours
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"]
    assert "/uk/app/accounts/password/reset/" in message.body


def test_invitation_link_lets_the_person_set_a_password_and_sign_in(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client], client: Client
) -> None:
    invite(login(personas.user(Role.ORGANIZATION_MANAGER)), personas.ours.pk)
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    new_password = "a-long-new-password-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert done.status_code == 302
    assert client.login(username="olena@example.org", password=new_password, request=form_page.wsgi_request)


def test_inviting_existing_user_adds_membership_without_new_account(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client]
) -> None:
    elsewhere = MembershipFactory(organization=personas.theirs, role=Role.CASEWORKER).user
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    invite(client, personas.ours.pk, email=elsewhere.email.upper(), full_name=elsewhere.full_name)

    assert User.objects.filter(email__iexact=elsewhere.email).count() == 1
    assert set(elsewhere.memberships.values_list("organization", flat=True)) == {
        personas.ours.pk,
        personas.theirs.pk,
    }


def test_manager_cannot_hand_out_network_wide_roles(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = invite(client, personas.ours.pk, role=Role.PLATFORM_ADMIN)
    assert response.status_code == 200
    assert "form" in response.context
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(email="olena@example.org").exists()


def test_invite_with_bad_email_shows_error_and_keeps_input(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(
        f"/en{reverse('network:invite', kwargs={'organization_id': personas.ours.pk})[3:]}",
        {
            "full_name": "Olena Prykladova",
            "email": "not-an-email",
            "role": Role.CASEWORKER,
            "language": "uk",
        },
    )
    body = response.content.decode()
    assert "Enter a valid email address." in body
    assert 'value="Olena Prykladova"' in body
    assert mail.outbox == []


def test_manager_cannot_see_or_invite_into_another_organisation(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    staff_url = reverse("network:organization_staff", kwargs={"organization_id": personas.theirs.pk})
    assert client.get(staff_url).status_code == 404
    assert invite(client, personas.theirs.pk).status_code == 404
    assert not User.objects.filter(email="olena@example.org").exists()


def test_manager_cannot_deactivate_staff_of_another_organisation(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    theirs = Membership.objects.get(organization=personas.theirs)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    response = client.post(reverse("network:deactivate", kwargs={"membership_id": theirs.pk}))
    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.is_active


def test_staff_page_shows_only_own_organisations_people(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    body = client.get(reverse("network:staff"), follow=True).content.decode()
    assert personas.user(Role.CASEWORKER).email in body
    assert "manager@theirs.example.org" not in body


def test_deactivated_person_can_no_longer_log_in(personas: Personas, login: Callable[[User], Client]) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    membership = caseworker.memberships.get()
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    client.post(reverse("network:deactivate", kwargs={"membership_id": membership.pk}))

    membership.refresh_from_db()
    caseworker.refresh_from_db()
    assert not membership.is_active
    assert membership.deactivated_at is not None
    assert not caseworker.is_active


def test_person_with_another_role_stays_active_after_deactivation(
    personas: Personas, login: Callable[[User], Client]
) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    MembershipFactory(user=caseworker, organization=personas.theirs, role=Role.CASEWORKER)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    client.post(
        reverse(
            "network:deactivate",
            kwargs={"membership_id": caseworker.memberships.get(organization=personas.ours).pk},
        )
    )

    caseworker.refresh_from_db()
    assert caseworker.is_active


def test_manager_cannot_deactivate_themselves(personas: Personas, login: Callable[[User], Client]) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    client = login(manager)
    response = client.post(
        reverse("network:deactivate", kwargs={"membership_id": manager.memberships.get().pk}),
        follow=True,
    )
    assert manager.memberships.get().is_active
    assert "cannot deactivate your own role" in response.content.decode() or response.status_code == 200


def test_reactivation_restores_login(personas: Personas, login: Callable[[User], Client]) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    membership = caseworker.memberships.get()
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    client.post(reverse("network:deactivate", kwargs={"membership_id": membership.pk}))

    client.post(reverse("network:reactivate", kwargs={"membership_id": membership.pk}))

    caseworker.refresh_from_db()
    membership.refresh_from_db()
    assert caseworker.is_active
    assert membership.is_active


def test_platform_admin_manages_staff_of_any_organisation(personas: Personas, login: Callable[[User], Client]) -> None:
    client = login(personas.user(Role.PLATFORM_ADMIN))
    response = client.get(reverse("network:organization_staff", kwargs={"organization_id": personas.theirs.pk}))
    assert response.status_code == 200
    assert "manager@theirs.example.org" in response.content.decode()


def test_staff_list_query_count_does_not_grow_with_staff(
    personas: Personas,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    MembershipFactory.create_batch(15, organization=personas.ours)
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    url = reverse("network:organization_staff", kwargs={"organization_id": personas.ours.pk})
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(url).status_code == 200


def test_staff_page_shows_who_has_not_signed_in_yet(
    invite: Callable[..., Any], personas: Personas, login: Callable[[User], Client]
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    invite(client, personas.ours.pk)
    page = client.get(reverse("network:organization_staff", kwargs={"organization_id": personas.ours.pk}))
    pending = {m.user.email for m in page.context["staff"] if m.awaits_first_sign_in}
    assert "olena@example.org" in pending
    assert personas.user(Role.ORGANIZATION_MANAGER).email not in pending  # signed in to open the page
    assert "not signed in yet" in client.get("/en" + page.request["PATH_INFO"][3:]).content.decode()


def test_manager_sends_a_pending_invitation_again_with_a_working_link(
    invite: Callable[..., Any],
    personas: Personas,
    login: Callable[[User], Client],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))
    invite(client, personas.ours.pk)
    membership = Membership.objects.get(user__email="olena@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:resend_invitation", kwargs={"membership_id": membership.pk}))

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["olena@example.org"], ["olena@example.org"]]
    assert "/uk/app/accounts/password/reset/" in mail.outbox[1].body


def test_no_invitation_is_sent_to_someone_who_has_signed_in(
    personas: Personas, login: Callable[[User], Client], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    caseworker = personas.user(Role.CASEWORKER)
    login(caseworker)  # signs in once, so last_login is set
    caseworker.refresh_from_db()
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    url = reverse("network:resend_invitation", kwargs={"membership_id": caseworker.memberships.get().pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + url[3:], follow=True)

    assert mail.outbox == []
    assert "has signed in already" in response.content.decode()
