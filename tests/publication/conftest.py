"""A council that publishes its register, whose private data carries distinctive markers in every field the public
must never see, and a council that does not publish."""

import datetime

import pytest

from assets.services import organisation_settings_update
from foi import services as foi_services
from registry.system_services import system_create
from tests import factories

# Each marker is a string that may only come from a private field; none may appear in any public answer.
MARKERS = {
    "site name": "ZQSITENAME",
    "site address": "ZQADDRESS",
    "site notes": "ZQSITENOTES",
    "sensitive site name": "ZQSENSITIVESITE",
    "location description": "ZQLOCATION",
    "serial number": "ZQSERIAL",
    "asset tag": "ZQASSETTAG",
    "camera notes": "ZQCAMNOTES",
    "unpublished system": "ZQHIDDENSYSTEM",
    "requester name": "Zqrequester Name",
    "requester email": "zqrequester@example.org",
    "requester address": "ZQ1 Requester Street",
    "unpublished response subject": "ZQUNPUBLISHEDSUBJECT",
    "unpublished organisation": "ZQPRIVATECOUNCIL",
    "unpublished organisation site": "ZQPRIVATESITE",
    "unpublished organisation response": "ZQPRIVATERESPONSE",
}


def publish_register(organisation, on: bool = True):
    return organisation_settings_update(organisation=organisation, public_register=on).record


def issued_response(organisation, *, reference: str, subject: str, requester: bool = True, publish: bool = True):
    """An issued response whose request names a requester (the markers) before it is answered, so the frozen
    letter is built by the real letter writer knowing them."""
    details = (
        {
            "requester_name": MARKERS["requester name"],
            "requester_email": MARKERS["requester email"],
            "requester_address": f"{MARKERS['requester address']}\nZqtown",
        }
        if requester
        else {}
    )
    foi_request = foi_services.foi_request_create(
        organisation=organisation,
        reference=reference,
        received_date=datetime.date(2024, 6, 3),
        subject=subject,
        request_text="How many cameras do you have, by vendor?",
        **details,
    )
    foi_services.question_create(foi_request=foi_request, text="How many, by vendor?", group_by=["vendor"])
    version = foi_services.foi_request_issue(foi_request=foi_request)
    if publish:
        foi_services.response_version_publish(version=version)
    return version


@pytest.fixture
def published(council, other_council):
    """The council publishes; its ordinary site has a published and an unpublished system, its sensitive site two
    cameras; one response is published, one is not. The other council does not publish, and has data too."""
    publish_register(council)
    shown = system_create(
        organisation=council,
        name="Town centre CCTV",
        purpose="Public safety in the town centre",
        retention_days=31,
        public_contact="cctv@demo-council.example",
        published=True,
    )
    hidden = system_create(organisation=council, name=MARKERS["unpublished system"], published=False)
    ordinary = factories.site(
        council,
        name=MARKERS["site name"],
        address=MARKERS["site address"],
        notes=MARKERS["site notes"],
        category_slug="library",
    )
    sensitive = factories.site(council, name=MARKERS["sensitive site name"], sensitive=True, category_slug="depot")
    for number in range(3):
        factories.camera(
            ordinary,
            asset_tag=f"{MARKERS['asset tag']}{number}",
            serial_number=f"{MARKERS['serial number']}{number}",
            location_description=MARKERS["location description"],
            notes=MARKERS["camera notes"],
            system=shown if number else hidden,
            networked=bool(number),
        )
    factories.camera(
        ordinary, asset_tag="OLD-1", status="decommissioned", decommissioned_date=datetime.date(2024, 1, 2)
    )
    factories.camera(ordinary, asset_tag="PLAN-1", status="planned")
    # Made in a country seen nowhere else, so a count that let it in would show.
    factories.camera(sensitive, asset_tag="SENS-1", origin_country="KP", networked=True)
    factories.camera(sensitive, asset_tag="SENS-2", origin_country="KP", system=shown)
    factories.camera(
        factories.site(other_council, name=MARKERS["unpublished organisation site"]),
        asset_tag="THEIRS-1",
        origin_country="KP",
    )
    issued_response(council, reference="FOI-2024-0001", subject="Cameras in libraries")
    issued_response(council, reference="FOI-2024-0002", subject=MARKERS["unpublished response subject"], publish=False)
    issued_response(other_council, reference="FOI-X", subject=MARKERS["unpublished organisation response"])
    return council
