"""The only doors to one candidate pair and one person: "not found" for missing and forbidden alike."""

import uuid

from django.http import Http404

from spojka.linkage.models import CandidatePair, Person
from spojka.linkage.queries import PersonView, pairs_visible_to, person_for


def get_pair_for_user(user: object, pair_id: uuid.UUID) -> CandidatePair:
    """Return a candidate pair the user may review (both records their organisation's), else raise 404."""
    pair = (
        pairs_visible_to(user)
        .select_related(
            "client_a__residence_status",
            "client_a__municipality",
            "client_b__residence_status",
            "client_b__municipality",
            "decided_by",
            "run",
        )
        .filter(pk=pair_id)
        .first()
    )
    if pair is None:
        raise Http404
    return pair


def get_person_for_user(user: object, person_id: uuid.UUID) -> PersonView:
    """Return what the user may see of a person (at least one of its records), else raise 404."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    view = person_for(viewer=user, person=person)
    if not view.records:
        raise Http404
    return view
