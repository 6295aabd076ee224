"""The importer end to end on realistic, messy council spreadsheets."""

import datetime

import pytest

from assets.importing import RowProblem, cameras_import
from assets.models import Camera
from registry.models import Site
from tests import factories
from tests.assets.importing.spreadsheets import Formula, csv_bytes, upload, with_cached_results, xlsx_bytes

HEADER = [
    "Camera ID ",
    "Site",
    "Make",
    "Model",
    "Installed",
    "On network?",
    "EOL",
    "Status",
    "Location",
    "Notes",
    "Colour",
]
HYPERLINK = '=HYPERLINK("https://maps.example/cam1","Plan")'


def messy_rows():
    return [
        HEADER,
        [
            "CAM-001",
            "Central Library ",
            "HIKVISION",
            "DS-2CD2143",
            datetime.date(2019, 12, 31),
            "Yes",
            None,
            "Operational",
            "Front door ",
            HYPERLINK,
            "red",
        ],
        [None] * 11,
        [" CAM-002 ", "central  library", "Hik Vision", "DS-2CD2T47", "31/12/2019", "n", "31-12-29", "", "", "", ""],
        ["CAM-003", "Town Hall", "dahua", "", "2019-12-31", "1", "", "faulty", "Car park", "  ", ""],
        ["CAM-004", "TOWN HALL", "", "Mystery box", "1/6/21", "false", "", "planned", "", "", ""],
    ]


def run(organisation, content, name="cameras.xlsx", **options):
    return cameras_import(organisation=organisation, file=upload(content, name), filename=name, **options)


@pytest.fixture
def town_hall(council):
    return factories.site(council, name="Town Hall", category_slug="office")


@pytest.mark.django_db
def test_messy_spreadsheet_imports_exactly(council, library, town_hall):
    report = run(council, xlsx_bytes({"Cameras": messy_rows()}))

    assert report.errors == []
    assert (report.created, report.updated, report.unchanged, report.rows) == (4, 0, 0, 4)
    assert report.summary == "4 created, 0 updated, 0 unchanged"
    assert report.warnings == ['Column "Colour" on sheet "Cameras" is not one the importer knows; ignored.']
    cameras = {camera.asset_tag: camera for camera in Camera.objects.select_related("manufacturer", "site")}
    assert sorted(cameras) == ["CAM-001", "CAM-002", "CAM-003", "CAM-004"]
    first, second, third, fourth = (cameras[tag] for tag in sorted(cameras))
    assert first.notes == HYPERLINK  # text, stored literally, never evaluated
    assert first.location_description == "Front door"
    assert first.manufacturer.slug == second.manufacturer.slug == "hikvision"
    assert first.site == second.site == library
    assert (first.networked, second.networked, third.networked, fourth.networked) == (True, False, True, False)
    assert first.install_date == second.install_date == third.install_date == datetime.date(2019, 12, 31)
    assert (first.end_of_life_date, first.end_of_life_estimated) == (datetime.date(2029, 12, 31), True)
    assert (second.end_of_life_date, second.end_of_life_estimated) == (datetime.date(2029, 12, 31), False)
    assert third.status == "faulty" and third.notes == "" and third.manufacturer.slug == "dahua"
    assert fourth.manufacturer is None and fourth.install_date == datetime.date(2021, 6, 1)
    assert first.origin_country == "CN" and fourth.origin_country == ""
    reasons = set(Camera.history.values_list("history_change_reason", "history_type"))
    assert reasons == {("Imported from cameras.xlsx", "+")}


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(council, library, town_hall):
    content = xlsx_bytes({"Cameras": messy_rows()})
    run(council, content)
    history_before = Camera.history.count()
    updated_at = dict(Camera.objects.values_list("asset_tag", "updated_at"))

    report = run(council, content)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert report.summary == "0 created, 0 updated, 4 unchanged"
    assert Camera.history.count() == history_before
    assert dict(Camera.objects.values_list("asset_tag", "updated_at")) == updated_at


@pytest.mark.django_db
def test_changed_rows_are_updated_with_the_import_in_their_history(council, library, town_hall):
    run(council, xlsx_bytes({"Cameras": messy_rows()}))
    rows = messy_rows()
    rows[4][7] = "Operational"  # CAM-003 repaired
    rows[5][4] = "2021-06-02"

    report = run(council, xlsx_bytes({"Cameras": rows}), name="april.xlsx")

    assert (report.created, report.updated, report.unchanged) == (0, 2, 2)
    assert [(c.asset_tag, c.action, c.fields) for c in report.changes] == [
        ("CAM-003", "update", ("status",)),
        ("CAM-004", "update", ("install_date", "end_of_life_date")),
    ]
    assert Camera.objects.get(asset_tag="CAM-003").status == "operational"
    latest = Camera.history.filter(asset_tag="CAM-003").latest("history_date")
    assert (latest.history_type, latest.history_change_reason) == ("~", "Imported from april.xlsx")


@pytest.mark.django_db
def test_a_dry_run_reports_and_writes_nothing(council, library, town_hall):
    report = run(council, xlsx_bytes({"Cameras": messy_rows()}), dry_run=True)

    assert (report.created, report.written) == (4, False)
    assert report.summary == "4 created, 0 updated, 0 unchanged (dry run: nothing written)"
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_every_problem_is_reported_and_nothing_is_written(council, library, town_hall):
    factories.camera(library, asset_tag="OLD-1")
    cameras_before = list(Camera.objects.values())
    history_before = Camera.history.count()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    rows = [
        ["Asset tag", "Site", "Manufacturer", "Install date", "End of life", "Networked", "Country of origin"],
        ["CAM-1", "Central Library", "Acme Cams", "31/12/2019", "", "yes", ""],
        ["CAM-2", "Central Library", "Hikvision", "31/31/2019", "", "maybe", "Atlantis"],
        ["CAM-1", "Town Hall", "Hikvision", "01/01/2020", "", "no", ""],
        ["CAM-3", "Nowhere House", "Dahua", "01/01/2020", "", "", ""],
        ["CAM-4", "Town Hall", "Dahua", "01/01/2020", "01/01/2019", "", ""],
        ["CAM-5", "Town Hall", "Dahua", tomorrow.strftime("%d/%m/%Y"), "", "", ""],
        ["", "Town Hall", "", "", "", "", ""],
        ["OLD-1", "Town Hall", "Hikvision", "2020-01-15", "", "", "GB"],  # a good row: still not written
    ]

    report = run(council, xlsx_bytes({"Cameras": rows}))

    assert report.errors == [
        RowProblem(
            "Cameras",
            2,
            "Manufacturer",
            "Acme Cams",
            "Unknown manufacturer: use a name in the register's manufacturer list, or ask an admin to add it.",
        ),
        RowProblem(
            "Cameras",
            3,
            "Install date",
            "31/31/2019",
            "Not a date: write dates like 31/12/2019, 31-12-19 or 2019-12-31 (day first).",
        ),
        RowProblem("Cameras", 3, "Networked", "maybe", "Not yes or no: write yes, no, y, n, true, false, 1 or 0."),
        RowProblem(
            "Cameras",
            3,
            "Country of origin",
            "Atlantis",
            "Unknown country: use a two-letter code such as CN or GB, or the English name.",
        ),
        RowProblem("Cameras", 4, "Asset tag", "CAM-1", "This asset tag is also on row 2."),
        RowProblem(
            "Cameras",
            5,
            "Site",
            "Nowhere House",
            'No site called "Nowhere House" in Demo Council: check the spelling, or give a site category '
            '(a "Site category" column or a "Sites" sheet) so the import can create it.',
        ),
        RowProblem(
            "Cameras", 6, "End of life", "01/01/2019", "The end-of-life date cannot be before the install date."
        ),
        RowProblem(
            "Cameras",
            7,
            "Install date",
            tomorrow.strftime("%d/%m/%Y"),
            "An operational camera cannot have an install date in the future; set its status to planned.",
        ),
        RowProblem("Cameras", 8, "Asset tag", "", "No asset tag: every camera needs one."),
    ]
    assert report.summary == "9 problems found: nothing was imported."
    assert report.written is False
    assert list(Camera.objects.values()) == cameras_before
    assert Camera.history.count() == history_before
    assert sorted(report.problem_rows["Cameras"]) == [2, 3, 4, 5, 6, 7, 8]


@pytest.mark.django_db
def test_sites_sheet_creates_sites_and_cameras_use_them(council, library):
    sheets = {
        "Cameras": [
            ["Asset tag", "Site", "Make"],
            ["C-1", "Riverside Depot", "Axis"],
            ["C-2", "Central Library", "Axis"],
        ],
        "Sites": [
            ["Name", "Category", "Postcode", "Ward"],
            ["Riverside Depot", "Depot", "sw1a1aa", "Riverside"],
            ["Central Library", "Library", "", ""],
        ],
    }

    report = run(council, xlsx_bytes(sheets))

    assert report.errors == []
    assert (report.created, report.sites_created, report.new_sites) == (2, 1, ["Riverside Depot"])
    depot = Site.objects.get(organisation=council, name="Riverside Depot")
    assert (depot.category.slug, depot.postcode, depot.ward) == ("depot", "SW1A 1AA", "Riverside")
    assert Camera.objects.get(asset_tag="C-1").site == depot
    assert depot.history.get().history_change_reason == "Imported from cameras.xlsx"


@pytest.mark.django_db
def test_a_site_category_column_creates_missing_sites(council):
    rows = [
        ["Asset tag", "Site", "Site type", "Postcode"],
        ["C-1", "Market Square", "Public space", "LS1 1AA"],
        ["C-2", "market square", "", ""],
        ["C-3", "Bad Postcode Park", "Park", "zz1"],
        ["C-4", "Bad Postcode Park", "Park", "zz1"],
    ]

    report = run(council, xlsx_bytes({"Cameras": rows}))

    message = "Enter a real UK postcode, like SW1A 1AA (ZZ1 is not one)."
    assert report.errors == [
        RowProblem("Cameras", 4, "Postcode", "zz1", message),
        RowProblem("Cameras", 5, "Postcode", "zz1", message),
    ]
    assert not Site.objects.exists()
    rows = rows[:3]
    report = run(council, xlsx_bytes({"Cameras": rows}))
    assert (report.created, report.sites_created) == (2, 1)
    assert Site.objects.get().category.slug == "public-space"


@pytest.mark.django_db
def test_another_councils_site_is_not_found_and_its_cameras_are_untouched(council, other_council):
    theirs = factories.site(other_council, name="Secret Depot", category_slug="depot")
    their_camera = factories.camera(theirs, asset_tag="CAM-001")
    rows = [["Asset tag", "Site"], ["CAM-001", "Secret Depot"]]

    report = run(council, xlsx_bytes({"Cameras": rows}))

    assert [problem.message for problem in report.errors] == [
        'No site called "Secret Depot" in Demo Council: check the spelling, or give a site category '
        '(a "Site category" column or a "Sites" sheet) so the import can create it.'
    ]
    assert "Other Council" not in str(report.as_dict())
    ours = factories.site(council, name="Depot", category_slug="depot")
    report = run(council, xlsx_bytes({"Cameras": [["Asset tag", "Site"], ["CAM-001", "Depot"]]}))
    assert report.created == 1
    assert Camera.objects.get(organisation=council).site == ours
    their_camera.refresh_from_db()
    assert their_camera.site == theirs and Camera.objects.filter(organisation=other_council).count() == 1


@pytest.mark.django_db
def test_formulas_give_their_cached_result_and_are_never_evaluated(council, library):
    content = xlsx_bytes(
        {
            "Cameras": [
                ["Asset tag", "Site", "Notes", "Model"],
                ["C-1", "Central Library", Formula(HYPERLINK), Formula("=1+1")],
            ]
        }
    )
    content = with_cached_results(content, {HYPERLINK[1:]: "Plan", "1+1": "DS-2"})

    report = run(council, content)

    assert report.errors == []
    camera = Camera.objects.get()
    assert (camera.notes, camera.model) == ("Plan", "DS-2")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ","), ("cp1252", ";")]
)
def test_csv_in_the_encodings_excel_saves(council, library, encoding, delimiter):
    rows = [
        ["Asset No.", "Site Name", "Brand", "Install Date", "Notes"],
        ["CAM-9", "Central Library", "Hik-Vision", "31/12/2019", "Cost £1,200; café entrance"],
        ["", "", "", "", ""],
        ["CAM-10", "Central Library", "AXIS", "31-12-19", HYPERLINK],
    ]

    report = run(council, csv_bytes(rows, encoding=encoding, delimiter=delimiter), name="cameras.csv")

    assert report.errors == []
    assert report.created == 2
    assert Camera.objects.get(asset_tag="CAM-9").notes == "Cost £1,200; café entrance"
    assert Camera.objects.get(asset_tag="CAM-10").notes == HYPERLINK


@pytest.mark.django_db
def test_same_asset_tag_in_two_councils_is_two_cameras(council, library, other_council):
    theirs = factories.site(other_council, name="Central Library")
    factories.camera(theirs, asset_tag="CAM-1", model="Theirs")
    report = run(
        council, xlsx_bytes({"Cameras": [["Asset tag", "Site", "Model"], ["CAM-1", "Central Library", "Ours"]]})
    )
    assert report.created == 1
    assert sorted(Camera.objects.values_list("organisation__slug", "model")) == [
        ("demo-council", "Ours"),
        ("other-council", "Theirs"),
    ]


@pytest.mark.django_db
def test_the_procurement_policy_applies_to_imported_rows(council, library):
    from assets.services import organisation_follow_restrictions

    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    council.no_restricted_cameras_after = datetime.date(2022, 11, 24)
    council.save()
    rows = [
        ["Asset tag", "Site", "Make", "Installed"],
        ["OLD", "Central Library", "Hikvision", "01/06/2021"],
        ["NEW", "Central Library", "HIKVISION", "01/06/2023"],
        ["AXIS", "Central Library", "Axis", "01/06/2023"],
    ]

    report = run(council, xlsx_bytes({"Cameras": rows}))

    assert [(problem.row, problem.column) for problem in report.errors] == [(3, "Make")]
    assert report.errors[0].message.startswith("Hikvision is restricted by")
    assert not Camera.objects.exists()
    report = run(council, xlsx_bytes({"Cameras": [rows[0], rows[1], rows[3]]}))
    assert report.created == 2
    assert Camera.objects.get(asset_tag="OLD").restricted is True


@pytest.fixture
def policy_council(council):
    from assets.services import organisation_follow_restrictions

    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    council.no_restricted_cameras_after = datetime.date(2022, 11, 24)
    council.save()
    return council


OVERRIDE_ROWS = [
    ["Asset tag", "Site", "Make", "Installed", "Override reason"],
    ["NEW", "Central Library", "Hikvision", "01/06/2023", "Like-for-like spare under the 2019 contract"],
]


def test_an_admin_imports_a_restricted_camera_with_an_override_reason(policy_council, library):
    admin = factories.user_with_role(policy_council, "admin")

    report = run(policy_council, xlsx_bytes({"Cameras": OVERRIDE_ROWS}), user=admin)

    assert report.errors == []
    camera = Camera.objects.get(asset_tag="NEW")
    assert camera.restriction_override_reason == "Like-for-like spare under the 2019 contract"
    assert camera.restriction_override_by == admin


def test_an_officers_override_reason_in_a_file_is_a_row_problem(policy_council, library):
    officer = factories.user_with_role(policy_council, "officer")

    report = run(policy_council, xlsx_bytes({"Cameras": OVERRIDE_ROWS}), user=officer)

    assert [(problem.row, problem.column, problem.message) for problem in report.errors] == [
        (2, "Override reason", "Only an organisation admin can override the procurement policy.")
    ]
    assert not Camera.objects.exists()
