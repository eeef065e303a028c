"""A round's results as an XLSX workbook: every answer in long format, the summaries, the recipients."""

import tablib
from django.utils.text import slugify
from django.utils.translation import gettext as _

from spojka.coordination.enums_rounds import QuestionKind
from spojka.coordination.models import ReportingRound
from spojka.coordination.queries_rounds import recipients_of, round_results
from spojka.core.exports import render_cell


def _sheet(title: str, headers: list[str]) -> tablib.Dataset:
    # Excel allows 31 characters in a sheet's name.
    return tablib.Dataset(headers=[str(render_cell(header)) for header in headers], title=title[:31])


def results_workbook(*, reporting_round: ReportingRound) -> tablib.Databook:
    """Return the workbook of a round's submitted answers, summed up by district and region."""
    results = round_results(reporting_round=reporting_round)
    answers = _sheet(
        _("Answers"),
        [
            _("Question key"),
            _("Question"),
            _("Organisation"),
            _("Municipality"),
            _("District"),
            _("Region"),
            _("Number"),
            _("Text"),
        ],
    )
    summary = _sheet(
        _("Summary"),
        [
            _("Question key"),
            _("Question"),
            _("Level"),
            _("Area"),
            _("Option"),
            _("Answers"),
            _("Sum"),
            _("Mean"),
            _("Median"),
        ],
    )
    for result in results:
        question = result.question
        for answer in result.answers:
            answers.append(
                [
                    render_cell(question.key),
                    render_cell(question.label),
                    render_cell(answer.organization),
                    render_cell(answer.municipality),
                    render_cell(answer.area.district),
                    render_cell(answer.area.region),
                    render_cell(answer.number),
                    render_cell(answer.text),
                ]
            )
        for level, rows in ((_("Region"), result.regions), (_("District"), result.districts)):
            for row in rows:
                if question.is_numeric:
                    summary.append(
                        [
                            render_cell(question.key),
                            render_cell(question.label),
                            level,
                            render_cell(row.area),
                            "",
                            row.count,
                            row.total,
                            row.mean,
                            row.median,
                        ]
                    )
                elif question.kind == QuestionKind.CHOICE:
                    for option, count in zip(result.options, row.counts, strict=True):
                        summary.append(
                            [
                                render_cell(question.key),
                                render_cell(question.label),
                                level,
                                render_cell(row.area),
                                render_cell(option),
                                count,
                                "",
                                "",
                                "",
                            ]
                        )
    recipients = _sheet(
        _("Recipients"), [_("Organisation"), _("Status"), _("Submitted"), _("Last reminded"), _("Reminders")]
    )
    for recipient in recipients_of(reporting_round=reporting_round):
        recipients.append(
            [
                render_cell(recipient.organization.display_name),
                render_cell(recipient.get_status_display()),
                render_cell(recipient.submitted_at),
                render_cell(recipient.reminded_at),
                recipient.reminder_count,
            ]
        )
    book = tablib.Databook()
    book.add_sheet(summary)
    book.add_sheet(answers)
    book.add_sheet(recipients)
    return book


def workbook_name(reporting_round: ReportingRound) -> str:
    """Return an ASCII name for the round's download."""
    return slugify(reporting_round.title) or "round"
