"""Staff pages of regional coordination, under /<language>/app/coordination/."""

from django.urls import URLPattern, URLResolver, path

from spojka.coordination.views import capacity as capacity_views
from spojka.coordination.views import dashboard as dashboard_views
from spojka.coordination.views import index as index_views
from spojka.coordination.views import meetings, practice, tasks
from spojka.coordination.views import network as network_views
from spojka.coordination.views import open_data as open_data_views
from spojka.coordination.views import reports as reports_views
from spojka.coordination.views import rounds as rounds_views

app_name = "coordination"

urlpatterns: list[URLPattern | URLResolver] = [
    # The index of everything below, and the dashboard of the region's figures.
    path("", index_views.index, name="index"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/<slug:figure>.<slug:file_format>", dashboard_views.dashboard_export, name="dashboard_export"),
    # Reporting rounds to municipalities and organisations, and the capacity registry.
    path("rounds/", rounds_views.round_list, name="rounds"),
    path("rounds/new/", rounds_views.round_new, name="round_new"),
    path("rounds/received/", rounds_views.rounds_received, name="rounds_received"),
    path("rounds/history/<slug:key>/", rounds_views.round_history, name="round_history"),
    path("rounds/<uuid:round_id>/", rounds_views.round_detail, name="round"),
    path("rounds/<uuid:round_id>/edit/", rounds_views.round_edit, name="round_edit"),
    path("rounds/<uuid:round_id>/questions/", rounds_views.round_questions, name="round_questions"),
    path("rounds/<uuid:round_id>/publish/", rounds_views.round_publish, name="round_publish"),
    path("rounds/<uuid:round_id>/close/", rounds_views.round_close, name="round_close"),
    path("rounds/<uuid:round_id>/copy/", rounds_views.round_copy, name="round_copy"),
    path("rounds/<uuid:round_id>/remind/", rounds_views.round_remind, name="round_remind"),
    path("rounds/<uuid:round_id>/results/", rounds_views.round_results_page, name="round_results"),
    path("rounds/<uuid:round_id>/results.xlsx", rounds_views.round_export, name="round_export"),
    path("rounds/<uuid:round_id>/answer/", rounds_views.round_answer, name="round_answer"),
    path("capacity/", capacity_views.capacity_registry, name="capacity"),
    path("capacity/new/", capacity_views.capacity_new, name="capacity_new"),
    path("capacity/refresh/", capacity_views.capacity_refresh, name="capacity_refresh"),
    path("capacity/<uuid:figure_id>/remove/", capacity_views.capacity_remove, name="capacity_remove"),
    # Coordination meetings, their action items and an organisation's tasks; the good-practice library.
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<uuid:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<uuid:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:meeting_id>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<uuid:meeting_id>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("meetings/<uuid:meeting_id>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("meetings/<uuid:meeting_id>/action-items/", meetings.action_item_add, name="action_item_add"),
    path("attachments/<uuid:attachment_id>/", meetings.attachment_download, name="attachment"),
    path("attachments/<uuid:attachment_id>/remove/", meetings.attachment_remove, name="attachment_remove"),
    path("action-items/", meetings.action_items, name="action_items"),
    path("action-items/<uuid:item_id>/done/", meetings.action_item_done, name="action_item_done"),
    path("action-items/<uuid:item_id>/cancel/", meetings.action_item_cancel, name="action_item_cancel"),
    path("tasks/", tasks.tasks, name="tasks"),
    path("practice/", practice.practice_list, name="practices"),
    path("practice/new/", practice.practice_new, name="practice_new"),
    path("practice/model-description/", practice.model_description, name="model_description"),
    path("practice/<uuid:practice_id>/", practice.practice_detail, name="practice"),
    path("practice/<uuid:practice_id>/edit/", practice.practice_edit, name="practice_edit"),
    path("practice/<uuid:practice_id>/publish/", practice.practice_publish, name="practice_publish"),
    # The cooperation network, periodic reports and open data.
    path("network/", network_views.network_page, name="network"),
    path("network/download.<slug:file_format>", network_views.network_download, name="network_download"),
    path("reports/", reports_views.reports_page, name="reports"),
    path("open-data/", open_data_views.open_data_page, name="open_data"),
]
