"""The FOI statistics page in a browser: an FOI officer reads the quarter's figures, changes the period to months,
and the page stays free of serious accessibility violations, its chart and table included."""

import datetime

import pytest
from playwright.sync_api import expect

from assets.demo import DEMO_PASSWORD, load_demo
from foi.choices import FOIRequestStatus
from foi.models import FOIRequest
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date


def test_an_foi_officer_reads_the_statistics_by_quarter_then_by_month(page):
    organisation = load_demo()
    for reference, received, due, answered in [
        ("FOI-2026-0001", D(2026, 1, 5), D(2026, 2, 2), D(2026, 1, 20)),
        ("FOI-2026-0002", D(2026, 1, 12), D(2026, 2, 9), D(2026, 2, 16)),
        ("FOI-2026-0003", D(2026, 2, 23), D(2026, 3, 23), None),
    ]:
        FOIRequest.objects.create(
            organisation=organisation,
            reference=reference,
            received_date=received,
            subject="Cameras",
            request_text="How many cameras?",
            status=FOIRequestStatus.ANSWERED if answered else FOIRequestStatus.OPEN,
            due_date=due,
            answered_date=answered,
        )
    sign_in(page, "demo-foi", DEMO_PASSWORD)
    page.goto("/foi/")
    page.get_by_role("link", name="FOI statistics").click()
    expect(page.get_by_role("heading", name="FOI statistics", exact=True)).to_be_visible()
    page.get_by_label("From").fill("2026-01-01")
    page.get_by_label("To").fill("2026-03-31")
    page.get_by_role("button", name="Show figures").click()
    table = page.locator("#statistics-timeliness")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr").first).to_contain_text("2026 Q1")
    expect(table.locator("tfoot")).to_contain_text("50.0%")
    expect(page.get_by_role("img", name="Share of requests answered in time, by quarter")).to_be_visible()
    failures = {"by quarter": serious_accessibility_violations(page)}

    page.get_by_label("Figures per").select_option("month")
    page.get_by_role("button", name="Show figures").click()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("January 2026")
    expect(rows.nth(1)).to_contain_text("0.0%")  # February: one answered, late
    expect(rows.nth(2)).to_contain_text("March 2026")
    expect(page.get_by_label("From")).to_have_value("2026-01-01")
    failures["by month"] = serious_accessibility_violations(page)
    screenshot(page, "foi-statistics")

    page.get_by_label("To").fill("2025-12-31")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a 'to' date on or after the 'from' date.")
    failures["errors"] = serious_accessibility_violations(page)
    assert failures == {"by quarter": [], "by month": [], "errors": []}
