"""The Content Security Policy in the browser: the fixture in conftest.py fails any test whose pages break it;
these check that it does catch a violation, and that Swagger UI and the sign-in lockout page obey it."""

import pytest

from assets.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def wait_for_violations(page, csp_violations: list[str]) -> list[str]:
    for _ in range(20):
        if csp_violations:
            break
        page.wait_for_timeout(100)
    return list(csp_violations)


def test_an_inline_script_or_style_is_refused_and_reported(page, csp_violations):
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            document.body.setAttribute("style", "background: red");
        }"""
    )
    violations = wait_for_violations(page, csp_violations)
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in violation for violation in violations), violations
    csp_violations.clear()  # caught, as it should be: this test's own violations are not a failure


def test_swagger_ui_runs_under_the_policy(page):
    load_demo()
    sign_in(page, "demo-officer", DEMO_PASSWORD)
    page.goto("/api/docs/")
    page.get_by_text("/api/v1/cameras/", exact=True).first.wait_for()
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("CCTV Register API")


def test_the_locked_sign_in_page_obeys_the_policy(page, settings):
    load_demo()
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("demo-officer")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("This account is locked after too many failed sign-ins").first.is_visible()
