"""Reporting rounds' pages: the coordinator defines, sends, follows and sums up; organisations answer."""

import uuid
from typing import Any, cast

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.coordination import actions_rounds as actions
from spojka.coordination.actions_rounds import RoundError
from spojka.coordination.enums_rounds import QuestionKind, RecipientStatus, RoundStatus
from spojka.coordination.exports_rounds import results_workbook
from spojka.coordination.forms_rounds import AnswerForm, BaseQuestionFormSet, QuestionForm, QuestionFormSet, RoundForm
from spojka.coordination.queries_rounds import (
    area_of,
    current_values,
    get_recipient_for_user,
    get_round_for_coordinator,
    keys_with_history,
    question_history,
    questions_of,
    recipients_of,
    revisions_of,
    round_results,
    rounds_for_coordinator,
    rounds_for_organization,
    status_counts,
)
from spojka.core.exports import CONTENT_TYPES, ExportFormat, export_filename
from spojka.network.rules import active_membership


def _round_data(form: RoundForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "instructions": data["instructions"],
        "deadline": data["deadline"],
        "recipient_rule": data["recipient_rule"],
        "district": data.get("district"),
        "sector": data.get("sector") or "",
        "organizations": list(data.get("organizations") or []),
    }


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_list(request: HttpRequest) -> HttpResponse:
    """List every reporting round with how many recipients submitted."""
    return render(request, "coordination/rounds/list.html", {"rounds": list(rounds_for_coordinator())})


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_new(request: HttpRequest) -> HttpResponse:
    """Start a round as a draft; the questions come next."""
    user = signed_in_user(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = actions.create_round(**_round_data(form), by=user)
        except RoundError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The round is saved as a draft. Now add its questions."))
            return redirect("coordination:round_questions", round_id=reporting_round.pk)
    return render(request, "coordination/rounds/form.html", {"form": form, "reporting_round": None})


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_edit(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Change a round's texts and deadline, and its recipients while it is a draft."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    if reporting_round.status == RoundStatus.CLOSED:
        messages.error(request, _("The round is closed and cannot be changed."))
        return redirect("coordination:round", round_id=reporting_round.pk)
    form = RoundForm(
        request.POST or None, initial=RoundForm.initial_for(reporting_round), reporting_round=reporting_round
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_round(reporting_round=reporting_round, **_round_data(form), by=user)
        except RoundError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The round has been saved."))
            return redirect("coordination:round", round_id=reporting_round.pk)
    return render(request, "coordination/rounds/form.html", {"form": form, "reporting_round": reporting_round})


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_questions(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Edit the questions of a draft round; all are checked together and saved together, or none."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    if reporting_round.status != RoundStatus.DRAFT:
        messages.error(request, _("The questions of a published round cannot change."))
        return redirect("coordination:round", round_id=reporting_round.pk)
    initial = [QuestionForm.initial_for(question) for question in questions_of(reporting_round=reporting_round)]
    formset = cast(BaseQuestionFormSet, QuestionFormSet(request.POST or None, initial=initial, prefix="questions"))
    if request.method == "POST" and formset.is_valid():
        try:
            actions.set_questions(reporting_round=reporting_round, questions=formset.specs(), by=user)
        except (RoundError, ValidationError) as error:
            formset.refuse(error.messages if isinstance(error, ValidationError) else [str(error)])
        else:
            messages.success(request, _("The questions have been saved."))
            if request.POST.get("action") == "more":
                return redirect("coordination:round_questions", round_id=reporting_round.pk)
            return redirect("coordination:round", round_id=reporting_round.pk)
    return render(
        request,
        "coordination/rounds/questions.html",
        {"formset": formset, "reporting_round": reporting_round, "kinds": QuestionKind},
    )


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_detail(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Show a round: its questions, who it went to and how far each got, and what can be done next."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    recipients = list(recipients_of(reporting_round=reporting_round))
    counts = status_counts(reporting_round=reporting_round)
    return render(
        request,
        "coordination/rounds/detail.html",
        {
            "reporting_round": reporting_round,
            "questions": list(questions_of(reporting_round=reporting_round)),
            "recipients": recipients,
            "counts": counts,
            "awaiting": len(recipients) - counts[RecipientStatus.SUBMITTED],
            "statuses": RecipientStatus,
            "round_statuses": RoundStatus,
        },
    )


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
@require_POST
def round_publish(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Publish a draft round: its recipients get an e-mail and a task."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    try:
        count = actions.publish_round(reporting_round=reporting_round, by=user)
    except RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "The round has been sent to %(count)d organisation.",
                "The round has been sent to %(count)d organisations.",
                count,
            )
            % {"count": count},
        )
    return redirect("coordination:round", round_id=reporting_round.pk)


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
@require_POST
def round_close(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Close an open round: answers can no longer change."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    try:
        actions.close_round(reporting_round=reporting_round, by=user)
    except RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The round has been closed."))
    return redirect("coordination:round", round_id=reporting_round.pk)


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
@require_POST
def round_copy(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Start a new draft round from this one: the same questions and recipients, a new deadline."""
    user = signed_in_user(request)
    source = get_round_for_coordinator(user, round_id)
    copy = actions.copy_round(source=source, by=user)
    messages.success(request, _("A copy of the round is ready as a draft; check its title and deadline."))
    return redirect("coordination:round_edit", round_id=copy.pk)


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
@require_POST
def round_remind(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """E-mail a reminder to every recipient that has not submitted (once a day at most)."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    try:
        reminded = actions.remind_unanswered(reporting_round=reporting_round, by=user)
    except RoundError as error:
        messages.error(request, str(error))
    else:
        text = ngettext(
            "A reminder has been sent to %(count)d organisation.",
            "A reminder has been sent to %(count)d organisations.",
            reminded.reminded,
        ) % {"count": reminded.reminded}
        if reminded.recently_reminded:
            text += " " + ngettext(
                "%(count)d organisation reminded in the last 24 hours was left out.",
                "%(count)d organisations reminded in the last 24 hours were left out.",
                reminded.recently_reminded,
            ) % {"count": reminded.recently_reminded}
        messages.success(request, text)
    return redirect("coordination:round", round_id=reporting_round.pk)


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_results_page(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Show the submitted answers summed up by district and region, question by question."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    counts = status_counts(reporting_round=reporting_round)
    return render(
        request,
        "coordination/rounds/results.html",
        {
            "reporting_round": reporting_round,
            "results": round_results(reporting_round=reporting_round),
            "submitted": counts[RecipientStatus.SUBMITTED],
            "recipients": sum(counts.values()),
            "with_history": keys_with_history(reporting_round=reporting_round),
        },
    )


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_export(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Download the round's answers (long format), the summaries and the recipients as an XLSX workbook."""
    user = signed_in_user(request)
    reporting_round = get_round_for_coordinator(user, round_id)
    book: tablib.Databook = results_workbook(reporting_round=reporting_round)
    response = HttpResponse(book.export("xlsx"), content_type=CONTENT_TYPES[ExportFormat.XLSX])
    name = export_filename(name=f"round-{str(reporting_round.pk)[:8]}", file_format=ExportFormat.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    add_never_cache_headers(response)
    return response


@login_required
@permission_required("coordination.manage_rounds", raise_exception=True)
def round_history(request: HttpRequest, key: str) -> HttpResponse:
    """Show one question key across the rounds that asked it: a series over time."""
    points = question_history(key=key)
    if not points:
        raise Http404
    options = sorted({option for point in points for option in point.counts})
    return render(
        request,
        "coordination/rounds/history.html",
        {"key": key, "points": points, "options": options, "numeric": any(p.total is not None for p in points)},
    )


# The recipient's side.


@login_required
@permission_required("coordination.answer_rounds", raise_exception=True)
def rounds_received(request: HttpRequest) -> HttpResponse:
    """List the rounds sent to the user's organisation, with how far its answer got."""
    membership = active_membership(signed_in_user(request))
    if membership is None:
        raise Http404
    received = list(rounds_for_organization(organization=membership.organization))
    return render(request, "coordination/rounds/received.html", {"received": received})


@login_required
@permission_required("coordination.answer_rounds", raise_exception=True)
def round_answer(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """Answer a round for the organisation: save a draft, submit, correct until the deadline."""
    user = signed_in_user(request)
    recipient = get_recipient_for_user(user, round_id)
    reporting_round = recipient.round
    questions = list(questions_of(reporting_round=reporting_round))
    area = area_of(organization=recipient.organization)
    submit = request.POST.get("action") == "submit"
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions, area=area, submit=submit)
        if not reporting_round.accepts_answers:
            # Nothing changes; what was typed stays in the form so that it is not lost.
            form.is_valid()
            form.add_error(None, _("The deadline has passed; answers can no longer be changed."))
        elif form.is_valid():
            try:
                actions.save_answer(recipient=recipient, answers=form.answers(), submit=submit, by=user)
            except RoundError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("The answer has been submitted. You can correct it until the deadline.")
                    if submit
                    else _("The draft has been saved. Submit it when it is complete."),
                )
                return redirect("coordination:round_answer", round_id=reporting_round.pk)
    else:
        if recipient.opened_at is None:
            actions.record_round_opened(recipient=recipient, by=user)
            recipient.refresh_from_db(fields=["status", "opened_at"])
        form = AnswerForm(initial=current_values(recipient=recipient), questions=questions, area=area)
    response = render(
        request,
        "coordination/rounds/answer.html",
        {
            "recipient": recipient,
            "reporting_round": reporting_round,
            "form": form,
            "sections": form.sections(),
            "area": area,
            "revisions": list(revisions_of(recipient=recipient)[:10]),
            "statuses": RecipientStatus,
        },
    )
    return response
