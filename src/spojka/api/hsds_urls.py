"""The HSDS 3.0 API under /hsds/ (paths as in the specification's OpenAPI, with or without a final slash)."""

from django.urls import URLPattern, URLResolver, path, re_path

import spojka.api.hsds_views as views

app_name = "hsds"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.root, name="root"),
    re_path(r"^services/?$", views.services, name="services"),
    re_path(r"^services/(?P<identifier>[^/]+)/?$", views.service, name="service"),
    re_path(r"^organizations/?$", views.organizations, name="organizations"),
    re_path(r"^organizations/(?P<identifier>[^/]+)/?$", views.organization, name="organization"),
    re_path(r"^taxonomies/?$", views.taxonomies, name="taxonomies"),
    re_path(r"^taxonomies/(?P<identifier>[^/]+)/?$", views.taxonomy, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<identifier>[^/]+)/?$", views.taxonomy_term, name="taxonomy_term"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(r"^service_at_locations/(?P<identifier>[^/]+)/?$", views.service_at_location, name="service_at_location"),
    re_path(r"^.*$", views.not_found, name="not_found"),
]
