"""Background work of referrals: thin, takes ids, safe to run twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from spojka.referrals.models import Notification


@task()
def send_notification_email(notification_id: str) -> None:
    """E-mail one notification to its person, in their preferred language; once only.

    The e-mail names the service and the organisations, never the client: the link leads to
    the workspace, where the access rules apply.
    """
    notification = (
        Notification.objects.select_related(
            "user", "referral", "referral__service", "referral__sender_organization", "referral__recipient_organization"
        )
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.user.is_active:
        return
    user = notification.user
    with translation.override(user.preferred_language):
        path = reverse("referrals:detail", kwargs={"referral_id": notification.referral_id})
        context = {
            "notification": notification,
            "referral": notification.referral,
            "event": notification.get_event_display(),
            "user": user,
            "link": f"{settings.SITE_URL}{path}",
        }
        subject = render_to_string("referrals/email/notification_subject.txt", context).strip()
        body = render_to_string("referrals/email/notification.txt", context)
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if claimed:
        send_mail(subject, body, None, [user.email])
