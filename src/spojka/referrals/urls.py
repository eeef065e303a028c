from django.urls import path

from spojka.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("sent/", views.sent, name="sent"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/unread/", views.unread, name="unread"),
    path("new/<uuid:case_id>/", views.referral_new, name="new"),
    path("child-protection/new/<uuid:case_id>/", views.child_protection_new, name="child_protection_new"),
    path("<uuid:referral_id>/", views.referral_detail, name="detail"),
    path("<uuid:referral_id>/messages/", views.message_add, name="message_add"),
    path("<uuid:referral_id>/send/", views.send, name="send"),
    path("<uuid:referral_id>/cancel/", views.cancel, name="cancel"),
    path("<uuid:referral_id>/accept/", views.accept, name="accept"),
    path("<uuid:referral_id>/decline/", views.decline, name="decline"),
    path("<uuid:referral_id>/complete/", views.complete, name="complete"),
    path("<uuid:referral_id>/not-completed/", views.not_complete, name="not_complete"),
    path("<uuid:referral_id>/confirm-receipt/", views.confirm_receipt, name="confirm_receipt"),
    path("<uuid:referral_id>/close-notification/", views.close_notification, name="close_notification"),
]
