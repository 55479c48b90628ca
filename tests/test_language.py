import pytest
from django.conf import settings

from emulation.enums import Role


@pytest.mark.django_db
def test_browser_language_does_not_switch_the_interface(client):
    response = client.get("/dang-nhap/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.django_db
def test_chosen_language_cookie_switches_to_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/dang-nhap/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/dang-nhap/")["Content-Language"] == "vi"


@pytest.mark.django_db
def test_user_full_name_puts_family_name_first(make_user, unit):
    user = make_user(Role.UNIT_CLERK, unit, first_name="Lan", last_name="Trần Thị")
    assert user.get_full_name() == "Trần Thị Lan"
