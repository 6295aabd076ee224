"""axe-core on every page of the web interface, with the demo council's data; screenshots to look at."""

import pytest

from assets.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_page_has_no_serious_accessibility_violation(page):
    organisation = load_demo()
    site = organisation.sites.order_by("name").first()
    camera = organisation.cameras.order_by("asset_tag").first()

    page.goto("/accounts/login/")
    failures = {"/accounts/login/": serious_accessibility_violations(page)}
    sign_in(page, "demo-officer", DEMO_PASSWORD)
    pages = [
        "/",
        "/sites/",
        site.get_absolute_url(),
        "/sites/add/",
        f"/sites/{site.pk}/edit/",
        "/cameras/",
        "/cameras/?status=operational&status=faulty&networked=true&ordering=-site&installed_after=2019-01-01",
        "/cameras/?installed_after=not-a-date",
        camera.get_absolute_url(),
        "/cameras/add/",
        f"/cameras/{camera.pk}/edit/",
        f"/cameras/{camera.pk}/decommission/",
        "/manufacturers/",
        "/replacement/",
        "/replacement/?page=2",
    ]
    for url in pages:
        page.goto(url)
        failures[url] = serious_accessibility_violations(page)
        if url == "/":
            screenshot(page, "dashboard")
        elif url == "/replacement/":
            screenshot(page, "replacement-plan")
            screenshot(page, "replacement-plan-first-screen", full_page=False)
        elif url == "/cameras/":
            screenshot(page, "camera-list")
            screenshot(page, "camera-list-first-screen", full_page=False)

    # The error states of the forms.
    page.goto("/cameras/add/")
    page.get_by_role("button", name="Add camera").click()
    failures["/cameras/add/ (errors)"] = serious_accessibility_violations(page)
    screenshot(page, "camera-form-errors")
    page.goto("/sites/add/")
    page.get_by_role("button", name="Add site").click()
    failures["/sites/add/ (errors)"] = serious_accessibility_violations(page)

    assert {url: found for url, found in failures.items() if found} == {}
