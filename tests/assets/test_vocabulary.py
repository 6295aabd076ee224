"""Each camera field's words are declared once (assets.vocabulary), and every reader of the field agrees on them:
the FilterSet, the importer, the API, the service, the downloads, the counts and the FOI wording."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from rest_framework import serializers

from assets.api.serializers import CountryCodeField, ReplacementPlanCameraSerializer
from assets.exports import CAMERA_LIST_COLUMNS, replacement_plan_columns
from assets.filtersets import CameraFilterSet
from assets.importing.columns import CAMERA_HEADINGS, REQUIRED_CAMERA_FIELDS, columns_match
from assets.importing.values import parse_bool, parse_country
from assets.models import Camera
from assets.replacement import replacement_plan_cameras, replacement_plan_headline
from assets.selectors import camera_is_past_end_of_life, past_end_of_life, past_end_of_life_query
from assets.services import CAMERA_INPUT_FIELDS, organisation_follow_restrictions
from assets.vocabulary import (
    CAMERA_COLUMNS,
    COUNT_DIMENSIONS,
    NOT_A_COUNTRY_CODE,
    SPREADSHEET_FALSE_WORDS,
    SPREADSHEET_TRUE_WORDS,
    UNKNOWN_LABEL,
    country_code,
    dimension_heading,
)
from core.filtersets import FALSE_WORDS, TRUE_WORDS, yes_or_no
from foi.answers import _listing_value
from foi.api.serializers import QuestionSerializer
from foi.choices import QUESTION_FIELDS, DisclosableColumn
from foi.forms import QUESTION_MODEL_FIELDS
from foi.services import QUESTION_INPUT_FIELDS
from foi.wording import describe_cameras
from registry.choices import Role
from registry.models import Organisation
from tests import factories
from tests.foi.conftest import client_for, read_with_calamine


def filter_value(name: str, value: str):
    filterset = CameraFilterSet({name: value}, queryset=Camera.objects.none(), organisations=Organisation.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.form.cleaned_data[name]


def filter_error(name: str, value: str) -> list[str]:
    filterset = CameraFilterSet({name: value}, queryset=Camera.objects.none(), organisations=Organisation.objects.all())
    assert not filterset.is_valid()
    return filterset.error_messages()[name]


# Yes/no


@pytest.mark.parametrize(("words", "answer"), [(TRUE_WORDS, True), (FALSE_WORDS, False)])
def test_the_filterset_the_importer_and_the_foi_wording_read_yes_and_no_alike(db, words, answer):
    for word in words:
        for typed in (word, word.upper(), f" {word} "):
            assert filter_value("networked", typed) is answer
            assert filter_value("restricted", typed) is answer
            assert parse_bool(typed) is answer
            assert yes_or_no(typed) is answer
            _, after = describe_cameras({"networked": typed}, None)
            assert after == ["connected to a network" if answer else "not connected to any network"]


def test_a_spreadsheet_takes_every_yes_no_word_of_a_filter_and_a_few_more(db):
    assert TRUE_WORDS < SPREADSHEET_TRUE_WORDS and FALSE_WORDS < SPREADSHEET_FALSE_WORDS
    assert not SPREADSHEET_TRUE_WORDS & SPREADSHEET_FALSE_WORDS
    for word in SPREADSHEET_TRUE_WORDS - TRUE_WORDS:
        assert parse_bool(word) is True
        assert filter_error("networked", word) == [f"Enter true or false, not '{word}'."]
    for word in SPREADSHEET_FALSE_WORDS - FALSE_WORDS:
        assert parse_bool(word) is False
    assert yes_or_no("maybe") is None
    with pytest.raises(ValueError, match="Not yes or no"):
        parse_bool("maybe")


# Country


def service_error(library, origin_country: str) -> list[str]:
    with pytest.raises(ValidationError) as error:
        factories.camera(library, origin_country=origin_country)
    return error.value.message_dict["origin_country"]


def serializer_error(origin_country: str) -> list[str]:
    with pytest.raises(serializers.ValidationError) as error:
        CountryCodeField(allow_blank=True, max_length=2).run_validation(origin_country)
    return [str(message) for message in error.value.detail]


@pytest.mark.parametrize("typed", ["ZZ", "zz", " zz ", "GBR", "826", "%"])
def test_a_bad_country_code_gets_one_message_from_the_filter_the_api_and_the_service(library, typed):
    message = NOT_A_COUNTRY_CODE.format(value="'" + typed.strip().upper() + "'")
    assert message.endswith(" is not an ISO 3166-1 alpha-2 country code (such as GB or CN).")
    assert filter_error("origin_country", typed) == [message]
    assert serializer_error(typed) == [message]
    assert service_error(library, typed) == [message]
    with pytest.raises(ValueError) as error:
        country_code(typed)
    assert str(error.value) == message


@pytest.mark.parametrize("typed", ["gb", "GB", " Gb "])
def test_a_country_code_in_any_case_is_read_alike_everywhere(library, typed):
    assert filter_value("origin_country", typed) == "GB"
    assert CountryCodeField(allow_blank=True, max_length=2).run_validation(typed) == "GB"
    assert factories.camera(library, origin_country=typed).origin_country.code == "GB"
    assert parse_country(typed) == "GB"


def test_only_the_importer_reads_alpha_3_codes_and_names(library):
    assert parse_country("GBR") == "GB"
    assert parse_country("United Kingdom") == "GB"
    assert parse_country("Great Britain") == "GB"
    with pytest.raises(ValueError, match="^Unknown country: use a two-letter code such as CN or GB"):
        parse_country("Atlantis")


# Count dimensions


def test_every_count_dimension_declares_its_heading_and_labels(db):
    assert list(COUNT_DIMENSIONS) == [
        "organisation",
        "site",
        "site_category",
        "manufacturer",
        "vendor",
        "origin_country",
        "networked",
        "restricted",
        "status",
        "install_year",
        "eol_year",
        "system",
    ]
    assert dimension_heading("manufacturer") == "Manufacturer (brand)"
    assert dimension_heading("eol_year") == "End-of-life year"
    for dimension in COUNT_DIMENSIONS.values():
        assert dimension.heading
        assert dimension.label(None) == dimension.label("") == UNKNOWN_LABEL
    networked, restricted = COUNT_DIMENSIONS["networked"], COUNT_DIMENSIONS["restricted"]
    assert (networked.label(True), networked.label(False)) == ("Networked", "Not networked")
    assert (restricted.label(True), restricted.label(False)) == ("Restricted vendor", "Not restricted")
    assert COUNT_DIMENSIONS["origin_country"].label("CN") == "China"
    assert COUNT_DIMENSIONS["status"].label("faulty") == "Faulty"
    assert COUNT_DIMENSIONS["install_year"].label(2020) == "2020"


def test_an_answer_words_each_group_from_the_dimensions_labels(db):
    networked = COUNT_DIMENSIONS["networked"]
    assert networked.group_phrase(networked.label(True), past=False) == "are connected to a network"
    assert networked.group_phrase(networked.label(False), past=True) == "were not connected to any network"
    restricted = COUNT_DIMENSIONS["restricted"]
    assert restricted.group_phrase(restricted.label(True), past=False) == "are from a restricted vendor"
    assert restricted.group_phrase(restricted.label(False), past=False) == "are not restricted"
    assert COUNT_DIMENSIONS["status"].group_phrase("Faulty", past=True) == "were faulty"
    assert COUNT_DIMENSIONS["site_category"].group_phrase("Library", past=False) == "are at Library sites"
    assert COUNT_DIMENSIONS["vendor"].group_phrase("Hikvision", past=False) == "were made by Hikvision"
    assert COUNT_DIMENSIONS["eol_year"].group_phrase("2030", past=False) == "due to reach end of life in 2030"
    for name, dimension in COUNT_DIMENSIONS.items():
        expected = f"with no recorded {dimension_heading(name).lower()}"
        assert dimension.group_phrase(UNKNOWN_LABEL, past=False) == expected


# Columns


def test_the_camera_list_and_the_plan_take_their_camera_columns_from_the_one_catalogue(db):
    assert [column.heading for column in CAMERA_LIST_COLUMNS] == [
        "Asset tag",
        "Organisation",
        "Site",
        "Site category",
        "Manufacturer",
        "Vendor",
        "Model",
        "Serial number",
        "Origin country",
        "Origin country from",
        "Networked",
        "Restricted vendor",
        "Status",
        "Install date",
        "End of life date",
        "End of life estimated",
        "Decommissioned date",
        "Location",
        "Notes",
    ]
    catalogue = list(CAMERA_COLUMNS.values())
    assert all(column in catalogue for column in CAMERA_LIST_COLUMNS)
    plan = replacement_plan_columns(today=datetime.date(2025, 1, 1))
    assert [column.heading for column in plan if column in catalogue] == [
        "Asset tag",
        "Organisation",
        "Site",
        "Site category",
        "Sensitive site",
        "Networked",
        "Manufacturer",
        "Vendor",
        "Model",
        "Status",
        "Install date",
        "End of life date",
        "End of life estimated",
    ]
    assert [column.heading for column in plan if column not in catalogue] == [
        "Priority",
        "Why",
        "Past end of life",
        "Unit cost",
    ]


def test_an_foi_listing_reads_each_column_as_the_downloads_do(library):
    camera = factories.camera(
        library,
        origin_country="CN",
        networked=True,
        location_description="Entrance",
        serial_number="SN-1",
        end_of_life_date=datetime.date(2030, 6, 1),
    )
    camera = Camera.objects.select_related("site__category", "manufacturer", "vendor").get(pk=camera.pk)
    for column in DisclosableColumn.values:
        value = CAMERA_COLUMNS[column].read(camera)
        expected = value.isoformat() if isinstance(value, datetime.date) else value
        assert _listing_value(camera, column) == expected
    assert _listing_value(camera, "origin_country") == "China"
    assert _listing_value(camera, "end_of_life_date") == "2030-06-01"
    assert _listing_value(camera, "status") == "Operational"


def test_a_camera_list_download_imports_back_under_the_same_fields(db):
    input_columns = {name: column for name, column in CAMERA_COLUMNS.items() if name in CAMERA_INPUT_FIELDS}
    header = [column.heading for column in CAMERA_LIST_COLUMNS]
    columns = columns_match(header=header, headings=CAMERA_HEADINGS, required=REQUIRED_CAMERA_FIELDS)
    assert not columns.problems
    for name, column in input_columns.items():
        if column in CAMERA_LIST_COLUMNS:
            assert columns.heading(name) == column.heading


# Past end of life


def test_past_end_of_life_is_one_rule_for_the_plan_the_api_the_download_and_the_list(council, library):
    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    today = datetime.date(2025, 3, 10)
    hikvision = factories.manufacturer("hikvision")
    past = factories.camera(library, manufacturer=hikvision, end_of_life_date=today - datetime.timedelta(days=1))
    due = factories.camera(library, manufacturer=hikvision, end_of_life_date=today)
    undated = factories.camera(library, manufacturer=hikvision, install_date=None)
    cameras = Camera.objects.filter(pk__in=[past.pk, due.pk, undated.pk])
    assert all(camera.restricted for camera in cameras)

    assert set(cameras.filter(past_end_of_life(today=today))) == {past}
    assert replacement_plan_headline(cameras=cameras, today=today)["past_end_of_life_count"] == 1
    listed = CameraFilterSet(
        dict([past_end_of_life_query(today=today).split("=")]),
        queryset=cameras,
        organisations=Organisation.objects.all(),
    ).qs
    assert set(listed) == {past}

    download = next(column for column in replacement_plan_columns(today=today) if column.heading == "Past end of life")
    for camera in replacement_plan_cameras(cameras=cameras):
        expected = camera_is_past_end_of_life(camera=camera, today=today)
        assert expected == (None if camera == undated else camera == past)
        assert download.read(camera) is expected
        api = ReplacementPlanCameraSerializer(camera, context={"today": today}).data["past_end_of_life"]
        assert api is bool(expected)


# Question fields


def test_a_questions_fields_are_listed_once(db):
    assert frozenset(QUESTION_FIELDS) == QUESTION_INPUT_FIELDS
    assert QuestionSerializer.Meta.fields == ["id", *QUESTION_FIELDS, "answer", "change_reason"]
    assert set(QUESTION_MODEL_FIELDS) == set(QUESTION_FIELDS) - {"order", "filters", "withheld"}


# Counts request


@pytest.mark.parametrize("url", ["/api/v1/cameras/counts/", "/api/v1/cameras/counts.xlsx"])
def test_both_counts_endpoints_give_every_problem_in_one_400(council, url):
    client = client_for(factories.user_with_role(council, Role.VIEWER))
    response = client.get(f"{url}?networked=maybe&origin_country=zz&colour=red&group_by=colour")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == ["origin_country", "networked", "colour", "group_by"]
    assert errors["networked"] == ["Enter true or false, not 'maybe'."]
    assert errors["origin_country"] == [NOT_A_COUNTRY_CODE.format(value="'ZZ'")]
    assert errors["group_by"] == ["Unknown dimension 'colour'; choose from " + ", ".join(COUNT_DIMENSIONS) + "."]


def test_the_counts_workbook_heads_its_columns_with_the_dimensions_headings(library, council):
    factories.camera(library, origin_country="CN")
    client = client_for(factories.user_with_role(council, Role.VIEWER))
    response = client.get("/api/v1/cameras/counts.xlsx?group_by=manufacturer,origin_country,status")
    rows = read_with_calamine(response.content)["Camera counts"]
    assert rows[0] == [dimension_heading("manufacturer"), dimension_heading("origin_country"), "Status", "Cameras"]
    assert rows[1] == ["Hikvision", "China", "Operational", 1]


def test_each_label_from_a_fixed_list_prints_on_one_line_of_its_column():
    from assets.choices import CameraStatus, OriginCountrySource
    from assets.vocabulary import CAMERA_COLUMNS
    from core.printing import line_count

    for field, choices in (("status", CameraStatus), ("origin_country_source", OriginCountrySource)):
        column = CAMERA_COLUMNS[field]
        assert [label for label in choices.labels if line_count(label, column.width) > 1] == [], field
