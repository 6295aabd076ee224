"""An organisation's compliance with the Surveillance Camera Code, system by system: every principle's status and
evidence, and what is overdue. One reading (``systems_compliance``) serves the API's answer and the workbook."""

import datetime

from django.db.models import QuerySet

from core.printing import Printed
from core.spreadsheets import Column, Sheet, write_workbook
from registry.choices import DueState, PrincipleStatus
from registry.models import SurveillanceSystem
from registry.principles import principle_rows
from registry.selectors import due_state


def _overdue(review: DueState, dpia: DueState) -> list[str]:
    return [what for what, state in (("review", review), ("dpia", dpia)) if state == DueState.OVERDUE]


def system_compliance(*, system: SurveillanceSystem, today: datetime.date) -> dict:
    """One system's compliance: its reviews and DPIA with where each stands ``today``, and all 12 principles."""
    review = due_state(due=system.next_review_due, today=today)
    dpia = due_state(due=system.dpia_review_due, today=today)
    principles = principle_rows(system.principles)
    return {
        "id": system.pk,
        "name": system.name,
        "organisation": system.organisation.slug,
        "organisation_name": system.organisation.name,
        "responsible_officer": system.responsible_officer.get_username() if system.responsible_officer else None,
        "last_review_date": system.last_review_date,
        "next_review_due": system.next_review_due,
        "review_state": review.value,
        "dpia_date": system.dpia_date,
        "dpia_review_due": system.dpia_review_due,
        "dpia_state": dpia.value,
        "overdue": _overdue(review, dpia),
        "principles_met": sum(row["status"] == PrincipleStatus.MET for row in principles),
        "principles": [
            {name: row[name] for name in ("principle", "title", "status", "evidence", "assessed_on")}
            for row in principles
        ],
    }


def systems_compliance(*, systems: QuerySet[SurveillanceSystem], today: datetime.date) -> dict:
    """Every system's compliance, by organisation and name, as at ``today``."""
    systems = systems.select_related("organisation", "responsible_officer").order_by("organisation__name", "name")
    return {"as_at": today, "systems": [system_compliance(system=system, today=today) for system in systems]}


def _state_label(state: str) -> str:
    return DueState(state).label


SYSTEM_COLUMNS = [
    Column("System", "name", 30),
    Column("Organisation", "organisation_name", 24),
    Column("Responsible officer", "responsible_officer", 20),
    Column("Last review", "last_review_date", 13),
    Column("Next review due", "next_review_due", 13),
    Column("Review", lambda row: _state_label(row["review_state"]), 12),
    Column("DPIA done", "dpia_date", 13),
    Column("DPIA review due", "dpia_review_due", 13),
    Column("DPIA review", lambda row: _state_label(row["dpia_state"]), 12),
    Column("Principles met (of 12)", "principles_met", 12),
]

PRINCIPLE_COLUMNS = [
    Column("System", lambda row: row["system"], 30),
    Column("Principle", lambda row: row["principle"], 10),
    Column("What it asks", lambda row: row["title"], 45),
    Column("Status", lambda row: PrincipleStatus(row["status"]).label, 13),
    Column("Evidence", lambda row: row["evidence"], 50),
    Column("Assessed on", lambda row: row["assessed_on"], 13),
]

OVERDUE_COLUMNS = [
    Column("System", lambda row: row["system"], 30),
    Column("Overdue", lambda row: row["what"], 14),
    Column("Was due", lambda row: row["due"], 13),
    Column("Days overdue", lambda row: row["days"], 12),
]


def _principle_rows(compliance: dict):
    for system in compliance["systems"]:
        for principle in system["principles"]:
            yield {"system": system["name"], **principle}


def _overdue_rows(compliance: dict):
    today = compliance["as_at"]
    for system in compliance["systems"]:
        for what, due in (("review", system["next_review_due"]), ("dpia", system["dpia_review_due"])):
            if what in system["overdue"]:
                words = "Review" if what == "review" else "DPIA review"
                yield {"system": system["name"], "what": words, "due": due, "days": (today - due).days}


def compliance_workbook(*, compliance: dict, printed: Printed) -> bytes:
    """The compliance workbook: the systems, every principle of each, and what is overdue."""
    return write_workbook(
        [
            Sheet("Systems", SYSTEM_COLUMNS, compliance["systems"]),
            Sheet("Principles", PRINCIPLE_COLUMNS, list(_principle_rows(compliance))),
            Sheet("Overdue", OVERDUE_COLUMNS, list(_overdue_rows(compliance))),
        ],
        printed=printed,
    )
