"""Addresses of the public portal of services (no login), mounted at /<language>/services/."""

from django.urls import URLPattern, path

from spojka.directory.views import portal

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("", portal.search_services, name="search"),
    path("<uuid:service_id>/", portal.service_page, name="service"),
    path("<uuid:service_id>/poster.pdf", portal.service_poster_pdf, name="poster"),
]
