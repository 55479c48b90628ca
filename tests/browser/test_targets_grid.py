"""The targets grid in a real browser, on the demo's 2026 figures (38 authority-wide rows):
the page stays short at 1366 px, the save button stays in view, each row's verdict follows
what is typed, Enter moves down a row instead of saving, and a refused save puts the focus on
the list of errors."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from demo.targets import seed_demo_targets
from emulation.enums import Role
from emulation.models import Actual, Target
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
]

WIDE = {"width": 1366, "height": 768}
# Measured on this grid: 6,345 px when the name column wrapped one word per line, 2,504 px now.
MAX_HEIGHT_PX = 2600
GRID = reverse("targets:grid_authority", args=[2026, "year", "official"])


@pytest.fixture
def staff(authority, unit):
    user = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    seed_demo_targets(authority=authority, user=user)
    return user


def recorded() -> list:
    return list(Actual.objects.order_by("pk").values_list("pk", "value", "updated_at"))


def value_input(code: str) -> str:
    target = Target.objects.get(year=2026, unit__isnull=True, code=code)
    return f"input[name=value-{target.pk}]"


def test_grid_is_short_and_the_save_button_stays_in_view(journey, staff):
    tab = journey("targets-grid-demo", viewport=WIDE)
    tab.sign_in(staff)
    tab.open(GRID)
    rows = tab.page.locator("tr[data-verdict-row]").count()
    height = tab.page.evaluate("document.documentElement.scrollHeight")
    print(f"targets_grid_rows: {rows}; page_height_px_at_1366: {height}")
    tab.shot("demo-2026")
    assert rows == 38
    assert height <= MAX_HEIGHT_PX

    button = tab.page.locator("[data-savebar] button[type=submit]")
    for scroll in (0, height // 2, height):
        tab.page.evaluate(f"window.scrollTo(0, {scroll})")
        box = button.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= WIDE["height"], (scroll, box)

    script = staticfiles_storage.url("js/targets-grid.js")
    assert tab.page.request.get(tab.base + script).status == 200


def test_grid_verdict_follows_typing_and_enter_moves_down(journey, staff):
    tab = journey("targets-grid-verdict", viewport=WIDE)
    tab.sign_in(staff)
    tab.open(GRID)
    before = recorded()
    field = value_input("KT03")
    row = tab.page.locator("tr[data-verdict-row]", has=tab.page.locator(field))
    assert row.locator(".status").inner_text() == "Không đạt"

    tab.page.fill(field, "")
    tab.page.type(field, "120")
    assert row.locator(".status").inner_text() == "Vượt"
    assert row.locator(".status").get_attribute("class") == "status status-exceeded"
    assert row.locator("[data-percent]").inner_text() == "120,0\u00a0%"
    tab.page.fill(field, "100")
    assert row.locator(".status").inner_text() == "Đạt"
    tab.page.fill(field, "")
    assert row.locator(".status").inner_text() == "Chưa có số liệu"
    tab.shot("typed")

    tab.page.fill(field, "97,46")
    tab.page.press(field, "Enter")
    assert tab.page.url.endswith(GRID)
    focused = tab.page.evaluate("document.activeElement.name")
    assert focused == tab.page.get_attribute(value_input("KT04"), "name")
    assert recorded() == before


def test_grid_refused_save_focuses_the_error_summary(journey, staff):
    tab = journey("targets-grid-errors", viewport=WIDE)
    tab.sign_in(staff)
    tab.open(GRID)
    field = value_input("KT03")
    before = recorded()
    tab.page.fill(field, "1.2.3")
    # A changed figure needs its reason before the browser sends it (the page's own check).
    tab.page.fill(field.replace("value-", "reason-"), "Số liệu quyết toán")
    tab.submit("[data-savebar] button[type=submit]")
    tab.shot("refused")

    summary = tab.page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert tab.page.evaluate("document.activeElement.id") == "grid-errors"
    link = summary.locator("a")
    assert link.count() == 1
    link.click()
    assert tab.page.evaluate("document.activeElement.name") == tab.page.get_attribute(field, "name")
    assert tab.page.get_attribute(field, "aria-invalid") == "true"
    # The badge follows the refused text, not the figure still saved.
    row = tab.page.locator("tr[data-verdict-row]", has=tab.page.locator(field))
    assert row.locator(".status").inner_text() == "Chưa có số liệu"
    assert recorded() == before
