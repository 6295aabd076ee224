"""The surveillance camera systems' pages in the browser: the list with its tags, a system's page, the edit form and
the dashboard panel, each free of serious or critical axe violations; and the journey of adding a system, without
JavaScript as with it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from registry.choices import Role
from registry.models import SurveillanceSystem
from registry.system_services import system_create
from tests import factories
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def library_cctv(db):
    council = factories.organisation(name="Systems Council", slug="systems-council")
    officer = factories.user_with_role(council, Role.OFFICER, username="systems-officer")
    today = timezone.localdate()
    system = system_create(
        organisation=council,
        name="Library CCTV",
        purpose="Safety of library staff and visitors",
        responsible_officer=officer,
        last_review_date=today - datetime.timedelta(days=400),
        dpia_date=today - datetime.timedelta(days=800),
        dpia_review_due=today + datetime.timedelta(days=12),
        principles=[
            {"principle": 1, "status": "met", "evidence": "Purpose statement", "assessed_on": today.isoformat()},
            {"principle": 9, "status": "not-met", "evidence": "", "assessed_on": today.isoformat()},
        ],
    )
    site = factories.site(council, name="Central Library", default_system=system)
    factories.camera(site, asset_tag="LIB-001")
    return system


@pytest.mark.parametrize("width", [1280, 375])
def test_the_systems_pages_pass_axe(page, library_cctv, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "systems-officer")
    for url, check in (
        ("/systems/", "Surveillance camera systems"),
        (f"/systems/{library_cctv.pk}/", "Library CCTV"),
        (f"/systems/{library_cctv.pk}/edit/", "Edit Library CCTV"),
        ("/systems/add/", "Add a surveillance camera system"),
        ("/", "Reviews and DPIAs due"),
    ):
        page.goto(url)
        expect(page.locator("main")).to_contain_text(check)
        assert serious_accessibility_violations(page) == [], url
    page.goto("/systems/")
    expect(page.locator("td .govuk-tag--red")).to_have_text("Overdue")
    expect(page.locator("td .govuk-tag--yellow")).to_have_text("Due soon")
    screenshot(page, f"systems-list-{width}")
    page.goto(f"/systems/{library_cctv.pk}/")
    expect(page.get_by_role("link", name="LIB-001")).to_be_visible()
    screenshot(page, f"system-detail-{width}")


@pytest.mark.parametrize("javascript", [True, False])
def test_adding_a_system_and_fixing_a_principle(browser, live_server, library_cctv, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, "systems-officer")
    page.goto("/systems/")
    page.get_by_role("link", name="Add a system").click()
    page.get_by_label("Name", exact=True).fill("Depot CCTV")
    page.get_by_label("Recordings kept for (days)").fill("14")
    page.get_by_label("Principle 6: No more stored").select_option("met")
    page.get_by_role("button", name="Add system").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("principle 6")
    if javascript:  # axe runs in the page: not without JavaScript
        assert serious_accessibility_violations(page) == []
    page.get_by_label("Evidence for principle 6").fill("Recorders overwrite after 14 days")
    page.get_by_role("button", name="Add system").click()
    expect(page.locator("h1")).to_have_text("Depot CCTV")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("System Depot CCTV added.")
    system = SurveillanceSystem.objects.get(name="Depot CCTV")
    assert system.retention_days == 14
    assert [(entry["principle"], entry["status"]) for entry in system.principles] == [(6, "met")]
    context.close()
