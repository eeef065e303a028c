from django.urls import path

from spojka.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.index, name="index"),
    path("sites/new/", views.site_edit, name="site_new"),
    path("sites/<uuid:site_id>/", views.site_detail, name="site"),
    path("sites/<uuid:site_id>/edit/", views.site_edit, name="site_edit"),
    path("sites/<uuid:site_id>/stations/new/", views.station_edit, name="station_new"),
    path("sites/<uuid:site_id>/purposes/new/", views.purpose_edit, name="purpose_new"),
    path("purposes/<uuid:purpose_id>/edit/", views.purpose_edit, name="purpose_edit"),
    path("sites/<uuid:site_id>/reception/", views.reception, name="reception"),
    path("sites/<uuid:site_id>/statistics/", views.statistics, name="statistics"),
    # The public display needs no login: a screen in the waiting room shows it, with no names.
    path("sites/<uuid:site_id>/display/", views.display, name="display"),
    path("sites/<uuid:site_id>/display/now/", views.display_now, name="display_now"),
    path("visits/<uuid:visit_id>/", views.visit_detail, name="visit"),
    path("visits/<uuid:visit_id>/ticket/", views.ticket_print, name="ticket"),
    path("stations/<uuid:station_id>/", views.station_queue, name="station"),
    path("stations/<uuid:station_id>/edit/", views.station_edit, name="station_edit"),
    path("stations/<uuid:station_id>/call/", views.call_next, name="call_next"),
    path("stations/<uuid:station_id>/operators/", views.station_operators, name="station_operators"),
    path(
        "stations/<uuid:station_id>/operators/<uuid:membership_id>/remove/",
        views.operator_remove,
        name="operator_remove",
    ),
    path("steps/<uuid:step_id>/served/", views.step_served, name="step_served"),
    path("steps/<uuid:step_id>/no-show/", views.step_no_show, name="step_no_show"),
    path("steps/<uuid:step_id>/transfer/", views.step_transfer, name="step_transfer"),
]
