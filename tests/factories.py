"""Small builders for test data: each makes one valid object, with overrides for what a test cares about.
They write through the services, as the app does, so no test holds an object the app could not store."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from assets.models import Camera, Manufacturer
from assets.services import camera_create
from registry.models import Organisation, Site, SiteCategory
from registry.services import membership_set, organisation_create, site_create

_sequence = itertools.count(1)


def organisation(**overrides) -> Organisation:
    number = next(_sequence)
    fields = {"name": f"Council {number}", "slug": f"council-{number}"} | overrides
    return organisation_create(**fields)


def user_with_role(organisation: Organisation, role: str, username: str | None = None, password: str = "pw-12345"):
    username = username or f"{role}-{next(_sequence)}"
    return membership_set(username=username, organisation=organisation, role=role, password=password).user


def superuser(username: str = "root"):
    return get_user_model().objects.create_superuser(username=username, password="pw-12345")


def category(slug: str = "library") -> SiteCategory:
    return SiteCategory.objects.get(slug=slug)


def site(organisation: Organisation, **overrides) -> Site:
    fields = {"name": f"Site {next(_sequence)}", "category": category(overrides.pop("category_slug", "library"))}
    return site_create(organisation=organisation, **(fields | overrides))


def manufacturer(slug: str) -> Manufacturer:
    return Manufacturer.objects.get(slug=slug)


def camera(site: Site, **overrides) -> Camera:
    fields = {
        "site": site,
        "asset_tag": f"CAM-{next(_sequence):05d}",
        "manufacturer": manufacturer("hikvision"),
        "install_date": datetime.date(2020, 1, 15),
        "status": "operational",
    } | overrides
    return camera_create(**fields)
