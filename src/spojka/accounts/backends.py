"""Sign-in by e-mail and password; what a person may do comes from the permission matrix alone."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Django's password check, without Django's per-user and per-group permissions.

    Spojka grants permissions only through the role matrix (`network/rules.py`, asked first);
    superusers of the technical administration hold everything by Django's own rule. Django's
    table permissions are not used, so asking for them would cost two queries on every page
    where the matrix says no.
    """

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
