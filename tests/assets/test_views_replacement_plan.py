import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from assets.demo import load_demo
from assets.models import Camera
from assets.services import organisation_follow_restrictions
from registry.choices import Role
from registry.models import ReplacementUnitCost
from tests import factories

FORMULA_LOOKALIKES = ["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)"]


def demo_past_end_of_life(organisation) -> int:
    """Counted by hand from the cameras themselves: restricted, not decommissioned, end of life before today."""
    return (
        Camera.objects.filter(organisation=organisation, restricted=True, end_of_life_date__lt=timezone.localdate())
        .exclude(status="decommissioned")
        .count()
    )


@pytest.fixture
def demo_viewer_client(client, db):
    organisation = load_demo()
    client.force_login(get_user_model().objects.get(username="demo-viewer"))
    client.organisation = organisation
    return client


@pytest.fixture
def follows_uk_statement(council, other_council):
    for organisation in (council, other_council):
        organisation_follow_restrictions(organisation=organisation, keys=["uk-2022-nil"])
    return council


@pytest.mark.django_db
class TestDemoCouncil:
    def test_headline_matches_a_hand_count(self, demo_viewer_client):
        # 50 library Hikvisions (none networked), 10 Dahua at Bridge Street car park (8 networked), 4 networked
        # Uniview (Chinese) at Station car park, 8 networked HiLook at the leisure centre, 3 networked Hikvision at
        # the sensitive Civic Centre; the decommissioned Dahua and Hikvision left out.
        context = demo_viewer_client.get("/replacement/").context
        assert context["headline"] == {
            "restricted_count": 75,
            "networked_count": 23,
            "sensitive_site_count": 3,
            "past_end_of_life_count": demo_past_end_of_life(demo_viewer_client.organisation),
            "budget": Decimal("37000"),  # 50 × £450 + 14 × £600 + 8 × £500 + 3 × £700
        }
        assert context["paginator"].count == 75
        assert context["uncosted_count"] == 0
        assert sum(year["other_count"] for year in context["by_year"]) == 319

    def test_libraries_and_public_space(self, demo_viewer_client):
        response = demo_viewer_client.get("/replacement/?site_category=library")
        assert response.context["headline"]["restricted_count"] == 50
        assert response.context["headline"]["networked_count"] == 0
        response = demo_viewer_client.get("/replacement/?site_category=public-space")
        assert response.context["headline"]["restricted_count"] == 0
        assert "No cameras from restricted vendors are in place" in response.content.decode()

    def test_networked_on_a_sensitive_site_first(self, demo_viewer_client):
        response = demo_viewer_client.get("/replacement/")
        cameras = list(response.context["object_list"])
        assert [camera.asset_tag for camera in cameras[:3]] == ["CC-011", "CC-012", "CC-013"] or {
            camera.site.name for camera in cameras[:3]
        } == {"Civic Centre"}
        assert [camera.priority for camera in cameras] == sorted(camera.priority for camera in cameras)
        assert {camera.site.name for camera in cameras[3:23]} == {
            "Bridge Street Multi-storey Car Park",
            "Station Car Park",
            "Riverside Leisure Centre",
        }
        html = response.content.decode()
        assert "1. Networked, on a sensitive site" in html
        assert "Sensitive site</strong>" in html
        assert f'href="{cameras[0].get_absolute_url()}"' in html

    def test_the_list_is_paginated(self, demo_viewer_client):
        response = demo_viewer_client.get("/replacement/?page=2")
        assert len(response.context["object_list"]) == 25
        assert response.context["object_list"][0].priority == 4

    def test_chart_and_budget_by_year(self, demo_viewer_client):
        response = demo_viewer_client.get("/replacement/")
        chart = response.context["chart"]
        assert chart.series == ("Restricted", "Other")
        assert chart.series_totals == [75, 319]
        html = response.content.decode()
        assert 'role="img"' in html
        assert '<title id="chart-end-of-life-title">' in html
        assert "Restricted with no unit cost" in html
        assert "£37,000" in html


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("role", Role.values)
    def test_every_member_reads_the_plan(self, client, council, role):
        client.force_login(factories.user_with_role(council, role))
        assert client.get("/replacement/").status_code == 200
        assert client.get("/replacement/download.xlsx").status_code == 200

    def test_anonymous_is_sent_to_sign_in(self, client):
        assert client.get("/replacement/")["Location"] == "/accounts/login/?next=/replacement/"
        assert client.get("/replacement/download.csv").status_code == 302

    def test_another_organisations_cameras_are_never_counted_or_listed(
        self, officer_client, follows_uk_statement, library, other_council
    ):
        factories.camera(library, asset_tag="OURS")
        theirs = factories.site(other_council, name="Their Office", category_slug="office", sensitive=True)
        factories.camera(theirs, asset_tag="THEIRS", networked=True)
        factories.camera(theirs, asset_tag="THEIRS-BOSCH", manufacturer=factories.manufacturer("bosch"))
        response = officer_client.get("/replacement/")
        assert response.context["headline"]["restricted_count"] == 1
        assert response.context["headline"]["networked_count"] == 0
        assert [camera.asset_tag for camera in response.context["object_list"]] == ["OURS"]
        assert sum(year["other_count"] for year in response.context["by_year"]) == 0
        assert "THEIRS" not in response.content.decode()
        content = b"".join(officer_client.get("/replacement/download.csv").streaming_content).decode("utf-8-sig")
        assert "THEIRS" not in content
        html = officer_client.get("/replacement/?organisation=other-council").content.decode()
        assert "You have no organisation with the slug &#x27;other-council&#x27;." in html
        assert "THEIRS" not in html

    def test_menu_links_to_the_plan(self, officer_client):
        html = officer_client.get("/replacement/").content.decode()
        assert 'href="/replacement/" aria-current="page"' in html


@pytest.fixture
def tricky_plan(follows_uk_statement, library):
    ReplacementUnitCost.objects.create(organisation=library.organisation, category=library.category, unit_cost=450)
    office = factories.site(library.organisation, name="Control Room", category_slug="office", sensitive=True)
    cameras = [
        factories.camera(
            library,
            asset_tag=f"T-{index}",
            model=text,
            install_date=datetime.date(2021, 5, 4),
            end_of_life_date=datetime.date(2030, 1, 1),
        )
        for index, text in enumerate(FORMULA_LOOKALIKES)
    ]
    factories.camera(office, asset_tag="URGENT", networked=True, end_of_life_date=datetime.date(2020, 6, 30))
    return cameras


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
class TestDownloads:
    def test_openpyxl_reads_text_as_text_dates_as_dates_and_costs_as_numbers(self, officer_client, tricky_plan):
        sheet = load_workbook(io.BytesIO(download(officer_client, "/replacement/download.xlsx"))).active
        assert sheet.title == "Replacement plan"
        headings = [cell.value for cell in sheet[1]]
        rows = [{heading: cell for heading, cell in zip(headings, row, strict=True)} for row in sheet.iter_rows(2)]
        assert [row["Asset tag"].value for row in rows] == ["URGENT", "T-0", "T-1", "T-2", "T-3"]
        assert (rows[0]["Priority"].value, rows[0]["Why"].value) == (1, "Networked, on a sensitive site")
        assert rows[0]["Past end of life"].value == "Yes"
        assert rows[0]["Unit cost"].value is None  # no unit cost for offices
        models = [row["Model"] for row in rows[1:]]
        assert [cell.value for cell in models] == FORMULA_LOOKALIKES
        assert {cell.data_type for cell in models} == {"s"}
        end_of_life = rows[1]["End of life date"]
        assert (end_of_life.value, end_of_life.number_format) == (datetime.datetime(2030, 1, 1), "dd/mm/yyyy")
        cost = rows[1]["Unit cost"]
        assert (cost.value, cost.data_type, cost.number_format) == (450, "n", '"£"#,##0.00')

    def test_a_second_reader_agrees(self, officer_client, tricky_plan):
        content = download(officer_client, "/replacement/download.xlsx")
        rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
        headings = rows[0]
        assert [row[headings.index("Model")] for row in rows[2:]] == FORMULA_LOOKALIKES
        assert rows[2][headings.index("End of life date")] == datetime.date(2030, 1, 1)
        assert rows[2][headings.index("Unit cost")] == 450.0

    def test_the_workbook_has_the_by_year_table_as_on_the_page(self, officer_client, tricky_plan):
        factories.camera(tricky_plan[0].site, manufacturer=factories.manufacturer("bosch"), install_date=None)
        workbook = load_workbook(io.BytesIO(download(officer_client, "/replacement/download.xlsx")))
        assert workbook.sheetnames == ["Replacement plan", "By end-of-life year"]
        sheet = workbook["By end-of-life year"]
        assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
            ["End-of-life year", "Restricted", "Other", "Budget", "Restricted with no unit cost"],
            [2020, 1, 0, 0, 1],
            [2030, 4, 0, 1800, 0],
            ["No end-of-life date", 0, 1, 0, 0],
            ["Total", 5, 1, 1800, 1],
        ]
        year, restricted, _, budget, _ = sheet[3]
        assert (year.data_type, year.number_format) == ("n", "0")
        assert restricted.number_format == "#,##0"
        assert (budget.data_type, budget.number_format) == ("n", '"£"#,##0.00')
        assert sheet["D5"].number_format == '"£"#,##0.00' and sheet["D5"].font.bold
        assert sheet["A4"].data_type == "s"

    def test_a_second_reader_agrees_on_the_by_year_table(self, officer_client, tricky_plan):
        content = download(officer_client, "/replacement/download.xlsx")
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        assert workbook.sheet_names == ["Replacement plan", "By end-of-life year"]
        assert workbook.get_sheet_by_name("By end-of-life year").to_python() == [
            ["End-of-life year", "Restricted", "Other", "Budget", "Restricted with no unit cost"],
            [2020, 1, 0, 0, 1],
            [2030, 4, 0, 1800.0, 0],
            ["Total", 5, 0, 1800.0, 1],
        ]

    def test_the_by_year_table_follows_the_filters(self, officer_client, tricky_plan):
        content = download(officer_client, "/replacement/download.xlsx?networked=true")
        rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("By end-of-life year").to_python()
        assert rows[1:] == [[2020, 1, 0, 0, 1], ["Total", 1, 0, 0, 1]]

    def test_csv_keeps_formula_text_as_text(self, officer_client, tricky_plan):
        content = download(officer_client, "/replacement/download.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content)))
        assert [row["Model"] for row in rows[1:]] == [f"'{text}" for text in FORMULA_LOOKALIKES]
        assert (rows[1]["End of life date"], Decimal(rows[1]["Unit cost"])) == ("2030-01-01", 450)

    def test_downloads_follow_the_filters(self, officer_client, tricky_plan):
        content = download(officer_client, "/replacement/download.csv?networked=true").decode("utf-8-sig")
        assert [row["Asset tag"] for row in csv.DictReader(io.StringIO(content))] == ["URGENT"]


@pytest.mark.django_db
def test_the_page_costs_a_fixed_number_of_queries(
    officer_client, follows_uk_statement, library, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get("/replacement/").status_code == 200
        return len(captured)

    factories.camera(library, networked=True)
    few = queries()
    office = factories.site(library.organisation, category_slug="office", sensitive=True)
    for year in range(2024, 2040):
        factories.camera(office, end_of_life_date=datetime.date(year, 3, 1))
        factories.camera(
            library, manufacturer=factories.manufacturer("bosch"), end_of_life_date=datetime.date(year, 3, 1)
        )
    assert queries() == few
    with django_assert_max_num_queries(10):
        officer_client.get("/replacement/")


@pytest.mark.django_db
class TestDashboardPanel:
    def test_restricted_cameras_networked_and_past_end_of_life(self, officer_client, follows_uk_statement, library):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        factories.camera(library, networked=True)
        factories.camera(library, end_of_life_date=yesterday)
        factories.camera(library, manufacturer=factories.manufacturer("bosch"), networked=True)
        factories.camera(library, status="decommissioned", decommissioned_date=datetime.date(2024, 1, 1))
        factories.camera(factories.site(follows_uk_statement.__class__.objects.get(slug="other-council")))
        response = officer_client.get("/")
        restricted = response.context["restricted"]
        assert (
            restricted["restricted_count"],
            restricted["networked_count"],
            restricted["past_end_of_life_count"],
        ) == (
            2,
            1,
            1,
        )
        html = response.content.decode()
        assert 'href="/replacement/"' in html
        assert "/cameras/?restricted=true&amp;status=planned,operational,faulty" in html
        listed = officer_client.get(response.context["restricted_links"]["all"]).context["paginator"].count
        assert listed == 2
        past = officer_client.get(response.context["restricted_links"]["past_end_of_life"]).context["paginator"].count
        assert past == 1
