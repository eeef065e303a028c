from django.urls import path

from spojka.geo import views

app_name = "geo"

urlpatterns = [
    path("", views.units, name="units"),
    path("units/<uuid:unit_id>/", views.unit, name="unit"),
    path("packs/", views.packs, name="packs"),
]
