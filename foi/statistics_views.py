"""``/foi/statistics/``: the FOI timeliness figures with a chart and a table, and the same as a workbook."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assets.views.exports import filter_errors_response
from core.spreadsheets import xlsx_content_response
from foi.choices import Exemption, Outcome
from foi.statistics import FOIStatistics, PeriodFigures, foi_statistics
from foi.statistics_chart import statistics_charts
from foi.statistics_query import StatisticsQueryForm
from foi.statistics_workbook import DEFINITIONS, statistics_filename, statistics_title, statistics_workbook
from registry.selectors import organisations_for_user


def _query(request) -> StatisticsQueryForm:
    return StatisticsQueryForm(
        request.GET, organisations=organisations_for_user(user=request.user), choose_for_user=True
    )


def _statistics(form: StatisticsQueryForm):
    data = form.cleaned_data
    return foi_statistics(
        organisation=form.organisation(), date_from=data["from"], date_to=data["to"], period=data["period"]
    )


def _breakdown(statistics: FOIStatistics, figure: PeriodFigures) -> dict:
    """A period's outcome and exemption counts in the order of the table's columns."""
    return {
        "figure": figure,
        "outcomes": [figure.outcomes[outcome] for outcome in statistics.outcome_choices],
        "exemptions": [figure.exemptions[exemption] for exemption in statistics.exemption_choices],
    }


@login_required
@require_GET
def statistics_page(request):
    form = _query(request)
    context = {"form": form, "filter_errors": [], "statistics": None}
    if form.is_valid():
        statistics = _statistics(form)
        form.show_dates_used()
        query = {"from": statistics.date_from.isoformat(), "to": statistics.date_to.isoformat()}
        query |= {"period": statistics.period.value, "organisation": statistics.organisation.slug}
        context |= {
            "statistics": statistics,
            "title": statistics_title(statistics),
            "charts": statistics_charts(statistics),
            "outcome_labels": [Outcome(outcome).label for outcome in statistics.outcome_choices],
            "exemption_labels": [Exemption(exemption).label for exemption in statistics.exemption_choices],
            "definitions": DEFINITIONS,
            "breakdowns": [_breakdown(statistics, figure) for figure in statistics.periods],
            "total_breakdown": _breakdown(statistics, statistics.total),
            "download_query": urlencode(query),
        }
    else:
        context["filter_errors"] = form.error_summary()
    return render(request, "foi/statistics.html", context)


@login_required
@require_GET
def statistics_download(request):
    form = _query(request)
    if not form.is_valid():
        return filter_errors_response(form.error_messages())
    statistics = _statistics(form)
    return xlsx_content_response(content=statistics_workbook(statistics), filename=statistics_filename(statistics))
