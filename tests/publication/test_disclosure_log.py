"""The disclosure log: an FOI officer publishes an issued response; anyone reads the log of a published register."""

import pytest

from foi.models import ResponseVersion
from registry.choices import Role
from tests import factories
from tests.publication.conftest import MARKERS, issued_response, publish_register

pytestmark = pytest.mark.django_db


def version_url(version, action: str) -> str:
    return f"/api/v1/foi/requests/{version.request_id}/versions/{version.number}/{action}/"


def test_an_foi_officer_publishes_and_unpublishes(council, api_client_for):
    version = issued_response(council, reference="FOI-1", subject="Park cameras", publish=False)
    client = api_client_for(factories.user_with_role(council, Role.FOI))
    published = client.post(version_url(version, "publish"))
    assert published.status_code == 200 and published.json()["published_at"]
    first = ResponseVersion.objects.get(pk=version.pk).published_at
    assert client.post(version_url(version, "publish")).json()["published_at"] == published.json()["published_at"]
    assert ResponseVersion.objects.get(pk=version.pk).published_at == first  # publishing again keeps the date
    assert client.post(version_url(version, "unpublish")).json()["published_at"] is None
    assert client.get(f"/api/v1/foi/requests/{version.request_id}/versions/").json()[0]["published_at"] is None


def test_only_foi_officers_and_admins_publish(council, other_council, api_client_for):
    version = issued_response(council, reference="FOI-1", subject="Park cameras", publish=False)
    for role in (Role.VIEWER, Role.OFFICER):
        refused = api_client_for(factories.user_with_role(council, role)).post(version_url(version, "publish"))
        assert refused.status_code == 403
    outsider = api_client_for(factories.user_with_role(other_council, Role.ADMIN))
    assert outsider.post(version_url(version, "publish")).status_code == 404
    assert (
        api_client_for(factories.user_with_role(council, Role.ADMIN))
        .post(f"/api/v1/foi/requests/{version.request_id}/versions/9/publish/")
        .status_code
        == 404
    )
    assert ResponseVersion.objects.get(pk=version.pk).published_at is None


def test_publishing_leaves_the_frozen_response_as_it_was(council):
    from foi.services import response_version_publish

    version = issued_response(council, reference="FOI-1", subject="Park cameras", publish=False)
    before = ResponseVersion.objects.values("content", "workbook", "letter", "issued_at").get(pk=version.pk)
    response_version_publish(version=version)
    assert ResponseVersion.objects.values("content", "workbook", "letter", "issued_at").get(pk=version.pk) == before


def test_the_request_page_has_publish_buttons(council, client):
    version = issued_response(council, reference="FOI-1", subject="Park cameras", publish=False)
    client.force_login(factories.user_with_role(council, Role.FOI))
    page = client.get(f"/foi/{version.request_id}/").content.decode()
    assert "Not published" in page and f"/foi/{version.request_id}/versions/1/publish/" in page
    assert client.post(f"/foi/{version.request_id}/versions/1/publish/").status_code == 302
    assert ResponseVersion.objects.get(pk=version.pk).published_at is not None
    assert "Unpublish" in client.get(f"/foi/{version.request_id}/").content.decode()
    assert client.get(f"/foi/{version.request_id}/versions/1/publish/").status_code == 405
    client.force_login(factories.user_with_role(council, Role.VIEWER))
    assert client.post(f"/foi/{version.request_id}/versions/1/unpublish/").status_code == 403


def test_the_log_lists_published_responses_without_requesters(published, client):
    answer = client.get("/api/v1/public/demo-council/disclosure-log/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    entry = body["results"][0]
    assert entry["reference"] == "FOI-2024-0001" and entry["subject"] == "Cameras in libraries"
    assert entry["received_date"] == "2024-06-03" and entry["version"] == 1
    assert entry["workbook"].endswith(
        f"/public/demo-council/disclosure-log/{entry['workbook'].split('/')[-3]}/1/response.xlsx"
    )
    assert entry["letter"].endswith("/letter.docx")
    assert set(entry) == {
        "reference", "subject", "received_date", "answered_date", "version", "issued_at", "outcome",
        "outcome_label", "published_at", "workbook", "letter",
    }  # fmt: skip
    assert MARKERS["requester name"] not in answer.content.decode()


def test_the_log_is_searchable_and_paginated(published, client):
    for number in range(3):
        issued_response(published, reference=f"FOI-P{number}", subject=f"Parking cameras {number}")
    assert client.get("/api/v1/public/demo-council/disclosure-log/?q=parking").json()["count"] == 3
    assert client.get("/api/v1/public/demo-council/disclosure-log/?q=%00").json()["count"] == 4
    page = client.get("/api/v1/public/demo-council/disclosure-log/?limit=2&offset=2").json()
    assert page["count"] == 4 and len(page["results"]) == 2
    assert client.get("/api/v1/public/demo-council/disclosure-log/?requester=x").status_code == 400
    assert client.get("/api/v1/public/demo-council/disclosure-log/?limit=x").status_code == 400
    html = client.get("/public/demo-council/disclosure-log/?q=parking").content.decode()
    assert "3 published responses" in html and "FOI-P1" in html and "FOI-2024-0001" not in html
    assert (
        "No published response has a subject"
        in client.get("/public/demo-council/disclosure-log/?q=zzz").content.decode()
    )


def test_the_log_needs_a_published_register(published, client):
    publish_register(published, on=False)
    version = ResponseVersion.objects.get(request__reference="FOI-2024-0001")
    assert client.get("/public/demo-council/disclosure-log/").status_code == 404
    assert client.get("/api/v1/public/demo-council/disclosure-log/").status_code == 404
    url = f"/public/demo-council/disclosure-log/{version.request_id}/1/response.xlsx"
    assert client.get(url).status_code == 404


def test_the_published_letter_is_the_frozen_letter_without_its_requester(published, client):
    """The request named its requester before it was answered; the letter the public downloads is the frozen one,
    byte for byte, and the letter writer never put the requester in it."""
    import io

    from docx import Document

    version = ResponseVersion.objects.get(request__reference="FOI-2024-0001")
    assert version.request.requester_name == MARKERS["requester name"]
    letter = client.get(f"/public/demo-council/disclosure-log/{version.request_id}/1/letter.docx")
    assert letter.content == bytes(version.letter)
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(letter.content)).paragraphs)
    assert "Dear requester," in text and "Cameras in libraries" in text
    for marker in ("requester name", "requester email", "requester address"):
        assert MARKERS[marker].casefold() not in text.casefold()
    assert "Zqtown" not in text
    workbook = client.get(f"/public/demo-council/disclosure-log/{version.request_id}/1/response.xlsx")
    assert workbook.content == bytes(ResponseVersion.objects.get(pk=version.pk).workbook)


def test_an_anonymised_requesters_letter_is_still_published(published, client):
    from foi.services import foi_request_anonymise_requester

    version = ResponseVersion.objects.get(request__reference="FOI-2024-0001")
    foi_request_anonymise_requester(foi_request=version.request)
    assert client.get("/api/v1/public/demo-council/disclosure-log/").json()["results"][0]["letter"]
    letter = client.get(f"/public/demo-council/disclosure-log/{version.request_id}/1/letter.docx")
    assert letter.status_code == 200 and letter.content == bytes(version.letter)
