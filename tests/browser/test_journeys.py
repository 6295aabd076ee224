"""An officer keeps the register as a person would, in a real browser; a viewer only reads it."""

import re

import pytest
from playwright.sync_api import expect

from assets.models import Camera
from registry.choices import Role
from tests import factories
from tests.browser.conftest import serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page):
    assert serious_accessibility_violations(page) == [], page.url


def test_officer_adds_finds_edits_and_decommissions_a_camera(page, council):
    factories.user_with_role(council, Role.OFFICER, username="olivia")
    factories.site(council, name="Central Library")
    sign_in(page, "olivia")

    # Add a site.
    page.get_by_role("link", name="Sites", exact=True).click()
    page.get_by_role("link", name="Add a site").click()
    page.get_by_label("Name").fill("Riverside Depot")
    page.get_by_label("Category").select_option(label="Depot")
    page.get_by_label("Postcode").fill("db9 9zz")
    page.get_by_role("button", name="Add site").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Site Riverside Depot added.")
    site_summary = page.locator(".govuk-summary-list").first  # the site itself, above its history
    expect(site_summary.locator("dd", has_text="DB9 9ZZ")).to_be_visible()

    # Add a camera to it.
    page.get_by_role("link", name="Add a camera to this site").click()
    expect(page.get_by_label("Site")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Asset tag").fill("RIV-001")
    page.get_by_label("Manufacturer").select_option(label="Hikvision")
    page.get_by_label("Model", exact=True).fill("DS-2CD1043G0-I")
    install = page.get_by_role("group", name="Install date")
    install.get_by_label("Day").fill("3")
    install.get_by_label("Month").fill("2")
    install.get_by_label("Year").fill("2021")
    page.get_by_label("Networked").check()
    page.get_by_role("button", name="Add camera").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Camera RIV-001 added.")
    camera_summary = page.locator(".govuk-summary-list").first  # the camera itself, above its history
    expect(camera_summary.get_by_text("Taken from the manufacturer")).to_be_visible()
    assert_accessible(page)

    # Find it with a filter.
    page.get_by_role("link", name="Cameras", exact=True).click()
    page.get_by_text("Filter cameras").click()  # the filters fold away under the list's heading
    page.get_by_label("Networked").select_option(label="Yes")
    page.get_by_label("Manufacturer (brand on the camera)").select_option(label="Hikvision")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-heading")).to_have_text("1 camera matches the filters")
    page.get_by_role("link", name="RIV-001").click()

    # Edit it.
    page.get_by_role("link", name=re.compile("Edit camera")).click()
    page.get_by_label("Model", exact=True).fill("DS-2CD2143G2-I")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Camera RIV-001 saved.")
    expect(page.locator(".govuk-summary-list").first.locator("dd", has_text="DS-2CD2143G2-I")).to_be_visible()

    # An invalid form shows the error summary and keeps what was typed.
    page.get_by_role("link", name=re.compile("Edit camera")).click()
    page.get_by_label("Asset tag").fill("")
    page.get_by_label("Serial number").fill("SN-typed-123")
    page.get_by_role("group", name="End of life date").get_by_label("Day").fill("31")
    page.get_by_role("group", name="End of life date").get_by_label("Month").fill("2")
    page.get_by_role("group", name="End of life date").get_by_label("Year").fill("2031")
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter the asset tag")
    expect(summary).to_contain_text("End of life date must be a real date")
    expect(page.get_by_label("Serial number")).to_have_value("SN-typed-123")
    expect(page.get_by_role("group", name="End of life date").get_by_label("Day")).to_have_value("31")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter the asset tag").click()
    expect(page.get_by_label("Asset tag")).to_be_focused()
    assert Camera.objects.get(asset_tag="RIV-001").serial_number == ""

    # Decommission it.
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name=re.compile("Decommission camera")).click()
    page.get_by_role("button", name="Decommission camera").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the camera was decommissioned")
    when = page.get_by_role("group", name="Date the camera was decommissioned")
    when.get_by_label("Day").fill("1")
    when.get_by_label("Month").fill("6")
    when.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Decommission camera").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Camera RIV-001 decommissioned.")
    expect(page.locator("h1 .govuk-tag")).to_have_text("Decommissioned")


def test_viewer_sees_no_edit_controls(page, council):
    factories.user_with_role(council, Role.VIEWER, username="victor")
    site = factories.site(council, name="Central Library")
    camera = factories.camera(site, asset_tag="LIB-001")
    sign_in(page, "victor")
    for url in ("/", "/sites/", site.get_absolute_url(), "/cameras/", camera.get_absolute_url()):
        page.goto(url)
        for control in ("Add a site", "Edit site", "Add a camera", "Edit camera", "Decommission camera"):
            expect(page.get_by_role("link", name=re.compile(control))).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile("Camera LIB-001"))).to_be_visible()
