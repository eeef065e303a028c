from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "spojka.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from spojka.accounts.checks import check_two_factor_roles

        checks.register(check_two_factor_roles)
