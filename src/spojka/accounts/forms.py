"""Forms of the login and account pages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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
