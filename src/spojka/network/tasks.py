"""Background work of the network app: thin, takes ids, safe to run twice."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from spojka.network.models import Membership


@task()
def send_invitation(membership_id: str) -> None:
    """E-mail an invited person, in their language, a link to set their password."""
    membership = (
        Membership.objects.select_related("user", "organization", "invited_by")
        .filter(pk=membership_id, is_active=True)
        .first()
    )
    if membership is None:
        return
    user = membership.user
    with translation.override(user.preferred_language):
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {"membership": membership, "user": user, "link": f"{settings.SITE_URL}{path}"}
        subject = render_to_string("network/email/invitation_subject.txt", context).strip()
        body = render_to_string("network/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
