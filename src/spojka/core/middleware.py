"""Request handling shared by every app."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

# A first path segment that looks like a language code: "de", "pt-br", "zh-hans".
_LANGUAGE_SEGMENT = re.compile(r"^/(?P<code>[a-z]{2}(?:-[a-z]{2,4})?)(?P<rest>/.*|)$", re.IGNORECASE)


class UnknownLanguageMiddleware:
    """Send an address with a language Spojka does not speak to the same page in Czech.

    `/de/app/` becomes `/cs/app/`; known languages and paths without a language pass untouched.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _LANGUAGE_SEGMENT.match(request.path_info)
        if match and match["code"].lower() not in self.known:
            target = f"/{settings.LANGUAGE_CODE}{match['rest'] or '/'}"
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return HttpResponseRedirect(target)
        return self.get_response(request)
