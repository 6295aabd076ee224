"""Extensions for the public interest test (FOIA s.10(3)) and assignment, through the services, worked by hand."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from foi import services
from foi.choices import FOIRequestStatus
from registry.choices import Jurisdiction, Role
from registry.models import Membership
from tests import factories

RECEIVED = datetime.date(2025, 11, 17)  # a Monday


def _request(organisation, reference="FOI-1", received=RECEIVED, **fields):
    return services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=received,
        subject="Cameras",
        request_text="How many cameras?",
        **fields,
    )


@pytest.fixture
def scottish_council(db):
    return factories.organisation(name="Highland Council", slug="highland", jurisdiction=Jurisdiction.SCOTLAND)


def test_an_extension_across_christmas_and_new_year(council, foi_officer):
    """English council (FOIA: a bank holiday in any part of the UK is not a working day).

    Received Monday 17 November 2025. Day 1 is Tuesday 18 November: 18-21 Nov are days 1-4, 24-28 Nov days 5-9;
    Monday 1 December is St Andrew's Day's substitute (Scotland), not a working day, so 2-5 Dec are days 10-13,
    8-12 Dec days 14-18, 15 Dec day 19 and Tuesday 16 December day 20: due 16 December 2025.

    Extended by 10 working days from 16 December: 17-19 Dec are 1-3, 22-24 Dec 4-6; 25 Dec (Christmas Day) and
    26 Dec (Boxing Day) are not working days, nor the weekend; 29-31 Dec are 7-9; 1 January (New Year's Day) and
    Friday 2 January (a Scottish bank holiday) are not; Monday 5 January 2026 is day 10."""
    foi_request = _request(council)
    assert foi_request.due_date == datetime.date(2025, 12, 16)
    extension = services.foi_request_extend(
        foi_request=foi_request, working_days=10, reason="Public interest test for s.31", extended_by=foi_officer
    )
    foi_request.refresh_from_db()
    assert foi_request.due_date == datetime.date(2025, 12, 16)  # the statutory one stays
    assert foi_request.extended_due_date == datetime.date(2026, 1, 5)
    assert foi_request.effective_due_date == datetime.date(2026, 1, 5)
    assert (extension.working_days, extension.reason, extension.extended_by) == (
        10,
        "Public interest test for s.31",
        foi_officer,
    )
    assert foi_request.history.first().history_change_reason == "Extended by 10 working days"


def test_extensions_add_up_from_the_original_due_date_to_twenty_working_days(council):
    """10 then 10 more: 20 working days after 16 December 2025. Counting on from 5 January 2026 (day 10): 6-9 Jan
    are 11-14, 12-16 Jan 15-19, Monday 19 January 2026 is day 20."""
    foi_request = _request(council)
    services.foi_request_extend(foi_request=foi_request, working_days=10, reason="Public interest test")
    services.foi_request_extend(foi_request=foi_request, working_days=10, reason="Still weighing it")
    foi_request.refresh_from_db()
    assert foi_request.extended_due_date == datetime.date(2026, 1, 19)
    with pytest.raises(ValidationError) as refused:
        services.foi_request_extend(foi_request=foi_request, working_days=1, reason="One more day")
    assert "most allowed, 20 working days" in str(refused.value.message_dict["working_days"])


def test_an_extension_past_the_total_says_how_many_days_remain(council):
    foi_request = _request(council)
    services.foi_request_extend(foi_request=foi_request, working_days=15, reason="Public interest test")
    with pytest.raises(ValidationError) as refused:
        services.foi_request_extend(foi_request=foi_request, working_days=6, reason="More")
    assert "extended by 5 more at most" in refused.value.message_dict["working_days"][0]
    assert foi_request.extensions.count() == 1


def test_a_scottish_extension_is_refused(scottish_council):
    """FOISA has no extension for the public interest test: 20 working days it is."""
    foi_request = _request(scottish_council)
    with pytest.raises(ValidationError) as refused:
        services.foi_request_extend(foi_request=foi_request, working_days=5, reason="Public interest test")
    assert (
        "Freedom of Information (Scotland) Act 2002 has no extension" in refused.value.message_dict["working_days"][0]
    )
    foi_request.refresh_from_db()
    assert foi_request.extended_due_date is None
    assert not foi_request.extensions.exists()


@pytest.mark.parametrize(
    ("working_days", "reason", "field"),
    [
        (0, "Reason", "working_days"),
        (21, "Reason", "working_days"),
        (True, "Reason", "working_days"),
        (5, "  ", "reason"),
    ],
)
def test_bad_extensions_are_refused_naming_the_field(council, working_days, reason, field):
    foi_request = _request(council)
    with pytest.raises(ValidationError) as refused:
        services.foi_request_extend(foi_request=foi_request, working_days=working_days, reason=reason)
    assert field in refused.value.message_dict
    assert not foi_request.extensions.exists()


def test_only_an_open_request_can_be_extended(council):
    withdrawn = services.foi_request_withdraw(foi_request=_request(council, "FOI-W"))
    waiting = services.foi_request_clarification_request(
        foi_request=_request(council, "FOI-C"), requested_on=RECEIVED + datetime.timedelta(days=1)
    )
    for foi_request in (withdrawn, waiting):
        with pytest.raises(ValidationError) as refused:
            services.foi_request_extend(foi_request=foi_request, working_days=5, reason="Public interest test")
        assert "cannot be extended" in refused.value.message_dict["status"][0]


def test_the_extended_date_follows_the_statutory_one(council):
    """Received 17 November 2025 and extended by 5: 16 December + 5 working days = 23 December 2025. The received
    date corrected to Tuesday 18 November moves the due date to 17 December, and the extended one to 24 December;
    then clarification stops the clock (no deadline at all) and its arrival on Monday 5 January 2026 starts a new
    20 working days (due 2 February 2026), extended by the same 5 to 9 February 2026."""
    foi_request = _request(council)
    services.foi_request_extend(foi_request=foi_request, working_days=5, reason="Public interest test")
    foi_request.refresh_from_db()
    assert foi_request.extended_due_date == datetime.date(2025, 12, 23)
    services.foi_request_update(foi_request=foi_request, received_date=datetime.date(2025, 11, 18))
    assert (foi_request.due_date, foi_request.extended_due_date) == (
        datetime.date(2025, 12, 17),
        datetime.date(2025, 12, 24),
    )
    services.foi_request_clarification_request(foi_request=foi_request, requested_on=datetime.date(2025, 11, 20))
    assert (foi_request.due_date, foi_request.extended_due_date, foi_request.effective_due_date) == (None, None, None)
    services.foi_request_clarification_receive(foi_request=foi_request, received_on=datetime.date(2026, 1, 5))
    assert foi_request.status == FOIRequestStatus.OPEN
    assert (foi_request.due_date, foi_request.extended_due_date) == (
        datetime.date(2026, 2, 2),
        datetime.date(2026, 2, 9),
    )


class TestAssignment:
    def test_an_foi_officer_or_an_admin_may_handle_a_request(self, council, foi_officer):
        admin = factories.user_with_role(council, Role.ADMIN)
        foi_request = _request(council, assigned_to=foi_officer, channel="whatdotheyknow")
        assert (foi_request.assigned_to, foi_request.channel) == (foi_officer, "whatdotheyknow")
        services.foi_request_update(foi_request=foi_request, assigned_to=admin)
        foi_request.refresh_from_db()
        assert foi_request.assigned_to == admin
        services.foi_request_update(foi_request=foi_request, assigned_to=None)
        foi_request.refresh_from_db()
        assert foi_request.assigned_to is None

    @pytest.mark.parametrize("who", ["viewer", "officer", "other organisation's FOI officer", "deactivated"])
    def test_anyone_else_is_refused(self, council, other_council, who):
        if who == "other organisation's FOI officer":
            user = factories.user_with_role(other_council, Role.FOI)
        elif who == "deactivated":
            user = factories.user_with_role(council, Role.FOI, username="gone")
            Membership.objects.filter(user=user).update(is_active=False)
        else:
            user = factories.user_with_role(council, who)
        with pytest.raises(ValidationError) as refused:
            _request(council, assigned_to=user)
        assert "active FOI officer or administrator of Demo Council" in refused.value.message_dict["assigned_to"][0]

    def test_a_bad_email_address_is_refused_naming_the_field(self, council):
        with pytest.raises(ValidationError) as refused:
            _request(council, requester_email="not an address")
        assert "requester_email" in refused.value.message_dict


def test_an_assignee_who_has_left_does_not_stop_the_request_being_answered(council, library):
    leaver = factories.user_with_role(council, Role.FOI, username="leaver")
    foi_request = _request(council, assigned_to=leaver)
    Membership.objects.filter(user=leaver).update(is_active=False)
    services.question_create(foi_request=foi_request, text="How many?", group_by=[])
    services.foi_request_issue(foi_request=foi_request)
    foi_request.refresh_from_db()
    assert (foi_request.status, foi_request.assigned_to) == (FOIRequestStatus.ANSWERED, leaver)
    with pytest.raises(ValidationError):
        services.foi_request_update(foi_request=foi_request, assigned_to=factories.user_with_role(council, "viewer"))
