"""The outcome of an issued response: consistency with the answers, the cost limit of each Act worked by hand,
and the outcome derived for API v1 clients that send none."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from foi import services
from foi.choices import FOIRequestStatus, Outcome
from foi.models import FOIRequest, ResponseVersion
from foi.outcomes import COST_LIMITS, Decision, check_decision, derived_outcome
from registry.choices import Jurisdiction
from tests import factories

ADVICE = "Ask about one site at a time: each can be answered within the limit."


@pytest.fixture
def scottish_council(db):
    return factories.organisation(name="Fife Council", slug="fife", jurisdiction=Jurisdiction.SCOTLAND)


def _request(organisation, reference="FOI-1", **question):
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="Where is every camera, and who made it?",
    )
    services.question_create(foi_request=foi_request, text="How many cameras?", **question)
    return foi_request


def _refused(foi_request, **decision) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        services.foi_request_issue(foi_request=foi_request, **decision)
    return error.value.message_dict


def _cost(hours: str, advice: str = ADVICE) -> dict:
    return {"outcome": Outcome.REFUSED_COST, "cost_estimate_hours": Decimal(hours), "advice_and_assistance": advice}


def test_the_limits_are_the_fees_regulations_worked_out():
    """FOIA: £450 at £25 an hour = 18 hours. FOISA: £600 at £15 an hour = 40 hours."""
    assert COST_LIMITS["foia"].hours == 18
    assert COST_LIMITS["foisa"].hours == 40


@pytest.mark.parametrize("hours", ["17.9", "18", "18.0"])
def test_a_foia_cost_refusal_at_or_under_18_hours_is_refused(council, hours):
    foi_request = _request(council)
    errors = _refused(foi_request, **_cost(hours))
    message = errors["cost_estimate_hours"][0]
    assert "not over the cost limit" in message and "£450 at £25 an hour, 18 hours" in message
    assert not ResponseVersion.objects.exists()
    foi_request.refresh_from_db()
    assert foi_request.status == FOIRequestStatus.OPEN and foi_request.outcome == ""


def test_a_foia_cost_refusal_over_18_hours_is_issued(council):
    foi_request = _request(council)
    version = services.foi_request_issue(foi_request=foi_request, **_cost("18.1"))
    assert version.outcome == Outcome.REFUSED_COST
    assert version.cost_estimate_hours == Decimal("18.1") and version.advice_and_assistance == ADVICE
    foi_request.refresh_from_db()
    assert foi_request.outcome == Outcome.REFUSED_COST and foi_request.status == FOIRequestStatus.ANSWERED


def test_a_foisa_cost_refusal_at_40_hours_is_refused_and_over_it_issued(scottish_council):
    foi_request = _request(scottish_council)
    message = _refused(foi_request, **_cost("40"))["cost_estimate_hours"][0]
    assert "£600 at £15 an hour, 40 hours" in message and "Freedom of Information (Scotland) Act 2002" in message
    # 18.1 hours is over the FOIA limit but well under Scotland's.
    assert "18.1 hours is not over" in _refused(foi_request, **_cost("18.1"))["cost_estimate_hours"][0]
    version = services.foi_request_issue(foi_request=foi_request, **_cost("40.5"))
    assert version.outcome == Outcome.REFUSED_COST


def test_a_cost_refusal_needs_an_estimate_and_advice(council):
    foi_request = _request(council)
    errors = _refused(foi_request, outcome=Outcome.REFUSED_COST, advice_and_assistance="  ")
    assert "Give the estimated hours" in errors["cost_estimate_hours"][0]
    assert "s.16" in errors["advice_and_assistance"][0]
    assert "advice_and_assistance" in _refused(foi_request, **_cost("30", advice=""))


def test_a_cost_estimate_goes_only_with_a_refusal_on_cost(council):
    errors = _refused(_request(council), outcome=Outcome.GRANTED, cost_estimate_hours=Decimal("20"))
    assert "only with a refusal on cost" in errors["cost_estimate_hours"][0]


def test_granted_with_an_exemption_cited_is_refused(council, library):
    foi_request = _request(
        council,
        disclosed_columns=["asset_tag"],
        withheld=[{"column": "location_description", "exemption": "foia-s31", "reasoning": "Blind spots."}],
    )
    message = _refused(foi_request, outcome=Outcome.GRANTED)["outcome"][0]
    assert "granted in full cites no exemption" in message and "s.31 Law enforcement (FOIA)" in message
    assert services.foi_request_issue(foi_request=foi_request, outcome=Outcome.PARTLY_GRANTED).number == 1


def test_granted_with_a_neither_confirm_nor_deny_question_is_refused(council):
    foi_request = _request(
        council, neither_confirm_nor_deny=True, exemption="foia-s24", public_interest_reasoning="National security."
    )
    assert "outcome" in _refused(foi_request, outcome=Outcome.GRANTED)


@pytest.mark.parametrize("outcome", [Outcome.REFUSED_EXEMPTION, Outcome.PARTLY_GRANTED])
def test_refusing_or_partly_granting_needs_an_exemption(council, outcome):
    message = _refused(_request(council), outcome=outcome)["outcome"][0]
    assert "needs at least one exemption" in message


def test_neither_confirm_nor_deny_needs_such_a_question(council):
    message = _refused(_request(council), outcome=Outcome.NEITHER_CONFIRM_NOR_DENY)["outcome"][0]
    assert "needs a question answered that way" in message


def test_an_unknown_outcome_is_refused(council):
    assert "Choose the outcome" in _refused(_request(council), outcome="maybe")["outcome"][0]


@pytest.mark.parametrize("outcome", [Outcome.REFUSED_VEXATIOUS, Outcome.NOT_HELD])
def test_vexatious_and_not_held_need_nothing_more(council, outcome):
    assert services.foi_request_issue(foi_request=_request(council), outcome=outcome).outcome == outcome


def test_v1_clients_get_an_outcome_derived_from_the_answers(council, library):
    plain = services.foi_request_issue(foi_request=_request(council, reference="FOI-A"))
    assert plain.outcome == Outcome.GRANTED
    withheld = _request(
        council,
        reference="FOI-B",
        disclosed_columns=["asset_tag"],
        withheld=[{"column": "serial_number", "exemption": "foia-s31", "reasoning": "Tampering."}],
    )
    assert services.foi_request_issue(foi_request=withheld).outcome == Outcome.PARTLY_GRANTED
    ncnd = _request(
        council,
        reference="FOI-C",
        neither_confirm_nor_deny=True,
        exemption="foia-s31",
        public_interest_reasoning="Crime prevention.",
    )
    assert services.foi_request_issue(foi_request=ncnd).outcome == Outcome.NEITHER_CONFIRM_NOR_DENY
    assert FOIRequest.objects.get(reference="FOI-C").outcome == Outcome.NEITHER_CONFIRM_NOR_DENY


def test_the_rules_are_one_pure_function():
    answers = [{"withheld": [{"exemption": ""}], "exemption": "", "neither_confirm_nor_deny": False}]
    assert derived_outcome(answers) == Outcome.GRANTED
    check_decision(decision=Decision(Outcome.GRANTED), law="foia", questions=answers)
    with pytest.raises(ValidationError):
        check_decision(decision=Decision(Outcome.REFUSED_EXEMPTION), law="foia", questions=answers)


def test_a_new_version_can_change_the_outcome_and_the_request_follows(council):
    foi_request = _request(council)
    services.foi_request_issue(foi_request=foi_request)
    services.foi_request_issue(foi_request=foi_request, reason="Internal review", outcome=Outcome.NOT_HELD)
    foi_request.refresh_from_db()
    assert foi_request.outcome == Outcome.NOT_HELD
    assert list(foi_request.versions.values_list("outcome", flat=True)) == [Outcome.GRANTED, Outcome.NOT_HELD]
    assert foi_request.history.first().history_change_reason == "Response v2 issued"
