"""Sign-in and sign-out: one message for every failure, a new session key at sign-in, a lock
after ten failures (django-axes) of one account (never of an address as such: behind the
proxy every user shares one), sign-out by POST only."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from emulation.enums import Role
from tests.factories import TEST_PASSWORD, UserFactory

LOGIN_URL = "/dang-nhap/"
GENERIC_ERROR = "Tên đăng nhập hoặc mật khẩu không đúng."


@pytest.fixture(autouse=True)
def clean_axes(db):
    reset_axes()
    yield
    reset_axes()


@pytest.fixture
def user(unit):
    return UserFactory(username="ngoc.lan", role=Role.UNIT_CLERK, unit=unit)


def sign_in(client, username, password, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def error_block(html: str) -> str:
    start = html.index('<div class="form-error" id="sign-in-error" role="alert">')
    return html[start : html.index("</div>", start)]


@pytest.mark.django_db
def test_login_url_names_resolve_without_namespace():
    assert (reverse("login"), reverse("logout"), reverse(settings.LOGIN_URL)) == (
        "/dang-nhap/",
        "/dang-xuat/",
        "/dang-nhap/",
    )


@pytest.mark.django_db
def test_login_page_labels_inputs_and_asks_for_the_right_autocomplete(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    text = response.text
    assert '<label for="id_username">Tên đăng nhập</label>' in text
    assert '<label for="id_password">Mật khẩu</label>' in text
    assert 'autocomplete="username"' in text
    assert 'autocomplete="current-password"' in text
    assert 'type="password"' in text
    assert "sign-in-error" not in text


@pytest.mark.django_db
def test_good_credentials_sign_in_and_go_home(client, user):
    response = sign_in(client, "ngoc.lan", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:home")
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_sign_in_follows_a_safe_next_and_ignores_another_site(client, user):
    to_units = sign_in(client, "ngoc.lan", TEST_PASSWORD, next="/don-vi/")
    client.logout()
    elsewhere = sign_in(client, "ngoc.lan", TEST_PASSWORD, next="https://evil.example/")
    assert (to_units["Location"], elsewhere["Location"]) == ("/don-vi/", "/")


@pytest.mark.django_db
def test_sign_in_rotates_the_session_key(client, user):
    session = client.session
    session["seen_login_page"] = True
    session.save()
    before = session.session_key
    sign_in(client, "ngoc.lan", TEST_PASSWORD)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_wrong_password_and_unknown_user_read_exactly_the_same(client, user):
    wrong_password = sign_in(client, "ngoc.lan", "sai-mat-khau")
    unknown_user = sign_in(client, "khong.ton.tai", "sai-mat-khau")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert error_block(wrong_password.text) == error_block(unknown_user.text)
    assert f"<p>{GENERIC_ERROR}</p>" in error_block(wrong_password.text)
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_inactive_user_reads_the_same_message(client, user):
    user.is_active = False
    user.save()
    response = sign_in(client, "ngoc.lan", TEST_PASSWORD)
    assert f"<p>{GENERIC_ERROR}</p>" in error_block(response.text)
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_failed_sign_in_ties_the_inputs_to_the_error(client, user):
    text = sign_in(client, "ngoc.lan", "sai-mat-khau").text
    assert text.count('aria-describedby="sign-in-error"') == 2
    assert text.count('aria-invalid="true"') == 2


@pytest.mark.django_db
def test_empty_sign_in_ties_each_input_to_its_own_error(client):
    """No form-wide error is shown, so no input may point at one (the id would not exist)."""
    text = sign_in(client, "", "").text
    assert "sign-in-error" not in text
    for name in ("username", "password"):
        assert f'aria-describedby="id_{name}_error"' in text
        assert f'<ul class="field-errors" id="id_{name}_error">' in text


@pytest.mark.django_db
def test_tenth_failure_locks_and_the_next_attempt_is_refused_even_with_the_password(client, user):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 10
    before_lock = [sign_in(client, "ngoc.lan", f"sai-{n}").status_code for n in range(limit - 1)]
    assert before_lock == [200] * (limit - 1)

    tenth = sign_in(client, "ngoc.lan", "sai-cuoi")
    eleventh = sign_in(client, "ngoc.lan", TEST_PASSWORD)
    for response in (tenth, eleventh):
        assert response.status_code == 429
        assert '<h1 id="locked-title">Tạm khóa đăng nhập</h1>' in response.text
        assert "Hãy chờ 15 phút rồi đăng nhập lại." in response.text
        assert "liên hệ cán bộ quản trị hệ thống" in response.text
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_a_success_before_the_limit_clears_the_failures(client, user):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "ngoc.lan", f"sai-{n}")
    assert sign_in(client, "ngoc.lan", TEST_PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "ngoc.lan", "sai-lan-nua").status_code == 200


@pytest.mark.django_db
def test_logout_refuses_get_and_signs_out_on_post(client, user):
    client.force_login(user)
    assert client.get("/dang-xuat/").status_code == 405
    assert SESSION_KEY in client.session
    response = client.post("/dang-xuat/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_old_session_cookie_is_useless_after_logout(client, user):
    client.force_login(user)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/dang-xuat/")
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/"


@pytest.mark.django_db
def test_signed_in_user_on_login_page_goes_home(client, user):
    client.force_login(user)
    response = client.get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:home")


ADDRESS_X, ADDRESS_Y, PROXY = "10.20.0.7", "10.20.0.8", "10.0.0.1"
LOCKED_TITLE = '<h1 id="locked-title">Tạm khóa đăng nhập</h1>'


def sign_in_from(client, address, username, password, **headers):
    """A sign-in arriving from `address` (the socket's address, REMOTE_ADDR)."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def _fail_ten_times(client, address: str, username: str) -> list[int]:
    return [
        sign_in_from(client, address, username, f"sai-{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]


@pytest.mark.django_db
def test_one_users_failures_lock_that_user_not_the_address(client, user, unit):
    """A fails ten times from X: A is locked, from X and from elsewhere; B signs in from X."""
    other = UserFactory(username="van.minh", role=Role.UNIT_HEAD, unit=unit)
    assert _fail_ten_times(client, ADDRESS_X, "ngoc.lan") == [200] * 9 + [429]

    from_x = sign_in_from(client, ADDRESS_X, "van.minh", TEST_PASSWORD)
    assert from_x.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)
    client.logout()
    for address in (ADDRESS_X, ADDRESS_Y):
        locked = sign_in_from(client, address, "ngoc.lan", TEST_PASSWORD)
        assert locked.status_code == 429
        assert LOCKED_TITLE in locked.text
        assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_made_up_usernames_from_one_address_lock_no_real_account(client, user):
    statuses = [
        sign_in_from(client, ADDRESS_X, f"khong-co-{n}", "sai").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 2)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT + 2)
    response = sign_in_from(client, ADDRESS_X, "ngoc.lan", TEST_PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_records_the_forwarded_address_only_through_a_trusted_proxy(client, user, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    sign_in_from(client, PROXY, "ngoc.lan", "sai", HTTP_X_FORWARDED_FOR=ADDRESS_X)
    # Not through the proxy: the header is the client's own say, and is not believed.
    sign_in_from(client, ADDRESS_Y, "ngoc.lan", "sai", HTTP_X_FORWARDED_FOR=ADDRESS_X)
    assert sorted(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        (ADDRESS_X, 1),
        (ADDRESS_Y, 1),
    ]
