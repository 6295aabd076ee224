"""The FOI pages: login, roles, deadlines shown, live preview, issuing and downloading."""

import datetime

import pytest
from django.test import Client

from foi import services
from registry.choices import Role
from tests import factories
from tests.foi.conftest import read_with_calamine
from tests.ui.conftest import error_summary


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
    assert '<strong class="govuk-tag govuk-tag--red">Overdue by' in page
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
            "received_date": "2024-06-03",
            "subject": "S",
            "request_text": "R",
        },
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(f"/foi/{pk}/clarification-requested/", {"date": "2024-06-05"})
    page = client.get(f"/foi/{pk}/").content.decode()
    assert "No deadline runs while clarification is awaited" in page
    duplicate = client.post(
        "/foi/new/",
        {
            "organisation": council.pk,
            "reference": "FOI-9",
            "received_date": "2024-06-03",
            "subject": "S",
            "request_text": "R",
        },
    )
    assert "already has an FOI request with this reference" in duplicate.content.decode()
