"""The referrals' fixed vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReferralKind(models.TextChoices):
    """An ordinary referral (shared with consent) or a child-protection notification (on a legal basis)."""

    REFERRAL = "referral", pgettext_lazy("kind", "Referral")
    CHILD_PROTECTION = "child_protection", _("Child-protection notification")


class ReferralStatus(models.TextChoices):
    """Where a referral stands; `transitions.TRANSITIONS` says how it moves."""

    DRAFT = "draft", pgettext_lazy("referral", "Draft")
    SENT = "sent", pgettext_lazy("referral", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral", "Accepted")
    DECLINED = "declined", pgettext_lazy("referral", "Declined")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")
    NOT_COMPLETED = "not_completed", pgettext_lazy("referral", "Not completed")
    CANCELLED = "cancelled", pgettext_lazy("referral", "Cancelled")


class Transition(models.TextChoices):
    """What someone does to a referral."""

    SEND = "send", pgettext_lazy("referral action", "Send")
    ACCEPT = "accept", pgettext_lazy("referral action", "Accept")
    DECLINE = "decline", pgettext_lazy("referral action", "Decline")
    COMPLETE = "complete", pgettext_lazy("referral action", "Completed")
    NOT_COMPLETE = "not_complete", pgettext_lazy("referral action", "Not completed")
    CANCEL = "cancel", pgettext_lazy("referral action", "Cancel")


class Side(models.TextChoices):
    """Which side of a referral may take a transition."""

    SENDER = "sender", _("Sender")
    RECIPIENT = "recipient", _("Recipient")


class LegalBasis(models.TextChoices):
    """A legal basis that lets data reach the child-protection office without the client's consent."""

    CZ_CHILD_PROTECTION_NOTIFICATION = (
        "cz_359_1999_s10_4",
        _("Czech Act No. 359/1999 Coll., on the social and legal protection of children, §10(4): duty to notify"),
    )
    LEGAL_OBLIGATION = "gdpr_6_1_c", _("GDPR Art. 6(1)(c): a legal obligation of the sender")
    VITAL_INTERESTS = "gdpr_6_1_d", _("GDPR Art. 6(1)(d): vital interests of the child")


class NotificationEvent(models.TextChoices):
    """What happened to a referral that someone is told about."""

    SENT = "sent", _("A referral has arrived")
    ACCEPTED = "accepted", _("A referral has been accepted")
    DECLINED = "declined", _("A referral has been declined")
    COMPLETED = "completed", _("A referral has been completed")
    NOT_COMPLETED = "not_completed", _("A referral has ended without completion")
    CANCELLED = "cancelled", _("A referral has been cancelled")
    MESSAGE = "message", _("A new message on a referral")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The client has withdrawn consent")
