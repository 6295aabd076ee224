"""An FOI officer refuses a request on cost (an estimate under the limit is refused, one over it previewed in the
letter and issued), downloads the frozen letter, and records an internal review and its outcome; axe on each step."""

import datetime
import io

import pytest
from docx import Document
from playwright.sync_api import expect

from assets.demo import DEMO_PASSWORD, load_demo
from foi import services
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_date(group, day: datetime.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_officer_refuses_on_cost_issues_the_letter_and_records_a_review(page, tmp_path):
    organisation = load_demo()
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference="FOI-2025-0077",
        received_date=datetime.date.today() - datetime.timedelta(days=10),
        subject="Every camera's make and location",
        request_text="Please list the make and location of every camera.",
    )
    services.question_create(
        foi_request=foi_request, text="How many cameras do you have, by vendor?", group_by=["vendor"]
    )
    failures = {}

    sign_in(page, "demo-foi", DEMO_PASSWORD)
    page.goto(foi_request.get_absolute_url())
    preview = page.locator(".app-letter-preview")
    expect(preview.get_by_role("heading", name="Preview of the response letter")).to_be_visible()
    expect(preview).to_contain_text("Dear requester,")
    expect(preview).to_contain_text("Our decision: Granted in full")
    expect(preview).to_contain_text("Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF")
    failures["request with letter preview"] = serious_accessibility_violations(page)
    screenshot(page, "foi-letter-preview")

    # An estimate under the 18-hour limit is refused at the field, keeping what was typed.
    page.locator("#id_outcome").select_option("refused-cost")
    page.get_by_label("Estimated hours of work (refusal on cost)").fill("12")
    page.get_by_label("Advice and assistance offered (refusal on cost)").fill("Ask about one site at a time.")
    page.get_by_role("button", name="Issue response").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("12 hours is not over the cost limit")
    expect(summary).to_contain_text("£450 at £25 an hour, 18 hours")
    expect(page.get_by_label("Estimated hours of work (refusal on cost)")).to_have_value("12")
    failures["cost refusal under the limit"] = serious_accessibility_violations(page)
    screenshot(page, "foi-cost-refusal-error")

    # Over the limit: the letter is previewed with the refusal before it is issued.
    page.get_by_label("Estimated hours of work (refusal on cost)").fill("30")
    page.get_by_role("button", name="Preview the letter").click()
    preview = page.locator(".app-letter-preview")
    expect(preview).to_contain_text("With the outcome chosen below (refused: cost limit).")
    expect(preview).to_contain_text("would take 30 hours of staff time")
    expect(preview).to_contain_text("Ask about one site at a time.")
    failures["letter preview with the refusal"] = serious_accessibility_violations(page)
    page.get_by_role("button", name="Issue response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response issued.")
    versions = page.get_by_role("table", name="Versions of the response")
    expect(versions).to_contain_text("Refused: cost limit")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download letter for version 1").click()
    assert download.value.suggested_filename == "FOI-2025-0077-letter-v1.docx"
    saved = tmp_path / "letter.docx"
    download.value.save_as(saved)
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert "would take 30 hours of staff time" in text and "Ask about one site at a time." in text
    assert "Information Commissioner's Office, Wycliffe House" in text

    # The requester asks for an internal review; it is overturned, issuing version 2 with its letter.
    review_form = page.locator("form", has=page.get_by_role("button", name="Record review request"))
    _fill_date(review_form.get_by_role("group", name="Date the review was asked for"), datetime.date.today())
    review_form.get_by_label("Grounds").fill("The register answers this in minutes.")
    review_form.get_by_role("button", name="Record review request").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Internal review recorded; due")
    failures["review recorded"] = serious_accessibility_violations(page)

    decision_form = page.locator("form", has=page.get_by_role("button", name="Record outcome"))
    decision_form.locator("#id_decision-outcome").select_option("overturned")
    _fill_date(decision_form.get_by_role("group", name="Date decided"), datetime.date.today())
    decision_form.get_by_label("Notes").fill("The register holds the makes; answer in full.")
    decision_form.get_by_role("button", name="Record outcome").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Review decided: overturned. Version 2 of the response was issued."
    )
    expect(versions).to_contain_text("Internal review")
    expect(page.get_by_role("link", name="Download letter for version 2")).to_be_visible()
    expect(page.get_by_role("heading", name="Record an appeal to the Information Commissioner")).to_be_visible()
    failures["review decided"] = serious_accessibility_violations(page)
    screenshot(page, "foi-review-decided")
    assert failures == {name: [] for name in failures}
