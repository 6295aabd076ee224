"""``GET /api/v1/foi/statistics/``, ``/foi/statistics/`` and ``/foi/statistics.xlsx``: the hand-worked quarter of
tests/foi/test_statistics.py as JSON, as a page and as a workbook read back by a second reader; and every bad
parameter a 400 naming it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from foi.statistics_query import default_from
from registry.choices import Role
from tests import factories
from tests.foi.conftest import client_for, read_with_calamine
from tests.foi.test_statistics import first_quarter  # noqa: F401 (a fixture)
from tests.pages import error_summary

URL = "/api/v1/foi/statistics/"
Q1 = {"from": "2026-01-01", "to": "2026-03-31"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.usefixtures("first_quarter")
def test_the_quarter_as_json(viewer_client):
    response = viewer_client.get(URL, Q1 | {"period": "quarter"})
    assert response.status_code == 200, response.data
    data = response.json()
    assert (data["organisation"], data["from"], data["to"], data["period"]) == (
        "demo-council",
        "2026-01-01",
        "2026-03-31",
        "quarter",
    )
    assert data["ico_target_percent"] == 90
    (q1,) = data["periods"]
    assert {key: q1[key] for key in ("label", "start", "end", "received", "answered", "answered_in_time")} == {
        "label": "2026 Q1",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "received": 6,
        "answered": 4,
        "answered_in_time": 2,
    }
    assert (q1["in_time_percent"], q1["extended"], q1["open_overdue"]) == (50.0, 1, 1)
    assert [(row["outcome"], row["count"]) for row in q1["outcomes"]] == [
        ("granted", 1),
        ("partly-granted", 1),
        ("refused-exemption", 1),
        ("refused-cost", 0),
        ("refused-vexatious", 0),
        ("not-held", 0),
        ("neither-confirm-nor-deny", 0),
    ]
    assert q1["outcome_not_recorded"] == 1
    assert {row["exemption"]: row["count"] for row in q1["exemptions"]} == {
        "foia-s24": 0,
        "foia-s31": 2,
        "foia-s38": 0,
        "foia-s40": 1,
        "foia-s43": 1,
    }
    assert (q1["reviews_requested"], q1["reviews_overturned"]) == (2, 1)
    assert data["total"]["label"] == "Total" and data["total"]["received"] == 6


@pytest.mark.usefixtures("first_quarter")
def test_months_and_an_empty_range(foi_client):
    months = foi_client.get(URL, Q1 | {"period": "month"}).json()["periods"]
    assert [(p["label"], p["answered"], p["in_time_percent"]) for p in months] == [
        ("January 2026", 2, 50.0),
        ("February 2026", 1, 0.0),
        ("March 2026", 1, 100.0),
    ]
    empty = foi_client.get(URL, {"from": "2024-01-01", "to": "2024-03-31"}).json()
    assert empty["total"]["answered"] == 0 and empty["total"]["in_time_percent"] is None


def test_the_defaults_are_the_last_twelve_months_by_quarter(foi_client):
    today = timezone.localdate()
    data = foi_client.get(URL).json()
    assert data["period"] == "quarter" and data["to"] == today.isoformat()
    assert len(data["periods"]) == 4 and data["periods"][0]["start"].endswith("-01")
    assert len(foi_client.get(URL, {"period": "month"}).json()["periods"]) == 12


def test_the_default_start_is_the_current_period_and_those_before_it_in_twelve_months():
    D = datetime.date
    assert default_from(date_to=D(2026, 12, 7), period="quarter") == D(2026, 1, 1)
    assert default_from(date_to=D(2027, 2, 14), period="quarter") == D(2026, 4, 1)
    assert default_from(date_to=D(2027, 2, 14), period="month") == D(2026, 3, 1)
    assert default_from(date_to=D(2026, 12, 31), period="month") == D(2026, 1, 1)


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ({"from": "2026-02-30"}, "from", "real date"),
        ({"to": "31/03/2026"}, "to", "real date"),
        ({"from": "2026-\x00-01"}, "from", "real date"),
        ({"from": "2026-04-01", "to": "2026-03-31"}, "to", "on or after the 'from' date"),
        ({"from": "2012-01-01", "to": "2026-03-31"}, "from", "at most 10 years"),
        ({"from": "1999-12-31"}, "from", "on or after 1 January 2000"),
        ({"to": "9999-12-31"}, "to", "on or before 31 December"),
        ({"period": "week"}, "period", "month or quarter"),
        ({"organisation": "other-council"}, "organisation", "not a member"),
        ({"organisation": "\x00"}, "organisation", "not a member"),
        ({"form": "2026-01-01"}, "form", "Unknown filter"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(foi_client, other_council, query, parameter, words):
    response = foi_client.get(URL, query)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert words in " ".join(response.json()[parameter])


def test_a_member_of_several_organisations_names_one(council, other_council):
    user = factories.user_with_role(council, Role.FOI)
    factories.user_with_role(other_council, Role.VIEWER, username=user.username)
    client = client_for(user)
    response = client.get(URL)
    assert response.status_code == 400
    assert "demo-council, other-council" in response.json()["organisation"][0]
    assert client.get(URL, {"organisation": "other-council"}).json()["organisation"] == "other-council"


def test_signed_in_members_only(client, db):
    assert client.get(URL).status_code == 401


def _workbook_rows(content: bytes) -> list[list]:
    return read_with_calamine(content)["Statistics"]


@pytest.mark.usefixtures("first_quarter")
@pytest.mark.parametrize("how", ["format", "accept"])
def test_the_workbook_from_the_api_holds_the_same_numbers(foi_client, how):
    if how == "format":
        response = foi_client.get(URL, Q1 | {"period": "month", "format": "xlsx"})
    else:
        response = foi_client.get(URL, Q1 | {"period": "month"}, HTTP_ACCEPT=XLSX)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response["Content-Disposition"].endswith('filename="foi-statistics-2026-01-01-to-2026-03-31.xlsx"')
    rows = _workbook_rows(response.content)
    heading = rows[0]
    assert heading[:9] == [
        "Period",
        "From",
        "To",
        "Received",
        "Answered",
        "Answered in time",
        "In time (%)",
        "Extended",
        "Open and overdue",
    ]
    assert heading[9:17] == [
        "Granted in full",
        "Partly granted",
        "Refused: exemption",
        "Refused: cost limit",
        "Refused: vexatious or repeated",
        "Information not held",
        "Neither confirm nor deny",
        "Outcome not recorded",
    ]
    assert heading[17:] == [
        "s.24 National security (FOIA)",
        "s.31 Law enforcement (FOIA)",
        "s.38 Health and safety (FOIA)",
        "s.40 Personal data (FOIA)",
        "s.43 Commercial interests (FOIA)",
        "Reviews requested",
        "Reviews overturned",
    ]
    D = datetime.date
    january = ["January 2026", D(2026, 1, 1), D(2026, 1, 31), 2, 2, 1, 50.0, 0, 0]
    assert rows[1] == january + [1, 0, 0, 0, 0, 0, 0, 1] + [0, 1, 0, 1, 0] + [0, 0]
    assert rows[2][:9] == ["February 2026", D(2026, 2, 1), D(2026, 2, 28), 2, 1, 0, 0.0, 0, 0]
    assert rows[3][:9] == ["March 2026", D(2026, 3, 1), D(2026, 3, 31), 2, 1, 1, 100.0, 1, 1]
    total = ["Total", D(2026, 1, 1), D(2026, 3, 31), 6, 4, 2, 50.0, 1, 1]
    assert rows[4] == total + [1, 1, 1, 0, 0, 0, 0, 1] + [0, 2, 0, 1, 1] + [2, 1]
    definitions = read_with_calamine(response.content)["Definitions"]
    assert definitions[0] == ["Column", "Counts"] and definitions[1][0] == "Received"


@pytest.mark.usefixtures("first_quarter")
def test_the_page_shows_the_table_and_chart_and_downloads_the_same_workbook(council, foi_client):
    client = _page_client(factories.user_with_role(council, Role.FOI))
    response = client.get("/foi/statistics/", Q1 | {"period": "month"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "FOI statistics, 1 January 2026 to 31 March 2026" in html
    assert "March 2026: 2 received, 1 answered, 1 in time" in html  # the chart's text alternative
    assert "March 2026: 100.0%" in html
    assert "50.0%" in html and 'role="img"' in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    query = "from=2026-01-01&amp;to=2026-03-31&amp;period=month&amp;organisation=demo-council"
    assert f'href="/foi/statistics.xlsx?{query}"' in html
    download = client.get("/foi/statistics.xlsx", Q1 | {"period": "month"})
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    api = foi_client.get(URL, Q1 | {"period": "month", "format": "xlsx"})
    assert _workbook_rows(download.content) == _workbook_rows(api.content)


def test_the_page_shows_bad_parameters_in_the_error_summary(council):
    client = _page_client(factories.user_with_role(council, Role.VIEWER))
    response = client.get("/foi/statistics/", {"from": "2026-04-01", "to": "2026-03-31", "period": "year"})
    assert response.status_code == 200
    summary = error_summary(response)
    assert "on or after the" in summary or "month or quarter" in summary
    assert "Choose a period of month or quarter." in summary
    assert "Error: FOI statistics" in response.content.decode()
    download = client.get("/foi/statistics.xlsx", {"period": "year"})
    assert download.status_code == 400 and b"period: Choose a period of month or quarter." in download.content


def test_the_page_lets_a_member_of_several_organisations_choose(council, other_council):
    user = factories.user_with_role(council, Role.FOI)
    user = factories.user_with_role(other_council, Role.VIEWER, username=user.username)
    client = _page_client(user)
    html = client.get("/foi/statistics/").content.decode()
    assert 'name="organisation"' in html and "Other Council" in html
    assert "Demo Council:" in html  # the first by name, until another is chosen
    assert f'value="{timezone.localdate().isoformat()}"' in html  # the default dates fill the boxes
    assert "Other Council:" in client.get("/foi/statistics/", {"organisation": "other-council"}).content.decode()


def test_the_request_list_links_to_the_statistics(council):
    client = _page_client(factories.user_with_role(council, Role.VIEWER))
    assert 'href="/foi/statistics/"' in client.get("/foi/").content.decode()


def test_the_schema_describes_the_endpoint(tmp_path, db):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    operation = schema["paths"]["/api/v1/foi/statistics/"]["get"]
    assert [parameter["name"] for parameter in operation["parameters"]] == [
        "format",
        "from",
        "organisation",
        "period",
        "to",
    ]
    content = operation["responses"]["200"]["content"]
    assert content["application/json"]["schema"]["$ref"].endswith("/FOIStatistics")
    assert XLSX in content
    assert operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/FieldErrors")
    components = schema["components"]["schemas"]
    assert list(components["FOIStatistics"]["properties"])[:3] == ["organisation", "from", "to"]
    figures = components["PeriodFigures"]["properties"]
    assert figures["in_time_percent"]["nullable"] is True
    assert components["OutcomeCount"]["properties"]["outcome"]["$ref"].endswith("/OutcomeEnum")
    assert components["OutcomeEnum"]["enum"] == [
        "granted",
        "partly-granted",
        "refused-exemption",
        "refused-cost",
        "refused-vexatious",
        "not-held",
        "neither-confirm-nor-deny",
    ]


def test_a_bad_parameter_asked_as_a_workbook_is_still_a_json_400(foi_client):
    response = foi_client.get(URL, {"period": "year", "format": "xlsx"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json() == {"period": ["Choose a period of month or quarter."]}
