import pytest

from tests import factories


@pytest.fixture
def council(db):
    return factories.organisation(name="Demo Council", slug="demo-council")


@pytest.fixture
def other_council(db):
    return factories.organisation(name="Other Council", slug="other-council")


@pytest.fixture
def library(council):
    return factories.site(council, name="Central Library", category_slug="library")


@pytest.fixture
def api_client_for(db):
    """``api_client_for(user)``: a REST client that authenticates as ``user`` with a DRF token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def officer(council):
    return factories.user_with_role(council, "officer")


@pytest.fixture
def other_officer(other_council):
    return factories.user_with_role(other_council, "officer")
