"""The staff side of the directory, under /<language>/app/directory/."""

from django.urls import URLPattern, URLResolver, path

from spojka.directory.views import imports, staff

app_name = "directory"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.services, name="services"),
    path("ours/", staff.my_services, name="my_services"),
    path("review/", staff.review, name="review"),
    path("review/<uuid:organization_id>/", staff.review_organization, name="review_organization"),
    path("services/new/", staff.service_edit, name="service_new"),
    path("services/<uuid:service_id>/", staff.service_detail, name="service"),
    path("services/<uuid:service_id>/edit/", staff.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/withdraw/", staff.service_withdraw, name="service_withdraw"),
    path("services/<uuid:service_id>/reviewed/", staff.service_reviewed, name="service_reviewed"),
    path("services/<uuid:service_id>/hours/", staff.service_hours, name="service_hours"),
    path("services/<uuid:service_id>/capacity/", staff.capacity_add, name="capacity_add"),
    path("services/<uuid:service_id>/phones/", staff.phone_add, name="phone_add"),
    path("services/<uuid:service_id>/contacts/", staff.contact_add, name="contact_add"),
    path("capacity/<uuid:capacity_id>/", staff.capacity_update, name="capacity_update"),
    path("capacity/<uuid:capacity_id>/remove/", staff.capacity_remove, name="capacity_remove"),
    path("hours/<uuid:schedule_id>/remove/", staff.exception_remove, name="exception_remove"),
    path("phones/<uuid:phone_id>/remove/", staff.phone_remove, name="phone_remove"),
    path("contacts/<uuid:contact_id>/remove/", staff.contact_remove, name="contact_remove"),
    path("locations/", staff.locations, name="locations"),
    path("locations/new/", staff.location_edit, name="location_new"),
    path("locations/<uuid:location_id>/edit/", staff.location_edit, name="location_edit"),
    path("locations/<uuid:location_id>/hours/", staff.location_hours, name="location_hours"),
    path("taxonomy/", staff.taxonomy, name="taxonomy"),
    path("taxonomy/<uuid:term_id>/", staff.taxonomy_term_edit, name="taxonomy_term_edit"),
    path("import/", imports.upload, name="import"),
    path("import/confirm/", imports.confirm, name="import_confirm"),
]
