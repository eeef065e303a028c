"""Background work of coordination: thin, takes ids, safe to run twice."""

from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from spojka.coordination.enums_rounds import RecipientStatus, RoundStatus
from spojka.coordination.models import RoundRecipient
from spojka.coordination.queries_rounds import contacts_of


class EmailKind(StrEnum):
    """Which e-mail about a round a recipient gets."""

    INVITATION = "invitation"
    REMINDER = "reminder"


def _claim(recipient: RoundRecipient, kind: str) -> bool:
    """Mark the e-mail as sent, once: of two runs of the same task only the first sends."""
    rows = RoundRecipient.objects.filter(pk=recipient.pk)
    if kind == EmailKind.INVITATION:
        return bool(rows.filter(invited_at__isnull=True).update(invited_at=timezone.now()))
    if recipient.reminded_at is None or recipient.status == RecipientStatus.SUBMITTED:
        return False
    return bool(
        rows.filter(reminded_at=recipient.reminded_at)
        .exclude(reminder_emailed_at=recipient.reminded_at)
        .exclude(status=RecipientStatus.SUBMITTED)
        .update(reminder_emailed_at=recipient.reminded_at)
    )


@task()
def send_round_email(recipient_id: str, kind: str) -> None:
    """E-mail an organisation's contacts about a round (invitation or reminder), each in their language."""
    recipient = (
        RoundRecipient.objects.select_related("round", "organization")
        .filter(pk=recipient_id, round__status=RoundStatus.PUBLISHED)
        .first()
    )
    if recipient is None or not _claim(recipient, kind):
        return
    for user in contacts_of(organization_id=recipient.organization_id):
        with translation.override(user.preferred_language):
            path = reverse("coordination:round_answer", kwargs={"round_id": recipient.round_id})
            context = {
                "user": user,
                "round": recipient.round,
                "organization": recipient.organization,
                "reminder": kind == EmailKind.REMINDER,
                "deadline": timezone.localtime(recipient.round.deadline),
                "link": f"{settings.SITE_URL}{path}",
            }
            subject = render_to_string("coordination/rounds/email/round_subject.txt", context).strip()
            body = render_to_string("coordination/rounds/email/round.txt", context)
        send_mail(subject, body, None, [user.email])
