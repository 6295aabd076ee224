"""The statistics as a workbook, through the shared writer: a row per period and a Total row, then what each
column counts."""

from core.printing import Printed
from core.spreadsheets import Column, Sheet, write_workbook
from foi.choices import Exemption, Outcome
from foi.statistics import FOIStatistics, PeriodFigures

DEFINITIONS = [
    ("Received", "Requests received in the period."),
    ("Answered", "Requests whose first response was issued in the period."),
    (
        "Answered in time",
        "Of those, answered on or before the deadline: the extended deadline where the deadline was extended for the "
        "public interest test (FOIA s.10(3)).",
    ),
    ("In time (%)", "Answered in time as a share of those answered, to one decimal place; empty when none were."),
    ("Extended", "Requests answered in the period whose deadline had been extended."),
    (
        "Open and overdue",
        "On the period's last day (or today, if earlier): requests received and not yet answered or withdrawn whose "
        "deadline had passed. The Total row counts them on the last day of the range.",
    ),
    ("Outcomes", "The outcome of the first response of each request answered in the period."),
    ("Exemptions", "Requests answered in the period whose first response cited the exemption, once per request."),
    ("Reviews requested", "Internal reviews asked for in the period."),
    ("Reviews overturned", "Internal reviews decided in the period that overturned the answer in whole or in part."),
]


def statistics_title(statistics: FOIStatistics) -> str:
    return (
        f"FOI statistics, {statistics.date_from.day} {statistics.date_from:%B %Y} "
        f"to {statistics.date_to.day} {statistics.date_to:%B %Y}"
    )


def statistics_filename(statistics: FOIStatistics) -> str:
    return f"foi-statistics-{statistics.date_from.isoformat()}-to-{statistics.date_to.isoformat()}.xlsx"


def _row(statistics: FOIStatistics, figure: PeriodFigures) -> list:
    return [
        figure.label,
        figure.start,
        figure.end,
        figure.received,
        figure.answered,
        figure.answered_in_time,
        figure.in_time_percent,
        figure.extended,
        figure.open_overdue,
        *(figure.outcomes[outcome] for outcome in statistics.outcome_choices),
        figure.outcome_not_recorded,
        *(figure.exemptions[exemption] for exemption in statistics.exemption_choices),
        figure.reviews_requested,
        figure.reviews_overturned,
    ]


def statistics_workbook(statistics: FOIStatistics) -> bytes:
    headings = [
        "Period",
        "From",
        "To",
        "Received",
        "Answered",
        "Answered in time",
        "In time (%)",
        "Extended",
        "Open and overdue",
        *(Outcome(outcome).label for outcome in statistics.outcome_choices),
        "Outcome not recorded",
        *(Exemption(exemption).label for exemption in statistics.exemption_choices),
        "Reviews requested",
        "Reviews overturned",
    ]
    columns = [
        Column(heading, lambda row, index=index: row[index], number_format="0.0" if heading == "In time (%)" else None)
        for index, heading in enumerate(headings)
    ]
    figures = Sheet(
        "Statistics",
        columns,
        [_row(statistics, figure) for figure in statistics.periods],
        footer_rows=[_row(statistics, statistics.total)],
    )
    definitions = Sheet(
        "Definitions",
        [Column("Column", lambda row: row[0], width=22), Column("Counts", lambda row: row[1], width=68)],
        DEFINITIONS,
        prose=True,
    )
    printed = Printed(council=statistics.organisation.name, document=statistics_title(statistics))
    return write_workbook([figures, definitions], printed=printed)
