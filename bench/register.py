"""A synthetic register for the benchmark, written with COPY. It bypasses the services for speed but derives
vendor, origin country and estimated end of life with the services' own functions, so the data stays true."""

import csv
import datetime
import io
import random
import time
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from assets.choices import CameraStatus, OriginCountrySource
from assets.models import Camera, Manufacturer
from assets.services import estimate_end_of_life
from assets.vendors import manufacturer_vendor_on
from registry.choices import Role
from registry.models import Membership, Organisation, Site, SiteCategory

SITES_PER_ORGANISATION = 100
CHUNK = 100_000
RECORDED_ORIGINS = ["GB", "CN", "US", "KR", "JP", "DE", "SE", "TW"]
STATUSES = (
    [CameraStatus.OPERATIONAL] * 80
    + [CameraStatus.FAULTY] * 8
    + [CameraStatus.DECOMMISSIONED] * 10
    + [CameraStatus.PLANNED] * 2
)
BENCH_TABLES = [
    "assets_historicalcamera",
    "assets_camera",
    "registry_historicalsite",
    "registry_site",
    "registry_membership",
    "registry_organisation",
]


def register_size() -> tuple[int, int]:
    return Organisation.objects.count(), Camera.objects.count()


def empty_register() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(BENCH_TABLES)} RESTART IDENTITY CASCADE")
    get_user_model().objects.filter(username__startswith="bench-").delete()


def _copy(table: str, columns: list[str], rows) -> None:
    # In CSV an empty field would be NULL; \N marks NULL instead, so blank text stays blank.
    buffer = io.StringIO()
    csv.writer(buffer).writerows(tuple("\\N" if value is None else value for value in row) for row in rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer
        )


def fill_register(*, cameras: int, organisations: int, seed: int = 42, log=print) -> None:
    started = time.perf_counter()
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    Organisation.objects.bulk_create(
        Organisation(slug=f"bench-{n:03d}", name=f"Bench Council {n:03d}", default_camera_lifespan_years=8 + n % 5)
        for n in range(1, organisations + 1)
    )
    lifespans = dict(Organisation.objects.values_list("id", "default_camera_lifespan_years"))
    category_ids = list(SiteCategory.objects.order_by("slug").values_list("id", flat=True))
    _copy(
        "registry_site",
        ["organisation_id", "name", "category_id", "address", "postcode", "ward", "sensitive", "notes", "created_at",
         "updated_at"],
        (
            (organisation_id, f"Site {n:03d}", category_ids[(organisation_id + n) % len(category_ids)], "", "", "",
             n % 20 == 0, "", now, now)
            for organisation_id in lifespans
            for n in range(1, SITES_PER_ORGANISATION + 1)
        ),
    )  # fmt: skip
    sites = list(Site.objects.values_list("id", "organisation_id"))
    log(f"  {len(lifespans)} organisations, {len(sites)} sites in {time.perf_counter() - started:.1f}s")

    manufacturers = {m.pk: m for m in Manufacturer.objects.select_related("parent")}
    manufacturer_ids = list(manufacturers)

    @cache
    def vendor_id(manufacturer_id: int, day: datetime.date) -> int | None:
        vendor = manufacturer_vendor_on(manufacturer=manufacturers[manufacturer_id], day=day)
        return vendor.pk if vendor else None

    # Every column: text ones not set below are blank, foreign keys not set below are NULL.
    blank = {f.column: None if f.null else "" for f in Camera._meta.concrete_fields if f.column != "id"}
    columns = list(blank)
    first_day = datetime.date(2008, 1, 1).toordinal()
    span = today.toordinal() - first_day
    tag_numbers: dict[int, int] = {}

    def camera_row():
        site_id, organisation_id = sites[rng.randrange(len(sites))]
        number = tag_numbers[organisation_id] = tag_numbers.get(organisation_id, 0) + 1
        manufacturer_id = None if rng.random() < 0.1 else manufacturer_ids[rng.randrange(len(manufacturer_ids))]
        install = None if rng.random() < 0.05 else datetime.date.fromordinal(first_day + rng.randrange(span))
        status = STATUSES[rng.randrange(len(STATUSES))]
        decommissioned = None
        if status == CameraStatus.DECOMMISSIONED:
            start = (install or datetime.date(2015, 1, 1)).toordinal()
            decommissioned = datetime.date.fromordinal(start + rng.randrange(max(today.toordinal() - start, 1)))
        manufacturer = manufacturers.get(manufacturer_id)
        if rng.random() < 0.15:
            origin, source = RECORDED_ORIGINS[rng.randrange(len(RECORDED_ORIGINS))], OriginCountrySource.RECORDED
        elif manufacturer and manufacturer.country:
            origin, source = manufacturer.country.code, OriginCountrySource.MANUFACTURER
        else:
            origin, source = "", OriginCountrySource.UNKNOWN
        end_of_life, estimated = None, False
        if install and rng.random() < 0.1:
            end_of_life = estimate_end_of_life(install_date=install, lifespan_years=5 + rng.randrange(8))
        elif install:
            end_of_life = estimate_end_of_life(install_date=install, lifespan_years=lifespans[organisation_id])
            estimated = True
        return {
            "organisation_id": organisation_id,
            "site_id": site_id,
            "asset_tag": f"CAM-{number:06d}",
            "manufacturer_id": manufacturer_id,
            "vendor_id": vendor_id(manufacturer_id, install or today) if manufacturer_id else None,
            "origin_country": origin,
            "origin_country_source": source,
            "install_date": install,
            "networked": rng.random() < 0.6,
            "end_of_life_date": end_of_life,
            "end_of_life_estimated": estimated,
            "status": status,
            "decommissioned_date": decommissioned,
            # The bench organisations follow no restriction, so no camera is restricted.
            "restricted": False,
            "created_at": now,
            "updated_at": now,
        }

    written = 0
    while written < cameras:
        size = min(CHUNK, cameras - written)
        _copy("assets_camera", columns, (tuple((blank | camera_row()).values()) for _ in range(size)))
        written += size
        log(f"  {written:,} cameras in {time.perf_counter() - started:.1f}s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE assets_camera")
        cursor.execute("VACUUM ANALYZE registry_site")
        cursor.execute("ANALYZE")
    log(f"  filled and analysed in {time.perf_counter() - started:.1f}s")


def bench_users():
    """A superuser, and an officer of the first organisation (the typical council user)."""
    user_model = get_user_model()
    root = user_model.objects.filter(username="bench-root").first() or user_model.objects.create_superuser(
        username="bench-root", password=None
    )
    officer, _ = user_model.objects.get_or_create(username="bench-officer")
    organisation = Organisation.objects.order_by("pk").first()
    Membership.objects.get_or_create(user=officer, organisation=organisation, defaults={"role": Role.OFFICER})
    return root, officer, organisation
