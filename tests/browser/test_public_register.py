"""The published register as an anonymous visitor sees it, in English and Welsh: axe, and no JavaScript needed."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.publication.conftest import published  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/public/demo-council/",
    "/public/demo-council/?lang=cy",
    "/public/demo-council/disclosure-log/",
    "/public/demo-council/disclosure-log/?lang=cy&q=libraries",
]


def test_public_pages_have_no_serious_accessibility_violation(page, published):  # noqa: F811
    failures = {}
    for url in PAGES:
        page.goto(url)
        failures[url] = serious_accessibility_violations(page)
    screenshot(page, "public-disclosure-log-cy")
    page.goto("/public/demo-council/")
    screenshot(page, "public-register")
    assert failures == dict.fromkeys(PAGES, [])


def test_an_anonymous_visitor_without_javascript(browser, live_server, published):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/public/demo-council/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CCTV register")
    expect(page.get_by_text("3 cameras are in service.")).to_be_visible()
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cofrestr teledu cylch cyfyng")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("link", name="Log datgelu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log datgelu")
    page.get_by_label("Chwilio yn ôl pwnc").fill("libraries")
    page.get_by_role("button", name="Chwilio").click()
    expect(page.get_by_role("cell", name="Cameras in libraries")).to_be_visible()
    expect(page.get_by_role("cell", name="3 Mehefin 2024")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure log")
    with page.expect_download() as download:
        page.get_by_role("link", name="Spreadsheet FOI-2024-0001").click()
    assert download.value.suggested_filename == "FOI-2024-0001-response-v1.xlsx"
    context.close()


def test_the_browsers_language_chooses_welsh(browser, live_server, published):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, locale="cy-GB")
    page = context.new_page()
    page.goto("/public/demo-council/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cofrestr teledu cylch cyfyng")
    expect(page.get_by_role("link", name="English")).to_be_visible()
    context.close()
