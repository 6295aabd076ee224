"""No text field of any model stores a control character: the API, the forms, the admin and the importer all
refuse one, naming the field (issue 10)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assets.importing import cameras_import
from assets.models import Camera, Manufacturer, VendorRestriction
from assets.services import manufacturer_create
from core.validation import control_character_error
from foi.services import foi_request_create, question_create
from registry.models import Organisation, SiteCategory
from registry.services import site_create
from tests import factories
from tests.assets.importing.spreadsheets import csv_bytes, upload
from tests.pages import error_summary


def message(code: str) -> str:
    return f"Remove the control character ({code}) from this text."


@pytest.mark.parametrize(
    ("text", "multi_line", "code"),
    [
        ("bell\u0007", False, "U+0007"),
        ("nul\u0000", True, "U+0000"),
        ("escape\u001b[31m", True, "U+001B"),
        ("delete\u007f", True, "U+007F"),
        ("c1\u0085", True, "U+0085"),
        ("csi\u009b", False, "U+009B"),
        ("tab\tin a line", False, "U+0009"),
        ("new\nline", False, "U+000A"),
        ("carriage\rreturn", False, "U+000D"),
        ("form\u000cfeed", True, "U+000C"),
        ("vertical\u000btab", True, "U+000B"),
    ],
)
def test_control_characters_are_found(text, multi_line, code):
    error = control_character_error(text=text, multi_line=multi_line)
    assert error is not None and error.messages == [message(code)]


@pytest.mark.parametrize(
    "text",
    [
        "Tab\tseparated",
        "Two\nlines",
        "Windows\r\nlines",
        "Café £5 – “quoted” 🎥",
        "U+00A0\u00a0no-break",
        "%s %(x)s {0}",
    ],
)
def test_line_breaks_and_tabs_and_printable_text_pass_in_multi_line_text(text):
    assert control_character_error(text=text, multi_line=True) is None


def test_printable_text_with_a_percent_sign_passes_in_a_single_line():
    assert control_character_error(text="100% {x} %(name)s", multi_line=False) is None


def test_a_camera_text_field_is_refused_naming_it(library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, asset_tag="CAM\u0007")
    assert error.value.message_dict == {"asset_tag": [message("U+0007")]}
    assert not Camera.objects.exists()


def test_a_multi_line_camera_field_keeps_line_breaks_but_not_other_controls(library):
    camera = factories.camera(library, notes="Lens cleaned\r\n\tby the contractor")
    assert camera.notes == "Lens cleaned\r\n\tby the contractor"
    with pytest.raises(ValidationError) as error:
        factories.camera(library, location_description="Door\u0000", model="X\u007f")
    assert error.value.message_dict == {"model": [message("U+007F")], "location_description": [message("U+0000")]}


def test_a_site_is_refused_naming_the_field(council):
    with pytest.raises(ValidationError) as error:
        site_create(organisation=council, name="Library\u009b", category=factories.category(), ward="North")
    assert error.value.message_dict == {"name": [message("U+009B")]}


@pytest.mark.django_db
def test_a_manufacturer_is_refused_naming_the_field_but_aliases_keep_their_lines():
    with pytest.raises(ValidationError) as error:
        manufacturer_create(name="Acme", slug="acme", note="OEM\u0008")
    assert error.value.message_dict == {"note": [message("U+0008")]}
    assert manufacturer_create(name="Acme", slug="acme", aliases="ACME\nAcme Ltd").alias_list == ["ACME", "Acme Ltd"]
    assert Manufacturer.objects.filter(slug="acme").count() == 1


def test_an_organisation_a_category_and_a_restriction_are_refused(council):
    for instance, field in [
        (Organisation(name="Council\u0007", slug="bell"), "name"),
        (SiteCategory(name="Bell\u0007", slug="bell"), "name"),
        (VendorRestriction(key="ours", basis="Decision\u0007", country="RU", organisation=council), "basis"),
    ]:
        with pytest.raises(ValidationError) as error:
            instance.full_clean()
        assert error.value.message_dict == {field: [message("U+0007")]}


def test_an_foi_request_and_a_question_are_refused_naming_the_field(council):
    received = datetime.date(2024, 6, 3)
    with pytest.raises(ValidationError) as error:
        foi_request_create(organisation=council, reference="FOI\u00071", received_date=received, subject="Cameras",
                           request_text="How many?")  # fmt: skip
    assert error.value.message_dict == {"reference": [message("U+0007")]}
    foi_request = foi_request_create(
        organisation=council, reference="FOI-1", received_date=received, subject="Cameras", request_text="How many?"
    )
    with pytest.raises(ValidationError) as error:
        question_create(foi_request=foi_request, text="How many\u001b cameras?")
    assert error.value.message_dict == {"text": [message("U+001B")]}


def test_the_api_answers_400_naming_the_field(library, api_client_for, officer):
    body = {"site": library.pk, "asset_tag": "CAM\u0007", "install_date": "2020-01-01"}
    response = api_client_for(officer).post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"asset_tag": [message("U+0007")]}
    camera = factories.camera(library)
    response = api_client_for(officer).patch(
        f"/api/v1/cameras/{camera.pk}/", {"serial_number": "SN\u0085123"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"serial_number": [message("U+0085")]}


def test_the_site_api_answers_400_naming_the_field(council, api_client_for):
    admin = factories.user_with_role(council, "admin")
    body = {"name": "Depot", "category": "depot", "ward": "East\u0007"}
    response = api_client_for(admin).post("/api/v1/sites/", body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json() == {"ward": [message("U+0007")]}


def test_the_camera_form_shows_the_error_at_the_field(client, council, library):
    client.force_login(factories.user_with_role(council, "officer"))
    data = {"site": library.pk, "asset_tag": "CAM\u0007", "status": "operational", "notes": "Two\r\nlines"}
    response = client.post("/cameras/add/", data)
    assert response.status_code == 200
    summary = error_summary(response)
    assert message("U+0007") in summary
    assert 'href="#id_asset_tag"' in summary
    assert not Camera.objects.exists()


def test_the_admin_form_shows_the_error_at_the_field(admin_client, db):
    hikvision = factories.manufacturer("hikvision")
    data = {"name": "Hikvision", "slug": "hikvision", "country": "CN", "parent_relation": "owner", "note": "x\u0007"}
    response = admin_client.post(f"/admin/assets/manufacturer/{hikvision.pk}/change/", data)
    assert response.status_code == 200
    assert message("U+0007") in response.content.decode()
    assert Manufacturer.objects.get(pk=hikvision.pk).note != "x\u0007"


def test_the_importer_reports_each_as_a_row_problem_naming_row_and_column(council, library):
    rows = [
        ["Asset tag", "Site", "Make", "Model", "Notes"],
        ["CAM-1", "Central Library", "Bosch", "Flexidome", "Fine\non two lines"],
        ["CAM-2\u0007", "Central Library", "Bosch", "", ""],
        ["CAM-3", "Central Library", "Bosch", "Dome\u001b[0m", "Bad\u0008note"],
    ]
    report = cameras_import(organisation=council, file=upload(csv_bytes(rows), "cams.csv"), filename="cams.csv")
    problems = {(problem.row, problem.column, problem.message) for problem in report.errors}
    assert problems == {
        (3, "Asset tag", message("U+0007")),
        (4, "Model", message("U+001B")),
        (4, "Notes", message("U+0008")),
    }
    assert not report.written
    assert not Camera.objects.exists()
