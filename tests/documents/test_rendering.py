"""The locked PDF renderer: what it may read, what it embeds, the date format of documents."""

import datetime
import hashlib
import socket
from pathlib import Path

import pytest

from documents.rendering import (
    ForbiddenResourceError,
    allowed_asset_path,
    asset_root,
    document_date,
    harfbuzz_subsetting_available,
    render_pdf,
)
from tests.documents.pdf_checks import pdf_font_names, pdf_has_embedded_files, pdf_text

# A 1×1 transparent PNG.
PIXEL_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
    "DwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def page(body: str) -> str:
    return f'<!doctype html><html lang="vi"><body><p>Phường Bến Thành</p>{body}</body></html>'


@pytest.fixture
def outbound_connections(monkeypatch):
    """Every network connection a render tries (none is expected)."""
    tried: list[object] = []
    real_connect = socket.socket.connect

    def connect(self, address):
        tried.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return tried


def test_harfbuzz_subsetting_available_is_true():
    assert harfbuzz_subsetting_available() is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (datetime.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (datetime.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (datetime.date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
    ],
)
def test_document_date_pads_days_below_ten_and_months_one_and_two(day, expected):
    assert document_date(day) == expected


@pytest.mark.parametrize(
    ("markup", "blocked_url"),
    [
        ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="http://127.0.0.1:6379/">', "http://127.0.0.1:6379/"),
        ('<img src="http://169.254.169.254/latest/meta-data/">', "http://169.254.169.254/"),
        ('<img src="/dev/urandom">', "file:///dev/urandom"),
        ('<style>@import url("file:///etc/passwd");</style>', "file:///etc/passwd"),
        ("<style>p { background: url(file:///etc/passwd) }</style>", "file:///etc/passwd"),
        ('<img src="{up}etc/passwd">', "file:///etc/passwd"),
        ('<img src="fonts/../{up}etc/passwd">', "file:///etc/passwd"),
        ('<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
        ('<link rel="stylesheet" href="ftp://127.0.0.1/x.css">', "ftp://127.0.0.1/x.css"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            '<image href="file:///etc/passwd" width="10" height="10"/></svg>',
            "file:///etc/passwd",
        ),
        (
            "<style>@font-face { font-family: x; src: url(file:///etc/passwd) }"
            " p { font-family: x }</style>",
            "file:///etc/passwd",
        ),
    ],
)
def test_render_pdf_refuses_resources_outside_the_assets(markup, blocked_url, outbound_connections):
    # `{up}` climbs from the asset folder to `/` whatever the depth of the checkout: one `..`
    # per folder of the asset path, so the reference lands on /etc/passwd exactly.
    up = "../" * (len(asset_root().parts) - 1)
    with pytest.raises(ForbiddenResourceError) as caught:
        render_pdf(page(markup.replace("{up}", up)))

    assert caught.value.url.startswith(blocked_url)
    assert str(caught.value) == (
        f"Tài liệu tham chiếu đến tài nguyên không được phép: {caught.value.url}"
    )
    assert outbound_connections == []


def test_render_pdf_reads_asset_files_and_data_urls(outbound_connections):
    rendered = render_pdf(
        page(
            f'<img src="{PIXEL_PNG}" alt=""><style>@font-face {{ font-family: "Tiêu đề";'
            ' src: url("fonts/LiberationSerif-Bold.ttf") }</style>'
        )
    )

    assert rendered.page_count == 1
    assert rendered.content.startswith(b"%PDF-")
    assert "Phường Bến Thành" in pdf_text(rendered.content)
    assert outbound_connections == []


def test_render_pdf_embeds_only_liberation_serif_and_no_files():
    rendered = render_pdf(page("<p><b>Đậm</b> <i>nghiêng</i> <b><i>cả hai</i></b> ỹ ự ẵ</p>"))

    assert pdf_font_names(rendered.content) == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert pdf_has_embedded_files(rendered.content) is False


def test_render_pdf_gives_the_same_bytes_for_the_same_html():
    first = render_pdf(page("<p>Danh sách</p>"))
    second = render_pdf(page("<p>Danh sách</p>"))

    assert hashlib.sha256(first.content).hexdigest() == hashlib.sha256(second.content).hexdigest()


def test_render_pdf_calls_on_layout_done_once_before_returning():
    calls: list[str] = []

    render_pdf(page(""), on_layout_done=lambda: calls.append("layout"))

    assert calls == ["layout"]


def test_allowed_asset_path_accepts_only_regular_files_inside_the_folder(settings, tmp_path):
    assets = tmp_path / "static"
    (assets / "img").mkdir(parents=True)
    logo = assets / "img" / "logo.png"
    logo.write_bytes(b"png")
    (assets / "img" / "passwd-link").symlink_to("/etc/passwd")
    (assets / "outside-dir").symlink_to(tmp_path)
    (tmp_path / "secret.txt").write_text("bí mật")
    settings.PDF_ASSET_DIR = assets

    assert allowed_asset_path(logo.as_uri()) == logo.resolve()
    assert allowed_asset_path(f"file://localhost{logo}") == logo.resolve()
    assert allowed_asset_path((assets / "img" / "passwd-link").as_uri()) is None
    assert allowed_asset_path((assets / "outside-dir" / "secret.txt").as_uri()) is None
    assert allowed_asset_path(f"{assets.as_uri()}/img/../../secret.txt") is None
    assert allowed_asset_path((assets / "img").as_uri()) is None
    assert allowed_asset_path(f"file://other-host{logo}") is None
    assert allowed_asset_path("http://127.0.0.1/logo.png") is None
    assert Path("/dev/urandom").exists()
    assert allowed_asset_path("file:///dev/urandom") is None
