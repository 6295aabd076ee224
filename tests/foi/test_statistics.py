"""FOI statistics, worked by hand: one council's first quarter of 2026 request by request.

The other helpers' services (outcomes, extensions, reviews) are written alongside this work, so the rows are
made through the ORM here with the derived fields (due dates, outcome) set as those services would set them."""

import datetime

import pytest
from django.utils import timezone

from foi import services
from foi.choices import FOIRequestStatus, Outcome, ReviewOutcome
from foi.models import Extension, FOIRequest, ResponseVersion, Review
from foi.statistics import Period, cited_exemptions, foi_statistics, statistics_periods
from registry.choices import Jurisdiction

D = datetime.date
TODAY = D(2026, 12, 7)


def request(organisation, reference, received, due, *, answered=None, extended=None, status=None, outcome=""):
    status = status or (FOIRequestStatus.ANSWERED if answered else FOIRequestStatus.OPEN)
    return FOIRequest.objects.create(
        organisation=organisation,
        reference=reference,
        received_date=received,
        subject=reference,
        request_text="Cameras?",
        status=status,
        due_date=due,
        extended_due_date=extended,
        answered_date=answered,
        outcome=outcome,
    )


def first_response(foi_request, outcome, *, question_exemption="", withheld=()):
    content = {
        "reference": foi_request.reference,
        "questions": [
            {
                "order": 1,
                "exemption": question_exemption,
                "withheld": [
                    {"column": "location_description", "exemption": exemption, "reasoning": "Because."}
                    for exemption in withheld
                ],
            }
        ],
    }
    return ResponseVersion.objects.create(
        request=foi_request, number=1, issued_at=timezone.now(), content=content, workbook=b"", outcome=outcome
    )


def review(foi_request, requested, *, outcome="", decided=None):
    return Review.objects.create(
        request=foi_request,
        requested_date=requested,
        grounds="Disagree.",
        due_date=requested + datetime.timedelta(days=28),
        outcome=outcome,
        decided_date=decided,
    )


@pytest.fixture
def first_quarter(council, other_council):
    """A: in time, citing s.31 twice and s.40. B: late, refused under s.43, reviewed and partly overturned. C: in
    time only because extended. D: open and overdue at the quarter's end. E: withdrawn, past its deadline. F: open,
    not yet due. G: received in December, answered late in January, no outcome recorded."""
    a = request(council, "A", D(2026, 1, 5), D(2026, 2, 2), answered=D(2026, 1, 20), outcome=Outcome.GRANTED)
    first_response(a, Outcome.GRANTED, question_exemption="foia-s31", withheld=["foia-s31", "foia-s40"])
    b = request(council, "B", D(2026, 1, 12), D(2026, 2, 9), answered=D(2026, 2, 16))
    first_response(b, Outcome.REFUSED_EXEMPTION, question_exemption="foia-s43")
    c = request(council, "C", D(2026, 2, 2), D(2026, 3, 2), extended=D(2026, 3, 30), answered=D(2026, 3, 20))
    Extension.objects.create(request=c, working_days=20, reason="Public interest test")
    first_response(c, Outcome.PARTLY_GRANTED, withheld=["foia-s31"])
    d = request(council, "D", D(2026, 2, 23), D(2026, 3, 23))
    request(council, "E", D(2026, 3, 2), D(2026, 3, 30), status=FOIRequestStatus.WITHDRAWN)
    request(council, "F", D(2026, 3, 16), D(2026, 4, 14))
    g = request(council, "G", D(2025, 12, 1), D(2025, 12, 30), answered=D(2026, 1, 7))
    review(b, D(2026, 2, 20), outcome=ReviewOutcome.PARTLY_OVERTURNED, decided=D(2026, 3, 10))
    review(a, D(2026, 3, 25))
    review(g, D(2025, 12, 15), outcome=ReviewOutcome.UPHELD, decided=D(2026, 1, 10))
    # Another council's request and review: never counted.
    theirs = request(other_council, "A", D(2026, 1, 5), D(2026, 2, 2), answered=D(2026, 1, 6))
    first_response(theirs, Outcome.GRANTED, withheld=["foia-s31"])
    review(theirs, D(2026, 2, 1), outcome=ReviewOutcome.OVERTURNED, decided=D(2026, 2, 2))
    request(other_council, "B", D(2026, 1, 5), D(2026, 2, 2))
    return {"A": a, "B": b, "C": c, "D": d, "G": g}


def quarter(council, **kwargs):
    arguments = {"date_from": D(2026, 1, 1), "date_to": D(2026, 3, 31), "period": "quarter", "today": TODAY}
    return foi_statistics(organisation=council, **(arguments | kwargs))


def test_a_quarter_counted_request_by_request(council, first_quarter):
    statistics = quarter(council)
    (q1,) = statistics.periods
    assert (q1.label, q1.start, q1.end) == ("2026 Q1", D(2026, 1, 1), D(2026, 3, 31))
    # Received A to F; answered A, B, C and G; in time A and C (C only because extended).
    assert (q1.received, q1.answered, q1.answered_in_time, q1.in_time_percent) == (6, 4, 2, 50.0)
    assert (q1.extended, q1.open_overdue) == (1, 1)  # C; D (E is withdrawn, F not yet due)
    assert dict(q1.outcomes) == {Outcome.GRANTED: 1, Outcome.REFUSED_EXEMPTION: 1, Outcome.PARTLY_GRANTED: 1}
    assert q1.outcome_not_recorded == 1  # G
    assert dict(q1.exemptions) == {"foia-s31": 2, "foia-s40": 1, "foia-s43": 1}  # A's s.31 once
    assert (q1.reviews_requested, q1.reviews_overturned) == (2, 1)  # B's and A's; B's partly overturned
    total = statistics.total
    assert (total.label, total.received, total.answered, total.outcomes, total.exemptions) == (
        "Total",
        6,
        4,
        q1.outcomes,
        q1.exemptions,
    )
    assert statistics.exemption_choices == ["foia-s24", "foia-s31", "foia-s38", "foia-s40", "foia-s43"]


def test_the_same_quarter_month_by_month(council, first_quarter):
    statistics = quarter(council, period="month")
    rows = [
        (f.label, f.received, f.answered, f.answered_in_time, f.in_time_percent, f.extended, f.open_overdue)
        for f in statistics.periods
    ]
    assert rows == [
        ("January 2026", 2, 2, 1, 50.0, 0, 0),  # A in time, G late
        ("February 2026", 2, 1, 0, 0.0, 0, 0),  # B late; D and C not yet due
        ("March 2026", 2, 1, 1, 100.0, 1, 1),  # C on its extended deadline; D overdue on 31 March
    ]
    assert [(f.reviews_requested, f.reviews_overturned) for f in statistics.periods] == [(0, 0), (1, 0), (1, 1)]
    # The totals are the quarter's; open and overdue is counted on the range's last day.
    total = statistics.total
    assert (total.received, total.answered, total.answered_in_time, total.in_time_percent) == (6, 4, 2, 50.0)
    assert (total.extended, total.open_overdue, total.reviews_requested, total.reviews_overturned) == (1, 1, 2, 1)


def test_open_and_overdue_is_counted_today_when_the_period_has_not_ended(council, first_quarter):
    (march,) = quarter(council, date_from=D(2026, 3, 1), period="month", today=D(2026, 3, 24)).periods
    assert march.open_overdue == 1  # D, due on the 23rd
    (march,) = quarter(council, date_from=D(2026, 3, 1), period="month", today=D(2026, 3, 23)).periods
    assert march.open_overdue == 0  # due today is not yet overdue
    # A request answered after the period still counts as open and overdue at its end.
    FOIRequest.objects.filter(pk=first_quarter["D"].pk).update(
        status=FOIRequestStatus.ANSWERED, answered_date=D(2026, 4, 2)
    )
    assert quarter(council).periods[0].open_overdue == 1


def test_a_request_received_earlier_and_still_open_is_overdue_in_every_later_period(council):
    request(council, "OLD", D(2025, 6, 2), D(2025, 6, 30))
    statistics = quarter(council, period="month")
    assert [figure.open_overdue for figure in statistics.periods] == [1, 1, 1]
    assert [figure.received for figure in statistics.periods] == [0, 0, 0]


def test_percentages_have_one_decimal_place(council):
    for number, answered in enumerate([D(2026, 1, 20), D(2026, 1, 21), D(2026, 2, 20)]):
        request(council, f"R{number}", D(2026, 1, 5), D(2026, 2, 2), answered=answered)
    (q1,) = quarter(council).periods
    assert (q1.answered, q1.answered_in_time, q1.in_time_percent) == (3, 2, 66.7)


def test_an_empty_range_counts_nothing_and_has_no_percentage(council, other_council, first_quarter):
    statistics = quarter(council, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
    assert [figure.label for figure in statistics.periods] == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]
    for figure in [*statistics.periods, statistics.total]:
        assert (figure.received, figure.answered, figure.open_overdue, figure.in_time_percent) == (0, 0, 0, None)
        assert not figure.outcomes and not figure.exemptions
    fresh = quarter(other_council, date_from=D(2024, 1, 1), date_to=D(2024, 3, 31))
    assert fresh.total.in_time_percent is None


def test_another_councils_requests_are_never_counted(other_council, first_quarter):
    (q1,) = quarter(other_council).periods
    assert (q1.received, q1.answered, q1.answered_in_time, q1.open_overdue) == (2, 1, 1, 1)
    assert (dict(q1.exemptions), q1.reviews_requested, q1.reviews_overturned) == ({"foia-s31": 1}, 1, 1)


def test_periods_are_calendar_months_and_quarters_cut_to_the_range():
    quarters = statistics_periods(date_from=D(2025, 11, 15), date_to=D(2026, 4, 10), period=Period.QUARTER)
    assert [(p.label, p.start, p.end) for p in quarters] == [
        ("2025 Q4", D(2025, 11, 15), D(2025, 12, 31)),
        ("2026 Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026 Q2", D(2026, 4, 1), D(2026, 4, 10)),
    ]
    months = statistics_periods(date_from=D(2024, 2, 29), date_to=D(2024, 3, 1), period=Period.MONTH)
    assert [(p.label, p.start, p.end) for p in months] == [
        ("February 2024", D(2024, 2, 29), D(2024, 2, 29)),
        ("March 2024", D(2024, 3, 1), D(2024, 3, 1)),
    ]


def test_a_fixed_number_of_queries_whatever_the_number_of_periods(
    council, first_quarter, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        statistics = quarter(council, date_from=D(2016, 4, 1), period="month")
    assert len(statistics.periods) == 120


def test_a_scottish_council_lists_the_foisa_exemptions(other_council):
    other_council.jurisdiction = Jurisdiction.SCOTLAND
    other_council.save()
    statistics = quarter(other_council)
    assert statistics.exemption_choices == ["foisa-s31", "foisa-s33", "foisa-s35", "foisa-s38", "foisa-s39"]


def test_exemptions_are_read_from_a_response_issued_by_the_services(council, library_request):
    services.question_create(
        foi_request=library_request,
        text="Where are they?",
        filters={"site_category": "library"},
        disclosed_columns=["asset_tag"],
        withheld=[{"column": "location_description", "exemption": "foia-s31", "reasoning": "Crime prevention."}],
    )
    version = services.foi_request_issue(foi_request=library_request)
    assert cited_exemptions(version.content) == {"foia-s31"}
    today = timezone.localdate()
    statistics = foi_statistics(organisation=council, date_from=today, date_to=today, period="month")
    assert statistics.total.answered == 1 and dict(statistics.total.exemptions) == {"foia-s31": 1}


def test_every_figure_matches_its_rule_applied_period_by_period(council):
    """Requests spread over three years, checked against the rules applied to each period one by one."""
    import random

    chance = random.Random(14)
    rows = []
    for number in range(150):
        received = D(2024, 1, 1) + datetime.timedelta(days=chance.randrange(3 * 365))
        due = received + datetime.timedelta(days=28)
        extended = due + datetime.timedelta(days=chance.choice([14, 28])) if chance.random() < 0.2 else None
        answered = received + datetime.timedelta(days=chance.randrange(60)) if chance.random() < 0.8 else None
        status = FOIRequestStatus.WITHDRAWN if not answered and chance.random() < 0.2 else None
        rows.append(request(council, f"R{number}", received, due, answered=answered, extended=extended, status=status))
    today = D(2026, 6, 15)
    statistics = foi_statistics(
        organisation=council, date_from=D(2024, 3, 10), date_to=D(2026, 12, 31), period="month", today=today
    )
    for figure in [*statistics.periods, statistics.total]:
        on = min(figure.end, today)

        def within(day, figure=figure):
            return day is not None and figure.start <= day <= figure.end

        answered = [r for r in rows if within(r.answered_date)]
        expected = (
            sum(within(r.received_date) for r in rows),
            len(answered),
            sum(r.answered_date <= r.effective_due_date for r in answered),
            sum(bool(r.extended_due_date) for r in answered),
            sum(
                r.received_date <= on
                and (r.answered_date is None or r.answered_date > on)
                and r.status != FOIRequestStatus.WITHDRAWN
                and r.effective_due_date < on
                for r in rows
            ),
        )
        counted = (figure.received, figure.answered, figure.answered_in_time, figure.extended, figure.open_overdue)
        assert counted == expected, figure.label
