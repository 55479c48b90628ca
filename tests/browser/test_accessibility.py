"""axe-core (WCAG 2.0/2.1 A and AA) on every page of the roles' journeys and on the error
state of each main form, at 1366 px and, for the pages used on a phone, at 390 px.

One world is built and served once for the module (tests/browser/accessibility_world.py);
each role signs in once and keeps its tab's cookies. Each page run is a test of its own, named
`<page>-<width>`, so a failure names the page; the number of runs is recorded as the figure
`axe_page_runs`, the serious or critical violations as `axe_serious_or_critical_rules` (rules) and
`axe_serious_or_critical_elements` (elements).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.browser.accessibility_world import served_site
from tests.browser.axe import blocking_violations, failure_message, run_axe
from tests.browser.conftest import PHONE, keep_screenshot, photograph

# django_db: the test database is set up for these tests, each runs in a transaction of its own
# on the test's connection; the world itself is committed before the first one.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]

WIDE = {"width": 1366, "height": 768}


@dataclass(frozen=True)
class Run:
    """One page run: who opens which path, at which width, and what is done before axe runs
    (an empty or wrong submit for the error states)."""

    name: str
    user: str | None
    path: Callable[[dict], str]
    viewport: dict = None
    then: Callable | None = None

    @property
    def id(self) -> str:
        width = (self.viewport or WIDE)["width"]
        return f"{self.name}-{width}"


def url(name: str, *keys: str, **values) -> Callable[[dict], str]:
    """The path of URL `name` whose arguments are the site's keys `keys` (then `values`)."""
    return lambda site_keys: reverse(name, args=[site_keys[key] for key in keys], kwargs=values)


def grid(unit_key: str | None) -> Callable[[dict], str]:
    def path(keys: dict) -> str:
        tail = [keys["year"], keys["period"], "official"]
        if unit_key is None:
            return reverse("targets:grid_authority", args=tail)
        return reverse("targets:grid", args=[keys[unit_key], *tail])

    return path


def send(page, form: str = "main form[method=post]", button: str = "button[type=submit]"):
    """Send `form` as it is, past the browser's own checks (required, type), so that the
    server's error state is what axe reads."""
    target = page.locator(form).first
    target.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        target.locator(button).first.click()


def submit(page, keys):
    """The page's main form sent empty."""
    send(page)


def filled(form: str = "main form[method=post]", **values):
    """The form sent with its inputs `values` (name -> text, or a site key's name when it
    starts with "key:")."""

    def fill_and_send(page, keys):
        for name, value in values.items():
            text = str(keys[value[4:]]) if value.startswith("key:") else value
            page.fill(f"{form} [name={name}]", text)
        send(page, form)

    return fill_and_send


def wrong_signing_password(page, keys):
    """Consent given, the password wrong: the signature is refused and nothing is written."""
    page.check("input[name=consent]")
    page.fill("input[name=password]", "sai-mat-khau")
    send(page)


def submit_form(action_end: str):
    """Send the form of the page whose action ends with `action_end` as it is."""
    return lambda page, keys: send(page, f"main form[action$='{action_end}']")


def refused_grid_value(page, keys):
    """A value that is no number in the first cell of the grid: the save is refused."""
    page.locator("form[data-grid] input[name^=value-]").first.fill("mười hai")
    send(page, "form[data-grid]")


RUNS = [
    # Sign-in and the public pages.
    Run("login", None, url("login")),
    Run("login", None, url("login"), PHONE),
    Run(
        "login-wrong-password",
        None,
        url("login"),
        then=filled(username="khong.co.ai", password="sai-mat-khau"),
    ),
    Run("login-empty-submit", None, url("login"), then=submit),
    Run("pledge-verify", None, url("pledges:verify")),
    Run("pledge-verify-unknown-code", None, url("pledges:verify"), then=filled(code="ABCD")),
    Run("pledge-verify-found", None, url("pledges:verify"), then=filled(code="key:pledge_code")),
    Run("decision-verify", None, url("awards:decision_verify")),
    Run("decision-verify-empty-submit", None, url("awards:decision_verify"), then=submit),
    Run(
        "decision-verify-found",
        None,
        url("awards:decision_verify"),
        then=filled(reference="key:decision_reference", year="key:decision_year"),
    ),
    Run("certificate-lookup", None, url("awards:certificate_lookup")),
    Run(
        "certificate-lookup-unknown-code",
        None,
        url("awards:certificate_lookup"),
        then=filled("main form", ma="KHONGCO"),
    ),
    Run("certificate-verify", None, url("awards:certificate_verify", "certificate")),
    Run("certificate-verify", None, url("awards:certificate_verify", "certificate"), PHONE),
    # Authority staff (cán bộ thi đua).
    Run("staff-home", "staff", url("emulation:home")),
    Run("staff-home", "staff", url("emulation:home"), PHONE),
    Run("targets-dashboard", "staff", url("targets:dashboard")),
    Run("targets-grid-authority", "staff", grid(None)),
    Run("targets-catalogue", "staff", url("targets:catalogue")),
    Run("targets-create", "staff", url("targets:target_create")),
    Run("targets-create-empty-submit", "staff", url("targets:target_create"), then=submit),
    Run("targets-periods", "staff", url("targets:periods", "year")),
    Run("targets-history", "staff", url("targets:history", "target")),
    Run("targets-import", "staff", url("targets:import")),
    Run("targets-import-empty-submit", "staff", url("targets:import"), then=submit),
    Run("unit-directory", "staff", url("emulation:unit_list")),
    Run("unit-detail", "staff", url("emulation:unit_detail", "unit")),
    Run("person-detail", "staff", url("emulation:person_detail", "person")),
    Run("outstanding", "staff", url("emulation:outstanding")),
    Run("pledges", "staff", url("pledges:list")),
    Run("pledge-detail", "staff", url("pledges:detail", "pledge")),
    Run("movements", "staff", url("movements:list")),
    Run("movement-detail", "staff", url("movements:detail", "movement")),
    Run("movement-create", "staff", url("movements:create")),
    Run("movement-create-empty-submit", "staff", url("movements:create"), then=submit),
    Run("registrations", "staff", url("movements:registration_overview")),
    Run("exemplary-list", "staff", url("movements:exemplary_list")),
    Run("exemplary-detail", "staff", url("movements:exemplary_detail", "exemplary")),
    Run("scoring", "staff", url("scoring:list")),
    Run("scoring-round", "staff", url("scoring:round", "round")),
    Run("scoring-sheet", "staff", url("scoring:sheet", "sheet")),
    Run("nominations", "staff", url("awards:nomination_list")),
    Run("nominations", "staff", url("awards:nomination_list"), PHONE),
    Run("nomination-detail-staff", "staff", url("awards:nomination_detail", "nomination")),
    Run("review-queue", "staff", url("awards:review_queue")),
    Run("awards-history", "staff", url("awards:history")),
    Run("records", "staff", url("awards:records", "unit", "records_year")),
    Run("council-sessions", "staff", url("awards:session_list")),
    Run("council-session", "staff", url("awards:session_detail", "session")),
    Run("decisions", "staff", url("awards:decision_list")),
    Run("decision-detail-signed", "staff", url("awards:decision_detail", "signed_decision")),
    Run("certificate-template", "staff", url("awards:certificate_template")),
    Run("submissions", "staff", url("awards:submission_list")),
    Run("submission-detail", "staff", url("awards:submission_detail", "submission")),
    Run("year-end-report", "staff", url("reports:year_end")),
    Run("statistics", "staff", url("statistics:index")),
    Run("statistics-0603", "staff", url("statistics:form", slug="0603")),
    Run("statistics-0603", "staff", url("statistics:form", slug="0603"), PHONE),
    Run(
        "statistics-0601-bad-year",
        "staff",
        url("statistics:form", slug="0601"),
        then=filled("main form[method=get]", year="1999"),
    ),
    Run("documents", "staff", url("documents:job_list")),
    Run("document-detail", "staff", url("documents:job_detail", "job")),
    # Unit head (thủ trưởng) and clerk (cán bộ đơn vị).
    Run("head-home", "head", url("emulation:home")),
    Run("pledge-sign", "head", url("pledges:sign", "version")),
    Run("pledge-sign", "head", url("pledges:sign", "version"), PHONE),
    Run("pledge-sign-empty-submit", "head", url("pledges:sign", "version"), then=submit),
    Run("pledge-sign-empty-submit", "head", url("pledges:sign", "version"), PHONE, submit),
    Run("registration-mine", "head", url("movements:registration_mine", "registration_year")),
    Run(
        "pledge-sign-wrong-password",
        "head",
        url("pledges:sign", "version"),
        then=wrong_signing_password,
    ),
    Run("cluster-vote", "head", url("awards:cluster_vote", "cluster_vote")),
    Run(
        "cluster-vote-empty-submit", "head", url("awards:cluster_vote", "cluster_vote"), then=submit
    ),
    Run(
        "cluster-vote-close-refused",
        "head",
        url("awards:cluster_vote", "cluster_vote"),
        then=submit_form("/ket-thuc/"),
    ),
    Run("nomination-detail-head", "head", url("awards:nomination_detail", "nomination")),
    Run("clerk-home", "clerk", url("emulation:home")),
    Run("clerk-home", "clerk", url("emulation:home"), PHONE),
    Run("nomination-create", "clerk", url("awards:nomination_create")),
    Run("nomination-create-empty-submit", "clerk", url("awards:nomination_create"), then=submit),
    Run("nomination-draft", "draft_clerk", url("awards:nomination_detail", "draft_nomination")),
    Run(
        "nomination-draft",
        "draft_clerk",
        url("awards:nomination_detail", "draft_nomination"),
        PHONE,
    ),
    Run(
        "nominee-add-empty-submit",
        "draft_clerk",
        url("awards:nomination_detail", "draft_nomination"),
        then=submit_form("/them/"),
    ),
    Run("targets-grid-unit", "ward_clerk", grid("ward")),
    Run("targets-grid-unit", "ward_clerk", grid("ward"), PHONE),
    Run("targets-grid-refused-save", "staff", grid(None), then=refused_grid_value),
    # Council member and chairperson.
    Run("member-home", "member", url("emulation:home")),
    Run("ballots", "member", url("awards:ballot_list")),
    Run("ballot", "member", url("awards:vote", "nomination")),
    Run("ballot", "member", url("awards:vote", "nomination"), PHONE),
    Run("ballot-empty-submit", "member", url("awards:vote", "nomination"), then=submit),
    Run("chair-home", "chair", url("emulation:home")),
    Run("chair-decisions", "chair", url("awards:decision_list")),
    Run("decision-detail-draft", "chair", url("awards:decision_detail", "decision")),
    Run("decision-sign", "chair", url("awards:decision_sign", "decision")),
    Run("decision-sign", "chair", url("awards:decision_sign", "decision"), PHONE),
    Run(
        "decision-sign-empty-submit", "chair", url("awards:decision_sign", "decision"), then=submit
    ),
    Run(
        "decision-sign-wrong-password",
        "chair",
        url("awards:decision_sign", "decision"),
        then=wrong_signing_password,
    ),
    Run("chair-year-end-report", "chair", url("reports:year_end")),
    Run("admin-home", "admin", url("emulation:home")),
]


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker):
    # The browser first: once Playwright's event loop runs in this thread, Django keeps its
    # connections per asyncio context, and a connection opened before it would stay open.
    with served_site(django_db_blocker) as served:
        yield served


@pytest.fixture(scope="module")
def signed_in(site, browser):
    """One browser context per user, signed in with the session the site opened for them (the
    sign-in page itself is one of the runs), and in it one tab per width, kept for the module:
    each run opens its page in the tab as a new document, so nothing of the previous run's page
    stays, and a new tab (which costs about as much as the page itself, axe's init script
    included) is opened only after a run that failed."""
    contexts, tabs = {}, {}

    def context_for(user: str | None):
        if user not in contexts:
            context = browser.new_context(
                viewport=WIDE, locale="vi-VN", extra_http_headers={"Accept-Language": "vi"}
            )
            if user is not None:
                context.add_cookies([site.cookies[user]])
            contexts[user] = context
        return contexts[user]

    def tab_for(user: str | None, viewport: dict):
        key = (user, viewport["width"])
        if key not in tabs or tabs[key].is_closed():
            page = context_for(user).new_page()
            page.set_viewport_size(viewport)
            page.set_default_timeout(20_000)
            tabs[key] = page
        return tabs[key]

    yield tab_for
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("run", RUNS, ids=[run.id for run in RUNS])
def test_page_has_no_serious_or_critical_axe_violation(run, site, signed_in, record_property):
    page = signed_in(run.user, run.viewport or WIDE)
    finished = False
    try:
        response = page.goto(site.base + run.path(site.keys))
        assert response.status == 200, f"{run.id}: {response.status} {page.inner_text('main')}"
        if run.then is not None:
            run.then(page, site.keys)
        result = run_axe(page)
        finished = True
    finally:
        # Where the run stopped, kept with the other browser artefacts.
        if not finished:
            photograph(page, f"axe-{run.id}.png", full_page=False)
            page.close()  # the next run of this user and width starts in a new tab
    blocking = blocking_violations(result)
    record_property(
        "figures",
        {
            "axe_page_runs": 1,
            "axe_serious_or_critical_rules": len(blocking),
            "axe_serious_or_critical_elements": sum(len(rule["nodes"]) for rule in blocking),
        },
    )
    message = failure_message(result, run.id)
    # What axe read: on request (BROWSER_SCREENSHOTS=1), and always when the run fails.
    keep_screenshot(page, f"axe-{run.id}.png", full_page=False, failed=message is not None)
    assert message is None, message
