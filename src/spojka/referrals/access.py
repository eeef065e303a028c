"""The only door to one referral: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.referrals.models import Referral
from spojka.referrals.queries import referral_for_record, referrals_visible_to


def get_referral_for_user(user: object, referral_id: uuid.UUID) -> Referral:
    """Return a referral the user may see, else raise 404."""
    referral = referral_for_record(referrals_visible_to(user)).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral
