"""config/limits.py: the public verification pages' rate limit per client address (429) and the
body size limit checked before the body is read (413)."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import RATE_WINDOW_START

MEGABYTE = 1024 * 1024
PUBLIC_PAGES = [
    "/giao-uoc/xac-thuc/",
    "/khen-thuong/quyet-dinh/xac-thuc/",
    "/khen-thuong/xac-thuc/",
    "/khen-thuong/xac-thuc/KHONG-CO/",
    "/khen-thuong/xac-thuc/KHONG-CO/tep/",
]
TOO_MANY = "Quá nhiều yêu cầu"


class UnreadableBody:
    """A wsgi.input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.fixture
def limited(settings, rate_clock):
    settings.PUBLIC_RATE_LIMIT = 3
    settings.PUBLIC_RATE_WINDOW = 60
    return settings


def _get(url, address, **extra):
    return Client(REMOTE_ADDR=address).get(url, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_answers_429_in_vietnamese_after_the_limit(limited, url):
    statuses = [_get(url, "10.0.0.1").status_code for _ in range(3)]
    refused = _get(url, "10.0.0.1")
    body = refused.content.decode()
    assert 429 not in statuses
    assert (refused.status_code, refused["Retry-After"]) == (429, "60")
    assert TOO_MANY in body and "Hãy chờ 60 giây rồi thử lại." in body
    assert '<html lang="vi">' in body  # the usual layout
    assert _get(url, "10.0.0.2").status_code == statuses[0]


@pytest.mark.django_db
def test_the_count_is_shared_by_the_public_pages_of_one_address(limited):
    for url in PUBLIC_PAGES[:3]:
        assert _get(url, "10.0.0.1").status_code == 200
    assert _get(PUBLIC_PAGES[3], "10.0.0.1").status_code == 429


@pytest.mark.django_db
def test_a_burst_across_the_edge_of_a_window_is_refused(limited, rate_clock):
    """A fixed window would count afresh from its edge and let the fourth request through."""
    rate_clock.now = RATE_WINDOW_START + 59.9
    assert [_get(PUBLIC_PAGES[0], "10.0.0.1").status_code for _ in range(3)] == [200] * 3
    rate_clock.now = RATE_WINDOW_START + 60.1
    assert _get(PUBLIC_PAGES[0], "10.0.0.1").status_code == 429


@pytest.mark.django_db
def test_earlier_requests_count_for_the_share_of_the_window_they_still_cover(limited, rate_clock):
    rate_clock.now = RATE_WINDOW_START + 1
    for _ in range(3):
        _get(PUBLIC_PAGES[0], "10.0.0.1")
    rate_clock.now = RATE_WINDOW_START + 90  # half the previous window still covered: 3 × ½
    assert _get(PUBLIC_PAGES[0], "10.0.0.1").status_code == 200  # 1 + 1,5 ≤ 3
    assert _get(PUBLIC_PAGES[0], "10.0.0.1").status_code == 429  # 2 + 1,5 > 3
    rate_clock.now = RATE_WINDOW_START + 180  # nothing counted in the last full window
    assert _get(PUBLIC_PAGES[0], "10.0.0.1").status_code == 200


@pytest.mark.django_db
def test_the_first_refusal_of_an_address_is_logged_once(limited, caplog):
    with caplog.at_level("WARNING", logger="config.limits"):
        statuses = [_get(PUBLIC_PAGES[0], "10.0.0.1").status_code for _ in range(6)]
    logged = [r.getMessage() for r in caplog.records if r.name == "config.limits"]
    assert statuses == [200, 200, 200, 429, 429, 429]
    assert logged == ["public pages: 10.0.0.1 over 3 requests"]


@pytest.mark.django_db
def test_pages_that_need_sign_in_are_not_counted(limited):
    for _ in range(5):
        assert _get("/dang-nhap/", "10.0.0.1").status_code == 200
    assert _get(PUBLIC_PAGES[0], "10.0.0.1").status_code == 200


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(limited):
    limited.TRUSTED_PROXIES = ["10.0.0.9"]
    for _ in range(3):
        _get(PUBLIC_PAGES[0], "10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _get(PUBLIC_PAGES[0], "10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert _get(PUBLIC_PAGES[0], "10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_escape_the_limit(limited):
    for index in range(3):
        _get(PUBLIC_PAGES[0], "10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{index}")
    assert _get(PUBLIC_PAGES[0], "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


@pytest.mark.django_db
def test_the_pages_stay_open_when_the_cache_is_unreachable(limited):
    limited.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    assert [_get(PUBLIC_PAGES[0], "10.0.0.1").status_code for _ in range(5)] == [200] * 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/giao-uoc/xac-thuc/",
        "/khen-thuong/quyet-dinh/xac-thuc/",
        "/chi-tieu/excel/nhap/",
        "/chi-tieu/nhap/don-vi/1/2023/year/official/",
    ],
)
def test_a_300_mb_body_is_refused_with_413_before_it_is_read(url):
    response = Client().generic(
        "POST",
        url,
        **{
            "wsgi.input": UnreadableBody(),
            "CONTENT_LENGTH": str(300 * MEGABYTE),
            "CONTENT_TYPE": "multipart/form-data; boundary=x",
        },
    )
    body = response.content.decode()
    assert response.status_code == 413
    assert "Tệp hoặc dữ liệu gửi lên quá lớn" in body
    limit = 60 if "/nhap/don-vi/" in url else 11
    assert f"Trang này nhận tối đa {limit} MB mỗi lần gửi" in body


@pytest.mark.django_db
def test_a_body_within_the_route_limit_reaches_the_view():
    """12 MB is too much for the verification page but not for an entry grid, which then
    asks for sign-in (its body unread: the sign-in redirect does not read it)."""
    extra = {
        "wsgi.input": UnreadableBody(),
        "CONTENT_LENGTH": str(12 * MEGABYTE),
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
    }
    grid = Client().generic("POST", "/chi-tieu/nhap/don-vi/1/2023/year/official/", **extra)
    verify = Client().generic("POST", "/giao-uoc/xac-thuc/", **extra)
    assert (grid.status_code, grid["Location"].split("?")[0]) == (302, "/dang-nhap/")
    assert verify.status_code == 413


def test_upload_limits_are_set():
    assert (
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        settings.REQUEST_BODY_LIMIT_DEFAULT,
    ) == (2_621_440, 2_621_440, 11 * MEGABYTE)
