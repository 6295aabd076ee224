"""The structured log lines of what a council's security review asks about: permission refusals (pages and API),
imports, FOI responses issued and member changes. Sign-in events: tests/core/test_signin.py."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError

from assets.importing import cameras_import
from foi import services as foi_services
from registry import services as registry_services
from registry.choices import Role
from registry.models import Membership
from tests import factories
from tests.assets.importing.spreadsheets import csv_bytes, upload


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO)

    def events(name: str) -> list[dict]:
        """The fields of each log line of the event ``name``, and its level."""
        return [
            {**record.fields, "level": record.levelno}
            for record in caplog.records
            if getattr(record, "event", None) == name
        ]

    return events


def test_a_page_refusal_is_logged_with_the_user_and_the_address(client, viewer, library, logs):
    client.force_login(viewer)
    camera = factories.camera(library)
    response = client.get(f"/cameras/{camera.pk}/edit/")
    assert response.status_code == 403
    [record] = logs("permission.refused")
    assert (record["user"], record["method"], record["path"]) == ("viewer", "GET", f"/cameras/{camera.pk}/edit/")
    assert record["level"] == logging.WARNING


def test_an_api_refusal_is_logged(api_client_for, viewer, library, logs):
    response = api_client_for(viewer).post("/api/v1/sites/", {"name": "Depot"}, format="json")
    assert response.status_code == 403
    [record] = logs("permission.refused")
    assert (record["user"], record["method"], record["path"]) == ("viewer", "POST", "/api/v1/sites/")
    assert record["detail"] == response.json()["detail"]


def test_an_allowed_request_logs_no_refusal(api_client_for, officer, logs):
    assert api_client_for(officer).get("/api/v1/cameras/").status_code == 200
    assert logs("permission.refused") == []


def test_an_import_is_logged_with_the_user_the_file_and_the_counts(council, library, officer, logs):
    content = csv_bytes([["Asset tag", "Site", "Status"], ["CAM-1", "Central Library", "Operational"]])
    report = cameras_import(organisation=council, file=upload(content, "cams.csv"), filename="cams.csv", user=officer)
    assert report.written, report.errors
    [record] = logs("cameras.import")
    assert (record["user"], record["organisation"], record["file"]) == ("officer", "demo-council", "cams.csv")
    assert (record["created"], record["updated"], record["problems"], record["written"], record["dry_run"]) == (
        1,
        0,
        0,
        True,
        False,
    )


def test_a_refused_import_is_logged_with_its_problems(council, officer, logs):
    content = csv_bytes([["Asset tag", "Site"], ["CAM-1", "Nowhere"]])
    report = cameras_import(organisation=council, file=upload(content, "bad.csv"), filename="bad.csv", user=officer)
    assert not report.written
    [record] = logs("cameras.import")
    assert record["written"] is False and record["problems"] == len(report.errors) > 0 and record["created"] == 0


def test_an_issued_foi_response_is_logged(council, library, foi_officer, logs):
    factories.camera(library)
    foi_request = foi_services.foi_request_create(
        organisation=council,
        reference="FOI-9",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
    )
    foi_services.question_create(foi_request=foi_request, text="How many?", filters={})
    foi_services.foi_request_issue(foi_request=foi_request, issued_by=foi_officer)
    [record] = logs("foi_request.issued")
    assert (record["user"], record["organisation"], record["foi_request"], record["version"]) == (
        "foi",
        "demo-council",
        "FOI-9",
        1,
    )


def test_an_foi_response_refused_is_not_logged_as_issued(council, logs):
    foi_request = foi_services.foi_request_create(
        organisation=council,
        reference="FOI-10",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
    )
    with pytest.raises(ValidationError):
        foi_services.foi_request_issue(foi_request=foi_request)
    assert logs("foi_request.issued") == []


def test_member_changes_are_logged(council, other_council, logs):
    membership = registry_services.membership_set(
        username="carol", organisation=council, role=Role.VIEWER, password=None
    )
    registry_services.membership_update(membership=membership, role=Role.OFFICER)
    registry_services.membership_update(membership=membership, role=Role.OFFICER)  # no change: no line
    user = membership.user
    registry_services.membership_create(user=user, organisation=other_council, role=Role.VIEWER)
    registry_services.membership_delete(membership=Membership.objects.get(user=user, organisation=other_council))
    created = logs("membership.created")
    assert [(r["member"], r["organisation"], r["role"]) for r in created] == [
        ("carol", "demo-council", "viewer"),
        ("carol", "other-council", "viewer"),
    ]
    [changed] = logs("membership.changed")
    assert (changed["member"], changed["role"], changed["changed"]) == ("carol", "officer", ["role"])
    [deleted] = logs("membership.deleted")
    assert (deleted["member"], deleted["organisation"]) == ("carol", "other-council")
