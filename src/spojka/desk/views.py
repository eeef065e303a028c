"""Pages of the one-stop shop: the desk home, reception, station queues, statistics and the public display."""

import uuid
from datetime import date
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from spojka.accounts.access import signed_in_user
from spojka.core.exports import Column, export_response, requested_format
from spojka.desk import actions
from spojka.desk.access import (
    get_public_site,
    get_site_for_reception,
    get_site_for_user,
    get_station_for_manager,
    get_station_for_operator,
    get_step_for_operator,
    get_visit_for_reception,
)
from spojka.desk.actions import DeskError
from spojka.desk.charts import Bar, bar_chart
from spojka.desk.enums import StepStatus
from spojka.desk.forms import (
    AssignOperatorForm,
    ClientSearchForm,
    DayForm,
    PurposeForm,
    SiteForm,
    StationForm,
    TransferForm,
    VisitForm,
)
from spojka.desk.models import Purpose, Site, Station, StationOperator, Step, Visit
from spojka.desk.queries import (
    called_by,
    eligible_operators,
    estimate_wait,
    estimate_waits,
    latest_calls,
    linkable_clients,
    operators_of,
    purposes_of,
    queue_of,
    sites_receiving,
    sites_visible_to,
    stations_of,
    stations_served_by,
    visit_steps,
    visits_of_day,
)
from spojka.desk.statistics import (
    Count,
    StationFigures,
    day_statistics,
    sees_exact_figures,
    suppress_comparison,
    suppress_day,
    weeks_comparison,
)

# The columns of the exported lists. A visit holds no name, so neither does any export.
VISIT_COLUMNS: Final[tuple[Column[Visit], ...]] = (
    Column(gettext_lazy("Ticket"), lambda visit: visit.ticket),
    Column(gettext_lazy("Arrived"), lambda visit: visit.created_at),
    Column(gettext_lazy("Purposes"), lambda visit: ", ".join(purpose.label for purpose in visit.purposes.all())),
    Column(gettext_lazy("Visitor's language"), lambda visit: visit.language),
    Column(gettext_lazy("Party size"), lambda visit: visit.party_size),
    Column(gettext_lazy("Priority"), lambda visit: visit.get_priority_display() if visit.priority else None),
    Column(gettext_lazy("Status"), lambda visit: visit.get_status_display()),
    Column(
        gettext_lazy("Route"),
        lambda visit: " → ".join(step.station.code for step in sorted(visit.steps.all(), key=lambda s: s.position)),
    ),
)

QUEUE_COLUMNS: Final[tuple[Column[Step], ...]] = (
    Column(gettext_lazy("Ticket"), lambda step: step.visit.ticket),
    Column(gettext_lazy("Joined the queue"), lambda step: step.joined_at),
    Column(gettext_lazy("Priority"), lambda step: step.visit.get_priority_display() if step.visit.priority else None),
    Column(gettext_lazy("Visitor's language"), lambda step: step.visit.language),
    Column(gettext_lazy("Party size"), lambda step: step.visit.party_size),
    Column(gettext_lazy("Purposes"), lambda step: ", ".join(purpose.label for purpose in step.visit.purposes.all())),
)

STATION_HOUR_COLUMNS: Final[tuple[Column[StationFigures], ...]] = (
    Column(pgettext_lazy("desk", "Station"), lambda row: f"{row.station.code} {row.station.name}"),
    Column(gettext_lazy("Hour"), lambda row: f"{row.hour:02d}:00" if row.hour is not None else None),
    Column(gettext_lazy("Visitors"), lambda row: row.visitors),
    Column(gettext_lazy("Served"), lambda row: row.served),
    Column(gettext_lazy("Sent on"), lambda row: row.transferred),
    Column(gettext_lazy("No-shows"), lambda row: row.no_shows),
    Column(gettext_lazy("Waiting, median (min)"), lambda row: row.waiting.median),
    Column(gettext_lazy("Waiting, 90th percentile (min)"), lambda row: row.waiting.p90),
    Column(gettext_lazy("Service, median (min)"), lambda row: row.service.median),
    Column(gettext_lazy("Service, 90th percentile (min)"), lambda row: row.service.p90),
)


@login_required
@permission_required("desk.view_desk", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    """List the sites the user takes part in, with their queues, reception, statistics and display."""
    user = signed_in_user(request)
    served = list(stations_served_by(user=user))
    receiving = set(sites_receiving(user=user).values_list("pk", flat=True))
    sites = [
        {
            "site": site,
            "my_stations": [station for station in served if station.site_id == site.pk],
            "may_receive": site.pk in receiving,
        }
        for site in sites_visible_to(user=user)
    ]
    return render(request, "desk/index.html", {"sites": sites})


@login_required
@permission_required("desk.view_desk", raise_exception=True)
def site_detail(request: HttpRequest, site_id: uuid.UUID) -> HttpResponse:
    """Show a site's stations with their queues and waiting-time estimates, and its purposes."""
    user = signed_in_user(request)
    site = get_site_for_user(user, site_id, permission="desk.view_desk")
    stations = list(stations_of(site=site))
    served = set(stations_served_by(user=user).filter(site=site).values_list("pk", flat=True))
    estimates = estimate_waits(stations=stations)
    rows = [
        {"station": station, "estimate": estimates[station.pk], "serves": station.pk in served} for station in stations
    ]
    return render(
        request,
        "desk/site.html",
        {
            "site": site,
            "rows": rows,
            "purposes": purposes_of(site=site),
            "may_receive": sites_receiving(user=user).filter(pk=site.pk).exists(),
        },
    )


@login_required
@permission_required("desk.receive_visitors", raise_exception=True)
def reception(request: HttpRequest, site_id: uuid.UUID) -> HttpResponse:
    """Issue tickets: the visitor's purposes, language, party size and priority; and today's visits."""
    user = signed_in_user(request)
    site = get_site_for_reception(user, site_id)
    visits = visits_of_day(site=site)
    if file_format := requested_format(request):
        return export_response(rows=visits, columns=VISIT_COLUMNS, name="visits", file_format=file_format)
    # The search stays in the query string, so the posted choice is checked against the list shown.
    search = ClientSearchForm(request.GET or None)
    query = search.cleaned_data["client_query"] if search.is_valid() else ""
    may_link = user.has_perm("clients.view_clients")
    clients = linkable_clients(user=user, query=query) if may_link else None
    form = VisitForm(request.POST or None, site=site, purposes=purposes_of(site=site), clients=clients)
    if not may_link:
        del form.fields["client"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.receive_visitor(
                site=site,
                purposes=list(data["purposes"]),
                language=data["language"],
                party_size=data["party_size"],
                priority=data["priority"] or "",
                by=user,
                client=data.get("client"),
            )
        except DeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ticket %(ticket)s has been issued.") % {"ticket": visit.ticket})
            return redirect("desk:visit", visit_id=visit.pk)
    stations = list(stations_of(site=site))
    estimates = estimate_waits(stations=stations)
    return render(
        request,
        "desk/reception.html",
        {
            "site": site,
            "form": form,
            "search": search if may_link else None,
            "visits": visits[:30],
            "estimates": [(station, estimates[station.pk]) for station in stations],
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("desk.receive_visitors", raise_exception=True)
def visit_detail(request: HttpRequest, visit_id: uuid.UUID) -> HttpResponse:
    """Show an issued ticket with its route, where the visitor is now, and the print button."""
    visit = get_visit_for_reception(signed_in_user(request), visit_id)
    return render(request, "desk/visit.html", {"visit": visit, "steps": visit_steps(visit=visit)})


@login_required
@permission_required("desk.receive_visitors", raise_exception=True)
def ticket_print(request: HttpRequest, visit_id: uuid.UUID) -> HttpResponse:
    """Print the ticket on the receipt printer (80 mm), in the visitor's language, with the route."""
    visit = get_visit_for_reception(signed_in_user(request), visit_id)
    steps = list(visit_steps(visit=visit))
    back_url = reverse("desk:visit", kwargs={"visit_id": visit.pk})  # in the receptionist's language
    with translation.override(visit.language):
        return render(
            request,
            "desk/ticket.html",
            {
                "visit": visit,
                "stations": [step.station for step in steps if step.status != StepStatus.CANCELLED],
                "purposes": [purpose.label for purpose in visit.purposes.order_by("position")],
                "estimate": estimate_wait(station=steps[0].station) if steps else None,
                "back_url": back_url,
            },
        )


@login_required
@permission_required("desk.serve_station", raise_exception=True)
def station_queue(request: HttpRequest, station_id: uuid.UUID) -> HttpResponse:
    """The operator's screen: the visitor they called, the station's queue, and the buttons."""
    user = signed_in_user(request)
    station = get_station_for_operator(user, station_id)
    queue = queue_of(station=station)
    if file_format := requested_format(request):
        return export_response(rows=queue, columns=QUEUE_COLUMNS, name="queue", file_format=file_format)
    context: dict[str, Any] = {
        "station": station,
        "queue": queue,
        "estimate": estimate_wait(station=station),
        "now": timezone.now(),
    }
    if request.headers.get("HX-Request") == "true":  # the queue refreshing itself
        return render(request, "desk/includes/queue.html", context)
    current = called_by(station=station, user=user)
    context.update(
        {
            "current": current,
            "transfer_form": TransferForm(station=station) if current else None,
        }
    )
    return render(request, "desk/station.html", context)


@login_required
@require_POST
@permission_required("desk.serve_station", raise_exception=True)
def call_next(request: HttpRequest, station_id: uuid.UUID) -> HttpResponse:
    """Call the next visitor of the station's queue."""
    user = signed_in_user(request)
    station = get_station_for_operator(user, station_id)
    try:
        step = actions.call_next_visitor(station=station, by=user)
    except DeskError as error:
        messages.error(request, str(error))
    else:
        if step is None:
            messages.info(request, _("Nobody is waiting at this station."))
        else:
            messages.success(request, _("Ticket %(ticket)s has been called.") % {"ticket": step.visit.ticket})
    return redirect("desk:station", station_id=station.pk)


@login_required
@require_POST
@permission_required("desk.serve_station", raise_exception=True)
def step_served(request: HttpRequest, step_id: uuid.UUID) -> HttpResponse:
    """Record that the called visitor was served; they go on to the next station of their route."""
    user = signed_in_user(request)
    step = get_step_for_operator(user, step_id)
    try:
        following = actions.mark_served(step=step, by=user)
    except DeskError as error:
        messages.error(request, str(error))
    else:
        if following is None:
            messages.success(request, _("Ticket %(ticket)s has been served.") % {"ticket": step.visit.ticket})
        else:
            messages.success(
                request,
                _("Ticket %(ticket)s has been served and now waits at station %(station)s.")
                % {"ticket": step.visit.ticket, "station": f"{following.station.code} {following.station.name}"},
            )
    return redirect("desk:station", station_id=step.station_id)


@login_required
@require_POST
@permission_required("desk.serve_station", raise_exception=True)
def step_no_show(request: HttpRequest, step_id: uuid.UUID) -> HttpResponse:
    """Record that the called visitor did not come: call once more, then drop them."""
    user = signed_in_user(request)
    step = get_step_for_operator(user, step_id)
    try:
        dropped = actions.mark_no_show(step=step, by=user)
    except DeskError as error:
        messages.error(request, str(error))
    else:
        if dropped:
            messages.success(
                request, _("Ticket %(ticket)s did not come and has been dropped.") % {"ticket": step.visit.ticket}
            )
        else:
            messages.success(request, _("Ticket %(ticket)s has been called once more.") % {"ticket": step.visit.ticket})
    return redirect("desk:station", station_id=step.station_id)


@login_required
@require_POST
@permission_required("desk.serve_station", raise_exception=True)
def step_transfer(request: HttpRequest, step_id: uuid.UUID) -> HttpResponse:
    """Send the called visitor to another station of the site, out of their route."""
    user = signed_in_user(request)
    step = get_step_for_operator(user, step_id)
    form = TransferForm(request.POST, station=step.station)
    if not form.is_valid():
        messages.error(request, _("Choose the station to send the visitor to."))
        return redirect("desk:station", station_id=step.station_id)
    to_station: Station = form.cleaned_data["to_station"]
    try:
        actions.transfer_visitor(step=step, to_station=to_station, by=user)
    except DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Ticket %(ticket)s now waits at station %(station)s.")
            % {"ticket": step.visit.ticket, "station": f"{to_station.code} {to_station.name}"},
        )
    return redirect("desk:station", station_id=step.station_id)


def _day_from(request: HttpRequest) -> tuple[DayForm, date]:
    form = DayForm(request.GET or None, initial={"day": timezone.localdate()})
    if request.GET.get("day") and form.is_valid():
        return form, form.cleaned_data["day"]
    return form, timezone.localdate()


@login_required
@permission_required("desk.view_statistics", raise_exception=True)
def statistics(request: HttpRequest, site_id: uuid.UUID) -> HttpResponse:
    """Show a day's figures of the site with charts and tables, compared with previous weeks; or download them."""
    user = signed_in_user(request)
    site = get_site_for_user(user, site_id, permission="desk.view_statistics")
    form, day = _day_from(request)
    exact = sees_exact_figures(user=user, site=site)
    figures = day_statistics(site=site, day=day)
    if not exact:
        figures = suppress_day(figures)
    if file_format := requested_format(request):
        return export_response(
            rows=[*figures.per_station, *figures.per_station_hour],
            columns=STATION_HOUR_COLUMNS,
            name=f"desk-statistics-{day.isoformat()}",
            file_format=file_format,
        )
    comparison = weeks_comparison(site=site, day=day)
    if not exact:
        comparison = suppress_comparison(comparison)
    charts = {
        "stations": bar_chart(
            title=_("Visitors per station"),
            description=_("How many visitors each station's queue had on %(day)s.") % {"day": day.isoformat()},
            bars=[_count_bar(f"{row.station.code} {row.station.name}", row.visitors) for row in figures.per_station],
        ),
        "waiting": bar_chart(
            title=_("Median waiting time per station (minutes)"),
            description=_("Half of the visitors waited at most this long at each station."),
            bars=[
                Bar(
                    f"{row.station.code} {row.station.name}",
                    row.waiting.median or 0,
                    text="" if row.waiting.median is not None else "–",  # noqa: RUF001  # an en dash
                )
                for row in figures.per_station
            ],
        ),
        "weeks": bar_chart(
            title=_("Visits on the same weekday of previous weeks"),
            description=_("Visits on %(day)s and on the same weekday of the four weeks before.")
            % {"day": day.isoformat()},
            bars=[_count_bar(summary.day.isoformat(), summary.visits) for summary in comparison],
        ),
    }
    if figures.per_purpose:
        charts["purposes"] = bar_chart(
            title=_("Visits per purpose"),
            description=_("How many visits came for each purpose; a visit may have several."),
            bars=[_count_bar(purpose.label, count) for purpose, count in figures.per_purpose],
        )
    return render(
        request,
        "desk/statistics.html",
        {
            "site": site,
            "form": form,
            "day": day,
            "figures": figures,
            "comparison": comparison,
            "charts": charts,
            "suppressed": not exact,
        },
    )


def _count_bar(label: str, count: Count) -> Bar:
    """Return a chart's bar for a count; a suppressed one has no length and says "<5"."""
    if isinstance(count, str):
        return Bar(label, 0, text=count)
    return Bar(label, count)


@never_cache
@require_GET
def display(request: HttpRequest, site_id: uuid.UUID) -> HttpResponse:
    """The public display for the waiting room's screen: called tickets and their stations, no names."""
    site = get_public_site(site_id)
    return render(request, "desk/display.html", _display_context(site))


@never_cache
@require_GET
def display_now(request: HttpRequest, site_id: uuid.UUID) -> HttpResponse:
    """The part of the public display that htmx fetches every second."""
    site = get_public_site(site_id)
    return render(request, "desk/includes/display_calls.html", _display_context(site))


def _display_context(site: Site) -> dict[str, Any]:
    languages = list(site.languages) or ["cs"]
    texts = []
    for code in languages:
        with translation.override(code):
            texts.append(
                {
                    "code": code,
                    "title": _("Called tickets"),
                    "ticket": _("Ticket"),
                    "station": pgettext("desk", "Station"),
                    "nobody": _("Please wait until your ticket number appears here."),
                }
            )
    steps = latest_calls(site=site)
    calls = [
        {"step": step, "names": [{"code": code, "name": step.station.name_in(code)} for code in languages]}
        for step in steps
    ]
    # Changes with every new call or recall: the display's script chimes when it does.
    latest_key = ""
    if steps and (announced := steps[0].announced_at):
        latest_key = f"{steps[0].pk}:{announced.timestamp()}"
    return {"site": site, "texts": texts, "calls": calls, "latest_key": latest_key, "primary": languages[0]}


# Operators of a station.


@login_required
@permission_required("desk.manage_operators", raise_exception=True)
def station_operators(request: HttpRequest, station_id: uuid.UUID) -> HttpResponse:
    """List who serves the station, and let the manager assign another desk operator."""
    user = signed_in_user(request)
    station = get_station_for_manager(user, station_id)
    assigned = operators_of(station=station)
    candidates = eligible_operators(station=station).exclude(pk__in=assigned.values("membership_id"))
    form = AssignOperatorForm(request.POST or None, memberships=candidates)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        try:
            actions.assign_operator(station=station, membership=membership, by=user)
        except DeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(name)s now serves this station.") % {"name": membership.user.get_full_name()}
            )
            return redirect("desk:station_operators", station_id=station.pk)
    return render(request, "desk/operators.html", {"station": station, "assigned": assigned, "form": form})


@login_required
@require_POST
@permission_required("desk.manage_operators", raise_exception=True)
def operator_remove(request: HttpRequest, station_id: uuid.UUID, membership_id: uuid.UUID) -> HttpResponse:
    """Stop a desk operator serving the station."""
    user = signed_in_user(request)
    station = get_station_for_manager(user, station_id)
    assignment = (
        StationOperator.objects.select_related("membership__user")
        .filter(station=station, membership_id=membership_id)
        .first()
    )
    if assignment is None:
        raise Http404
    actions.unassign_operator(assignment=assignment, by=user)
    messages.success(
        request, _("%(name)s no longer serves this station.") % {"name": assignment.membership.user.get_full_name()}
    )
    return redirect("desk:station_operators", station_id=station.pk)


# Sites and stations.


@login_required
@permission_required("desk.manage_sites", raise_exception=True)
def site_edit(request: HttpRequest, site_id: uuid.UUID | None = None) -> HttpResponse:
    """Set up a one-stop-shop site, or correct one."""
    user = signed_in_user(request)
    site = get_site_for_user(user, site_id, permission="desk.manage_sites") if site_id else Site()
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_site(site=form.save(commit=False), by=user)
        messages.success(request, _("The site has been saved."))
        return redirect("desk:site", site_id=saved.pk)
    return render(request, "desk/site_form.html", {"form": form, "site": site}, status=400 if form.errors else 200)


@login_required
@permission_required("desk.manage_sites", raise_exception=True)
def station_edit(
    request: HttpRequest, site_id: uuid.UUID | None = None, station_id: uuid.UUID | None = None
) -> HttpResponse:
    """Add a station to a site, or correct one: who runs it, its name, kind and opening hours."""
    user = signed_in_user(request)
    if station_id:
        station = Station.objects.select_related("site").filter(pk=station_id).first()
        if station is None:
            raise Http404
        site = get_site_for_user(user, station.site_id, permission="desk.manage_sites")
    else:
        site = get_site_for_user(user, site_id, permission="desk.manage_sites")  # type: ignore[arg-type]  # the URL has it
        station = Station(site=site)
    form = StationForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.save_station(
            station=form.save(commit=False),
            labels=form.labels(),
            open_days=data["open_days"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            by=user,
        )
        messages.success(request, _("The station has been saved."))
        return redirect("desk:site", site_id=site.pk)
    return render(
        request,
        "desk/station_form.html",
        {"form": form, "site": site, "station": station},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("desk.manage_sites", raise_exception=True)
def purpose_edit(
    request: HttpRequest, site_id: uuid.UUID | None = None, purpose_id: uuid.UUID | None = None
) -> HttpResponse:
    """Add a purpose of visits to a site, or correct one: its name in each language and its route."""
    user = signed_in_user(request)
    if purpose_id:
        purpose = Purpose.objects.filter(pk=purpose_id).first()
        if purpose is None:
            raise Http404
        site = get_site_for_user(user, purpose.site_id, permission="desk.manage_sites")
    else:
        site = get_site_for_user(user, site_id, permission="desk.manage_sites")  # type: ignore[arg-type]  # the URL has it
        purpose = Purpose(site=site)
    form = PurposeForm(request.POST or None, instance=purpose, site=site)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_purpose(purpose=form.save(commit=False), labels=form.labels(), route=form.route(), by=user)
        except DeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The purpose has been saved."))
            return redirect("desk:site", site_id=site.pk)
    return render(
        request,
        "desk/purpose_form.html",
        {"form": form, "site": site, "purpose": purpose},
        status=400 if form.errors else 200,
    )
