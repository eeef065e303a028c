"""The index of regional coordination: links to everything of it the user may open."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
@permission_required("core.use_workspace", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    """Show the coordination pages the user's role opens (the template asks `perms` per link)."""
    return render(request, "coordination/index.html")
