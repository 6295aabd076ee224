"""Surveillance camera systems: the model's rules, the next review's derivation, the self-assessment's validation,
and deleting."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assets.services import camera_update
from registry.choices import Role
from registry.models import SurveillanceSystem
from registry.principles import PRINCIPLES, principle_rows
from registry.system_services import next_review_due, system_create, system_delete, system_update
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


def messages(error: ValidationError, field: str) -> list[str]:
    return [str(message) for message in error.message_dict[field]]


def met(principle: int, **overrides) -> dict:
    return {"principle": principle, "status": "met", "evidence": "Policy CCTV-1", "assessed_on": "2026-01-05"} | (
        overrides
    )


# The next review


def test_the_next_review_is_a_year_after_the_last_unless_set_earlier():
    assert next_review_due(last_review_date=DAY, given=None) == datetime.date(2027, 3, 10)
    assert next_review_due(last_review_date=DAY, given=datetime.date(2026, 9, 1)) == datetime.date(2026, 9, 1)
    # Later than a year: the year wins.
    assert next_review_due(last_review_date=DAY, given=datetime.date(2028, 1, 1)) == datetime.date(2027, 3, 10)
    # On or before the last review: it belonged to an earlier review.
    assert next_review_due(last_review_date=DAY, given=DAY) == datetime.date(2027, 3, 10)
    # No review yet: the first review's date stands.
    assert next_review_due(last_review_date=None, given=datetime.date(2026, 5, 1)) == datetime.date(2026, 5, 1)
    assert next_review_due(last_review_date=datetime.date(2024, 2, 29), given=None) == datetime.date(2025, 2, 28)
    assert next_review_due(last_review_date=datetime.date(9999, 6, 1), given=None) == datetime.date.max


def test_the_service_derives_the_next_review_on_create_and_when_the_last_review_changes(council):
    system = system_create(organisation=council, name="Library CCTV", last_review_date=datetime.date(2024, 3, 10))
    assert system.next_review_due == datetime.date(2025, 3, 10)
    earlier = system_update(system=system, next_review_due=datetime.date(2024, 12, 1)).record
    assert earlier.next_review_due == datetime.date(2024, 12, 1)
    reviewed = system_update(system=system, last_review_date=datetime.date(2024, 11, 20)).record
    assert reviewed.next_review_due == datetime.date(2025, 11, 20)
    # A form sends the old next date back with the new review: the old date belonged to the old review.
    again = system_update(
        system=system, last_review_date=datetime.date(2025, 11, 20), next_review_due=datetime.date(2025, 11, 20)
    )
    assert again.record.next_review_due == datetime.date(2026, 11, 20)


# Names, organisation, responsible officer


def test_a_name_is_needed_and_unique_in_its_organisation(council, other_council):
    system_create(organisation=council, name="Library CCTV")
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="Library CCTV")
    assert messages(error.value, "name") == ["This organisation already has a system with this name."]
    assert system_create(organisation=other_council, name="Library CCTV").organisation == other_council
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="   ")
    assert "name" in error.value.message_dict


def test_the_database_refuses_a_blank_name_and_a_retention_out_of_range(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveillanceSystem.objects.create(organisation=council, name=" ")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveillanceSystem.objects.create(organisation=council, name="Depot", retention_days=0)


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_retention_is_from_one_day_to_ten_years(council, days):
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="Depot", retention_days=days)
    assert list(error.value.message_dict) == ["retention_days"]


def test_the_responsible_officer_is_an_active_member_of_the_same_organisation(council, other_council):
    member = factories.user_with_role(council, Role.OFFICER)
    outsider = factories.user_with_role(other_council, Role.ADMIN)
    assert system_create(organisation=council, name="A", responsible_officer=member).responsible_officer == member
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="B", responsible_officer=outsider)
    assert messages(error.value, "responsible_officer") == [
        "The responsible officer must be an active member of the system's organisation."
    ]
    membership = member.memberships.get()
    membership.is_active = False
    membership.save()
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="C", responsible_officer=member)
    assert "responsible_officer" in error.value.message_dict


def test_a_system_stays_in_its_organisation_and_dates_keep_their_order(council, other_council):
    system = system_create(organisation=council, name="Library CCTV")
    with pytest.raises(ValidationError) as error:
        system_update(system=system, organisation=other_council)
    assert "organisation" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        system_update(system=system, dpia_date=DAY, dpia_review_due=DAY - datetime.timedelta(days=1))
    assert messages(error.value, "dpia_review_due") == ["The DPIA review cannot be due before the DPIA was done."]


def test_a_review_or_dpia_is_not_done_in_the_future(council):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="Depot", last_review_date=tomorrow, dpia_date=tomorrow)
    assert error.value.message_dict == {
        "last_review_date": ["The last review cannot be in the future: give the day it was done."],
        "dpia_date": ["The DPIA cannot be in the future: give the day it was done."],
    }


def test_an_unknown_input_field_is_a_programming_error(council):
    with pytest.raises(TypeError, match="Not a system input field: cameras"):
        system_create(organisation=council, name="X", cameras=[])


# The self-assessment


def test_principles_are_stored_in_order_with_every_part(council):
    system = system_create(
        organisation=council,
        name="Library CCTV",
        principles=[met(6, evidence="  Retention policy  "), {"principle": 1, "status": "not-assessed"}],
    )
    system.refresh_from_db()
    assert system.principles == [
        {"principle": 1, "status": "not-assessed", "evidence": "", "assessed_on": None},
        {"principle": 6, "status": "met", "evidence": "Retention policy", "assessed_on": "2026-01-05"},
    ]
    rows = principle_rows(system.principles)
    assert [row["principle"] for row in rows] == list(range(1, 13))
    assert rows[5]["status"] == "met" and rows[5]["assessed_on"] == datetime.date(2026, 1, 5)
    assert rows[11] == {
        "principle": 12,
        "title": PRINCIPLES[12],
        "status": "not-assessed",
        "status_label": "Not assessed",
        "colour": "grey",
        "evidence": "",
        "assessed_on": None,
    }


@pytest.mark.parametrize(
    ("principles", "expected"),
    [
        ("met", ['Give a list of {"principle", "status", "evidence", "assessed_on"} objects.']),
        (["met"], ["Principle entry 1: give an object of principle, status, evidence, assessed_on."]),
        ([met(1, colour="red")], ["Principle entry 1: give an object of principle, status, evidence, assessed_on."]),
        ([met(13)], ["Principle entry 1: the principle must be a number from 1 to 12, not 13."]),
        ([met(True)], ["Principle entry 1: the principle must be a number from 1 to 12, not True."]),
        (
            [met(2), met(2)],
            ["Principle entry 2 (principle 2): principle 2 is already assessed; give each once."],
        ),
        (
            [met(3, status="done")],
            ["Principle entry 1 (principle 3): unknown status 'done'; choose from met, partly-met, not-met, "
             "not-assessed."],
        ),
        (
            [met(4, evidence="")],
            ["Principle entry 1 (principle 4): say what shows the principle is met (a policy, a report, a sign)."],
        ),
        ([met(5, evidence=7)], ["Principle entry 1 (principle 5): give the evidence as text."]),
        ([met(7, assessed_on="5/1/2026")], ["Principle entry 1 (principle 7): give the assessment date as "
                                             "YYYY-MM-DD."]),
        ([met(8, assessed_on="2999-01-01")], ["Principle entry 1 (principle 8): the assessment date cannot be in the "
                                               "future."]),
        ([met(9, assessed_on=None)], ["Principle entry 1 (principle 9): give the date it was assessed."]),
    ],
)  # fmt: skip
def test_each_problem_of_the_self_assessment_names_its_entry_and_part(council, principles, expected):
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="Library CCTV", principles=principles)
    assert messages(error.value, "principles") == expected


def test_the_errors_carry_the_principle_and_part_for_a_form(council):
    with pytest.raises(ValidationError) as error:
        system_create(organisation=council, name="Library CCTV", principles=[met(4, evidence="")])
    (problem,) = error.value.error_dict["principles"]
    assert (problem.principle, problem.principle_part) == (4, "evidence")


# History and deleting


def test_a_change_is_kept_in_the_history_with_its_reason(council):
    system = system_create(organisation=council, name="Library CCTV", reason="New scheme")
    system_update(system=system, retention_days=31, reason="Retention policy agreed")
    reasons = list(system.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["New scheme", "Retention policy agreed"]


def test_a_system_with_cameras_or_named_as_a_default_is_not_deleted(council, library):
    system = system_create(organisation=council, name="Library CCTV")
    camera = factories.camera(library, system=system)
    with pytest.raises(ValidationError) as error:
        system_delete(system=system)
    assert messages(error.value, "system") == [
        "Library CCTV still has 1 camera(s); move them to another system, or out of any system, before deleting it."
    ]
    camera_update(camera=camera, system=None)
    factories.site(council, name="Town Hall", default_system=system)
    with pytest.raises(ValidationError) as error:
        system_delete(system=system)
    assert messages(error.value, "system") == [
        "Library CCTV is the default system of Town Hall; choose another default there first."
    ]


def test_an_empty_system_is_deleted_and_its_history_kept(council):
    system = system_create(organisation=council, name="Depot CCTV")
    pk = system.pk
    system_delete(system=system, reason="Merged into Town centre")
    assert not SurveillanceSystem.objects.filter(pk=pk).exists()
    deleted = SurveillanceSystem.history.filter(id=pk).latest("history_date")
    assert (deleted.history_type, deleted.history_change_reason) == ("-", "Merged into Town centre")


def test_a_site_names_a_default_system_of_its_own_organisation_only(council, other_council):
    theirs = system_create(organisation=other_council, name="Their CCTV")
    with pytest.raises(ValidationError) as error:
        factories.site(council, name="Library", default_system=theirs)
    assert messages(error.value, "default_system") == ["The system belongs to another organisation."]
