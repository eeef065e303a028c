"""Public pages of the good-practice library, under /<language>/practice/."""

from django.urls import URLPattern, URLResolver, path

from spojka.coordination.views import practice

app_name = "practice"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", practice.public_list, name="list"),
    path("<uuid:practice_id>/", practice.public_detail, name="detail"),
]
