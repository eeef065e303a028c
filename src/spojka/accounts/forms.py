"""Forms of the login, account and two-factor pages."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from spojka.accounts.authenticator import normalized_code
from spojka.accounts.models import User


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address and a password."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _("The e-mail or the password is incorrect. Check both and try again."),
        "inactive": _("This account has been deactivated. Ask your organisation's manager."),
    }


class ProfileForm(forms.ModelForm[User]):
    """The user's own name and language."""

    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class CodeForm(forms.Form):
    """A code from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        """Ignore the spaces and dashes people type between groups of digits or letters."""
        return normalized_code(self.cleaned_data["code"])


class SetupCodeForm(forms.Form):
    """The first code from a newly added authenticator app, which proves it is set up right."""

    code = forms.CharField(
        label=_("6-digit code from the app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        """Accept six digits, with or without a space in the middle."""
        code = normalized_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the 6 digits the app shows, for example 123 456."))
        return code


class DisableTwoFactorForm(CodeForm):
    """The current password and a code, so that a session left open is not enough to turn it off."""

    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["password", "code"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        """Check the password before the code is looked at (a backup code would be used up)."""
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is incorrect."))
        return password
