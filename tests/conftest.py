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
