"""Every answer under /api/ is JSON, ``{"detail": "..."}`` or field -> messages, whatever went wrong; pages keep
their GOV.UK error pages. Django's test client runs with DEBUG off, as production does."""

import pytest
from django.urls import path
from rest_framework.test import APIClient

from config import urls as project_urls
from tests import factories

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def explode(request):
    raise RuntimeError("a bug")


# The project's own URLs and error handlers, plus two addresses that fail, so the 500 handler can be seen at work.
urlpatterns = [
    path("api/v1/explode/", explode),
    path("explode/", explode),
    *project_urls.urlpatterns,
]
handler400 = getattr(project_urls, "handler400", "django.views.defaults.bad_request")
handler403 = getattr(project_urls, "handler403", "django.views.defaults.permission_denied")
handler404 = getattr(project_urls, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(project_urls, "handler500", "django.views.defaults.server_error")


def assert_json_detail(response, status_code: int) -> dict:
    assert response.status_code == status_code, response.content[:300]
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    body = response.json()
    assert isinstance(body.get("detail"), str) and body["detail"], body
    return body


@pytest.fixture
def officer_client(api_client_for, officer):
    return api_client_for(officer)


def test_an_unknown_api_address_answers_json_404(officer_client):
    for address in ("/api/v1/no-such-thing/", "/api/v1/foi/requests/abc/", "/api/v2/sites/", "/api/"):
        body = assert_json_detail(officer_client.get(address), 404)
        assert "no API endpoint" in body["detail"]


def test_an_unknown_page_answers_the_register_404_page(client, officer):
    client.force_login(officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content
    assert b"govuk-heading-l" in response.content


@pytest.mark.urls(__name__)
def test_a_server_error_under_api_answers_json_500(db):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(factories.superuser())
    body = assert_json_detail(client.get("/api/v1/explode/"), 500)
    assert "a bug" not in body["detail"]  # nothing of the exception leaks out


@pytest.mark.urls(__name__)
def test_a_server_error_on_a_page_answers_the_register_500_page(client):
    client.raise_request_exception = False
    response = client.get("/explode/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert b"Sorry, there is a problem with the service" in response.content


def test_a_request_django_itself_refuses_under_api_answers_json_400(officer_client):
    assert_json_detail(officer_client.get("/api/v1/sites/", HTTP_HOST="evil.example"), 400)


def test_a_browser_asking_for_html_still_gets_json(officer_client):
    response = officer_client.get("/api/v1/sites/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_method_accept_media_type_and_malformed_json_errors_are_json(officer_client):
    assert_json_detail(officer_client.put("/api/v1/sites/", {}, format="json"), 405)
    assert_json_detail(officer_client.get("/api/v1/sites/", HTTP_ACCEPT="application/xml"), 406)
    assert_json_detail(officer_client.post("/api/v1/sites/", "name=x", content_type="text/plain"), 415)
    body = assert_json_detail(
        officer_client.post("/api/v1/sites/", '{"name": "Library', content_type="application/json"), 400
    )
    assert "JSON parse error" in body["detail"]


def test_no_credentials_is_a_401_that_says_how_to_authenticate(db):
    response = APIClient().get("/api/v1/sites/")
    assert_json_detail(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    bad_token = APIClient(HTTP_AUTHORIZATION="Token not-a-token").get("/api/v1/cameras/")
    assert_json_detail(bad_token, 401)


def test_an_error_is_json_even_when_the_client_asked_for_a_workbook(api_client_for, council):
    client = api_client_for(factories.user_with_role(council, "foi"))
    response = client.get("/api/v1/foi/requests/999/response.xlsx", HTTP_ACCEPT=XLSX)
    assert_json_detail(response, 404)
    response = client.get("/api/v1/cameras/counts.xlsx?networked=maybe", HTTP_ACCEPT=XLSX)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "networked" in response.json()


def test_only_downloads_can_be_asked_for_as_a_workbook(api_client_for, council):
    client = api_client_for(factories.user_with_role(council, "foi"))
    assert_json_detail(client.get("/api/v1/foi/requests/?format=xlsx"), 404)
    response = client.get("/api/v1/foi/requests/", HTTP_ACCEPT=XLSX)
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_options_on_a_record_describes_it_rather_than_failing(officer_client, library):
    # Outside a test's transaction, as in production: PostgreSQL refused the row lock OPTIONS asked for, a 500.
    response = officer_client.options(f"/api/v1/sites/{library.pk}/")
    assert response.status_code == 200
    assert "PUT" in response.json()["actions"]
