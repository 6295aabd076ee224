import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.models import Membership, Site
from registry.postcodes import normalise_postcode
from tests import factories


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sw1a1aa", "SW1A 1AA"), ("  ec1a 1bb ", "EC1A 1BB"), ("M1  1AE", "M1 1AE"), ("b338th", "B33 8TH"), ("", "")],
)
def test_site_postcode_is_normalised(council, typed, stored):
    site = Site(organisation=council, name="Depot", category=factories.category("depot"), postcode=typed)
    site.full_clean()
    assert site.postcode == stored


@pytest.mark.parametrize("typed", ["SW1A", "12345", "SW1A 1A", "QQ1 1QQQ", "not a postcode", "SW1A 1AC"])
def test_site_rejects_a_postcode_that_is_not_a_uk_postcode(council, typed):
    site = Site(organisation=council, name="Depot", category=factories.category("depot"), postcode=typed)
    with pytest.raises(ValidationError) as error:
        site.full_clean()
    assert list(error.value.message_dict) == ["postcode"]
    assert "real UK postcode" in error.value.message_dict["postcode"][0]


def test_site_name_is_unique_within_an_organisation(council, other_council, library):
    duplicate = Site(organisation=council, name="Central Library", category=factories.category())
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict == {"name": ["This organisation already has a site with this name."]}

    same_name_elsewhere = Site(organisation=other_council, name="Central Library", category=factories.category())
    same_name_elsewhere.full_clean()
    same_name_elsewhere.save()


def test_database_refuses_a_duplicate_site_name_even_without_validation(council, library):
    with pytest.raises(IntegrityError), transaction.atomic():
        Site.objects.create(organisation=council, name="Central Library", category=factories.category())


def test_a_user_has_one_role_per_organisation(council):
    user = factories.user_with_role(council, "viewer")
    second = Membership(user=user, organisation=council, role="officer")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "user" in error.value.message_dict


@pytest.mark.django_db
def test_site_categories_are_seeded():
    from registry.models import SiteCategory

    slugs = set(SiteCategory.objects.values_list("slug", flat=True))
    assert {"library", "public-space", "car-park", "leisure-centre", "office", "depot", "housing"} <= slugs
    assert {"school", "park", "cemetery", "museum", "other"} <= slugs


def test_normalise_postcode_keeps_short_garbage_as_typed():
    assert normalise_postcode(" ab1 ") == "AB1"
