"""Writes for surveillance camera systems: create, change and delete, each validated (``full_clean``) and kept in
the system's history with its reason. Beside ``registry/services.py``, which holds the organisations, members and
sites."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import Saved, record_update, with_reason
from registry.models import Organisation, SurveillanceSystem
from registry.principles import principles_errors, principles_normalised
from registry.services import _check_fields, register_changed

SYSTEM_INPUT_FIELDS = frozenset(
    {
        "name",
        "purpose",
        "lawful_basis",
        "data_controller",
        "responsible_officer",
        "public_contact",
        "retention_days",
        "recording",
        "live_monitoring",
        "signage",
        "dpia_date",
        "dpia_review_due",
        "last_review_date",
        "next_review_due",
        "principles",
        "published",
    }
)


def a_year_after(day: datetime.date) -> datetime.date:
    if day.year == datetime.MAXYEAR:
        return datetime.date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_review_due(*, last_review_date: datetime.date | None, given: datetime.date | None) -> datetime.date | None:
    """The Code's principle 2 asks for regular reviews; the Commissioner's guidance, at least a yearly one. So the
    next review is due a year after the last, or on the date given if that is earlier; a date on or before the last
    review belonged to an earlier one and is replaced. With no review yet, the date given (the first's) stands."""
    if last_review_date is None:
        return given
    latest = a_year_after(last_review_date)
    return given if given is not None and last_review_date < given < latest else latest


def _derive_and_normalise(system: SurveillanceSystem) -> None:
    system.name = (system.name or "").strip()
    system.next_review_due = next_review_due(last_review_date=system.last_review_date, given=system.next_review_due)
    # Normalised only when valid: full_clean then reports the entries as they were given.
    if isinstance(system.principles, list) and not principles_errors(system.principles, today=datetime.date.max):
        system.principles = principles_normalised(system.principles)


@transaction.atomic
def system_create(*, organisation: Organisation, reason: str = "", **fields) -> SurveillanceSystem:
    """A new system in ``organisation``; ``next_review_due`` is derived (``next_review_due``) and the
    self-assessment stored in principle order."""
    _check_fields(fields, allowed=SYSTEM_INPUT_FIELDS, noun="system")
    system = SurveillanceSystem(organisation=organisation, **fields)
    _derive_and_normalise(system)
    system.full_clean()
    with_reason(system, reason)
    system.save()
    register_changed(organisation_ids=[organisation.pk])
    return system


@transaction.atomic
def system_update(
    *, system: SurveillanceSystem, organisation: Organisation | None = None, reason: str = "", **changes
) -> Saved[SurveillanceSystem]:
    """Change some input fields of ``system``; a system stays in its organisation (its cameras are there). A new
    last review moves the next review to a year after it, unless an earlier date is given with it."""
    _check_fields(changes, allowed=SYSTEM_INPUT_FIELDS, noun="system")
    if organisation is not None and organisation.pk != system.organisation_id:
        raise ValidationError({"organisation": "A system cannot move to another organisation."})
    if "last_review_date" in changes and "next_review_due" not in changes:
        # The old next date belonged to the old review: derive it afresh from the new one.
        changes["next_review_due"] = None if changes["last_review_date"] else system.next_review_due
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
    principles = changes.get("principles")
    if isinstance(principles, list) and not principles_errors(principles, today=datetime.date.max):
        changes["principles"] = principles_normalised(principles)
    if {"last_review_date", "next_review_due"} & set(changes):
        last = changes.get("last_review_date", system.last_review_date)
        changes["next_review_due"] = next_review_due(
            last_review_date=last, given=changes.get("next_review_due", system.next_review_due)
        )
    saved = record_update(record=system, changes=changes, reason=reason)
    register_changed(organisation_ids=[system.organisation_id])
    return saved


@transaction.atomic
def system_delete(*, system: SurveillanceSystem, reason: str = "") -> None:
    """Delete a system no camera belongs to and no site names as its default. A system with cameras is refused
    rather than leaving them in no system without anyone deciding where they belong."""
    camera_count = system.cameras.count()
    if camera_count:
        raise ValidationError(
            {
                "system": f"{system} still has {camera_count} camera(s); move them to another system, or out of any "
                "system, before deleting it."
            }
        )
    site_names = list(system.default_for_sites.order_by("name").values_list("name", flat=True)[:4])
    if site_names:
        listed = ", ".join(site_names[:3]) + (" and others" if len(site_names) > 3 else "")
        raise ValidationError(
            {"system": f"{system} is the default system of {listed}; choose another default there first."}
        )
    with_reason(system, reason)
    system.delete()
    register_changed(organisation_ids=[system.organisation_id])
