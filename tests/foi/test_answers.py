"""foi/answers.py: a question's filters checked, its cameras counted, listed and withheld, and its sentence."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from foi import services
from foi.answers import (
    check_question_query,
    filter_data,
    question_answer,
    question_cameras,
    question_filter_names,
    withheld_entries,
)

ASKABLE_FILTERS = (
    "site, site_category, manufacturer, vendor, origin_country, networked, restricted, status, installed_after, "
    "installed_before, eol_after, eol_before, q, system"
)


def test_filter_data_writes_json_values_as_the_query_parameters_the_filterset_reads():
    filters = {"networked": True, "restricted": False, "status": ["operational", "faulty"], "site": 3}
    blanks = {"ward": "", "vendor": None, "manufacturer": []}
    assert filter_data(filters | blanks) == {
        "networked": "true",
        "restricted": "false",
        "status": "operational,faulty",
        "site": "3",
    }


def test_a_question_cannot_filter_by_organisation_ordering_or_as_at(db):
    assert ", ".join(question_filter_names()) == ASKABLE_FILTERS
    with pytest.raises(ValidationError) as error:
        check_question_query(filters={"organisation": "x", "ordering": "name", "colour": "red"}, group_by="vendor")
    assert error.value.message_dict == {
        "filters": [
            "organisation: A question always counts its own organisation's cameras.",
            "ordering: Ordering does not change a count.",
            f"Unknown filter 'colour'; choose from {ASKABLE_FILTERS}.",
        ],
        "group_by": ["Give the dimensions as a list of names."],
    }


def test_a_bad_filter_value_and_an_unknown_dimension_are_named(council):
    with pytest.raises(ValidationError) as error:
        check_question_query(filters={"status": "melted"}, group_by=["vendor", "colour"], organisation_id=council.pk)
    assert error.value.message_dict["filters"] == [
        "status: Select a valid choice. melted is not one of the available choices."
    ]
    assert error.value.message_dict["group_by"][0].startswith("Unknown dimension 'colour'; choose from organisation, ")
    with pytest.raises(ValidationError) as error:
        check_question_query(filters=[], group_by=[])
    assert error.value.message_dict == {"filters": ["Give the filters as an object of filter names and values."]}
    dimensions = check_question_query(
        filters={"networked": True}, group_by=["site_category", "networked"], organisation_id=council.pk
    )
    assert dimensions == ["site_category", "networked"]


def test_the_answer_counts_groups_lists_and_words_the_library_cameras(library_request):
    question = services.question_create(
        foi_request=library_request,
        text="How many library cameras, by vendor?",
        filters={"site_category": "library"},
        group_by=["vendor"],
        disclosed_columns=["asset_tag", "manufacturer", "install_date"],
    )
    answer = question_answer(question)
    assert (answer["order"], answer["question"], answer["as_at"]) == (1, "How many library cameras, by vendor?", None)
    assert (answer["group_by"], answer["dimension_headings"], answer["total"]) == (["vendor"], ["Vendor"], 3)
    assert answer["groups"] == [
        {"count": 2, "labels": ["Hikvision"], "values": ["hikvision"]},
        {"count": 1, "labels": ["Bosch Security Systems"], "values": ["bosch"]},
    ]
    assert answer["listing"] == {
        "columns": ["asset_tag", "manufacturer", "install_date"],
        "headings": ["Asset tag", "Manufacturer", "Install date"],
        "rows": [
            ["LIB-1", "Hikvision", "2019-03-01"],
            ["LIB-2", "Bosch Security Systems", "2021-05-04"],
            ["LIB-3", "EZVIZ", "2023-09-01"],
        ],
    }
    assert answer["withheld_columns"] == ["location_description", "serial_number"]
    assert [(entry["column_label"], entry["wording"]) for entry in answer["withheld"]] == [
        ("Location description", "Not disclosed."),
        ("Serial number", "Not disclosed."),
    ]
    sentence = (
        "There are 3 CCTV cameras in the council's libraries. 2 of them were made by Hikvision and 1 by Bosch "
        "Security Systems."
    )
    assert answer["generated_wording"] == answer["wording"] == sentence


def test_an_as_at_question_counts_the_cameras_in_service_that_day(library_request):
    question = services.question_create(
        foi_request=library_request,
        text="How many were networked at the end of 2022?",
        filters={"networked": True},
        as_at=datetime.date(2022, 12, 31),
    )
    assert [camera.asset_tag for camera in question_cameras(question)] == ["LIB-2"]
    answer = question_answer(question)
    assert (answer["as_at"], answer["total"], answer["groups"], answer["listing"]) == ("2022-12-31", 1, [], None)
    assert answer["wording"] == "There was 1 CCTV camera connected to a network on 31 December 2022."


def test_the_officers_wording_replaces_the_generated_sentence(library_request):
    question = services.question_create(
        foi_request=library_request, text="How many?", answer_wording="  We hold four cameras.  "
    )
    answer = question_answer(question)
    assert answer["wording"] == "We hold four cameras."
    assert answer["generated_wording"] == "There are 4 CCTV cameras."


def test_neither_confirm_nor_deny_carries_no_figures(library_request):
    question = services.question_create(
        foi_request=library_request,
        text="Where are they?",
        filters={"site_category": "library"},
        disclosed_columns=["asset_tag"],
        neither_confirm_nor_deny=True,
        exemption="foia-s24",
        public_interest_reasoning="National security.",
    )
    answer = question_answer(question)
    assert (answer["total"], answer["groups"], answer["listing"], answer["withheld"]) == (None, [], None, [])
    assert (answer["exemption_label"], answer["exemption_citation"]) == (
        "s.24 National security (FOIA)",
        "section 24 of the Freedom of Information Act 2000",
    )
    assert answer["wording"] == (
        "The council neither confirms nor denies that it holds the information you asked for, relying on section "
        "24 of the Freedom of Information Act 2000."
    )
    assert withheld_entries(question) == []


def test_withheld_entries_are_the_named_columns_then_the_sensitive_ones_left_out_in_column_order(library_request):
    reasons = {"column": "serial_number", "exemption": "foia-s31", "reasoning": "Serials help tampering."}
    question = services.question_create(
        foi_request=library_request, text="List them", disclosed_columns=["asset_tag"], withheld=[reasons]
    )
    assert withheld_entries(question) == [
        {"column": "location_description", "exemption": "", "reasoning": ""},
        reasons,
    ]
    assert question_answer(question)["withheld"][1]["wording"] == (
        "Withheld under section 31 of the Freedom of Information Act 2000 (s.31 Law enforcement (FOIA))."
    )
