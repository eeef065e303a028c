from django.urls import path

from spojka.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<uuid:task_id>/done/", views.task_done, name="task_done"),
    path("needs/<uuid:need_id>/", views.need_change, name="need_change"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/edit/", views.case_edit, name="edit"),
    path("<uuid:case_id>/needs/", views.need_add, name="need_add"),
    path("<uuid:case_id>/notes/", views.note_add, name="note_add"),
    path("<uuid:case_id>/tasks/", views.task_add, name="task_add"),
    path("<uuid:case_id>/close/", views.case_close, name="close"),
    path("<uuid:case_id>/reopen/", views.case_reopen, name="reopen"),
]
