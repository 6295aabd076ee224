"""The FOI deadline tags show their whole text, wrapping if need be, on a desktop screen and on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assets.choices import CameraStatus
from foi import services
from registry.choices import Role
from tests import factories
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each tag's box against its own text, the table cell (or summary list value) that holds it, and the window once
# the tag is scrolled into view (the list scrolls sideways on a phone).
CLIPPED_TAGS = """(selector) => Array.from(document.querySelectorAll(selector)).flatMap((tag) => {
    tag.scrollIntoView({block: "center", inline: "nearest"});
    const box = tag.getBoundingClientRect();
    const cell = tag.closest("td, dd").getBoundingClientRect();
    const problems = [];
    if (tag.scrollWidth > tag.clientWidth + 1) problems.push(`text ${tag.scrollWidth}px in a ${tag.clientWidth}px tag`);
    if (tag.scrollHeight > tag.clientHeight + 1) problems.push("text taller than its tag");
    if (box.left < cell.left - 1 || box.right > cell.right + 1) problems.push("outside its cell");
    if (box.left < 0 || box.right > document.documentElement.clientWidth) problems.push("outside the window");
    return problems.map((problem) => `${tag.textContent.trim()}: ${problem}`);
})"""


@pytest.fixture
def overdue_request(db):
    council = factories.organisation(name="Long Deadline Council", slug="long-deadline")
    factories.user_with_role(council, Role.FOI, username="foi-tags")
    today = timezone.localdate()
    overdue = services.foi_request_create(
        organisation=council,
        reference="FOI-2024-0001",
        received_date=today - datetime.timedelta(days=680),
        subject="Cameras bought from restricted vendors since the written ministerial statement",
        request_text="How many?",
    )
    services.foi_request_create(
        organisation=council, reference="FOI-2026-0002", received_date=today, subject="Parks", request_text="?"
    )
    awaiting = services.foi_request_create(
        organisation=council, reference="FOI-2026-0003", received_date=today, subject="Depots", request_text="?"
    )
    services.foi_request_clarification_request(foi_request=awaiting, requested_on=today)
    return overdue


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 800)])
def test_deadline_tags_are_never_cut_off(page, overdue_request, width, height):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, "foi-tags")
    page.goto("/foi/")
    tag = page.locator("td .govuk-tag--red")
    expect(tag).to_contain_text("Overdue by")
    assert "working days" in tag.inner_text()
    expect(page.locator("td .govuk-tag--yellow")).to_have_text("Awaiting clarification")
    assert page.evaluate(CLIPPED_TAGS, "td .govuk-tag") == []
    screenshot(page, f"foi-deadline-tags-list-{width}", full_page=False)

    page.goto(overdue_request.get_absolute_url())
    expect(page.locator("dd .govuk-tag--red")).to_contain_text("working days")
    assert page.evaluate(CLIPPED_TAGS, "dd .govuk-tag") == []
    screenshot(page, f"foi-deadline-tags-request-{width}", full_page=False)


def test_the_question_preview_counts_cameras_in_service_until_told_otherwise(page, db):
    council = factories.organisation(name="Preview Council", slug="preview")
    factories.user_with_role(council, Role.FOI, username="foi-preview")
    library = factories.site(council, name="Central Library", category_slug="library")
    factories.camera(library, status=CameraStatus.OPERATIONAL)
    factories.camera(library, status=CameraStatus.FAULTY)
    factories.camera(library, status=CameraStatus.PLANNED, install_date=None)
    factories.camera(library, status=CameraStatus.DECOMMISSIONED, decommissioned_date=datetime.date(2024, 1, 2))
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-2026-0003",
        received_date=timezone.localdate(),
        subject="Library cameras",
        request_text="How many cameras are in your libraries?",
    )
    sign_in(page, "foi-preview")
    page.goto(f"/foi/{foi_request.pk}/questions/new/")
    preview = page.locator("#answer-preview")
    expect(preview).to_contain_text("There are 2 CCTV cameras")
    page.get_by_role("checkbox", name="Planned").check()
    expect(preview).to_contain_text("There are 3 CCTV cameras")
