from django.urls import path

from spojka.network import views

app_name = "network"

urlpatterns = [
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_edit, name="organization_new"),
    path("organizations/<uuid:organization_id>/", views.organization_detail, name="organization"),
    path(
        "organizations/<uuid:organization_id>/edit/",
        views.organization_edit,
        name="organization_edit",
    ),
    path(
        "organizations/<uuid:organization_id>/staff/",
        views.organization_staff,
        name="organization_staff",
    ),
    path("organizations/<uuid:organization_id>/staff/invite/", views.invite, name="invite"),
    path("staff/", views.my_staff, name="staff"),
    path("staff/<uuid:membership_id>/deactivate/", views.deactivate, name="deactivate"),
    path("staff/<uuid:membership_id>/reactivate/", views.reactivate, name="reactivate"),
    path("staff/<uuid:membership_id>/invitation/", views.resend_invitation, name="resend_invitation"),
    path("roles/", views.roles, name="roles"),
]
