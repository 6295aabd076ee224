"""Due dates checked against dates worked out by hand from the calendar, for both FOI laws.

Notation in the comments: "(n)" is the running count of working days after receipt; "x" marks a day that is
not a working day and why. EW = England and Wales (FOIA), NI = Northern Ireland (FOIA), SC = Scotland (FOISA)."""

import datetime

import pytest

from foi.deadlines import deadline_status, due_date, is_working_day, working_days_after, working_days_left

EW, NI, SC = "england-wales", "northern-ireland", "scotland"
d = datetime.date


def test_plain_month_without_holidays():
    # Received Mon 3 Jun 2024. Tue 4–Fri 7 (4), 10–14 (9), 17–21 (14), 24–28 (19), Mon 1 Jul (20).
    for jurisdiction in (EW, NI, SC):
        assert due_date(d(2024, 6, 3), jurisdiction) == d(2024, 7, 1)


def test_receipt_on_a_saturday_counts_from_the_next_working_day():
    # Received Sat 8 Jun 2024; day 1 is Mon 10 Jun. 10–14 (5), 17–21 (10), 24–28 (15), 1–5 Jul (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2024, 6, 8), jurisdiction) == d(2024, 7, 5)


def test_receipt_on_a_bank_holiday():
    # Received Mon 6 May 2024 (early May bank holiday everywhere). Tue 7–Fri 10 (4), 13–17 (9), 20–24 (14),
    # x Mon 27 May spring bank holiday, 28–31 (18), Mon 3 Jun (19), Tue 4 Jun (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2024, 5, 6), jurisdiction) == d(2024, 6, 4)


def test_christmas_boxing_day_and_2_january():
    # Received Fri 13 Dec 2024. 16–20 (5), 23–24 (7), x Wed 25 Christmas, x Thu 26 Boxing Day, Fri 27 (8),
    # 30–31 (10), x Wed 1 Jan, x Thu 2 Jan (a Scottish bank holiday: FOIA excludes a bank holiday in any part
    # of the UK, so England loses it too), Fri 3 (11), 6–10 (16), 13–16 (20).
    for jurisdiction in (EW, NI, SC):
        assert due_date(d(2024, 12, 13), jurisdiction) == d(2025, 1, 16)


def test_christmas_on_a_sunday_with_substitute_day():
    # Received Thu 15 Dec 2022. Fri 16 (1), 19–23 (6), x Mon 26 Boxing Day, x Tue 27 substitute for Christmas
    # (Sun 25), 28–30 (9), x Mon 2 Jan substitute for New Year's Day (Sun 1), x Tue 3 Jan substitute for
    # 2 January in Scotland (excluded in England too), Wed 4–Fri 6 (12), 9–13 (17), Mon 16–Wed 18 (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2022, 12, 15), jurisdiction) == d(2023, 1, 18)


def test_christmas_and_boxing_day_on_a_weekend():
    # Received Fri 17 Dec 2027. 20–24 (5), Sat 25 and Sun 26, x Mon 27 and x Tue 28 substitutes, 29–31 (8),
    # x Mon 3 Jan 2028 substitute for New Year's Day (Sat 1), x Tue 4 Jan substitute for 2 January (Sun 2) in
    # Scotland, Wed 5–Fri 7 (11), 10–14 (16), Mon 17–Thu 20 (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2027, 12, 17), jurisdiction) == d(2028, 1, 20)


def test_easter_good_friday_everywhere_easter_monday_not_in_scotland():
    # Received Wed 20 Mar 2024. Thu 21–Fri 22 (2), 25–28 (6), x Fri 29 Good Friday, x Mon 1 Apr Easter Monday,
    # 2–5 (10), 8–12 (15), 15–19 (20).
    assert due_date(d(2024, 3, 20), EW) == d(2024, 4, 19)
    assert due_date(d(2024, 3, 20), NI) == d(2024, 4, 19)
    # Scotland: Easter Monday is not a Scottish bank holiday. 21–22 (2), 25–28 (6), x Good Friday, Mon 1 Apr (7),
    # 2–5 (11), 8–12 (16), 15–18 (20).
    assert due_date(d(2024, 3, 20), SC) == d(2024, 4, 18)


def test_early_may_and_spring_bank_holidays():
    # Received Fri 2 May 2025. x Mon 5 May early May bank holiday, 6–9 (4), 12–16 (9), 19–23 (14),
    # x Mon 26 May spring bank holiday, 27–30 (18), Mon 2–Tue 3 Jun (20). Both are Scottish holidays too.
    for jurisdiction in (EW, SC):
        assert due_date(d(2025, 5, 2), jurisdiction) == d(2025, 6, 3)


def test_august_bank_holiday_first_monday_in_scotland_last_in_england():
    # Received Fri 25 Jul 2025. England: 28 Jul–1 Aug (5), x Mon 4 Aug (Scotland's summer bank holiday, so not
    # a working day under FOIA either), 5–8 (9), 11–15 (14), 18–22 (19), x Mon 25 Aug summer bank holiday, Tue 26 (20).
    assert due_date(d(2025, 7, 25), EW) == d(2025, 8, 26)
    # Scotland: 28 Jul–1 Aug (5), x Mon 4 Aug, 5–8 (9), 11–15 (14), 18–22 (19), Mon 25 Aug is a working day (20).
    assert due_date(d(2025, 7, 25), SC) == d(2025, 8, 25)


def test_st_andrews_day_on_a_thursday():
    # Received Thu 23 Nov 2023. Fri 24 (1), 27–29 (4), x Thu 30 Nov St Andrew's Day (Scottish, so excluded under
    # FOIA too), Fri 1 Dec (5), 4–8 (10), 11–15 (15), 18–22 (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2023, 11, 23), jurisdiction) == d(2023, 12, 22)


def test_st_andrews_day_on_a_saturday_moves_to_monday():
    # Received Mon 18 Nov 2024. 19–22 (4), 25–29 (9), Sat 30 Nov, x Mon 2 Dec substitute St Andrew's Day,
    # 3–6 (13), 9–13 (18), Mon 16–Tue 17 (20).
    for jurisdiction in (EW, SC):
        assert due_date(d(2024, 11, 18), jurisdiction) == d(2024, 12, 17)


def test_st_patricks_day_on_a_monday_is_northern_irish_only():
    # Received Fri 14 Mar 2025. FOIA: x Mon 17 Mar St Patrick's Day (NI), 18–21 (4), 24–28 (9),
    # 31 Mar–4 Apr (14), 7–11 (19), Mon 14 Apr (20).
    assert due_date(d(2025, 3, 14), EW) == d(2025, 4, 14)
    assert due_date(d(2025, 3, 14), NI) == d(2025, 4, 14)
    # FOISA: Mon 17 Mar is a working day in Scotland (1), 18–21 (5), 24–28 (10), 31 Mar–4 Apr (15), 7–11 (20).
    assert due_date(d(2025, 3, 14), SC) == d(2025, 4, 11)


def test_st_patricks_day_on_a_sunday_and_easter():
    # Received Mon 11 Mar 2024. FOIA: 12–15 (4), x Mon 18 Mar substitute for St Patrick's Day (Sun 17), 19–22 (8),
    # 25–28 (12), x Good Friday 29 Mar, x Easter Monday 1 Apr, 2–5 (16), 8–11 (20).
    assert due_date(d(2024, 3, 11), EW) == d(2024, 4, 11)
    # FOISA: 12–15 (4), 18–22 (9), 25–28 (13), x Good Friday, Mon 1 Apr (14), 2–5 (18), Mon 8–Tue 9 (20).
    assert due_date(d(2024, 3, 11), SC) == d(2024, 4, 9)


def test_battle_of_the_boyne_and_scottish_august_holiday():
    # Received Fri 5 Jul 2024. FOIA: 8–11 (4), x Fri 12 Jul Battle of the Boyne (NI), 15–19 (9), 22–26 (14),
    # 29 Jul–2 Aug (19), x Mon 5 Aug Scottish summer bank holiday, Tue 6 Aug (20).
    assert due_date(d(2024, 7, 5), EW) == d(2024, 8, 6)
    assert due_date(d(2024, 7, 5), NI) == d(2024, 8, 6)
    # FOISA: 8–12 (5), 15–19 (10), 22–26 (15), 29 Jul–2 Aug (20).
    assert due_date(d(2024, 7, 5), SC) == d(2024, 8, 2)


@pytest.mark.parametrize(
    ("day", "jurisdiction", "working"),
    [
        (d(2025, 3, 17), EW, False),  # St Patrick's Day: a bank holiday in part of the UK
        (d(2025, 3, 17), SC, True),
        (d(2024, 4, 1), EW, False),  # Easter Monday
        (d(2024, 4, 1), SC, True),
        (d(2025, 8, 4), EW, False),  # Scotland's summer bank holiday
        (d(2025, 8, 25), SC, True),  # England's summer bank holiday
        (d(2024, 3, 29), SC, False),  # Good Friday
        (d(2023, 5, 8), EW, False),  # Coronation: a bank holiday by proclamation
        (d(2024, 6, 8), EW, False),  # Saturday
        (d(2024, 6, 10), EW, True),
    ],
)
def test_is_working_day(day, jurisdiction, working):
    assert is_working_day(day, jurisdiction) is working


def test_working_days_after_counts_only_after_the_start():
    assert working_days_after(d(2024, 6, 3), 1, EW) == d(2024, 6, 4)
    assert working_days_after(d(2024, 6, 7), 1, EW) == d(2024, 6, 10)  # Friday -> Monday
    with pytest.raises(ValueError):
        working_days_after(d(2024, 6, 3), 0, EW)


def test_working_days_left_and_flags():
    due = d(2024, 7, 1)  # a Monday
    assert working_days_left(d(2024, 7, 1), due, EW) == 0
    assert working_days_left(d(2024, 6, 28), due, EW) == 1  # Friday before: Monday remains
    assert working_days_left(d(2024, 6, 21), due, EW) == 6
    assert working_days_left(d(2024, 7, 3), due, EW) == -2

    soon = deadline_status(due=due, still_running=True, today=d(2024, 6, 24), jurisdiction=EW)
    assert (soon.days_left, soon.due_soon, soon.overdue) == (5, True, False)
    not_yet = deadline_status(due=due, still_running=True, today=d(2024, 6, 21), jurisdiction=EW)
    assert (not_yet.due_soon, not_yet.overdue) == (False, False)
    late = deadline_status(due=due, still_running=True, today=d(2024, 7, 2), jurisdiction=EW)
    assert (late.days_left, late.due_soon, late.overdue) == (-1, False, True)
    answered = deadline_status(due=due, still_running=False, today=d(2024, 7, 2), jurisdiction=EW)
    assert (answered.days_left, answered.overdue) == (None, False)
    assert "any part of the UK" in late.rule
    scottish = deadline_status(due=due, still_running=True, today=d(2024, 7, 2), jurisdiction=SC)
    assert "Scottish bank holidays" in scottish.rule
