"""The language switch and the error pages."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from emulation.enums import Role
from tests.factories import UserFactory


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("lỗi thử")


# The project's pages plus two that fail on purpose; the error pages link to the home page.
urlpatterns = [
    path("cam/", _forbidden),
    path("hong/", _broken),
    *project_urlpatterns,
]


@pytest.fixture
def clerk(client, unit):
    user = UserFactory(role=Role.UNIT_CLERK, unit=unit)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_pages_are_vietnamese_by_default(client, clerk):
    text = client.get("/").text
    assert '<html lang="vi">' in text
    assert 'value="en" class="link-button" lang="en">English</button>' in text


@pytest.mark.django_db
def test_switching_to_english_sets_the_cookie_and_the_page_language(client, clerk):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/don-vi/"})
    assert response.status_code == 302
    assert response["Location"] == "/don-vi/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    text = client.get("/don-vi/").text
    assert '<html lang="en">' in text
    assert 'value="vi" class="link-button" lang="vi">Tiếng Việt</button>' in text


@pytest.mark.django_db
def test_switching_back_to_vietnamese(client, clerk):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert '<html lang="vi">' in client.get("/").text


@pytest.mark.django_db
def test_switch_refuses_a_next_on_another_site(client, clerk):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "https://evil.example/"}, HTTP_REFERER=""
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_switch_needs_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_csrf_failure_page_is_vietnamese(unit):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert '<h1 id="error-title">Biểu mẫu đã hết hiệu lực</h1>' in response.text


@pytest.mark.django_db
def test_404_page_is_vietnamese(client, clerk):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert '<h1 id="error-title">Không tìm thấy trang</h1>' in response.text
    assert '<html lang="vi">' in response.text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.test_i18n_pages")
def test_403_page_is_vietnamese(client):
    response = client.get("/cam/")
    assert response.status_code == 403
    assert '<h1 id="error-title">Không có quyền truy cập</h1>' in response.text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.test_i18n_pages")
def test_500_page_is_vietnamese():
    client = Client(raise_request_exception=False)
    response = client.get("/hong/")
    assert response.status_code == 500
    assert '<h1 id="error-title">Hệ thống gặp lỗi</h1>' in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert '<h1 id="error-title">Hệ thống gặp lỗi</h1>' in html
    assert 'href="/"' in html
    assert "csrfmiddlewaretoken" not in html
