"""Two-factor sign-in: setup, the code step after the password, backup codes, turning it off, roles that need it."""

from base64 import b32encode
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from spojka.accounts.checks import check_two_factor_roles
from spojka.accounts.models import User
from spojka.network.enums import Role
from tests.conftest import Personas
from tests.factories import PASSWORD

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

LOGIN = "/en/app/accounts/login/"
VERIFY = "/en/app/accounts/login/verify/"
TWO_FACTOR = "/en/app/accounts/two-factor/"
SETUP = "/en/app/accounts/two-factor/setup/"
NEW_BACKUP_CODES = "/en/app/accounts/two-factor/backup-codes/"
TURN_OFF = "/en/app/accounts/two-factor/off/"
WORKSPACE = "/en/app/"
BACKUP_CODE = "abcdefghjk"


@pytest.fixture(autouse=True)
def _no_counted_failures() -> Iterator[None]:
    """Forget wrong codes between tests: the cache outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(personas: Personas) -> User:
    user = personas.user(Role.CASEWORKER)
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def _code(device: Any, *, steps_ahead: int = 0) -> str:
    """Return the code the device's app shows now, or a few time steps later (within the tolerance)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead)
    return f"{value:0{device.digits}d}"


def _wrong_code(device: Any) -> str:
    accepted = {_code(device, steps_ahead=steps) for steps in (-1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in accepted)


def _device_for(user: User) -> Any:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _backup_code_for(user: User) -> None:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    device.token_set.create(token=BACKUP_CODE)


def _sign_in(client: Client, user: User, next_url: str = "") -> "_MonkeyPatchedWSGIResponse":
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def _verified(client: Client, user: User, device: Any) -> Client:
    """Sign in past both steps without typing a code, so that the device's codes stay unused."""
    client.force_login(user, backend="spojka.accounts.backends.PasswordBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _grouped_key(device: Any) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _after_code_step(url: str) -> str:
    return f"{VERIFY}?next={quote(url, safe='')}"


# Signing in.


def test_user_without_device_signs_in_in_one_step(client: Client, user: User) -> None:
    response = _sign_in(client, user)
    assert response["Location"] == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200


def test_password_of_user_with_device_leads_to_code_step(client: Client, user: User) -> None:
    _device_for(user)

    response = _sign_in(client, user)

    assert response["Location"] == _after_code_step(WORKSPACE)
    assert "_auth_user_id" in client.session


def test_code_step_is_in_the_users_language(client: Client, user: User) -> None:
    user.preferred_language = "uk"
    user.save(update_fields=["preferred_language"])
    _device_for(user)

    response = client.post("/cs/app/accounts/login/", {"username": user.email, "password": PASSWORD})

    assert response["Location"] == "/uk/app/accounts/login/verify/?next=%2Fuk%2Fapp%2F"


@pytest.mark.parametrize("page", [WORKSPACE, "/en/app/network/organizations/", "/en/app/accounts/profile/"])
def test_workspace_redirects_to_code_step_until_code_is_entered(client: Client, user: User, page: str) -> None:
    _device_for(user)
    _sign_in(client, user)

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == _after_code_step(page)


def test_technical_administration_waits_for_the_code_too(client: Client, user: User) -> None:
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    _device_for(user)
    _sign_in(client, user)

    assert client.get("/en/app/admin/")["Location"].startswith(VERIFY)


def test_htmx_request_before_code_step_reloads_whole_page(client: Client, user: User) -> None:
    _device_for(user)
    _sign_in(client, user)

    response = client.get(WORKSPACE, headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == _after_code_step(WORKSPACE)


def test_code_step_does_not_show_whom_the_account_acts_for(client: Client, user: User, personas: Personas) -> None:
    _device_for(user)
    _sign_in(client, user)

    body = client.get(VERIFY).content.decode()

    assert 'name="code"' in body
    assert personas.ours.name not in body


def test_right_app_code_opens_workspace(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user)

    response = client.post(VERIFY, {"code": _code(device), "next": WORKSPACE})

    assert response["Location"] == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200


def test_app_code_is_accepted_only_once(client: Client, user: User) -> None:
    device = _device_for(user)
    code = _code(device)
    _sign_in(client, user)
    client.post(VERIFY, {"code": code})
    client.post("/en/app/accounts/logout/")
    _sign_in(client, user)

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert "This code is not right, or it has been used already." in response.content.decode()


def test_next_is_kept_through_both_steps(client: Client, user: User) -> None:
    device = _device_for(user)
    page = "/en/app/network/organizations/?sector=non_profit"
    assert client.get(page)["Location"] == f"{LOGIN}?next={quote(page, safe='/')}"

    response = _sign_in(client, user, next_url=page)
    assert response["Location"] == _after_code_step(page)
    assert f'value="{page}"'.replace("&", "&amp;") in client.get(response["Location"]).content.decode()

    response = client.post(VERIFY, {"code": _code(device), "next": page})
    assert response["Location"] == page


def test_code_step_does_not_follow_next_to_another_site(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user)

    response = client.post(VERIFY, {"code": _code(device), "next": "https://evil.example/"})

    assert response["Location"] == WORKSPACE


def test_backup_code_signs_in_once(client: Client, user: User) -> None:
    _device_for(user)
    _backup_code_for(user)
    _sign_in(client, user)

    response = client.post(VERIFY, {"code": "ABCDE-FGHJK"})

    assert response["Location"] == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200
    assert not StaticToken.objects.filter(device__user=user).exists()

    client.post("/en/app/accounts/logout/")
    _sign_in(client, user)
    response = client.post(VERIFY, {"code": BACKUP_CODE})

    assert response.status_code == 200
    assert "This code is not right, or it has been used already." in response.content.decode()
    assert client.get(WORKSPACE)["Location"].startswith(VERIFY)


def test_wrong_code_explains_and_counts_down(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user)

    response = client.post(VERIFY, {"code": _wrong_code(device)})

    body = response.content.decode()
    assert response.status_code == 200
    assert "field__errors" in body
    assert "4 attempts left" in body
    assert client.get(WORKSPACE)["Location"].startswith(VERIFY)


def test_five_wrong_codes_log_out(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user, next_url="/en/app/geo/")
    wrong = _wrong_code(device)

    for _attempt in range(4):
        assert client.post(VERIFY, {"code": wrong, "next": "/en/app/geo/"}).status_code == 200
    response = client.post(VERIFY, {"code": wrong, "next": "/en/app/geo/"})

    assert response["Location"] == f"{LOGIN}?next=%2Fen%2Fapp%2Fgeo%2F"
    assert "_auth_user_id" not in client.session
    assert "Too many wrong codes" in client.get(response["Location"]).content.decode()


def test_signing_in_again_during_cooloff_is_refused_even_with_right_code(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user)
    for _attempt in range(5):
        client.post(VERIFY, {"code": _wrong_code(device)})

    assert _sign_in(client, user).status_code == 302  # the password is right
    response = client.post(VERIFY, {"code": _code(device)})

    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # no pause between tries, so the right code is checked at once
def test_right_code_forgets_earlier_wrong_ones(client: Client, user: User) -> None:
    device = _device_for(user)
    _sign_in(client, user)
    for _attempt in range(4):
        client.post(VERIFY, {"code": _wrong_code(device)})

    assert client.post(VERIFY, {"code": _code(device)})["Location"] == WORKSPACE
    client.post("/en/app/accounts/logout/")
    _sign_in(client, user)

    assert "4 attempts left" in client.post(VERIFY, {"code": _wrong_code(device)}).content.decode()


def test_password_no_longer_carries_an_earlier_code_step(client: Client, user: User) -> None:
    device = _device_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    assert _sign_in(client, user)["Location"].startswith(VERIFY)
    assert client.get(WORKSPACE)["Location"].startswith(VERIFY)


# Setting it up.


def test_setup_happy_path(login: Callable[[User], Client], user: User) -> None:
    client = login(user)
    assert "Off" in client.get(TWO_FACTOR).content.decode()

    assert client.post(TWO_FACTOR)["Location"] == SETUP
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    assert _grouped_key(device) in page

    response = client.post(SETUP, {"code": _code(device)})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Two-factor sign-in is on." in body
    assert body.count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert client.get(WORKSPACE).status_code == 200  # this session has shown a code
    assert "On" in client.get("/en/app/accounts/profile/").content.decode()


def test_setup_with_wrong_code_keeps_device_unconfirmed(login: Callable[[User], Client], user: User) -> None:
    client = login(user)
    client.post(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user)

    response = client.post(SETUP, {"code": _wrong_code(device)})

    body = response.content.decode()
    assert response.status_code == 200
    assert '<div class="field__errors" id="id_code_error"><p>This code is not right.' in body
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=user).exists()


def test_setup_code_must_be_six_digits(login: Callable[[User], Client], user: User) -> None:
    client = login(user)
    client.post(TWO_FACTOR)

    response = client.post(SETUP, {"code": "12ab"})

    assert "Enter the 6 digits the app shows" in response.content.decode()


def test_qr_page_has_no_inline_style_or_script(login: Callable[[User], Client], user: User) -> None:
    client = login(user)
    client.post(TWO_FACTOR)

    body = client.get(SETUP).content.decode()

    assert "<svg" in body
    assert "style=" not in body
    assert "<script>" not in body


def test_setup_page_without_turning_on_first_leads_back(login: Callable[[User], Client], user: User) -> None:
    assert login(user).get(SETUP)["Location"] == TWO_FACTOR


def test_profile_links_to_two_factor_page(login: Callable[[User], Client], user: User) -> None:
    assert f'href="{TWO_FACTOR}"' in login(user).get("/en/app/accounts/profile/").content.decode()


# Backup codes and turning it off.


def test_new_backup_codes_need_a_valid_code(client: Client, user: User) -> None:
    device = _device_for(user)
    _backup_code_for(user)
    _verified(client, user, device)

    response = client.post(NEW_BACKUP_CODES, {"codes-code": _wrong_code(device)})
    assert "This code is not right" in response.content.decode()
    assert StaticToken.objects.filter(token=BACKUP_CODE).exists()

    device.throttle_reset()  # the app's own pause after a wrong code is not what this test is about
    response = client.post(NEW_BACKUP_CODES, {"codes-code": _code(device)})

    assert response.content.decode().count("<li><code>") == 10
    assert not StaticToken.objects.filter(token=BACKUP_CODE).exists()
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_session_signed_in_with_backup_code_survives_new_backup_codes(client: Client, user: User) -> None:
    device = _device_for(user)
    _backup_code_for(user)
    _sign_in(client, user)
    client.post(VERIFY, {"code": BACKUP_CODE})

    client.post(NEW_BACKUP_CODES, {"codes-code": _code(device)})

    assert client.get(WORKSPACE).status_code == 200


def test_turn_off_with_wrong_password_keeps_it_on(client: Client, user: User) -> None:
    device = _device_for(user)
    _verified(client, user, device)

    response = client.post(TURN_OFF, {"off-password": "not-the-password", "off-code": _code(device)})

    assert "The password is incorrect." in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_turn_off_with_wrong_code_keeps_it_on(client: Client, user: User) -> None:
    device = _device_for(user)
    _verified(client, user, device)

    response = client.post(TURN_OFF, {"off-password": PASSWORD, "off-code": _wrong_code(device)})

    assert "This code is not right" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_turn_off_with_password_and_code(client: Client, user: User) -> None:
    device = _device_for(user)
    _backup_code_for(user)
    _verified(client, user, device)

    response = client.post(TURN_OFF, {"off-password": PASSWORD, "off-code": _code(device)})

    assert response["Location"] == TWO_FACTOR
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(WORKSPACE).status_code == 200
    client.post("/en/app/accounts/logout/")
    assert _sign_in(client, user)["Location"] == WORKSPACE


# Roles that need it.

MANAGERS_NEED_IT = override_settings(TWO_FACTOR_REQUIRED_ROLES=[Role.ORGANIZATION_MANAGER.value])


@MANAGERS_NEED_IT
@pytest.mark.parametrize("page", [WORKSPACE, "/en/app/network/roles/", "/en/app/accounts/profile/"])
def test_role_that_needs_it_is_sent_to_setup(login: Callable[[User], Client], personas: Personas, page: str) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    assert client.get(page)["Location"] == TWO_FACTOR


@MANAGERS_NEED_IT
def test_setup_page_explains_why(login: Callable[[User], Client], personas: Personas) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    body = client.get(TWO_FACTOR).content.decode()

    assert "As Organisation manager, you can use the workspace only with two-factor sign-in." in body
    assert client.post(TWO_FACTOR)["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


@MANAGERS_NEED_IT
def test_role_that_needs_it_may_still_log_out_and_switch_language(
    login: Callable[[User], Client], personas: Personas
) -> None:
    client = login(personas.user(Role.ORGANIZATION_MANAGER))

    language = client.post("/i18n/language/", {"language": "uk", "next": TWO_FACTOR})
    assert language["Location"] == "/uk/app/accounts/two-factor/"
    assert client.post("/en/app/accounts/logout/")["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


@MANAGERS_NEED_IT
def test_other_roles_are_not_asked(login: Callable[[User], Client], personas: Personas) -> None:
    assert login(personas.user(Role.CASEWORKER)).get(WORKSPACE).status_code == 200


@MANAGERS_NEED_IT
def test_role_that_needs_it_works_once_set_up(client: Client, personas: Personas) -> None:
    manager = personas.user(Role.ORGANIZATION_MANAGER)
    device = _device_for(manager)

    assert _verified(client, manager, device).get(WORKSPACE).status_code == 200


def test_demo_default_asks_no_role(login: Callable[[User], Client], personas: Personas) -> None:
    for role in Role:
        assert login(personas.user(role)).get("/en/app/accounts/profile/").status_code == 200


def test_unknown_role_in_setting_is_reported() -> None:
    with override_settings(TWO_FACTOR_REQUIRED_ROLES=["platform-admin"]):
        errors = check_two_factor_roles()
    assert [error.id for error in errors] == ["accounts.E001"]
    with override_settings(TWO_FACTOR_REQUIRED_ROLES=["platform_admin", "organization_manager"]):
        assert check_two_factor_roles() == []


def test_header_shows_nothing_of_the_account_before_the_code(client: Client, user: User) -> None:
    _device_for(user)
    _sign_in(client, user)
    for path in ("/en/", "/en/app/accounts/login/verify/"):
        body = client.get(path).content.decode()
        assert "site-header__workspace" not in body, path  # whom the account acts for, and its menu
