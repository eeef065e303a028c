"""Addresses: pages carry their language (`/cs/…`); machine interfaces do not (`/healthz`)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from spojka.core import views as core_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/language/", core_views.switch_language, name="set_language"),
    path("hsds/", include("spojka.api.hsds_urls")),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("services/", include("spojka.directory.urls_portal")),
    path("practice/", include("spojka.coordination.urls_public")),
    path("app/", include("spojka.core.urls")),
    path("app/accounts/", include("spojka.accounts.urls")),
    path("app/network/", include("spojka.network.urls")),
    path("app/geo/", include("spojka.geo.urls")),
    path("app/directory/", include("spojka.directory.urls")),
    path("app/desk/", include("spojka.desk.urls")),
    path("app/clients/", include("spojka.clients.urls")),
    path("app/cases/", include("spojka.cases.urls")),
    path("app/referrals/", include("spojka.referrals.urls")),
    path("app/audit/", include("spojka.audit.urls")),
    path("app/linkage/", include("spojka.linkage.urls")),
    path("app/coordination/", include("spojka.coordination.urls")),
    path("app/admin/", admin.site.urls),
    prefix_default_language=True,
)
