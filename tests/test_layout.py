"""The frame every page shares: the header that folds on phones, the flash messages, the favicon,
and the stylesheet rules that keep long codes from widening a phone screen."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.urls import reverse

from emulation.enums import Role

STATIC = Path(settings.BASE_DIR, "static")
APP_CSS = (STATIC / "css" / "app.css").read_text(encoding="utf-8")
MENU_BUTTON = (
    '<button type="button" class="menu-toggle" aria-controls="site-menu" aria-expanded="true" '
    'hidden>\n      <span class="menu-toggle-icon" aria-hidden="true"></span>Trình đơn\n'
    "    </button>"
)


def css_rule(selector: str) -> str:
    """The body of the first rule whose selector list is exactly `selector`."""
    match = re.search(r"(?m)^" + re.escape(selector) + r" \{([^}]*)\}", APP_CSS)
    assert match, selector
    return match.group(1)


def css_colour(name: str) -> str:
    return re.search(r"--" + name + r":\s*(#[0-9a-f]{6})", APP_CSS).group(1)


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_messages_partial_keeps_the_list_inside_the_live_region():
    html = render_to_string(
        "partials/messages.html",
        {
            "messages": [
                Message(constants.SUCCESS, "Đã lưu."),
                Message(constants.ERROR, "Không lưu được."),
            ]
        },
    )
    expected = """
        <div class="messages" role="status" aria-live="polite"> <ul class="message-list">
        <li class="message message-success">Đã lưu.</li><li class="message message-error">Không
        lưu được.</li> </ul> </div>
    """
    assert html.split() == expected.split()
    assert not re.search(r"<ul[^>]*role=", html)


def test_messages_partial_renders_nothing_without_messages():
    assert render_to_string("partials/messages.html", {"messages": []}).strip() == ""


@pytest.mark.django_db
def test_header_has_a_named_menu_button_for_the_panel(client, make_user, unit):
    client.force_login(make_user(Role.UNIT_HEAD, unit))
    page = client.get(reverse("emulation:home")).content.decode()
    assert page.count(MENU_BUTTON) == 1
    assert page.count('<div class="header-panel" id="site-menu">') == 1
    panel = page.split('id="site-menu">', 1)[1]
    assert 'aria-label="Điều hướng chính"' in panel and "Đăng xuất" in panel
    assert '<script src="/static/js/site-header.js" defer></script>' in page


@pytest.mark.django_db
def test_header_menu_button_is_on_the_sign_in_page_too(client):
    page = client.get(reverse("login")).content.decode()
    assert page.count(MENU_BUTTON) == 1
    assert "Điều hướng chính" not in page


def test_header_script_keeps_aria_expanded_in_step_with_the_panel():
    script = (STATIC / "js" / "site-header.js").read_text(encoding="utf-8")
    assert 'button.setAttribute("aria-expanded", open ? "true" : "false")' in script
    assert 'event.key === "Escape"' in script
    assert "(max-width: 40rem)" in script and "@media (max-width: 40rem)" in APP_CSS


def test_hashes_and_codes_wrap_outside_tables():
    hash_rule = css_rule(".hash")
    assert "overflow-wrap: anywhere;" in hash_rule and "word-break: break-all;" in hash_rule
    assert "overflow-wrap: anywhere;" in css_rule(".code")
    assert "white-space: nowrap;" in css_rule(".date,\n.data-table .code")


def test_success_and_error_notices_meet_aa_contrast():
    assert "var(--ok-text)" in css_rule(".notice-success")
    assert "var(--error-text)" in css_rule(".notice-error")
    assert contrast(css_colour("ok-text"), css_colour("ok-bg")) >= 4.5
    assert contrast(css_colour("error-text"), css_colour("error-bg")) >= 4.5


ICON = (STATIC / "img" / "favicon.ico").read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *Role.values])
def test_favicon_is_served_to_everyone(client, make_user, unit, role):
    if role:
        client.force_login(make_user(role, unit))
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == ICON
    assert ICON[:4] == b"\x00\x00\x01\x00"  # an ICO file


@pytest.mark.django_db
def test_favicon_refuses_writes(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_pages_link_the_favicon(client):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.ico" sizes="16x16 32x32 48x48">' in page
