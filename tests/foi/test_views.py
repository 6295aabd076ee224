"""The FOI pages: login, roles, deadlines shown, live preview, issuing and downloading."""

import datetime
import re

import pytest
from django.test import Client

from foi import services
from registry.choices import Role
from tests import factories
from tests.foi.conftest import read_with_calamine
from tests.pages import error_summary


def _date(name: str, day: str, month: str, year: str) -> dict:
    """A date as the GOV.UK date input posts it: day, month and year boxes."""
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def foi_request(council, library):
    factories.camera(library)
    factories.camera(library, manufacturer=factories.manufacturer("bosch"))
    return services.foi_request_create(
        organisation=council,
        reference="FOI-2024-0007",
        received_date=datetime.date(2024, 6, 3),
        subject="Library cameras",
        request_text="How many cameras are in your libraries?",
    )


def test_pages_need_login(foi_request):
    assert Client().get("/foi/").status_code == 302
    assert Client().get(f"/foi/{foi_request.pk}/").status_code == 302


def test_list_marks_overdue_requests(council, foi_request):
    page = _client(factories.user_with_role(council, Role.VIEWER)).get("/foi/").content.decode()
    assert "FOI-2024-0007" in page
    assert "1 Jul 2024" in page
    assert '<strong class="govuk-tag govuk-tag--red app-tag--deadline">Overdue by' in page
    assert '<strong class="govuk-tag govuk-tag--blue">Open</strong>' in page
    assert "Record a new request" not in page


def test_detail_shows_rule_and_answers(council, foi_request):
    services.question_create(
        foi_request=foi_request, text="How many?", filters={"site_category": "library"}, group_by=["vendor"]
    )
    page = _client(factories.user_with_role(council, Role.VIEWER)).get(f"/foi/{foi_request.pk}/").content.decode()
    assert "Freedom of Information Act 2000, s.10" in page
    assert "There are 2 CCTV cameras in the council&#x27;s libraries." in page
    assert "Issue response" not in page  # viewers read only


def test_detail_names_withheld_columns_in_words(council, foi_request):
    services.question_create(
        foi_request=foi_request,
        text="List the library cameras",
        filters={"site_category": "library"},
        disclosed_columns=["asset_tag", "manufacturer"],
    )
    page = _client(factories.user_with_role(council, Role.VIEWER)).get(f"/foi/{foi_request.pk}/").content.decode()
    assert "Withheld: location description, serial number." in page
    assert "location_description" not in page


def test_officer_adds_question_previews_and_issues(council, foi_request):
    client = _client(factories.user_with_role(council, Role.FOI))
    preview = client.get(
        f"/foi/{foi_request.pk}/questions/preview/", {"site_category": "library", "group_by": "vendor"}
    ).content.decode()
    assert "Hikvision" in preview and "<strong>2</strong>" in preview
    bad_preview = client.get(f"/foi/{foi_request.pk}/questions/preview/", {"site_category": "moon"}).content.decode()
    assert "moon" in bad_preview

    response = client.post(
        f"/foi/{foi_request.pk}/questions/new/",
        {
            "text": "How many in libraries?",
            "site_category": "library",
            "group_by": ["vendor"],
            "status": ["operational"],
        },
    )
    assert response.status_code == 302
    question = foi_request.questions.get()
    assert question.filters == {"site_category": "library", "status": ["operational"]}

    invalid = client.post(
        f"/foi/{foi_request.pk}/questions/new/",
        {"text": "", "exemption": "foia-s31", "status": ["faulty"], "q": "mast"},
    )
    assert invalid.status_code == 200
    assert "Enter the question, in the requester&#x27;s words" in error_summary(invalid)
    assert 'href="#id_text"' in error_summary(invalid)
    html = invalid.content.decode()
    assert '<option value="foia-s31" selected>' in html
    assert 'value="faulty" checked' in html and 'value="mast"' in html
    assert foi_request.questions.count() == 1

    issued = client.post(f"/foi/{foi_request.pk}/issue/", {}, follow=True).content.decode()
    assert "govuk-notification-banner--success" in issued and "Response issued." in issued
    foi_request.refresh_from_db()
    assert foi_request.status == "answered"
    download = client.get(f"/foi/{foi_request.pk}/versions/1/response.xlsx")
    assert read_with_calamine(download.content)["Question 1"][-1] == ["Total", 2]


def test_viewer_cannot_issue_and_other_council_sees_nothing(council, other_council, foi_request):
    viewer = _client(factories.user_with_role(council, Role.VIEWER))
    assert viewer.post(f"/foi/{foi_request.pk}/issue/").status_code == 403
    assert viewer.get(f"/foi/{foi_request.pk}/questions/new/").status_code == 403
    assert viewer.get("/foi/new/").status_code == 403
    stranger = _client(factories.user_with_role(other_council, Role.ADMIN))
    assert stranger.get(f"/foi/{foi_request.pk}/").status_code == 404
    assert "FOI-2024-0007" not in stranger.get("/foi/").content.decode()


def test_officer_records_a_request_and_clarification(council):
    client = _client(factories.user_with_role(council, Role.ADMIN))
    response = client.post(
        "/foi/new/",
        {
            "organisation": council.pk,
            "reference": "FOI-9",
            **_date("received_date", "3", "6", "2024"),
            "subject": "S",
            "request_text": "R",
        },
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    asked = client.post(f"/foi/{pk}/clarification-requested/", _date("date", "5", "6", "2024"))
    assert asked.status_code == 302
    page = client.get(f"/foi/{pk}/").content.decode()
    assert "No deadline runs while clarification is awaited" in page
    duplicate = client.post(
        "/foi/new/",
        {
            "organisation": council.pk,
            "reference": "FOI-9",
            **_date("received_date", "3", "6", "2024"),
            "subject": "S",
            "request_text": "R",
        },
    )
    assert "already has an FOI request with this reference" in duplicate.content.decode()


def _new_request(council, **dates) -> dict:
    return {"organisation": council.pk, "reference": "FOI-10", "subject": "S", "request_text": "R", **dates}


def test_half_typed_received_date_is_refused_and_kept(council):
    client = _client(factories.user_with_role(council, Role.FOI))
    response = client.post("/foi/new/", _new_request(council, **_date("received_date", "3", "", "2024")))
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Date received must include a month" in summary
    assert 'href="#id_received_date_0"' in summary
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'name="received_date_day" value="3"' in html and 'name="received_date_year" value="2024"' in html
    assert 'name="received_date_month" value=""' not in html and "govuk-date-input__input" in html
    assert 'id="id_received_date_1"' in html
    assert 'value="FOI-10"' in html
    assert not council.foi_requests.exists()


def test_invalid_received_date_is_refused_as_typed(council):
    client = _client(factories.user_with_role(council, Role.FOI))
    response = client.post("/foi/new/", _new_request(council, **_date("received_date", "31", "2", "2024")))
    assert "Date received must be a real date" in error_summary(response)
    assert 'name="received_date_day" value="31"' in response.content.decode()
    missing = client.post("/foi/new/", _new_request(council))
    assert "Enter the date received" in error_summary(missing)


def test_future_received_date_is_still_refused(council):
    client = _client(factories.user_with_role(council, Role.FOI))
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client.post(
        "/foi/new/",
        _new_request(council, **_date("received_date", str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))),
    )
    assert response.status_code == 200
    summary = error_summary(response)
    assert "The received date cannot be in the future." in summary
    assert 'href="#id_received_date_0"' in summary
    assert f'name="received_date_day" value="{tomorrow.day}"' in response.content.decode()
    assert not council.foi_requests.exists()


def test_clarification_dates_keep_what_was_typed(council, foi_request):
    client = _client(factories.user_with_role(council, Role.FOI))
    url = f"/foi/{foi_request.pk}/clarification-requested/"
    page = client.get(f"/foi/{foi_request.pk}/").content.decode()
    assert "Date you asked the requester to clarify" in page and 'name="date_day"' in page
    half = client.post(url, _date("date", "5", "6", ""))
    assert half.status_code == 200
    assert "Date you asked the requester to clarify must include a year" in error_summary(half)
    assert 'href="#id_date_0"' in error_summary(half)
    assert 'name="date_day" value="5"' in half.content.decode()
    before = client.post(url, _date("date", "1", "6", "2024"))
    assert "Clarification cannot be asked for before the request was received." in error_summary(before)
    assert 'name="date_day" value="1"' in before.content.decode()
    foi_request.refresh_from_db()
    assert foi_request.status == "open" and foi_request.clarification_requested_date is None

    assert client.post(url, _date("date", "5", "6", "2024")).status_code == 302
    received_url = f"/foi/{foi_request.pk}/clarification-received/"
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    future = client.post(received_url, _date("date", str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)))
    assert "This date cannot be in the future." in error_summary(future)
    assert "Date the clarification was received" in future.content.decode()
    assert client.post(received_url, _date("date", "10", "6", "2024")).status_code == 302
    foi_request.refresh_from_db()
    assert (foi_request.clarification_requested_date, foi_request.clarification_received_date) == (
        datetime.date(2024, 6, 5),
        datetime.date(2024, 6, 10),
    )
    # The request is open again: a stale clarification form is refused with its status, as before.
    stale = client.post(received_url, _date("date", "11", "6", "2024"), follow=True).content.decode()
    assert "cannot be given a clarification" in stale


def test_question_filter_dates_are_stored_as_iso_and_shown_in_boxes(council, foi_request):
    client = _client(factories.user_with_role(council, Role.FOI))
    response = client.post(
        f"/foi/{foi_request.pk}/questions/new/",
        {
            "text": "How many installed in 2020?",
            **_date("installed_after", "1", "1", "2020"),
            **_date("installed_before", "31", "12", "2020"),
            **_date("as_at", "3", "6", "2024"),
        },
    )
    assert response.status_code == 302
    question = foi_request.questions.get()
    assert question.filters == {"installed_after": "2020-01-01", "installed_before": "2020-12-31"}
    assert question.as_at == datetime.date(2024, 6, 3)
    edit = client.get(f"/foi/{foi_request.pk}/questions/{question.pk}/").content.decode()
    for expected in ('name="installed_after_day" value="1"', 'name="installed_before_month" value="12"'):
        assert expected in edit
    assert 'name="as_at_year" value="2024"' in edit

    half = client.post(
        f"/foi/{foi_request.pk}/questions/new/", {"text": "Q", **_date("installed_after", "", "1", "2020")}
    )
    assert "Installed after must include a day" in error_summary(half)
    assert 'href="#id_installed_after_0"' in error_summary(half)
    assert 'name="installed_after_month" value="1"' in half.content.decode()
    assert foi_request.questions.count() == 1


def test_preview_reads_dates_in_three_parts(council, foi_request):
    client = _client(factories.user_with_role(council, Role.FOI))
    url = f"/foi/{foi_request.pk}/questions/preview/"
    everything = client.get(url, {"site_category": "library"}).content.decode()
    assert "<strong>2</strong>" in everything
    before_any = client.get(url, {"site_category": "library", **_date("as_at", "1", "1", "2000")}).content.decode()
    assert "<strong>2</strong>" not in before_any
    half = client.get(url, {"site_category": "library", **_date("as_at", "1", "", "2000")}).content.decode()
    assert "Count cameras in service on must include a month" in half


def _checked(html: str, name: str) -> list[str]:
    """The values of the ticked boxes called ``name``, as the browser (and the preview script) would send them."""
    boxes = [tag for tag in re.findall(r"<input [^>]*>", html) if 'type="checkbox"' in tag and f'name="{name}"' in tag]
    return [re.search(r'value="([^"]*)"', tag)[1] for tag in boxes if re.search(r"\schecked\b", tag)]


@pytest.fixture
def cameras_in_every_status(library, foi_request):
    """Two operational cameras (from ``foi_request``), and one faulty, one planned, one decommissioned."""
    factories.camera(library, status="faulty")
    factories.camera(library, status="planned", install_date=None)
    factories.camera(library, status="decommissioned", decommissioned_date=datetime.date(2024, 1, 2))
    return foi_request


def test_a_new_question_counts_cameras_in_service_by_default(council, cameras_in_every_status):
    foi_request = cameras_in_every_status
    client = _client(factories.user_with_role(council, Role.FOI))
    html = client.get(f"/foi/{foi_request.pk}/questions/new/").content.decode()
    assert _checked(html, "status") == ["operational", "faulty"]
    assert "Cameras in service (operational and faulty) to start with." in html

    url = f"/foi/{foi_request.pk}/questions/preview/"
    as_the_page_sends_it = {"site_category": "library", "status": _checked(html, "status")}
    assert "<strong>3</strong>" in client.get(url, as_the_page_sends_it).content.decode()
    every_status = client.get(url, {"site_category": "library"}).content.decode()
    assert "<strong>5</strong>" in every_status  # none ticked: the officer chose every status

    saved = client.post(f"/foi/{foi_request.pk}/questions/new/", {"text": "How many?", **as_the_page_sends_it})
    assert saved.status_code == 302
    assert foi_request.questions.get().filters == {"site_category": "library", "status": ["operational", "faulty"]}


def test_an_existing_question_keeps_the_statuses_it_counts(council, cameras_in_every_status):
    foi_request = cameras_in_every_status
    every = services.question_create(foi_request=foi_request, text="All?", filters={"site_category": "library"})
    planned = services.question_create(foi_request=foi_request, text="Planned?", filters={"status": ["planned"]})
    client = _client(factories.user_with_role(council, Role.FOI))
    assert _checked(client.get(f"/foi/{foi_request.pk}/questions/{every.pk}/").content.decode(), "status") == []
    html = client.get(f"/foi/{foi_request.pk}/questions/{planned.pk}/").content.decode()
    assert _checked(html, "status") == ["planned"]
