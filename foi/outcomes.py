"""What an issued response decided, and the rules that keep the decision consistent with its answers.

A refusal on cost (FOIA s.12, FOISA s.12) stands only when the estimate is over the appropriate limit, and
comes with advice and assistance (FOIA s.16, FOISA s.15). The limits are data, one per Act."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from foi.choices import Exemption, Law, Outcome


def hours_text(hours: Decimal) -> str:
    """ "18", "18.5": hours as a letter or a message says them."""
    text = f"{Decimal(hours):.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class CostLimit:
    pounds: int
    hourly_rate: int
    section: str
    advice_section: str
    regulations: str

    @property
    def hours(self) -> Decimal:
        return Decimal(self.pounds) / Decimal(self.hourly_rate)

    def describe(self) -> str:
        """ "£450 at £25 an hour, 18 hours" """
        return f"£{self.pounds} at £{self.hourly_rate} an hour, {hours_text(self.hours)} hours"


COST_LIMITS = {
    # Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004: local authorities.
    Law.FOIA: CostLimit(
        pounds=450,
        hourly_rate=25,
        section="s.12",
        advice_section="s.16",
        regulations="the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004",
    ),
    # Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004: staff time at most £15.
    Law.FOISA: CostLimit(
        pounds=600,
        hourly_rate=15,
        section="s.12",
        advice_section="s.15",
        regulations="the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004",
    ),
}

REFUSALS = frozenset(
    {Outcome.REFUSED_EXEMPTION, Outcome.REFUSED_COST, Outcome.REFUSED_VEXATIOUS, Outcome.NEITHER_CONFIRM_NOR_DENY}
)


@dataclass(frozen=True)
class Decision:
    """The outcome an officer gives a response, with a cost refusal's estimate and the advice offered."""

    outcome: str
    cost_estimate_hours: Decimal | None = None
    advice_and_assistance: str = ""

    @property
    def label(self) -> str:
        return Outcome(self.outcome).label if self.outcome in Outcome.values else ""


def cited_exemptions(questions: list[dict[str, Any]]) -> list[str]:
    """The exemptions a response's frozen answers cite, each once, in order: withheld columns' and whole
    questions' (neither confirm nor deny)."""
    cited: list[str] = []
    for answer in questions:
        for exemption in [entry.get("exemption", "") for entry in answer.get("withheld", [])] + [
            answer.get("exemption", "")
        ]:
            if exemption and exemption not in cited:
                cited.append(exemption)
    return cited


def derived_outcome(questions: list[dict[str, Any]]) -> str:
    """The outcome of a response issued without one (API v1 clients): neither confirm nor deny when every question
    is, partly granted when any exemption is cited, otherwise granted."""
    if questions and all(answer.get("neither_confirm_nor_deny") for answer in questions):
        return Outcome.NEITHER_CONFIRM_NOR_DENY
    if cited_exemptions(questions):
        return Outcome.PARTLY_GRANTED
    return Outcome.GRANTED


def check_decision(*, decision: Decision, law: str, questions: list[dict[str, Any]]) -> None:
    """Raise a ValidationError naming the field at fault unless ``decision`` agrees with the answers and the law."""
    outcome = decision.outcome
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": f"Choose the outcome: one of {', '.join(Outcome.values)}."})
    cited = cited_exemptions(questions)
    ncnd = any(answer.get("neither_confirm_nor_deny") for answer in questions)
    if outcome == Outcome.GRANTED and (cited or ncnd):
        raise ValidationError(
            {
                "outcome": "A response granted in full cites no exemption, but this one cites "
                f"{', '.join(Exemption(value).label for value in cited if value in Exemption.values)}; choose "
                "partly granted or refused, or remove the exemptions."
            }
        )
    if outcome in (Outcome.REFUSED_EXEMPTION, Outcome.PARTLY_GRANTED) and not cited:
        raise ValidationError(
            {
                "outcome": f"“{Outcome(outcome).label}” needs at least one exemption cited on a question; cite the "
                "exemption on a withheld column, or choose another outcome."
            }
        )
    if outcome == Outcome.NEITHER_CONFIRM_NOR_DENY and not ncnd:
        raise ValidationError(
            {"outcome": "Neither confirm nor deny needs a question answered that way; mark the question first."}
        )
    _check_cost(decision=decision, law=law)


def _check_cost(*, decision: Decision, law: str) -> None:
    limit = COST_LIMITS[Law(law)]
    hours = decision.cost_estimate_hours
    if decision.outcome != Outcome.REFUSED_COST:
        if hours is not None:
            raise ValidationError(
                {"cost_estimate_hours": "A cost estimate goes only with a refusal on cost; clear it or choose that."}
            )
        return
    errors = {}
    if hours is None:
        errors["cost_estimate_hours"] = (
            f"Give the estimated hours of work: a refusal on cost ({limit.section}) must be over the limit of "
            f"{limit.describe()}."
        )
    elif hours <= limit.hours:
        errors["cost_estimate_hours"] = (
            f"{hours_text(hours)} hours is not over the cost limit under the {Law(law).label} ({limit.section}): "
            f"{limit.describe()}. Answer the request, or estimate the work again."
        )
    if not decision.advice_and_assistance.strip():
        errors["advice_and_assistance"] = (
            f"Say what advice and assistance is offered ({limit.advice_section}), such as how the requester could "
            "narrow the request to come within the limit."
        )
    if errors:
        raise ValidationError(errors)
