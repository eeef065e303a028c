"""The signed-in user of a request, typed for the code behind `login_required`."""

from django.http import HttpRequest

from spojka.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """Return the request's user; only for views already behind `login_required`."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("signed_in_user() needs a view behind login_required")
    return user
