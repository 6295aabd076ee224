"""The camera list at 1280×800: the table starts on the first screen, the filters fold away under one line."""

import pytest
from playwright.sync_api import expect

from assets.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIRST_SCREEN = {"width": 1280, "height": 800}


def test_the_table_is_on_the_first_screen_and_the_filters_fold_away(page):
    load_demo()
    page.set_viewport_size(FIRST_SCREEN)
    sign_in(page, "demo-officer", DEMO_PASSWORD)

    page.goto("/cameras/")
    first_row = page.locator("table tbody tr").first
    expect(first_row).to_be_visible()
    assert first_row.bounding_box()["y"] + first_row.bounding_box()["height"] <= FIRST_SCREEN["height"]
    expect(page.get_by_label("Networked")).to_be_hidden()
    screenshot(page, "camera-list-first-screen-1280x800", full_page=False)

    page.get_by_text("Filter cameras").click()
    page.get_by_label("Site category").select_option(label="Library")
    page.get_by_label("Networked").select_option(label="No")
    page.get_by_label("Origin country").select_option(label="China (CN)")
    page.get_by_label("In service on (date)").fill("2024-03-31")
    page.get_by_role("button", name="Apply filters").click()

    summary = page.locator("#filter-summary")
    expect(summary).to_contain_text("Filtered by: Site category Library; Origin country China (CN); Networked No")
    expect(summary).to_contain_text("In service on (date) 31 March 2024")
    expect(page.get_by_label("Networked")).to_be_hidden()
    expect(page.locator("#results-heading")).to_contain_text("match the filters")
    first_row = page.locator("table tbody tr").first
    assert first_row.bounding_box()["y"] + first_row.bounding_box()["height"] <= FIRST_SCREEN["height"]
    assert serious_accessibility_violations(page) == []
    screenshot(page, "camera-list-filtered-1280x800", full_page=False)

    page.get_by_text("Change filters").click()
    expect(page.get_by_label("Networked")).to_have_value("false")
    summary.get_by_role("link", name="Clear filters").click()
    expect(page.locator("#filter-summary")).to_have_count(0)


def test_a_misspelt_filter_opens_the_panel_with_the_error(page):
    load_demo()
    page.set_viewport_size(FIRST_SCREEN)
    sign_in(page, "demo-officer", DEMO_PASSWORD)
    page.goto("/cameras/?site_catgory=library&networked=maybe")
    errors = page.locator(".govuk-error-summary")
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("site_catgory: Unknown filter. Choose from: site, site_category")
    expect(errors).to_contain_text("Networked: Enter true or false, not 'maybe'.")
    expect(page.get_by_label("Networked")).to_be_visible()  # the panel is open
    expect(page.locator("table")).to_have_count(0)
    assert serious_accessibility_violations(page) == []
    screenshot(page, "camera-list-filter-errors-1280x800", full_page=False)
    errors.get_by_role("link", name="Networked: Enter true or false, not 'maybe'.").click()
    expect(page.get_by_label("Networked")).to_be_focused()
