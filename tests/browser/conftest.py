"""Playwright (Python) driving Debian's chromium against the live test server.

No browser is downloaded: chromium comes from apt (`.ci/run` installs it). Under CI=true a
missing chromium or Playwright fails the test; elsewhere it is skipped. Screenshots are kept
under var/artefacts/browser/ (ignored by git) as the test artefacts of each journey: every
page a journey photographs when BROWSER_SCREENSHOTS=1, and, always, each open tab of a
journey that failed. A full-page screenshot costs about 0.1 s and the journeys take hundreds;
on a green run nobody opens them.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import service_missing
from tests.factories import TEST_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTS = Path(settings.BASE_DIR, "var", "artefacts", "browser")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "") == "1"
FAILED = pytest.StashKey[bool]()


def photograph(page, name: str, *, full_page: bool = True) -> Path:
    """The page as it is now, written to ARTEFACTS/name."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def keep_screenshot(page, name: str, *, full_page: bool = True, failed: bool = False):
    """`photograph(page, name)` when BROWSER_SCREENSHOTS=1 or the check `failed`; else None."""
    return photograph(page, name, full_page=full_page) if SCREENSHOTS or failed else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Mark a test whose body failed, for its journeys to photograph their tabs."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("the browser journeys need Playwright (pip install -e '.[dev]')")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        service_missing(
            f"the browser journeys need chromium at {CHROMIUM} (apt-get install chromium)"
        )
    # Playwright runs an event loop in this thread; the ORM calls of the tests stay synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def session_cookie(user, base: str) -> dict:
    """A session of `user` opened on the server side (Django's test client, with the sign-in
    form's backend), as the cookie a browser context at `base` takes."""
    client = Client()
    client.force_login(user, backend="config.authentication.UnitModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": base, "httpOnly": True}


class Journey:
    """One person's browser tab on the live server, with numbered screenshots."""

    def __init__(self, browser, live_server, name: str, viewport=DESKTOP):
        self.base = live_server.url
        self.name = name
        self.context = browser.new_context(
            viewport=viewport, locale="vi-VN", extra_http_headers={"Accept-Language": "vi"}
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.shots: list[str] = []  # the labels of the pages shot, in order

    def open(self, path: str):
        return self.page.goto(self.base + path)

    def sign_in(self, user) -> None:
        self.open(reverse("login"))
        self.page.fill("input[name=username]", user.username)
        self.page.fill("input[name=password]", TEST_PASSWORD)
        self.submit("main form button[type=submit]")
        assert self.page.locator("input[name=password]").count() == 0, self.page.inner_text("main")

    def sign_in_with_session(self, user) -> None:
        """Signed in without the form: a session of `user` opened on the server side (Django's
        test client, as the form's backend) and handed to this tab as its cookie, then the
        home page, where the form leads. Three page loads fewer than `sign_in`, for the
        second and later people of a journey whose first person walked the form."""
        self.context.add_cookies([session_cookie(user, self.base)])
        self.open(reverse("emulation:home"))
        assert self.page.locator("input[name=password]").count() == 0, self.page.inner_text("main")

    def submit(self, selector: str) -> None:
        """Click a button that posts a form and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click(selector)

    def shot(self, label: str) -> Path | None:
        """The page as it is now, numbered in the journey's order (BROWSER_SCREENSHOTS=1)."""
        self.shots.append(label)
        return keep_screenshot(self.page, f"{self.name}-{len(self.shots):02d}-{label}.png")

    def close(self, *, failed: bool = False) -> None:
        if failed:
            path = photograph(self.page, f"{self.name}-failed.png")
            print(f"{self.name}: the page when the test failed: {path}")
        self.context.close()
        if SCREENSHOTS:
            print(f"{self.name}: {len(self.shots)} screenshots in {ARTEFACTS}")


@pytest.fixture
def journey(browser, live_server, request):
    opened: list[Journey] = []

    def start(name: str, viewport=DESKTOP) -> Journey:
        tab = Journey(browser, live_server, name, viewport)
        opened.append(tab)
        return tab

    yield start
    failed = request.node.stash.get(FAILED, False)
    for tab in opened:
        tab.close(failed=failed)
