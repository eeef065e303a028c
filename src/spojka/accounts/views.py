"""Login, two-factor, logout, password and profile pages."""

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from spojka.accounts import actions, throttle
from spojka.accounts.access import signed_in_user
from spojka.accounts.authenticator import grouped_secret, provisioning_uri, qr_code_svg, shown_backup_code
from spojka.accounts.forms import CodeForm, DisableTwoFactorForm, LoginForm, ProfileForm, SetupCodeForm
from spojka.accounts.middleware import second_step_url
from spojka.accounts.models import User
from spojka.accounts.queries import backup_codes_left, has_two_factor, pending_totp_device, requires_two_factor
from spojka.core.language_cookie import remember_language
from spojka.network.rules import role_of


class LoginView(auth_views.LoginView):
    """Log a member of staff in and continue in the language they prefer."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        return translate_url(url, self.request.user.preferred_language)  # type: ignore[union-attr]

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        # A password alone never inherits an earlier session's code step.
        self.request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        language = user.preferred_language
        translation.activate(language)
        if has_two_factor(user=user):
            # Signed in, but the workspace stays closed until the code step (accounts.middleware).
            response = redirect(second_step_url(next_url=self.get_success_url()))
        remember_language(response, language)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Let users correct their name and choose their language."""
    user = signed_in_user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        response = redirect(translate_url(reverse("accounts:profile"), user.preferred_language))
        remember_language(response, user.preferred_language)
        return response
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "two_factor_enabled": has_two_factor(user=user)},
    )


def _next_url(request: HttpRequest) -> str:
    """Return the page to continue to after the code step: a safe `next`, or the workspace."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _sign_out_after_wrong_codes(request: HttpRequest, next_url: str) -> HttpResponse:
    """Log the user out after too many wrong codes and say when they may try again."""
    logout(request)
    minutes = throttle.cooloff_minutes()
    messages.error(
        request,
        ngettext(
            "Too many wrong codes. To protect the account you have been signed out. "
            "You can sign in again in %(minutes)d minute.",
            "Too many wrong codes. To protect the account you have been signed out. "
            "You can sign in again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


@never_cache
@login_required
def login_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator app, or a backup code, after the password."""
    user = signed_in_user(request)
    next_url = _next_url(request)
    if getattr(user, "otp_device", None) is not None or not has_two_factor(user=user):
        return redirect(next_url)
    if throttle.codes_exhausted(user=user):
        return _sign_out_after_wrong_codes(request, next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.verify_two_factor_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            throttle.clear_code_failures(user=user)
            django_otp.login(request, device)
            request.session.cycle_key()  # a new session key for the fully signed-in session
            return redirect(next_url)
        failures = throttle.record_code_failure(user=user)
        left = throttle.failure_limit() - failures
        if left <= 0:
            return _sign_out_after_wrong_codes(request, next_url)
        form.add_error(
            "code",
            ngettext(
                "This code is not right, or it has been used already. %(left)d attempt left.",
                "This code is not right, or it has been used already. %(left)d attempts left.",
                left,
            )
            % {"left": left},
        )
    # Until the code is in, the header does not show whom the account acts for.
    return render(
        request,
        "accounts/login_verify.html",
        {"form": form, "next": next_url, "active_membership": None, "memberships": []},
    )


def _render_two_factor(
    request: HttpRequest,
    user: User,
    *,
    codes_form: CodeForm | None = None,
    disable_form: DisableTwoFactorForm | None = None,
) -> HttpResponse:
    """Render the two-factor page with its forms, bound ones showing their errors."""
    role = role_of(user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": has_two_factor(user=user),
            "required": requires_two_factor(user=user),
            "role": role.label if role is not None else "",
            "backup_codes_left": backup_codes_left(user=user),
            "codes_form": codes_form or CodeForm(prefix="codes"),
            "disable_form": disable_form or DisableTwoFactorForm(prefix="off", user=user),
        },
    )


def _render_backup_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """Show new backup codes, once: they are not shown again."""
    return render(request, "accounts/backup_codes.html", {"codes": [shown_backup_code(code) for code in codes]})


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Show whether two-factor sign-in is on; a POST starts turning it on."""
    user = signed_in_user(request)
    if request.method == "POST":
        if has_two_factor(user=user):
            return redirect("accounts:two_factor")
        actions.start_two_factor_setup(user=user)
        return redirect("accounts:two_factor_setup")
    return _render_two_factor(request, user)


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show the new authenticator's key as a QR code and as text, and confirm it with a first code."""
    user = signed_in_user(request)
    device = pending_totp_device(user=user)
    if device is None or has_two_factor(user=user):
        return redirect("accounts:two_factor")
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = actions.enable_two_factor(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)  # this session has just shown a code
            messages.success(request, _("Two-factor sign-in is on."))
            return _render_backup_codes(request, codes)
        form.add_error(
            "code",
            _(
                "This code is not right. Check that the clock on your phone is correct "
                "and enter the code the app shows now."
            ),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_code_svg(
                uri=provisioning_uri(device=device, account=user.email),
                title=_("QR code to scan with your authenticator app"),
            ),
            "secret": grouped_secret(device=device),
        },
    )


@never_cache
@login_required
@require_POST
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """Replace the backup codes once a code checks out, and show the new ones."""
    user = signed_in_user(request)
    if not has_two_factor(user=user):
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST, prefix="codes")
    if form.is_valid():
        codes = actions.regenerate_backup_codes(user=user, code=form.cleaned_data["code"])
        if codes is not None:
            messages.success(request, _("New backup codes are ready. The old ones no longer work."))
            return _render_backup_codes(request, codes)
        form.add_error("code", _("This code is not right, or it has been used already."))
    return _render_two_factor(request, user, codes_form=form)


@never_cache
@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off once the password and a code check out."""
    user = signed_in_user(request)
    if not has_two_factor(user=user):
        return redirect("accounts:two_factor")
    form = DisableTwoFactorForm(request.POST, prefix="off", user=user)
    if form.is_valid():
        if actions.disable_two_factor(user=user, code=form.cleaned_data["code"]):
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-factor sign-in is off. Your backup codes no longer work."))
            return redirect("accounts:two_factor")
        form.add_error("code", _("This code is not right, or it has been used already."))
    return _render_two_factor(request, user, disable_form=form)
