"""axe-core on the History section and the change log, as an FOI officer sees them after a few changes."""

import pytest
from playwright.sync_api import expect

from assets.demo import DEMO_PASSWORD, load_demo
from assets.services import camera_update
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_history_and_change_log_have_no_serious_accessibility_violation(page):
    organisation = load_demo()
    camera = organisation.cameras.order_by("asset_tag").first()
    camera_update(camera=camera, model="X9", networked=not camera.networked, reason="Lens replaced")
    sign_in(page, "demo-foi", DEMO_PASSWORD)

    page.goto(camera.get_absolute_url())
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    expect(page.get_by_text("Lens replaced").first).to_be_visible()
    failures = {"camera": serious_accessibility_violations(page)}
    screenshot(page, "camera-history")

    page.get_by_role("link", name="Change log").click()
    expect(page.get_by_role("heading", name="Change log")).to_be_visible()
    failures["/changes/"] = serious_accessibility_violations(page)
    page.goto("/changes/?since=soon")
    failures["/changes/ (errors)"] = serious_accessibility_violations(page)
    screenshot(page, "change-log")

    assert {where: found for where, found in failures.items() if found} == {}
