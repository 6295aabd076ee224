"""Playwright driving Debian's Chromium against pytest-django's live server, with axe-core for accessibility.

Every page a test opens must obey the Content Security Policy: the ``page`` fixture collects each violation the
browser reports (the ``securitypolicyviolation`` event, and Chromium's console message) and fails the test at its
end if there was any."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API keeps an event loop running; the tests still use the ORM between its calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    if not CHROMIUM.exists() or not AXE.exists():
        missing = "Chromium (/usr/bin/chromium)" if not CHROMIUM.exists() else "axe-core (run npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} is missing: CI must run the browser tests.")
        pytest.skip(f"{missing} is missing: browser tests skipped locally.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Runs in every document before its own scripts (Playwright's init scripts are not subject to the page's CSP).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation(
        `${event.violatedDirective} refused ${event.blockedURI || "inline"} on ${event.documentURI}` +
        (event.sample ? `: ${event.sample}` : "")
    );
});
"""


def is_csp_violation(message: str) -> bool:
    return "Content Security Policy" in message or "Content-Security-Policy" in message


@pytest.fixture
def csp_violations() -> list[str]:
    """What the browser refused under the Content Security Policy during the test; it must end empty."""
    violations: list[str] = []
    yield violations
    assert violations == [], "Content Security Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.expose_function("reportCspViolation", lambda violation: csp_violations.append(violation))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: is_csp_violation(message.text) and csp_violations.append(message.text))
    yield page
    context.close()


def sign_in(page, username: str, password: str = "pw-12345") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.2 A/AA (and best practice) on the current page."""
    # Evaluated by the browser's debugging protocol, not added as an inline <script> the page's CSP would refuse.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
        }"""
    )
    return violations


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
