"""API throttling: per signed-in user (token or session) and per address without credentials, a 429 in JSON
with Retry-After; rates come from the settings (README, "Sign-in and API protection")."""

import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture
def rates(settings):
    """Small rates for these tests, and an empty cache so earlier tests' requests do not count."""
    cache.clear()

    def set_rates(user: str = "3/minute", anon: str = "2/minute"):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": user, "anon": anon}}

    yield set_rates
    cache.clear()


def test_a_token_over_its_rate_gets_a_429_with_retry_after(api_client_for, officer, rates):
    rates(user="3/minute")
    client = api_client_for(officer)
    assert [client.get("/api/v1/cameras/").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/v1/cameras/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"} and "throttled" in response.json()["detail"]
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_rate_is_per_user_and_counts_their_session_and_token_together(
    client, api_client_for, officer, viewer, rates
):
    rates(user="2/minute")
    token_client = api_client_for(officer)
    assert token_client.get("/api/v1/cameras/").status_code == 200
    client.force_login(officer)
    assert client.get("/api/v1/cameras/").status_code == 200
    assert token_client.get("/api/v1/cameras/").status_code == 429
    # Another user has a rate of their own.
    assert api_client_for(viewer).get("/api/v1/cameras/").status_code == 200


def test_requests_without_credentials_are_throttled_per_address(client, db, settings, rates):
    rates(anon="2/minute")
    settings.PUBLIC_API_DOCS = True  # an endpoint open without sign-in
    assert client.get("/api/schema/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/schema/", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/api/schema/", REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert client.get("/api/schema/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_signed_in_user_is_not_held_to_the_anonymous_rate(api_client_for, officer, rates):
    rates(user="100/minute", anon="1/minute")
    client = api_client_for(officer)
    assert [client.get("/api/v1/cameras/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_schema_documents_the_429(client, db):
    client.force_login(factories.superuser())
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    answer = schema["paths"]["/api/v1/cameras/"]["get"]["responses"]["429"]
    assert "Retry-After" in answer["headers"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
