"""An FOI officer extends a request's deadline for the public interest test on its page, sees the new deadline,
and the casework pages (request, casework form, list with its search, dashboard panel) pass axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from foi import services
from foi.deadlines import working_days_after
from registry.choices import Role
from tests import factories
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def open_request(db):
    council = factories.organisation(name="Casework Council", slug="casework")
    officer = factories.user_with_role(council, Role.FOI, username="foi-casework")
    return services.foi_request_create(
        organisation=council,
        reference="FOI-2026-0100",
        received_date=timezone.localdate() - datetime.timedelta(days=28),
        subject="Cameras in parks",
        request_text="How many cameras are in your parks?",
        requester_name="Alex Requester",
        requester_email="alex@example.org",
        channel="email",
        assigned_to=officer,
    )


def test_an_officer_extends_a_request_and_sees_the_new_deadline(page, open_request):
    sign_in(page, "foi-casework")
    failures = {"dashboard": serious_accessibility_violations(page)}
    expect(page.locator("#foi-deadlines")).to_contain_text("FOI-2026-0100")

    page.goto(open_request.get_absolute_url())
    expect(page.locator("#requester")).to_contain_text("Alex Requester")
    page.get_by_text("Extend the deadline for the public interest test").click()
    page.get_by_label("Further working days").fill("25")
    page.get_by_role("button", name="Extend the deadline").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Extend by 20 working days at most")
    failures["extension (errors)"] = serious_accessibility_violations(page)

    page.get_by_label("Further working days").fill("10")
    page.get_by_label("Why more time is needed").fill("Public interest test for the s.31 exemption")
    page.get_by_role("button", name="Extend the deadline").click()
    extended = working_days_after(open_request.due_date, 10, open_request.organisation.jurisdiction)
    new_deadline = f"{extended:%A} {extended.day} {extended:%B %Y}"
    expect(page.locator(".govuk-notification-banner, .govuk-panel, body").first).to_contain_text(
        f"now due on {new_deadline}"
    )
    expect(page.locator("#extensions")).to_contain_text("10 working days")
    expect(page.locator(".govuk-summary-list").first).to_contain_text(new_deadline)
    failures["request (extended)"] = serious_accessibility_violations(page)
    screenshot(page, "foi-request-extended")

    page.goto(f"/foi/{open_request.pk}/casework/")
    failures["casework form"] = serious_accessibility_violations(page)
    page.goto("/foi/?q=requester&assigned_to=me")
    expect(page.locator("table")).to_contain_text("FOI-2026-0100")
    failures["list (searched)"] = serious_accessibility_violations(page)
    assert failures == dict.fromkeys(failures, [])
