"""axe-core on the FOI pages, with a request that has answered questions and an issued response."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assets.demo import DEMO_PASSWORD, load_demo
from foi import services
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_foi_pages_have_no_serious_accessibility_violation(page):
    organisation = load_demo()
    received = datetime.date.today() - datetime.timedelta(days=21)
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference="FOI-2025-0042",
        received_date=received,
        subject="Cameras made in China",
        request_text="How many of your CCTV cameras were made by Chinese companies?\nPlease list them by vendor.",
    )
    services.question_create(foi_request=foi_request, text="How many cameras do you have?", group_by=["vendor"])
    services.question_create(
        foi_request=foi_request, text="How many are in libraries?", filters={"site_category": "library"}
    )
    services.foi_request_issue(foi_request=foi_request, issued_by=get_user_model().objects.get(username="demo-foi"))
    open_request = services.foi_request_create(
        organisation=organisation,
        reference="FOI-2025-0043",
        received_date=datetime.date.today(),
        subject="Cameras in parks",
        request_text="Which parks have CCTV?",
    )

    sign_in(page, "demo-foi", DEMO_PASSWORD)
    failures = {}
    for url in ("/foi/", foi_request.get_absolute_url(), "/foi/new/", f"/foi/{foi_request.pk}/questions/new/"):
        page.goto(url)
        failures[url] = serious_accessibility_violations(page)
    page.goto("/foi/")
    screenshot(page, "foi-request-list")
    page.goto(foi_request.get_absolute_url())
    expect(page.get_by_role("heading", name="Question 1")).to_be_visible()
    screenshot(page, "foi-request")

    # The question form's live preview, then its errors, keeping what was typed.
    page.goto(f"/foi/{foi_request.pk}/questions/new/")
    page.get_by_role("combobox", name="Site category").select_option(label="Library")
    expect(page.locator("#answer-preview table")).to_be_visible()
    # A date in three boxes: the preview waits while it is half typed, then counts as at the whole date.
    as_at = page.get_by_role("group", name="Count cameras in service on")
    previews = []
    page.on("request", lambda request: previews.append(request.url) if "/preview/" in request.url else None)
    as_at.get_by_label("Day").fill("1")
    as_at.get_by_label("Day").press("Tab")
    as_at.get_by_label("Month").fill("1")
    as_at.get_by_label("Month").press("Tab")
    page.wait_for_timeout(600)
    assert not any("as_at_day=1" in url for url in previews)
    with page.expect_response(lambda response: "as_at_year=2000" in response.url) as preview:
        as_at.get_by_label("Year").fill("2000")
        as_at.get_by_label("Year").press("Tab")
    assert preview.value.ok
    expect(page.locator("#answer-preview .govuk-error-message")).to_have_count(0)
    page.get_by_role("combobox", name="Exemption").select_option("foia-s31")
    page.get_by_role("button", name="Save question").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter the question, in the requester's words")
    expect(page.get_by_role("combobox", name="Site category")).to_have_value("library")
    expect(page.get_by_role("combobox", name="Exemption")).to_have_value("foia-s31")
    expect(as_at.get_by_label("Year")).to_have_value("2000")
    failures["question form (errors)"] = serious_accessibility_violations(page)
    screenshot(page, "foi-question-form-errors")

    page.goto("/foi/new/")
    page.get_by_label("Reference").fill("FOI-2025-0044")
    received = page.get_by_role("group", name="Date received")
    received.get_by_label("Day").fill("3")
    received.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Save request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the subject")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Date received must include a month")
    expect(page.get_by_label("Reference")).to_have_value("FOI-2025-0044")
    received = page.get_by_role("group", name="Date received")
    expect(received.get_by_label("Day")).to_have_value("3")
    expect(received.get_by_label("Month")).to_have_value("")
    expect(received.get_by_label("Year")).to_have_value("2024")
    page.locator(".govuk-error-summary").get_by_role("link", name="Date received must include a month").click()
    expect(received.get_by_label("Day")).to_be_focused()
    failures["request form (errors)"] = serious_accessibility_violations(page)

    # The request page's clarification date, half typed, is shown again with its error.
    page.goto(open_request.get_absolute_url())
    asked = page.get_by_role("group", name="Date you asked the requester to clarify")
    asked.get_by_label("Day").fill("5")
    page.get_by_role("button", name="Record clarification request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Date you asked the requester to clarify must include a month and a year"
    )
    expect(page.get_by_role("group", name="Date you asked the requester to clarify").get_by_label("Day")).to_have_value(
        "5"
    )
    failures["request page (date error)"] = serious_accessibility_violations(page)

    assert {url: found for url, found in failures.items() if found} == {}
