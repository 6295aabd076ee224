"""A fictional council reproducing the story behind the product: 53 library cameras, 50 of them
Hikvision and none networked; 300 networked public-space cameras, none made in China."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from assets.choices import CameraStatus
from assets.models import Camera, Manufacturer
from assets.services import camera_create, organisation_follow_restrictions
from registry.choices import Role
from registry.models import Organisation, ReplacementUnitCost, Site, SiteCategory, SurveillanceSystem
from registry.services import membership_set
from registry.system_services import system_create

DEMO_SLUG = "demo-borough"
DEMO_NAME = "Demo Borough Council"
DEMO_PASSWORD = "demo-register-2026"
DEMO_USERS = {f"demo-{role}": role for role in Role.values}


@dataclass(frozen=True)
class DemoSite:
    name: str
    category: str
    postcode: str
    ward: str
    prefix: str
    cameras: tuple  # (count, manufacturer slug, model, networked, status)
    sensitive: bool = False


LIBRARY_MODELS = ("DS-2CD1043G0-I", "DS-2CE76D0T-ITPF", "DS-2CD2143G2-I")
DEMO_SITES = [
    DemoSite(
        "Central Library",
        "library",
        "DB1 1AA",
        "Town",
        "LIB-CEN",
        (
            (11, "hikvision", LIBRARY_MODELS[0], False, "operational"),
            (1, "bosch", "FLEXIDOME IP 3000i", False, "operational"),
        ),
    ),
    DemoSite(
        "Northgate Library",
        "library",
        "DB2 3NG",
        "Northgate",
        "LIB-NTH",
        ((7, "hikvision", LIBRARY_MODELS[1], False, "operational"),),
    ),
    DemoSite(
        "Southfield Library",
        "library",
        "DB3 4SF",
        "Southfield",
        "LIB-STH",
        (
            (6, "hikvision", LIBRARY_MODELS[2], False, "operational"),
            (1, "axis-communications", "M3106-L Mk II", False, "operational"),
        ),
    ),
    DemoSite(
        "Eastbrook Library",
        "library",
        "DB4 5EB",
        "Eastbrook",
        "LIB-EST",
        ((6, "hikvision", LIBRARY_MODELS[0], False, "operational"),),
    ),
    DemoSite(
        "Westmoor Library",
        "library",
        "DB5 6WM",
        "Westmoor",
        "LIB-WST",
        ((6, "hikvision", LIBRARY_MODELS[1], False, "operational"),),
    ),
    DemoSite(
        "Riverside Library",
        "library",
        "DB6 7RS",
        "Riverside",
        "LIB-RIV",
        (
            (4, "hikvision", LIBRARY_MODELS[2], False, "operational"),
            (1, "hanwha-vision", "XND-6080R", False, "operational"),
        ),
    ),
    DemoSite(
        "Hillcrest Library",
        "library",
        "DB7 8HC",
        "Hillcrest",
        "LIB-HIL",
        ((5, "hikvision", LIBRARY_MODELS[0], False, "operational"),),
    ),
    DemoSite(
        "Oakwood Library",
        "library",
        "DB8 9OW",
        "Oakwood",
        "LIB-OAK",
        ((5, "hikvision", LIBRARY_MODELS[1], False, "operational"),),
    ),
]
PUBLIC_SPACE_MAKES = (
    ("axis-communications", "Q6075-E PTZ"),
    ("bosch", "AUTODOME IP starlight 7000i"),
    ("hanwha-vision", "XNP-6400RW"),
    ("avigilon", "H5A-PTZ"),
    ("dedicated-micros", "CamVu 2000"),
    ("i-pro", "WV-X6533LN"),
)
PUBLIC_SPACE_ZONES = [
    ("High Street", "DB1 2HS", "Town"),
    ("Market Square", "DB1 3MS", "Town"),
    ("Station Approach", "DB1 4SA", "Town"),
    ("Bus Station", "DB1 5BS", "Town"),
    ("Riverside Walk", "DB6 1RW", "Riverside"),
    ("Civic Quarter", "DB1 6CQ", "Town"),
    ("North Parade", "DB2 1NP", "Northgate"),
    ("Victoria Road", "DB3 1VR", "Southfield"),
    ("Shopping Centre Precinct", "DB1 7SC", "Town"),
    ("Night-time Economy Zone", "DB1 8NZ", "Town"),
]
for index, (zone, postcode, ward) in enumerate(PUBLIC_SPACE_ZONES):
    make, model = PUBLIC_SPACE_MAKES[index % len(PUBLIC_SPACE_MAKES)]
    other_make, other_model = PUBLIC_SPACE_MAKES[(index + 1) % len(PUBLIC_SPACE_MAKES)]
    DEMO_SITES.append(
        DemoSite(
            f"Public Space CCTV: {zone}",
            "public-space",
            postcode,
            ward,
            f"PSN-{index + 1:02d}",
            ((20, make, model, True, "operational"), (10, other_make, other_model, True, "operational")),
        )
    )
DEMO_SITES += [
    DemoSite(
        "Bridge Street Multi-storey Car Park",
        "car-park",
        "DB1 9BS",
        "Town",
        "CP-BRG",
        ((8, "dahua", "IPC-HFW2431S", True, "operational"), (2, "dahua", "IPC-HDW1230T", False, "faulty")),
    ),
    DemoSite(
        "Station Car Park",
        "car-park",
        "DB1 4SC",
        "Town",
        "CP-STN",
        (
            (4, "uniview", "IPC2124LB-SF40KM", True, "operational"),
            (2, "dahua", "HAC-HFW1200R", False, "decommissioned"),
        ),
    ),
    DemoSite(
        "Riverside Leisure Centre",
        "leisure-centre",
        "DB6 2LC",
        "Riverside",
        "LC-RIV",
        (
            (8, "hilook", "IPC-B140H", True, "operational"),
            (4, "hanwha-vision", "QNV-6012R", True, "operational"),
            (2, "hikvision", "DS-2CE16D0T-IRF", False, "decommissioned"),
        ),
    ),
    DemoSite(
        "Civic Centre",
        "office",
        "DB1 6CC",
        "Town",
        "CC",
        (
            (10, "axis-communications", "P3265-LVE", True, "operational"),
            (2, "axis-communications", "P3265-LVE", True, "planned"),
            (3, "hikvision", "DS-2CD2386G2-IU", True, "operational"),
        ),
        sensitive=True,
    ),
]
REPLACEMENT_UNIT_COSTS = {
    "library": Decimal("450"),
    "public-space": Decimal("1200"),
    "car-park": Decimal("600"),
    "leisure-centre": Decimal("500"),
    "office": Decimal("700"),
}
LOCATIONS = (
    "Main entrance",
    "Reception desk",
    "Rear fire exit",
    "Stairwell",
    "Lift lobby",
    "Car park entrance",
    "Loading bay",
    "Corridor",
    "Children's area",
    "Pay station",
)


def _assessed(day: datetime.date, *entries: tuple[int, str, str]) -> list[dict]:
    return [
        {"principle": number, "status": status, "evidence": evidence, "assessed_on": day.isoformat()}
        for number, status, evidence in entries
    ]


def _demo_systems(organisation: Organisation, officer) -> dict[str, SurveillanceSystem]:
    """The council's surveillance camera systems, by the site category whose sites name them as default: the
    libraries' review is overdue and the town centre's DPIA review due soon, so the pages have something to show."""
    today = datetime.date.today()
    specs = {
        "library": {
            "name": "Library CCTV",
            "purpose": "The safety of library staff and visitors, and the prevention of theft and damage.",
            "lawful_basis": "UK GDPR article 6(1)(e): a task in the public interest (the council's library service).",
            "retention_days": 31,
            "recording": "motion",
            "signage": "full",
            "last_review_date": today - datetime.timedelta(days=400),
            "dpia_date": today - datetime.timedelta(days=900),
            "dpia_review_due": today + datetime.timedelta(days=120),
            "principles": _assessed(
                today - datetime.timedelta(days=400),
                (1, "met", "Purpose statement in the library CCTV policy."),
                (3, "partly-met", "Signs at every entrance; no page on the council's website yet."),
                (6, "met", "Recorders overwrite after 31 days."),
                (9, "not-met", "Recorders in unlocked cupboards at two branches."),
            ),
        },
        "public-space": {
            "name": "Town centre public space CCTV",
            "purpose": "The prevention and detection of crime and disorder in the town centre, with the police.",
            "lawful_basis": "Criminal Justice and Public Order Act 1994 s.163; UK GDPR article 6(1)(e).",
            "retention_days": 31,
            "recording": "continuous",
            "live_monitoring": True,
            "signage": "full",
            "public_contact": "cctv@demo-borough.example",
            "last_review_date": today - datetime.timedelta(days=90),
            "dpia_date": today - datetime.timedelta(days=700),
            "dpia_review_due": today + datetime.timedelta(days=20),
            "principles": _assessed(
                today - datetime.timedelta(days=90),
                *(
                    (number, "met", "Annual review report to the community safety partnership.")
                    for number in range(1, 11)
                ),
                (11, "partly-met", "Two cameras give poor images at night; replacement planned."),
                (12, "not-assessed", ""),
            ),
        },
        "car-park": {
            "name": "Car parks CCTV",
            "purpose": "The safety of car park users and the security of vehicles.",
            "retention_days": 14,
            "recording": "continuous",
            "signage": "partial",
            "next_review_due": today - datetime.timedelta(days=10),
        },
    }
    systems = {}
    for category, fields in specs.items():
        system = SurveillanceSystem.objects.filter(organisation=organisation, name=fields["name"]).first()
        if system is None:
            system = system_create(organisation=organisation, responsible_officer=officer, reason="Demo data", **fields)
        systems[category] = system
    return systems


def _camera_fields(
    rng: random.Random, site: Site, manufacturer: Manufacturer, model: str, networked: bool, status: str
) -> dict:
    today = datetime.date.today()
    if status == CameraStatus.PLANNED:
        install_date = today + datetime.timedelta(days=rng.randint(30, 200))
    else:
        install_date = datetime.date(rng.randint(2014, 2021), rng.randint(1, 12), rng.randint(1, 28))
    fields = {
        "site": site,
        "manufacturer": manufacturer,
        "model": model,
        "serial_number": f"{manufacturer.slug[:3].upper()}{rng.randint(10**8, 10**9 - 1)}",
        "install_date": install_date,
        "networked": networked,
        "status": status,
        "location_description": rng.choice(LOCATIONS),
    }
    if status == CameraStatus.DECOMMISSIONED:
        fields["decommissioned_date"] = min(today, install_date + datetime.timedelta(days=rng.randint(900, 2500)))
    return fields


@transaction.atomic
def load_demo() -> Organisation:
    """Create the demo council, its sites, cameras and one user per role. Running it again changes nothing."""
    organisation, created = Organisation.objects.get_or_create(
        slug=DEMO_SLUG,
        # The council's pledge: no new cameras from restricted vendors after the UK statement.
        defaults={"name": DEMO_NAME, "no_restricted_cameras_after": datetime.date(2022, 11, 24)},
    )
    if created:
        organisation_follow_restrictions(organisation=organisation, keys=["uk-2022-nil", "us-fcc-covered"])
        for category, unit_cost in REPLACEMENT_UNIT_COSTS.items():
            ReplacementUnitCost.objects.create(
                organisation=organisation, category=SiteCategory.objects.get(slug=category), unit_cost=unit_cost
            )
    for username, role in DEMO_USERS.items():
        membership_set(username=username, organisation=organisation, role=role, password=DEMO_PASSWORD)
    systems = _demo_systems(organisation, officer=organisation.memberships.get(user__username="demo-admin").user)
    categories = {category.slug: category for category in SiteCategory.objects.all()}
    manufacturers = {manufacturer.slug: manufacturer for manufacturer in Manufacturer.objects.all()}
    existing_tags = set(Camera.objects.filter(organisation=organisation).values_list("asset_tag", flat=True))
    rng = random.Random(2022)
    for spec in DEMO_SITES:
        site, _ = Site.objects.get_or_create(
            organisation=organisation,
            name=spec.name,
            defaults={
                "category": categories[spec.category],
                "postcode": spec.postcode,
                "ward": spec.ward,
                "sensitive": spec.sensitive,
                "default_system": systems.get(spec.category),
            },
        )
        number = 0
        for count, make, model, networked, status in spec.cameras:
            for _ in range(count):
                number += 1
                asset_tag = f"{spec.prefix}-{number:03d}"
                fields = _camera_fields(rng, site, manufacturers[make], model, networked, status)
                if asset_tag not in existing_tags:
                    camera_create(asset_tag=asset_tag, reason="Demo data", **fields)
    return organisation
