"""The Surveillance Camera Code of Practice's 12 guiding principles (Protection of Freedoms Act 2012 s.33, amended
with effect from 12 January 2022; England and Wales), paraphrased, and the rules of a system's self-assessment
against them: a list of ``{"principle", "status", "evidence", "assessed_on"}``, each principle at most once."""

import datetime

from django.core.exceptions import ValidationError

from registry.choices import PrincipleStatus

PRINCIPLES: dict[int, str] = {
    1: "A specified purpose, a legitimate aim and a pressing need",
    2: "Privacy weighed, with regular reviews that its use is still justified",
    3: "Transparency, with a published contact point for information and complaints",
    4: "Clear responsibility and accountability for everything the system does and holds",
    5: "Rules, policies and procedures in place before use, and known to those who follow them",
    6: "No more stored than the purpose needs, and deleted once it is served",
    7: "Access to stored images restricted, with rules on who may see them and why",
    8: "Approved operational, technical and competency standards considered and met",
    9: "Security against unauthorised access and use",
    10: "Effective review and audit, with regular published reports",
    11: "Used effectively for public safety and law enforcement, with images of evidential value",
    12: "Any reference database used for matching accurate and up to date",
}

PRINCIPLE_KEYS = ("principle", "status", "evidence", "assessed_on")


def principle_error(message: str, principle: int | None = None, part: str = "") -> ValidationError:
    """An error about one entry of the self-assessment, carrying its principle and the part at fault (``status``,
    ``evidence``, ``assessed_on``) so a form can show it at that principle's boxes. No params: a % stays text."""
    error = ValidationError(message, code="principles")
    error.principle = principle
    error.principle_part = part
    return error


def _assessed_on(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError


def principles_errors(entries, *, today: datetime.date) -> list[ValidationError]:
    """What is wrong with a self-assessment, each message naming the entry, its principle and the part at fault."""
    if not isinstance(entries, list):
        return [principle_error('Give a list of {"principle", "status", "evidence", "assessed_on"} objects.')]
    errors, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) - set(PRINCIPLE_KEYS):
            errors.append(principle_error(f"Principle entry {number}: give an object of {', '.join(PRINCIPLE_KEYS)}."))
            continue
        principle = entry.get("principle")
        if isinstance(principle, bool) or principle not in PRINCIPLES:
            errors.append(
                principle_error(
                    f"Principle entry {number}: the principle must be a number from 1 to 12, not {principle!r}."
                )
            )
            continue
        where = f"Principle entry {number} (principle {principle})"
        if principle in seen:
            errors.append(
                principle_error(
                    f"{where}: principle {principle} is already assessed; give each once.", principle, "principle"
                )
            )
            continue
        seen.add(principle)
        status = entry.get("status")
        if status not in PrincipleStatus.values:
            errors.append(
                principle_error(
                    f"{where}: unknown status {status!r}; choose from {', '.join(PrincipleStatus.values)}.",
                    principle,
                    "status",
                )
            )
        evidence = entry.get("evidence", "")
        if evidence is not None and not isinstance(evidence, str):
            errors.append(principle_error(f"{where}: give the evidence as text.", principle, "evidence"))
        elif status in (PrincipleStatus.MET, PrincipleStatus.PARTLY_MET) and not (evidence or "").strip():
            errors.append(
                principle_error(
                    f"{where}: say what shows the principle is {PrincipleStatus(status).label.lower()} "
                    "(a policy, a report, a sign).",
                    principle,
                    "evidence",
                )
            )
        try:
            assessed_on = _assessed_on(entry.get("assessed_on"))
        except ValueError:
            errors.append(
                principle_error(f"{where}: give the assessment date as YYYY-MM-DD.", principle, "assessed_on")
            )
            continue
        if assessed_on and assessed_on > today:
            errors.append(
                principle_error(f"{where}: the assessment date cannot be in the future.", principle, "assessed_on")
            )
        if assessed_on is None and status in (PrincipleStatus.MET, PrincipleStatus.PARTLY_MET, PrincipleStatus.NOT_MET):
            errors.append(principle_error(f"{where}: give the date it was assessed.", principle, "assessed_on"))
    return errors


def principles_normalised(entries: list[dict]) -> list[dict]:
    """Valid entries as stored: in principle order, every key present, the date as YYYY-MM-DD, evidence trimmed."""
    normalised = []
    for entry in sorted(entries, key=lambda entry: entry["principle"]):
        assessed_on = _assessed_on(entry.get("assessed_on"))
        normalised.append(
            {
                "principle": entry["principle"],
                "status": entry["status"],
                "evidence": (entry.get("evidence") or "").strip(),
                "assessed_on": assessed_on.isoformat() if assessed_on else None,
            }
        )
    return normalised


def principle_rows(entries) -> list[dict]:
    """All 12 principles with the system's assessment of each (``not-assessed`` where it gives none): the system's
    page, the compliance workbook and its API read these. ``assessed_on`` is a date or None."""
    given = {entry["principle"]: entry for entry in entries or [] if isinstance(entry, dict)}
    rows = []
    for number, title in PRINCIPLES.items():
        entry = given.get(number, {})
        status = entry.get("status") or PrincipleStatus.NOT_ASSESSED
        try:
            assessed_on = _assessed_on(entry.get("assessed_on"))
        except ValueError:
            assessed_on = None
        rows.append(
            {
                "principle": number,
                "title": title,
                "status": status,
                "status_label": PrincipleStatus(status).label if status in PrincipleStatus.values else status,
                "colour": PrincipleStatus.tag_colour(status),
                "evidence": entry.get("evidence") or "",
                "assessed_on": assessed_on,
            }
        )
    return rows
