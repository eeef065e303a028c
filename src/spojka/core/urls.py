from django.urls import path

from spojka.core import views

app_name = "core"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("membership/", views.switch_membership, name="switch_membership"),
]
