from django.urls import path

from spojka.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("new/", views.client_new, name="new"),
    path("expiring/", views.expiring, name="expiring"),
    path("<uuid:client_id>/", views.client_detail, name="detail"),
    path("<uuid:client_id>/edit/", views.client_edit, name="edit"),
    path("<uuid:client_id>/household/", views.household, name="household"),
    path("<uuid:client_id>/household/leave/", views.household_leave, name="household_leave"),
    path("<uuid:client_id>/consents/new/", views.consent_new, name="consent_new"),
    path("<uuid:client_id>/reminder/", views.reminder, name="reminder"),
    path("<uuid:client_id>/data/", views.data_export, name="data_export"),
    path("<uuid:client_id>/data.json", views.data_export_json, name="data_export_json"),
    path("<uuid:client_id>/erase/", views.erase, name="erase"),
    path("consents/<uuid:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<uuid:consent_id>/print/", views.consent_print, name="consent_print"),
]
