"""A large import's progress page in Chromium: accessible, its bar moved by the status endpoint's answers, and
the page reloaded to show the outcome once the job ends; without JavaScript, "Check progress" shows where it is."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from assets.choices import ImportJobStatus
from assets.demo import DEMO_PASSWORD, load_demo
from assets.models import ExportJob, ImportJob
from tests.browser.conftest import screenshot, serious_accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def running_job(organisation, username: str) -> ImportJob:
    return ImportJob.objects.create(
        organisation=organisation,
        user=get_user_model().objects.get(username=username),
        filename="cameras.xlsx",
        content=b"kept for the worker",
        status=ImportJobStatus.RUNNING,
        processed=500,
        total=3000,
    )


def test_the_progress_bar_follows_the_job_and_the_page_shows_how_it_ended(page):
    organisation = load_demo()
    job = running_job(organisation, "demo-officer")
    sign_in(page, "demo-officer", DEMO_PASSWORD)

    page.goto(f"/cameras/import/{job.pk}/")

    bar = page.locator("progress#import-progress")
    expect(bar).to_have_attribute("value", "500")
    expect(page.get_by_text("500 of about 3000 rows checked")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "import-progress")

    ImportJob.objects.filter(pk=job.pk).update(processed=1500, updated_at=timezone.now())
    expect(page.get_by_text("1,500 of about 3,000 rows checked")).to_be_visible(timeout=10_000)
    expect(bar).to_have_js_property("value", 1500)

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.FAILED, detail="The worker running this import stopped.", updated_at=timezone.now()
    )
    expect(page.get_by_text("The worker running this import stopped.")).to_be_visible(timeout=10_000)
    assert page.locator("progress").count() == 0


def test_without_javascript_check_progress_shows_where_the_job_is(browser, live_server):
    organisation = load_demo()
    job = running_job(organisation, "demo-officer")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "demo-officer", DEMO_PASSWORD)

    page.goto(f"/cameras/import/{job.pk}/")

    expect(page.get_by_text("500 of about 3000 rows checked")).to_be_visible()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    ImportJob.objects.filter(pk=job.pk).update(processed=2000, updated_at=timezone.now())
    page.get_by_role("button", name="Check progress").click()
    expect(page.get_by_text("2000 of about 3000 rows checked")).to_be_visible()
    context.close()


def test_a_large_download_shows_its_progress_then_its_download_button(page):
    organisation = load_demo()
    officer = get_user_model().objects.get(username="demo-officer")
    job = ExportJob.objects.create(
        user=officer,
        builder="assets.downloads.camera_list_download",
        filename="cameras.xlsx",
        status=ImportJobStatus.RUNNING,
        processed=20_000,
        total=80_000,
    )
    assert organisation.cameras.exists()
    sign_in(page, "demo-officer", DEMO_PASSWORD)

    page.goto(f"/exports/{job.pk}/")

    expect(page.locator("progress#export-progress")).to_have_attribute("value", "20000")
    assert serious_accessibility_violations(page) == []
    ExportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.SUCCEEDED, processed=80_000, content=b"PK")
    expect(page.get_by_role("button", name="Download")).to_be_visible(timeout=10_000)
    assert serious_accessibility_violations(page) == []
