"""Staff pages of identity matching, under /<language>/app/linkage/."""

from django.urls import URLPattern, URLResolver, path

from spojka.linkage import views

app_name = "linkage"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("candidates/", views.candidates, name="candidates"),
    path("pairs/<uuid:pair_id>/", views.pair_detail, name="pair"),
    path("pairs/<uuid:pair_id>/merge/", views.pair_merge, name="pair_merge"),
    path("pairs/<uuid:pair_id>/keep-apart/", views.pair_keep_apart, name="pair_keep_apart"),
    path("pairs/<uuid:pair_id>/skip/", views.pair_skip, name="pair_skip"),
    path("pairs/<uuid:pair_id>/undo/", views.pair_undo, name="pair_undo"),
    path("persons/<uuid:person_id>/", views.person_detail, name="person"),
    path("records/<uuid:client_id>/detach/", views.record_detach, name="record_detach"),
    path("file/", views.match_file, name="match_file"),
]
