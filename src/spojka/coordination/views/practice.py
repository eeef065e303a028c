"""Pages of the good-practice library: the staff's (write, publish, model description) and the public's."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.accounts.access import signed_in_user
from spojka.accounts.models import User
from spojka.coordination import actions_practice as actions
from spojka.coordination.actions_practice import PracticeError
from spojka.coordination.forms_practice import ModelDescriptionForm, PracticeForm
from spojka.coordination.model_description import model_description_pdf
from spojka.coordination.models import GoodPractice, PracticeStatus, PracticeVisibility
from spojka.coordination.queries_practice import (
    all_tags,
    get_practice_for_user,
    get_public_practice,
    practices_for_listing,
    practices_for_model_description,
    public_practices_for_listing,
    tags_in_use,
)
from spojka.geo.queries import top_units
from spojka.network.models import Organization
from spojka.network.queries import organizations_in_network
from spojka.network.rules import active_membership

# --- staff ---------------------------------------------------------------------------------------


@login_required
@permission_required("coordination.view_practice", raise_exception=True)
def practice_list(request: HttpRequest) -> HttpResponse:
    """List the library for staff, internal entries and their own drafts included, with a tag filter."""
    user = signed_in_user(request)
    tag = request.GET.get("tag", "")
    return render(
        request,
        "coordination/practice/staff_list.html",
        {
            "practices": list(practices_for_listing(viewer=user, tag=tag)),
            "tags": list(tags_in_use(public=False)),
            "tag": tag,
            "may_write": user.has_perm("coordination.write_practice"),
            "may_publish": user.has_perm("coordination.publish_practice"),
        },
    )


def _writable_organizations(user: User) -> QuerySet[Organization]:
    """Return the organisations the user may write entries for: any for the coordinator, else their own."""
    if user.has_perm("coordination.publish_practice"):
        return organizations_in_network()
    membership = active_membership(user)
    if membership is None:
        return Organization.objects.none()
    return organizations_in_network().filter(pk=membership.organization_id)


def _practice_form(request: HttpRequest, user: User, practice: GoodPractice | None) -> PracticeForm:
    organizations = _writable_organizations(user)
    initial: dict[str, Any] | None = None
    if practice is None:
        membership = active_membership(user)
        initial = {
            "organization": membership.organization_id if membership else None,
            "visibility": PracticeVisibility.PUBLIC,
        }
    kwargs: dict[str, Any] = {"initial": initial} if initial is not None else {}
    return PracticeForm(request.POST or None, organizations=organizations, tags=all_tags(), practice=practice, **kwargs)


def _save(request: HttpRequest, form: PracticeForm, user: User, practice: GoodPractice | None) -> GoodPractice | None:
    try:
        return actions.save_practice(
            practice=practice,
            organization=form.cleaned_data["organization"],
            texts=form.texts(),
            actors=form.cleaned_data.get("actors", []),
            contacts=form.cleaned_data.get("contacts", ""),
            tags=form.cleaned_data.get("tags", []),
            new_tags=form.new_tag_names(),
            visibility=PracticeVisibility(form.cleaned_data["visibility"]),
            by=user,
        )
    except PracticeError as error:
        form.add_error(None, str(error))
        return None


@login_required
@permission_required("coordination.write_practice", raise_exception=True)
def practice_new(request: HttpRequest) -> HttpResponse:
    """Write a new good-practice entry (it starts as a draft)."""
    user = signed_in_user(request)
    form = _practice_form(request, user, None)
    if request.method == "POST" and form.is_valid():
        practice = _save(request, form, user, None)
        if practice is not None:
            messages.success(request, _("The entry has been saved as a draft."))
            return redirect("coordination:practice", practice_id=practice.pk)
    return render(request, "coordination/practice/form.html", {"form": form, "practice": None})


@login_required
@permission_required("coordination.write_practice", raise_exception=True)
def practice_edit(request: HttpRequest, practice_id: uuid.UUID) -> HttpResponse:
    """Change a good-practice entry of the user's organisation (any, for the coordinator)."""
    user = signed_in_user(request)
    practice = get_practice_for_user(user, practice_id, permission="coordination.write_practice")
    form = _practice_form(request, user, practice)
    if request.method == "POST" and form.is_valid() and _save(request, form, user, practice) is not None:
        messages.success(request, _("The entry has been saved."))
        return redirect("coordination:practice", practice_id=practice.pk)
    return render(request, "coordination/practice/form.html", {"form": form, "practice": practice})


@login_required
@permission_required("coordination.view_practice", raise_exception=True)
def practice_detail(request: HttpRequest, practice_id: uuid.UUID) -> HttpResponse:
    """Show a good-practice entry to staff, with its status and what they may do with it."""
    user = signed_in_user(request)
    practice = get_practice_for_user(user, practice_id)
    return render(
        request,
        "coordination/practice/staff_detail.html",
        {
            "practice": practice,
            "may_write": user.has_perm("coordination.write_practice", practice.organization),
            "may_publish": user.has_perm("coordination.publish_practice"),
            "is_published": practice.status == PracticeStatus.PUBLISHED,
            "fallback_note": _("not translated yet"),
        },
    )


@login_required
@permission_required("coordination.publish_practice", raise_exception=True)
@require_POST
def practice_publish(request: HttpRequest, practice_id: uuid.UUID) -> HttpResponse:
    """Publish an entry, or take it back to a draft (`withdraw=1`)."""
    user = signed_in_user(request)
    practice = get_practice_for_user(user, practice_id, permission="coordination.publish_practice")
    try:
        if request.POST.get("withdraw") == "1":
            actions.withdraw_practice(practice=practice, by=user)
            messages.success(request, _("The entry is a draft again."))
        else:
            actions.publish_practice(practice=practice, by=user)
            messages.success(request, _("The entry has been published."))
    except PracticeError as error:
        messages.error(request, str(error))
    return redirect("coordination:practice", practice_id=practice.pk)


def _region_name() -> str:
    region = top_units().first()
    return region.name if region is not None else _("The region")


@login_required
@permission_required("coordination.publish_practice", raise_exception=True)
def model_description(request: HttpRequest) -> HttpResponse:
    """Choose the language and good practices, and download the model description of the region as a PDF."""
    user = signed_in_user(request)
    published = practices_for_model_description()
    form = ModelDescriptionForm(request.GET or None, practices=published)
    if request.GET and form.is_valid():
        chosen = list(form.cleaned_data["practices"]) or list(published)
        language = form.cleaned_data["language"]
        pdf = model_description_pdf(region=_region_name(), practices=chosen, language=language, viewer=user)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"model-description-{language}-{timezone.localdate().isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "coordination/practice/model_description.html", {"form": form})


# --- public --------------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """List the region's public good practices, with a tag filter and a search; works without JavaScript."""
    tag = request.GET.get("tag", "")
    query = request.GET.get("q", "").strip()[:200]
    practices = public_practices_for_listing(tag=tag, query=query)
    return render(
        request,
        "coordination/practice/public_list.html",
        {
            "practices": practices,
            "tags": list(tags_in_use(public=True)),
            "tag": tag,
            "query": query,
            "fallback_note": _("not translated yet"),
        },
    )


def public_detail(request: HttpRequest, practice_id: uuid.UUID) -> HttpResponse:
    """Show one public good practice."""
    practice = get_public_practice(practice_id)
    return render(
        request,
        "coordination/practice/public_detail.html",
        {"practice": practice, "fallback_note": _("not translated yet")},
    )
