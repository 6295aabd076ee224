import pytest
from django.core.exceptions import ValidationError

from registry.services import site_create, site_delete, site_update
from tests import factories


def test_site_create_normalises_the_postcode(council):
    site = site_create(
        organisation=council, name="Town Hall", category=factories.category("office"), postcode="sw1a1aa"
    )
    assert site.postcode == "SW1A 1AA"


def test_site_create_refuses_a_bad_postcode(council):
    with pytest.raises(ValidationError) as error:
        site_create(organisation=council, name="Town Hall", category=factories.category("office"), postcode="nope")
    assert "postcode" in error.value.message_dict


def test_site_names_are_unique_within_an_organisation_only(council, other_council, library):
    with pytest.raises(ValidationError) as error:
        site_create(organisation=council, name=library.name, category=library.category)
    assert "name" in error.value.message_dict
    assert site_create(organisation=other_council, name=library.name, category=library.category).pk


def test_site_update_changes_fields_but_not_the_organisation(library, other_council):
    assert site_update(site=library, ward="Riverside").record.ward == "Riverside"
    with pytest.raises(ValidationError) as error:
        site_update(site=library, organisation=other_council)
    assert "organisation" in error.value.message_dict


def test_site_update_refuses_unknown_fields(library):
    with pytest.raises(TypeError):
        site_update(site=library, organisation_id=1)


def test_site_delete_refuses_a_site_with_cameras(library):
    factories.camera(library)
    with pytest.raises(ValidationError) as error:
        site_delete(site=library)
    assert "site" in error.value.message_dict
    library.cameras.all().delete()
    site_delete(site=library)
