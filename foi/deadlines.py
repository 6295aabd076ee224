"""Statutory FOI deadlines: pure functions of dates and the organisation's jurisdiction.

FOIA 2000 s.10 (England, Wales, Northern Ireland): reply by the 20th working day after receipt; s.10(6)
excludes Saturdays, Sundays, Christmas Day, Good Friday and a bank holiday in *any* part of the UK.
FOISA 2002 s.10 and s.73 (Scotland): 20 working days, excluding Saturdays, Sundays, Christmas Day and
Scottish bank holidays. Day 1 is the first working day after the day of receipt, whatever that day was."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.easter import easter

from foi.choices import Law

RESPONSE_WORKING_DAYS = 20
DUE_SOON_WORKING_DAYS = 5
UK_SUBDIVISIONS = ("ENG", "WLS", "SCT", "NIR")

RULES = {
    Law.FOIA: (
        "Freedom of Information Act 2000, s.10: 20 working days from the first working day after receipt. "
        "Not working days: Saturdays, Sundays, Christmas Day, Good Friday and any day that is a bank holiday "
        "in any part of the UK (England and Wales, Scotland or Northern Ireland)."
    ),
    Law.FOISA: (
        "Freedom of Information (Scotland) Act 2002, ss.10 and 73: 20 working days from the first working day "
        "after receipt. Not working days: Saturdays, Sundays, Christmas Day and Scottish bank holidays."
    ),
}


def law_for(jurisdiction: str) -> Law:
    return Law.for_jurisdiction(jurisdiction)


def rule_description(jurisdiction: str) -> str:
    return RULES[law_for(jurisdiction)]


@lru_cache(maxsize=64)
def non_working_days(year: int, law: str) -> dict[datetime.date, str]:
    """The holidays that are not working days under ``law`` in ``year`` (weekends aside), with their names.
    Substitute days and bank holidays made by proclamation come from the ``holidays`` package."""
    subdivisions = ("SCT",) if law == Law.FOISA else UK_SUBDIVISIONS
    days: dict[datetime.date, str] = {}
    for subdivision in subdivisions:
        for day, name in holidays.country_holidays("GB", subdiv=subdivision, years=year).items():
            days.setdefault(day, name)
    days.setdefault(datetime.date(year, 12, 25), "Christmas Day")
    if law == Law.FOIA:
        days.setdefault(easter(year) - datetime.timedelta(days=2), "Good Friday")
    return days


def is_working_day(day: datetime.date, jurisdiction: str) -> bool:
    if day.weekday() >= 5:
        return False
    return day not in non_working_days(day.year, law_for(jurisdiction))


def working_days_after(start: datetime.date, n: int, jurisdiction: str) -> datetime.date:
    """The ``n``th working day after ``start`` (``start`` itself never counts)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day = start
    counted = 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day, jurisdiction):
            counted += 1
    return day


def due_date(received: datetime.date, jurisdiction: str) -> datetime.date:
    """The last day to respond to a request received (or clarified) on ``received``."""
    return working_days_after(received, RESPONSE_WORKING_DAYS, jurisdiction)


def working_days_left(today: datetime.date, due: datetime.date, jurisdiction: str) -> int:
    """Working days after ``today`` up to and including ``due``: 0 when due today; negative (the working days
    since) when overdue."""
    if today == due:
        return 0
    earlier, later, sign = (today, due, 1) if today < due else (due, today, -1)
    count = 0
    day = earlier
    while day < later:
        day += datetime.timedelta(days=1)
        if is_working_day(day, jurisdiction):
            count += 1
    return sign * count


@dataclass(frozen=True)
class DeadlineStatus:
    due_date: datetime.date | None
    days_left: int | None
    due_soon: bool
    overdue: bool
    rule: str

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0


def deadline_status(
    *, due: datetime.date | None, still_running: bool, today: datetime.date, jurisdiction: str
) -> DeadlineStatus:
    """Days left and flags for a request; only a request whose deadline is running can be due soon or late."""
    rule = rule_description(jurisdiction)
    if due is None or not still_running:
        return DeadlineStatus(due_date=due, days_left=None, due_soon=False, overdue=False, rule=rule)
    days_left = working_days_left(today, due, jurisdiction)
    overdue = today > due
    return DeadlineStatus(
        due_date=due,
        days_left=days_left,
        due_soon=not overdue and days_left <= DUE_SOON_WORKING_DAYS,
        overdue=overdue,
        rule=rule,
    )
