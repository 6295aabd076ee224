"""Exemptions per withheld column: the rules, API v1 compatibility, the workbook, the pages and old versions."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client

from foi import services
from foi.models import FOIRequest, Question, ResponseVersion
from foi.responses import response_workbook
from registry.choices import Jurisdiction, Role
from tests import factories
from tests.foi.conftest import client_for, read_with_calamine, read_with_openpyxl
from tests.pages import error_summary

REQUEST = {
    "reference": "FOI-2024-0101",
    "received_date": "2024-06-03",
    "subject": "Library cameras",
    "request_text": "List your library cameras and where they are.",
}
LISTING = ["asset_tag", "site", "manufacturer"]
S31 = {"column": "location_description", "exemption": "foia-s31", "reasoning": "Locations would help avoid them."}


@pytest.fixture
def library_cameras(library):
    factories.camera(library, location_description="Children's area", serial_number="HIK123")
    factories.camera(library, manufacturer=factories.manufacturer("bosch"), networked=True)


@pytest.fixture
def foi_request(foi_client):
    return foi_client.post("/api/v1/foi/requests/", REQUEST, format="json").data


def _post_question(client, foi_request, **question):
    payload = {"text": "List the library cameras", "filters": {"site_category": "library"}} | question
    return client.post(f"/api/v1/foi/requests/{foi_request['id']}/questions/", payload, format="json")


def _messages(response, field: str) -> str:
    return " ".join(map(str, response.data[field]))


def test_withheld_columns_are_read_and_written(foi_client, foi_request, library_cameras):
    serial = {"column": "serial_number", "exemption": "", "reasoning": ""}
    response = _post_question(foi_client, foi_request, disclosed_columns=LISTING, withheld=[S31, serial])
    assert response.status_code == 201, response.data
    assert response.data["withheld"] == [S31, serial]
    assert response.data["exemption"] == ""
    assert response.data["answer"]["withheld"] == [
        {
            "column": "location_description",
            "column_label": "Location description",
            "exemption": "foia-s31",
            "exemption_label": "s.31 Law enforcement (FOIA)",
            "exemption_citation": "section 31 of the Freedom of Information Act 2000",
            "reasoning": "Locations would help avoid them.",
            "wording": "Withheld under section 31 of the Freedom of Information Act 2000 (s.31 Law enforcement "
            "(FOIA)).",
        },
        {
            "column": "serial_number",
            "column_label": "Serial number",
            "exemption": "",
            "exemption_label": "",
            "exemption_citation": "",
            "reasoning": "",
            "wording": "Not disclosed.",
        },
    ]
    question_url = f"/api/v1/foi/requests/{foi_request['id']}/questions/{response.data['id']}/"
    assert foi_client.get(question_url).data["withheld"] == [S31, serial]
    # A PATCH that leaves withheld out keeps it; withheld left out of a new question is [].
    assert foi_client.patch(question_url, {"text": "List them"}, format="json").data["withheld"] == [S31, serial]
    assert _post_question(foi_client, foi_request).data["withheld"] == []


@pytest.mark.parametrize(
    ("withheld", "words"),
    [
        (
            [{"column": "asset_tag", "exemption": "foia-s31", "reasoning": "x"}],
            "Withheld entry 1 (Asset tag): Asset tag is disclosed in the listing, so no exemption can be cited for it",
        ),
        (
            [{"column": "site", "exemption": "", "reasoning": ""}],
            "Withheld entry 1 (Site): Site is disclosed in the listing, so it cannot also be withheld",
        ),
        (
            [S31, S31 | {"exemption": "foia-s24"}],
            "Withheld entry 2 (Location description): Location description is already withheld",
        ),
        ([S31 | {"exemption": "foisa-s35"}], "s.35 Law enforcement (FOISA) does not apply under the Freedom of "),
        ([S31 | {"reasoning": "  "}], "Withheld entry 1 (Location description): say why the exemption applies"),
        ([S31 | {"exemption": ""}], "choose the exemption the reasons are for"),
        ([{"column": "home_address"}], "home_address"),
        ([{"column": "100%s", "exemption": "foia-s31", "reasoning": "50%"}], "100%s"),
        ([{"column": "serial_number", "exemption": "s.31%d"}], "s.31%d"),
        ("location_description", "list"),
    ],
)
def test_bad_withheld_is_a_400_naming_the_column(foi_client, foi_request, withheld, words):
    response = _post_question(foi_client, foi_request, disclosed_columns=LISTING, withheld=withheld)
    assert response.status_code == 400, response.data
    assert words in _messages(response, "withheld"), response.data
    assert not Question.objects.exists()


def test_rules_hold_for_the_services_too(foi_client, foi_request):
    """A caller that bypasses the API's nested serializer meets the model's rules, with a % kept as text."""
    foi_request_object = FOIRequest.objects.get(pk=foi_request["id"])
    for withheld, words in (
        ([{"column": "100%s"}], "unknown column '100%s'"),
        ([{"column": "serial_number", "exemption": "s.31%d"}], "unknown exemption 's.31%d'"),
        ([{"column": "serial_number", "colour": "red"}], "Withheld entry 1: give an object of column"),
        (["serial_number"], "Withheld entry 1: give an object"),
        ({"column": "serial_number"}, "Give a list"),
    ):
        with pytest.raises(ValidationError) as error:
            services.question_create(foi_request=foi_request_object, text="Q", withheld=withheld)
        assert words in " ".join(error.value.message_dict["withheld"])


def test_neither_confirm_nor_deny_withholds_nothing_column_by_column(foi_client, foi_request):
    response = _post_question(
        foi_client,
        foi_request,
        neither_confirm_nor_deny=True,
        exemption="foia-s24",
        public_interest_reasoning="Sensitive sites.",
        withheld=[S31],
    )
    assert response.status_code == 400
    assert "neither confirm nor deny discloses nothing to withhold" in _messages(response, "withheld")


def test_scottish_council_cites_foisa_per_column(db):
    council = factories.organisation(jurisdiction=Jurisdiction.SCOTLAND)
    client = client_for(factories.user_with_role(council, Role.FOI))
    foi_request = client.post("/api/v1/foi/requests/", REQUEST, format="json").data
    refused = _post_question(client, foi_request, disclosed_columns=LISTING, withheld=[S31])
    assert refused.status_code == 400
    assert "does not apply under the Freedom of Information (Scotland) Act 2002" in _messages(refused, "withheld")
    accepted = _post_question(
        client, foi_request, disclosed_columns=LISTING, withheld=[S31 | {"exemption": "foisa-s35"}]
    )
    assert accepted.status_code == 201, accepted.data
    assert accepted.data["answer"]["withheld"][0]["exemption_citation"] == (
        "section 35 of the Freedom of Information (Scotland) Act 2002"
    )


# API v1: one exemption for a question that lists cameras meant the columns the listing leaves out.


def test_v1_exemption_on_a_listing_moves_onto_the_withheld_columns(foi_client, foi_request, library_cameras):
    response = _post_question(
        foi_client,
        foi_request,
        disclosed_columns=["asset_tag", "location_description"],
        exemption="foia-s31",
        public_interest_reasoning="Serial numbers would help someone tamper with them.",
    )
    assert response.status_code == 201, response.data
    assert (response.data["exemption"], response.data["public_interest_reasoning"]) == ("", "")
    assert response.data["withheld"] == [
        {
            "column": "serial_number",
            "exemption": "foia-s31",
            "reasoning": "Serial numbers would help someone tamper with them.",
        }
    ]


def test_v1_client_sending_its_exemption_again_keeps_working(foi_client, foi_request):
    v1 = {"disclosed_columns": LISTING, "exemption": "foia-s31", "public_interest_reasoning": "Tampering."}
    created = _post_question(foi_client, foi_request, **v1)
    url = f"/api/v1/foi/requests/{foi_request['id']}/questions/{created.data['id']}/"
    for method in (foi_client.patch, foi_client.put):
        response = method(url, {"text": "List them"} | v1 | {"public_interest_reasoning": "Sabotage."}, format="json")
        assert response.status_code == 200, response.data
        assert [(entry["column"], entry["exemption"], entry["reasoning"]) for entry in response.data["withheld"]] == [
            ("location_description", "foia-s31", "Sabotage."),
            ("serial_number", "foia-s31", "Sabotage."),
        ]


def test_v1_exemption_keeps_a_column_s_own_exemption(foi_client, foi_request):
    response = _post_question(
        foi_client,
        foi_request,
        disclosed_columns=LISTING,
        withheld=[S31 | {"exemption": "foia-s38"}],
        exemption="foia-s31",
        public_interest_reasoning="Tampering.",
    )
    assert response.status_code == 201, response.data
    assert [(entry["column"], entry["exemption"]) for entry in response.data["withheld"]] == [
        ("location_description", "foia-s38"),
        ("serial_number", "foia-s31"),
    ]


def test_v1_exemption_citing_only_disclosed_columns_is_refused(foi_client, foi_request):
    """The bug in issue 10: s.31 cited while locations (and serial numbers) are listed."""
    response = _post_question(
        foi_client,
        foi_request,
        disclosed_columns=["asset_tag", "location_description", "serial_number"],
        exemption="foia-s31",
        public_interest_reasoning="Locations would help someone avoid the cameras.",
    )
    assert response.status_code == 400, response.data
    assert "s.31 Law enforcement (FOIA) is cited for a question that lists cameras with asset tag, location " in (
        _messages(response, "exemption")
    )
    assert "so it would be cited for a column that is disclosed" in _messages(response, "exemption")


def test_v1_errors_stay_under_the_fields_v1_sent(foi_client, foi_request):
    wrong_law = _post_question(
        foi_client, foi_request, disclosed_columns=LISTING, exemption="foisa-s35", public_interest_reasoning="x"
    )
    assert wrong_law.status_code == 400 and "does not apply" in _messages(wrong_law, "exemption")
    no_reasons = _post_question(foi_client, foi_request, disclosed_columns=LISTING, exemption="foia-s31")
    assert no_reasons.status_code == 400 and "Say why" in _messages(no_reasons, "public_interest_reasoning")


def test_counts_only_question_keeps_its_question_level_exemption(foi_client, foi_request, library_cameras):
    response = _post_question(
        foi_client, foi_request, exemption="foia-s31", public_interest_reasoning="Locations help avoid them."
    )
    assert response.status_code == 201, response.data
    assert (response.data["exemption"], response.data["withheld"]) == ("foia-s31", [])


# The response: the Response sheet, the page, and versions issued before this change.


def _issue(client, foi_request) -> bytes:
    assert client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/").status_code == 201
    return client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content


def test_response_sheet_lists_each_withheld_column(foi_client, foi_request, library_cameras):
    reasons = '=HYPERLINK("http://x","y") would be a formula; 100% text'
    _post_question(
        foi_client,
        foi_request,
        disclosed_columns=LISTING,
        withheld=[S31 | {"reasoning": reasons}, {"column": "model", "exemption": "foia-s43", "reasoning": "-Trade"}],
    )
    content = _issue(foi_client, foi_request)
    rows = read_with_calamine(content)["Response"]
    start = next(index for index, row in enumerate(rows) if row[0] == "Withheld 1")
    assert rows[start : start + 6] == [
        ["Withheld 1", "Camera model, location description, serial number are not disclosed."],
        [
            "Withheld 1: Model",
            "Withheld under section 43 of the Freedom of Information Act 2000 (s.43 Commercial interests (FOIA)).",
        ],
        ["Reasons 1: Model", "-Trade"],
        [
            "Withheld 1: Location description",
            "Withheld under section 31 of the Freedom of Information Act 2000 (s.31 Law enforcement (FOIA)).",
        ],
        ["Reasons 1: Location description", reasons],
        ["Withheld 1: Serial number", "Not disclosed."],
    ]
    assert not any(row[0].startswith("Exemption 1") for row in rows)
    cells = {cell.value: cell for row in read_with_openpyxl(content)["Response"].iter_rows() for cell in row}
    assert cells[reasons].data_type == "s" and cells["-Trade"].data_type == "s"
    listing = read_with_calamine(content)["Question 1 cameras"]
    assert listing[0] == ["Asset tag", "Site", "Manufacturer"]


def test_request_page_shows_each_withheld_column(council, foi_client, foi_request, library_cameras):
    _post_question(foi_client, foi_request, disclosed_columns=LISTING, withheld=[S31])
    client = Client()
    client.force_login(factories.user_with_role(council, Role.VIEWER))
    page = client.get(f"/foi/{foi_request['id']}/").content.decode()
    assert "Withheld: location description, serial number." in page
    assert "Withheld under section 31 of the Freedom of Information Act 2000 (s.31 Law enforcement (FOIA))." in page
    assert "Locations would help avoid them." in page
    assert "Not disclosed." in page


def test_versions_issued_before_per_column_exemptions_still_render(foi_client, foi_request, library_cameras):
    _post_question(foi_client, foi_request, disclosed_columns=LISTING, withheld=[S31])
    _issue(foi_client, foi_request)
    version = ResponseVersion.objects.get()
    old = version.content
    for answer in old["questions"]:  # as frozen before: no per-column list, one question-level exemption
        del answer["withheld"]
        answer.update(
            exemption="foia-s31", exemption_label="s.31 Law enforcement (FOIA)", public_interest_reasoning="Old"
        )
        answer["exemption_citation"] = "section 31 of the Freedom of Information Act 2000"
    ResponseVersion.objects.filter(pk=version.pk).update(content=old)
    rows = {row[0]: row[1] for row in read_with_calamine(response_workbook(old))["Response"]}
    assert rows["Withheld 1"] == "Camera location description, serial number are not disclosed."
    assert rows["Exemption 1"] == "s.31 Law enforcement (FOIA): section 31 of the Freedom of Information Act 2000"
    assert rows["Reasons 1"] == "Old"
    detail = foi_client.get(f"/api/v1/foi/requests/{foi_request['id']}/versions/1/")
    assert detail.status_code == 200 and "withheld" not in detail.data["content"]["questions"][0]


def test_data_migration_moves_a_listing_exemption_onto_the_withheld_columns(foi_request):
    migration = importlib.import_module("foi.migrations.0002_question_withheld")
    common = {"request_id": foi_request["id"], "text": "Q", "public_interest_reasoning": "Why."}
    listing = Question.objects.create(
        order=1, disclosed_columns=["site", "serial_number"], exemption="foia-s31", **common
    )
    counts = Question.objects.create(order=2, exemption="foia-s31", **common)
    ncnd = Question.objects.create(order=3, exemption="foia-s24", neither_confirm_nor_deny=True, **common)
    bug = Question.objects.create(
        order=4, disclosed_columns=["location_description", "serial_number"], exemption="foia-s31", **common
    )
    migration.move_listing_exemptions_to_withheld(apps, None)
    for question in (listing, counts, ncnd, bug):
        question.refresh_from_db()
    assert listing.withheld == [{"column": "location_description", "exemption": "foia-s31", "reasoning": "Why."}]
    assert (listing.exemption, listing.public_interest_reasoning) == ("", "")
    assert (counts.exemption, counts.withheld) == ("foia-s31", [])
    assert (ncnd.exemption, ncnd.withheld) == ("foia-s24", [])
    assert (bug.exemption, bug.withheld) == ("foia-s31", [])  # left for the officer: issuing refuses it by name
    with pytest.raises(ValidationError) as error:
        services.foi_request_issue(foi_request=FOIRequest.objects.get(pk=foi_request["id"]))
    assert (
        "Question 4: s.31 Law enforcement (FOIA) is cited for a question that lists cameras" in error.value.messages[0]
    )
    migration.move_withheld_exemptions_back(apps, None)
    listing.refresh_from_db()
    assert (listing.exemption, listing.public_interest_reasoning) == ("foia-s31", "Why.")


def test_schema_documents_the_withheld_object(db, tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    components = yaml.safe_load(target.read_text())["components"]["schemas"]
    withheld = components["Question"]["properties"]["withheld"]
    assert withheld["type"] == "array" and withheld["items"]["$ref"].endswith("/WithheldColumn")
    assert "withheld" not in components["Question"].get("required", [])
    column = components["WithheldColumn"]
    assert set(column["properties"]) == {"column", "exemption", "reasoning"}
    assert column["required"] == ["column"]


# The question form.


@pytest.fixture
def officer_client(council):
    client = Client()
    client.force_login(factories.user_with_role(council, Role.FOI))
    return client


def _form(**fields) -> dict:
    return {"text": "List the library cameras", "site_category": "library", "disclosed_columns": LISTING} | fields


def test_form_records_an_exemption_per_column(officer_client, foi_request, library_cameras):
    response = officer_client.post(
        f"/foi/{foi_request['id']}/questions/new/",
        _form(
            withheld_location_description_exemption="foia-s31",
            withheld_location_description_reasoning="Locations would help avoid them.",
        ),
    )
    assert response.status_code == 302, error_summary(response)
    question = Question.objects.get()
    assert question.withheld == [S31]
    edit = officer_client.get(f"/foi/{foi_request['id']}/questions/{question.pk}/").content.decode()
    assert '<option value="foia-s31" selected>' in edit and "Locations would help avoid them." in edit


def test_form_shows_a_withheld_column_error_at_its_boxes(officer_client, foi_request):
    response = officer_client.post(
        f"/foi/{foi_request['id']}/questions/new/",
        _form(
            disclosed_columns=[*LISTING, "serial_number"],
            withheld_serial_number_exemption="foia-s31",
            withheld_serial_number_reasoning="Tampering.",
            withheld_location_description_exemption="foia-s24",
        ),
    )
    assert response.status_code == 200
    summary = error_summary(response)
    assert 'href="#id_withheld_serial_number_exemption"' in summary
    assert "Serial number is disclosed in the listing, so no exemption can be cited for it" in summary
    assert 'href="#id_withheld_location_description_reasoning"' in summary
    assert "Location description): say why the exemption applies" in summary
    assert not Question.objects.exists()


def test_form_preview_shows_the_withheld_columns(officer_client, foi_request, library_cameras):
    preview = officer_client.get(
        f"/foi/{foi_request['id']}/questions/preview/",
        _form(withheld_location_description_exemption="foia-s31", withheld_location_description_reasoning="Avoid."),
    ).content.decode()
    assert "Withheld under section 31 of the Freedom of Information Act 2000" in preview and "Avoid." in preview


def test_issued_content_freezes_the_withheld_list(foi_client, foi_request, library_cameras):
    _post_question(foi_client, foi_request, disclosed_columns=LISTING, withheld=[S31], as_at="2024-06-01")
    issued = foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/").data["content"]["questions"][0]
    assert issued["as_at"] == datetime.date(2024, 6, 1).isoformat()
    assert [entry["column"] for entry in issued["withheld"]] == ["location_description", "serial_number"]
