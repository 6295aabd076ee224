"""Nothing private is reachable without signing in: crawl every public page, API answer and download of a council
whose private fields carry markers (tests/publication/conftest.py), in English and Welsh, and find none of them."""

import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from publication.selectors import PUBLIC_DIMENSIONS
from tests.publication.conftest import MARKERS

pytestmark = pytest.mark.django_db

PUBLIC_PREFIXES = ("/public/", "/api/v1/public/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "action") and value:
                self.links.append(value)


def readable_text(response) -> str:
    """Everything a visitor could read in the answer, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        cells = [
            str(cell)
            for name in workbook.sheet_names
            for row in workbook.get_sheet_by_name(name).to_python()
            for cell in row
        ]
        return "\n".join(cells)
    if "wordprocessingml" in content_type:
        from docx import Document

        document = Document(io.BytesIO(content))
        properties = document.core_properties
        return "\n".join(
            [paragraph.text for paragraph in document.paragraphs]
            + [properties.author or "", properties.title or "", properties.subject or ""]
        )
    return content.decode("utf-8")


def links_in(response, text: str, base: str) -> list[str]:
    if "html" in response.get("Content-Type", ""):
        parser = Links()
        parser.feed(text)
        found = parser.links
    elif "json" in response.get("Content-Type", ""):
        found = re.findall(r'"(https?://[^"]+|/[^"]+)"', text)
    else:
        found = []
    urls = []
    for link in found:
        url = urljoin(base, link)
        parts = urlsplit(url)
        if parts.path.startswith(PUBLIC_PREFIXES):
            urls.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return urls


def crawl(client: Client, starts: list[str], headers: dict) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 404), (url, response.status_code)
        text = readable_text(response)
        seen[url] = text
        queue.extend(link for link in links_in(response, text, url) if link not in seen)
    return seen


def test_no_private_detail_is_reachable_anonymously(published):
    client = Client()
    slug = published.slug
    api = f"/api/v1/public/{slug}"
    starts = [f"/public/{slug}/", f"/public/{slug}/?lang=cy", f"/public/{slug}/disclosure-log/", f"{api}/systems/"]
    starts += [f"{api}/disclosure-log/", f"{api}/disclosure-log/?q=cameras", f"/public/{slug}/disclosure-log/?q=ZQ"]
    for dimension in PUBLIC_DIMENSIONS:
        starts += [f"{api}/counts/?group_by={dimension}"]
        starts += [f"{api}/counts.{extension}?group_by={dimension}" for extension in ("csv", "json", "xlsx")]
    starts.append(f"{api}/counts.xlsx?group_by={','.join(PUBLIC_DIMENSIONS)}")
    starts.append(f"{api}/counts.csv?group_by={','.join(PUBLIC_DIMENSIONS)}")
    starts += [
        "/public/other-council/",
        "/public/other-council/disclosure-log/",
        "/api/v1/public/other-council/counts/",
    ]
    bodies = crawl(client, starts, headers={})
    bodies |= crawl(client, [f"/public/{slug}/", f"/public/{slug}/disclosure-log/"], headers={"accept-language": "cy"})

    # The crawl reached every kind of answer: pages, each download format, the frozen workbook and letter.
    assert any(url.endswith("response.xlsx") for url in bodies)
    letters = [body for url, body in bodies.items() if url.endswith("letter.docx")]
    assert letters and all("Dear requester," in letter and "Cameras in libraries" in letter for letter in letters)
    assert any("Town centre CCTV" in body for body in bodies.values())
    assert any("Cameras in libraries" in body for body in bodies.values())
    assert any("Cofrestr teledu cylch cyfyng" in body for body in bodies.values())  # the Welsh pages too
    # Only the sensitive site's cameras (and the unpublished council's) were made in North Korea.
    derived = {"sensitive cameras' country": "North Korea", "in Welsh": "Gogledd Corea", "its code": '"KP"'}
    leaks = {
        (what, url)
        for url, body in bodies.items()
        for what, marker in (MARKERS | derived).items()
        if marker.casefold() in body.casefold()
    }
    assert leaks == set()


def test_the_crawl_would_see_a_marker(published):
    """The check can fail: a signed-in officer's own pages show the same markers."""
    from assets.models import Camera

    camera = Camera.objects.filter(organisation=published).exclude(serial_number="").first()
    assert MARKERS["serial number"] in camera.serial_number
    assert MARKERS["location description"] in readable_text(_response_with(camera.location_description))


def _response_with(text: str):
    from django.http import HttpResponse

    return HttpResponse(json.dumps({"text": text}), content_type="application/json")


def test_sensitive_site_cameras_are_in_no_figure(published, client):
    counts = client.get(f"/api/v1/public/{published.slug}/counts/?group_by=origin_country").json()
    # Three cameras in service at the ordinary site; the sensitive site's two (made in KP) are left out.
    assert counts["total"] == 3
    assert "KP" not in {group["origin_country"] for group in counts["groups"]}
    by_category = client.get(f"/api/v1/public/{published.slug}/counts/?group_by=site_category").json()
    assert [group["site_category"] for group in by_category["groups"]] == ["library"]


def without_nonce(text: str) -> str:
    """The page's Content Security Policy nonce differs on every answer, by design."""
    return re.sub(r"nonce(-|=\")[A-Za-z0-9+/=_-]+", "nonce", text)


def test_an_unpublished_organisation_is_the_same_404_as_an_unknown_one(published, client):
    for hidden, unknown in [
        ("/public/other-council/", "/public/no-such-council/"),
        ("/public/other-council/disclosure-log/", "/public/no-such-council/disclosure-log/"),
        ("/api/v1/public/other-council/counts/", "/api/v1/public/no-such-council/counts/"),
        ("/api/v1/public/other-council/counts.csv", "/api/v1/public/no-such-council/counts.csv"),
        ("/api/v1/public/other-council/systems/", "/api/v1/public/no-such-council/systems/"),
        ("/api/v1/public/other-council/disclosure-log/", "/api/v1/public/no-such-council/disclosure-log/"),
    ]:
        first, second = client.get(hidden), client.get(unknown)
        assert first.status_code == second.status_code == 404
        assert without_nonce(first.content.decode()) == without_nonce(second.content.decode())
        assert sorted(without_nonce(str(item)) for item in first.headers.items()) == sorted(
            without_nonce(str(item)) for item in second.headers.items()
        )


def test_a_response_of_another_or_unpublished_kind_is_not_downloadable(published, client):
    from foi.models import ResponseVersion

    unpublished = ResponseVersion.objects.get(request__reference="FOI-2024-0002")
    theirs = ResponseVersion.objects.get(request__reference="FOI-X")
    for version, slug in [(unpublished, published.slug), (theirs, published.slug), (theirs, "other-council")]:
        for name in ("response.xlsx", "letter.docx"):
            url = f"/public/{slug}/disclosure-log/{version.request_id}/{version.number}/{name}"
            assert client.get(url).status_code == 404
