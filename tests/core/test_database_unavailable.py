"""While the database cannot be reached, the API answers a JSON 503 and pages a standalone 503 page, both with
Retry-After, whether the failure comes in a view or in a middleware; the next request after it returns is served.
The database "goes away" at the driver's boundary: Django's execute wrapper raises what the driver raises when the
server has gone. tests/test_database_outage.py stops a real PostgreSQL under gunicorn."""

import logging
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from rest_framework.test import APIClient

from config import urls as project_urls
from core.api.exceptions import DATABASE_UNAVAILABLE_DETAIL
from tests import factories

PAGE_HEADING = b"Sorry, the service is unavailable"


def remember_the_visit(request):
    """Writes the session and answers 200: the session is saved after the view, by SessionMiddleware."""
    request.session["visited"] = True
    return HttpResponse("remembered")


def break_a_constraint(request):
    raise IntegrityError("duplicate key value violates unique constraint")


urlpatterns = [
    path("remember/", remember_the_visit),
    path("api/v1/remember/", remember_the_visit),
    path("constraint/", break_a_constraint),
    path("api/v1/constraint/", break_a_constraint),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@contextmanager
def database_gone(only_sql_containing: str = ""):
    """Every query (or those whose SQL contains the text) fails as when the server has closed the connection."""

    def refuse(execute, sql, params, many, context):
        if only_sql_containing in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def outage_events(caplog):
    caplog.set_level(logging.INFO)

    def events() -> list[dict]:
        return [record.fields for record in caplog.records if getattr(record, "event", None) == "database.unavailable"]

    return events


def assert_api_503(response):
    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": DATABASE_UNAVAILABLE_DETAIL}
    assert response["Retry-After"] == "5"


def assert_page_503(response):
    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "5"
    page = response.content
    assert PAGE_HEADING in page and b'class="govuk-heading-l"' in page and b"govuk-template__body" in page
    assert b"cannot reach its database" in page
    assert b"Signed in as" not in page  # nothing read from the user, whose session is in the database


def test_the_api_answers_503_json_while_the_database_is_gone_and_200_once_it_is_back(
    api_client_for, officer, camera, outage_events
):
    client = api_client_for(officer)
    with database_gone():
        assert_api_503(client.get("/api/v1/cameras/"))
        assert_api_503(client.get("/api/v1/cameras/counts/?group_by=status"))
    answer = client.get("/api/v1/cameras/")
    assert answer.status_code == 200
    assert [row["asset_tag"] for row in answer.json()["results"]] == ["LIB-001"]
    assert [(event["method"], event["path"], event["error"]) for event in outage_events()] == [
        ("GET", "/api/v1/cameras/", "OperationalError"),
        ("GET", "/api/v1/cameras/counts/", "OperationalError"),
    ]


def test_a_page_answers_the_503_page_while_the_database_is_gone_and_200_once_it_is_back(
    officer_client, camera, outage_events
):
    with database_gone():
        assert_page_503(officer_client.get("/cameras/"))
        assert_page_503(officer_client.get("/"))
    answer = officer_client.get("/cameras/")
    assert answer.status_code == 200
    assert b"LIB-001" in answer.content
    assert [event["path"] for event in outage_events()] == ["/cameras/", "/"]
    assert outage_events()[0]["reason"] == "server closed the connection unexpectedly"


def test_a_page_that_needs_no_database_is_served_as_usual(client, db):
    with database_gone():
        answer = client.get("/accounts/login/")
    assert answer.status_code == 200 and b"Sign in" in answer.content


def test_a_write_through_the_api_answers_503_too(api_client_for, officer, library):
    client = api_client_for(officer)
    with database_gone():
        answer = client.post("/api/v1/sites/", {"name": "Depot"}, format="json")
    assert_api_503(answer)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("address", "assert_503"), [("/remember/", assert_page_503), ("/api/v1/remember/", assert_api_503)]
)
def test_a_failure_in_the_session_middleware_answers_503(db, address, assert_503, outage_events):
    # The view succeeds without the database (a new visitor's session is empty); saving the session after it fails.
    # Django turns a middleware's exception into its 500 handler's answer, and signals it, which the test client
    # would raise again: so it is told not to.
    client = Client(raise_request_exception=False)
    with database_gone(only_sql_containing="django_session"):
        assert_503(client.get(address))
    assert len(outage_events()) == 1
    answer = client.get(address)
    assert answer.status_code == 200 and answer.content == b"remembered"
    assert "sessionid" in answer.cookies


@pytest.mark.urls(__name__)
def test_another_database_error_is_still_a_500(db, outage_events):
    client = APIClient(raise_request_exception=False)
    api = client.get("/api/v1/constraint/")
    assert api.status_code == 500 and "Retry-After" not in api
    assert "Something went wrong on our side" in api.json()["detail"]
    page = client.get("/constraint/")
    assert page.status_code == 500 and b"Sorry, there is a problem with the service" in page.content
    assert outage_events() == []


@pytest.mark.urls(__name__)
def test_another_exception_is_not_swallowed(db):
    with pytest.raises(IntegrityError):
        Client().get("/constraint/")


def test_the_schema_documents_the_503_on_every_operation(client, db):
    client.force_login(factories.superuser())
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path_, operations in schema["paths"].items():
        for method, operation in operations.items():
            answer = operation["responses"]["503"]
            assert "Retry-After" in answer["headers"], f"{method} {path_}"
            assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_connections_are_checked_before_a_request_reuses_them(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
