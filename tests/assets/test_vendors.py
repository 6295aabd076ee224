"""assets/vendors.py: the owner and maker chains by date, the vendor at their end, and the restrictions they meet."""

import datetime

import pytest

from assets.models import VendorRestriction
from assets.services import organisation_follow_restrictions, restriction_create
from assets.vendors import (
    followed_restrictions,
    forget_followed_restrictions,
    manufacturer_chain_on,
    manufacturer_owners_on,
    manufacturer_vendor_on,
    manufacturers_with_parents,
    restrictions_covering,
)
from tests import factories

pytestmark = pytest.mark.django_db


def slugs(manufacturers) -> list[str]:
    return [manufacturer.slug for manufacturer in manufacturers]


@pytest.mark.parametrize(
    ("day", "chain", "vendor"),
    [
        (datetime.date(2017, 12, 31), ["lorex"], "lorex"),
        (datetime.date(2018, 1, 1), ["lorex", "dahua"], "dahua"),
        (datetime.date(2022, 11, 23), ["lorex", "dahua"], "dahua"),
        (datetime.date(2022, 11, 24), ["lorex"], "lorex"),
    ],
)
def test_an_owner_link_holds_from_its_first_day_up_to_its_end_day(day, chain, vendor):
    lorex = factories.manufacturer("lorex")
    assert slugs(manufacturer_owners_on(manufacturer=lorex, day=day)) == chain
    assert slugs(manufacturer_chain_on(manufacturer=lorex, day=day)) == chain
    assert manufacturer_vendor_on(manufacturer=lorex, day=day).slug == vendor


def test_a_maker_is_in_the_chain_but_not_among_the_owners():
    day = datetime.date(2024, 1, 1)
    amcrest = factories.manufacturer("amcrest")
    assert slugs(manufacturer_chain_on(manufacturer=amcrest, day=day)) == ["amcrest", "dahua"]
    assert slugs(manufacturer_owners_on(manufacturer=amcrest, day=day)) == ["amcrest"]
    assert manufacturer_vendor_on(manufacturer=amcrest, day=day).slug == "amcrest"


def test_no_brand_has_no_chain_and_no_vendor():
    day = datetime.date(2024, 1, 1)
    assert manufacturer_chain_on(manufacturer=None, day=day) == []
    assert manufacturer_owners_on(manufacturer=None, day=day) == []
    assert manufacturer_vendor_on(manufacturer=None, day=day) is None


def test_every_manufacturer_comes_in_one_query_with_its_parent_linked(django_assert_num_queries):
    with django_assert_num_queries(1):
        by_slug = {manufacturer.slug: manufacturer for manufacturer in manufacturers_with_parents().values()}
    day = datetime.date(2024, 1, 1)
    with django_assert_num_queries(0):
        assert slugs(manufacturer_chain_on(manufacturer=by_slug["ezviz"], day=day)) == ["ezviz", "hikvision"]
        assert manufacturer_vendor_on(manufacturer=by_slug["axis-communications"], day=day).slug == "canon"
        assert manufacturer_vendor_on(manufacturer=by_slug["amcrest"], day=day).slug == "amcrest"


def test_followed_restrictions_are_the_adopted_and_the_own_kept_until_forgotten(council, django_assert_num_queries):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    restriction_create(organisation=council, basis="Our own rule", manufacturer=factories.manufacturer("tvt"))
    followed = followed_restrictions(organisation=council)
    assert sorted((restriction.key, restriction.target) for restriction in followed) == [
        ("demo-council", "TVT"),
        ("us-fcc-covered", "Dahua Technology"),
        ("us-fcc-covered", "Hikvision"),
        ("us-fcc-covered", "Huawei"),
        ("us-fcc-covered", "Hytera"),
        ("us-fcc-covered", "ZTE"),
    ]
    with django_assert_num_queries(0):
        assert followed_restrictions(organisation=council) is followed
    forget_followed_restrictions(council)
    with django_assert_num_queries(1):
        again = followed_restrictions(organisation=council)
    assert again is not followed
    assert again == followed


def test_a_restriction_covers_a_company_in_the_chain_its_country_or_the_recorded_origin():
    day = datetime.date(2024, 1, 1)
    fcc_dahua = VendorRestriction.objects.get(key="us-fcc-covered", manufacturer__slug="dahua")
    uk_china = VendorRestriction.objects.get(key="uk-2022-nil")
    restrictions = [fcc_dahua, uk_china]
    amcrest = manufacturer_chain_on(manufacturer=factories.manufacturer("amcrest"), day=day)
    axis = manufacturer_chain_on(manufacturer=factories.manufacturer("axis-communications"), day=day)
    lorex_2023 = manufacturer_chain_on(manufacturer=factories.manufacturer("lorex"), day=datetime.date(2023, 1, 1))
    assert restrictions_covering(chain=amcrest, restrictions=restrictions) == [fcc_dahua, uk_china]
    assert restrictions_covering(chain=axis, restrictions=restrictions) == []
    assert restrictions_covering(chain=axis, restrictions=restrictions, origin_country="CN") == [uk_china]
    assert restrictions_covering(chain=lorex_2023, restrictions=restrictions) == []
    assert restrictions_covering(chain=[], restrictions=restrictions, origin_country="CN") == [uk_china]
    assert restrictions_covering(chain=[], restrictions=restrictions) == []
