"""FOI timeliness, as the ICO monitors it and councils publish it: per calendar month or quarter, how many requests
arrived, how many were answered and how many of those in time, with outcomes, exemptions and internal reviews.

Three queries whatever the number of periods (the requests, their first responses, the reviews); the counting
is done here, over those rows.

What each figure counts (README, "FOI statistics"):
- received: requests received in the period; answered: first responses issued in the period;
- answered in time: of those, answered on or before the deadline that counts (the extended one where extended);
  a request answered while no deadline ran (none stored) counts as in time;
- extended: requests answered in the period whose deadline had been extended (FOIA s.10(3));
- open and overdue: on the period's last day (or today, if earlier), requests received by then and not yet
  answered, not withdrawn, whose deadline had passed; a request's deadline is its current one;
- outcomes and exemptions: those of the first response of each request answered in the period (the request's
  outcome where its first response recorded none), each exemption counted once per request;
- reviews requested in the period, and reviews decided in the period that overturned the answer in whole or part.
"""

import bisect
import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Q
from django.utils import timezone

from foi.choices import Exemption, FOIRequestStatus, Law, Outcome, ReviewOutcome
from foi.models import FOIRequest, ResponseVersion, Review
from registry.models import Organisation

ICO_TARGET_PERCENT = 90  # the ICO monitors authorities answering fewer than this share of requests in time
OVERTURNED = (ReviewOutcome.OVERTURNED, ReviewOutcome.PARTLY_OVERTURNED)


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True)
class StatisticsPeriod:
    label: str
    start: datetime.date
    end: datetime.date


@dataclass
class PeriodFigures:
    """The figures of one period, or of the whole range (its ``label`` "Total")."""

    label: str
    start: datetime.date
    end: datetime.date
    received: int = 0
    answered: int = 0
    answered_in_time: int = 0
    extended: int = 0
    open_overdue: int = 0
    outcomes: Counter = field(default_factory=Counter)
    outcome_not_recorded: int = 0
    exemptions: Counter = field(default_factory=Counter)
    reviews_requested: int = 0
    reviews_overturned: int = 0

    @property
    def in_time_percent(self) -> float | None:
        if not self.answered:
            return None
        share = Decimal(100 * self.answered_in_time) / Decimal(self.answered)
        return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class FOIStatistics:
    organisation: Organisation
    date_from: datetime.date
    date_to: datetime.date
    period: Period
    periods: list[PeriodFigures]
    total: PeriodFigures
    # The exemptions to list: those of the organisation's law, then any other cited.
    exemption_choices: list[str]

    @property
    def outcome_choices(self) -> list[str]:
        return list(Outcome.values)


def statistics_periods(*, date_from: datetime.date, date_to: datetime.date, period: Period) -> list[StatisticsPeriod]:
    """The calendar months or quarters (January to March...) from ``date_from`` to ``date_to``, the first and last
    cut to the range."""
    months = 3 if period == Period.QUARTER else 1
    periods = []
    year, month = date_from.year, date_from.month - (date_from.month - 1) % months
    while datetime.date(year, month, 1) <= date_to:
        last_month = month + months - 1
        start = datetime.date(year, month, 1)
        end = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if period == Period.QUARTER:
            label = f"{year} Q{(month - 1) // 3 + 1}"
        else:
            label = f"{calendar.month_name[month]} {year}"
        periods.append(StatisticsPeriod(label, max(start, date_from), min(end, date_to)))
        year, month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)
    return periods


def cited_exemptions(content: dict[str, Any]) -> set[str]:
    """The exemptions a frozen response cites: for a whole question, or for each withheld column."""
    cited = set()
    for answer in content.get("questions") or []:
        if answer.get("exemption"):
            cited.add(answer["exemption"])
        for entry in answer.get("withheld") or []:
            if entry.get("exemption"):
                cited.add(entry["exemption"])
    return cited


def foi_statistics(
    *,
    organisation: Organisation,
    date_from: datetime.date,
    date_to: datetime.date,
    period: str,
    today: datetime.date | None = None,
) -> FOIStatistics:
    today = today or timezone.localdate()
    period = Period(period)
    figures = [
        PeriodFigures(label=p.label, start=p.start, end=p.end)
        for p in statistics_periods(date_from=date_from, date_to=date_to, period=period)
    ]
    total = PeriodFigures(label="Total", start=date_from, end=date_to)
    counter = _Counter(figures=figures, total=total, today=today)
    requests = _requests(organisation=organisation, date_from=date_from, date_to=date_to)
    first_responses = _first_responses(organisation=organisation, date_from=date_from, date_to=date_to)
    for row in requests:
        counter.count_request(row, first_responses.get(row["pk"]))
    for review in _reviews(organisation=organisation, date_from=date_from, date_to=date_to):
        for figure in counter.containing(review["requested_date"]):
            figure.reviews_requested += 1
        if review["outcome"] in OVERTURNED:
            for figure in counter.containing(review["decided_date"]):
                figure.reviews_overturned += 1
    law = Law.for_jurisdiction(organisation.jurisdiction)
    own = [exemption.value for exemption in Exemption.for_law(law)]
    others = sorted(set(total.exemptions) - set(own))
    return FOIStatistics(
        organisation=organisation,
        date_from=date_from,
        date_to=date_to,
        period=period,
        periods=figures,
        total=total,
        exemption_choices=own + others,
    )


def _requests(*, organisation: Organisation, date_from: datetime.date, date_to: datetime.date) -> list[dict]:
    """The requests any figure of the range may count: received or answered in it, or still open at its start."""
    in_range = Q(received_date__range=(date_from, date_to)) | Q(answered_date__range=(date_from, date_to))
    open_at_start = (
        Q(received_date__lt=date_from)
        & (Q(answered_date__isnull=True) | Q(answered_date__gt=date_from))
        & ~Q(status=FOIRequestStatus.WITHDRAWN)
    )
    return list(
        FOIRequest.objects.filter(organisation=organisation)
        .filter(in_range | open_at_start)
        .order_by()
        .values("pk", "status", "received_date", "answered_date", "due_date", "extended_due_date", "outcome")
    )


def _first_responses(*, organisation: Organisation, date_from: datetime.date, date_to: datetime.date) -> dict:
    """The outcome and the exemptions cited of the first response of each request answered in the range."""
    versions = ResponseVersion.objects.filter(
        request__organisation=organisation, request__answered_date__range=(date_from, date_to), number=1
    )
    return {
        version["request_id"]: {
            "outcome": version["outcome"],
            "exemptions": cited_exemptions(version["content"] or {}),
        }
        for version in versions.order_by().values("request_id", "outcome", "content").iterator()
    }


def _reviews(*, organisation: Organisation, date_from: datetime.date, date_to: datetime.date):
    return (
        Review.objects.filter(request__organisation=organisation)
        .filter(Q(requested_date__range=(date_from, date_to)) | Q(decided_date__range=(date_from, date_to)))
        .order_by()
        .values("requested_date", "decided_date", "outcome")
    )


class _Counter:
    """Adds each row to the figures of the period its date falls in (found by bisection) and to the total."""

    def __init__(self, *, figures: list[PeriodFigures], total: PeriodFigures, today: datetime.date):
        self.figures, self.total = figures, total
        self.starts = [figure.start for figure in figures]
        # The day each period's open and overdue requests are counted on: never later than today, so in order.
        self.count_days = [min(figure.end, today) for figure in figures]
        self.total_count_day = min(total.end, today)

    def containing(self, day: datetime.date | None) -> list[PeriodFigures]:
        if day is None or not self.total.start <= day <= self.total.end:
            return []
        return [self.figures[bisect.bisect_right(self.starts, day) - 1], self.total]

    def count_request(self, row: dict, first_response: dict | None) -> None:
        answered = row["answered_date"]
        deadline = row["extended_due_date"] or row["due_date"]
        for figure in self.containing(row["received_date"]):
            figure.received += 1
        outcome = (first_response or {}).get("outcome") or row["outcome"]
        for figure in self.containing(answered):
            figure.answered += 1
            if deadline is None or answered <= deadline:
                figure.answered_in_time += 1
            if row["extended_due_date"]:
                figure.extended += 1
            if outcome:
                figure.outcomes[outcome] += 1
            else:
                figure.outcome_not_recorded += 1
            figure.exemptions.update((first_response or {}).get("exemptions", ()))
        if deadline is None or row["status"] == FOIRequestStatus.WITHDRAWN:
            return
        # Open and overdue on a day from the day after the deadline (and not before receipt) to the eve of the answer.
        first = max(row["received_date"], deadline + datetime.timedelta(days=1))
        last = answered - datetime.timedelta(days=1) if answered else datetime.date.max
        if first > last:
            return
        for index in range(bisect.bisect_left(self.count_days, first), bisect.bisect_right(self.count_days, last)):
            self.figures[index].open_overdue += 1
        if first <= self.total_count_day <= last:
            self.total.open_overdue += 1
