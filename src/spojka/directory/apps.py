from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "spojka.directory"
    verbose_name = _("Directory of services")

    def ready(self) -> None:
        from spojka.directory import history

        history.register_models()
