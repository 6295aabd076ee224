import pytest
from django.core.cache import cache

from registry.choices import Role
from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached counts: a rolled-back test's organisation ids come round again on SQLite."""
    cache.clear()
    yield
    cache.clear()


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
    return factories.user_with_role(council, Role.OFFICER, username="officer")


@pytest.fixture
def other_officer(other_council):
    return factories.user_with_role(other_council, "officer")


@pytest.fixture
def viewer(council):
    return factories.user_with_role(council, Role.VIEWER, username="viewer")


@pytest.fixture
def foi_officer(council):
    return factories.user_with_role(council, Role.FOI, username="foi")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def camera(library):
    return factories.camera(library, asset_tag="LIB-001", model="DS-2CD1043G0-I")


@pytest.fixture
def other_camera(other_council):
    return factories.camera(factories.site(other_council, name="Other Depot"), asset_tag="OTH-001")
