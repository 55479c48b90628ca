"""Exemplary people and collectives (điển hình tiên tiến, người tốt việc tốt): who may add and
see them, and photos that must be real images of a bounded size."""

import datetime
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from emulation.enums import Role
from emulation.models.movements import Exemplary, ExemplaryPhoto
from emulation.movements import services
from emulation.movements.enums import ExemplaryKind
from tests.documents.polyglots import PAYLOADS
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory

STORY = "Chị Hoa nhặt được ví tiền và trả lại cho người đánh rơi."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def person(unit):
    person = PersonFactory(authority=unit.authority, full_name="Nguyễn Thị Hoa")
    EmploymentFactory(person=person, unit=unit)
    return person


@pytest.fixture
def clerk(unit):
    return UserFactory(role=Role.UNIT_CLERK, unit=unit)


def _save(clerk, unit, *, kind, person, title):
    return services.save_exemplary(
        user=clerk,
        unit=unit,
        kind=kind,
        person=person,
        movement=None,
        title=title,
        field="Người tốt việc tốt",
        story=STORY,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
    )


@pytest.fixture
def exemplary(clerk, unit, person):
    return _save(clerk, unit, kind=ExemplaryKind.PERSON, person=person, title="Trả lại của rơi")


def _png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _form(unit, person, **changes):
    data = {
        "kind": ExemplaryKind.PERSON,
        "unit": unit.pk,
        "person": person.pk,
        "title": "Trả lại của rơi",
        "field": "Người tốt việc tốt",
        "story": STORY,
        "period_start": "01/03/2026",
        "period_end": "31/03/2026",
        "movement": "",
    }
    data.update(changes)
    return data


def test_clerk_adds_an_exemplary_person(client, clerk, unit, person):
    client.force_login(clerk)
    response = client.post(reverse("movements:exemplary_create"), _form(unit, person))
    exemplary = Exemplary.objects.get()
    assert response["Location"] == reverse("movements:exemplary_detail", args=[exemplary.pk])
    assert (exemplary.person, exemplary.story, exemplary.period_end) == (
        person,
        STORY,
        datetime.date(2026, 3, 31),
    )


def test_person_of_another_unit_is_refused(client, clerk, unit, other_unit):
    stranger = PersonFactory(authority=unit.authority)
    EmploymentFactory(person=stranger, unit=other_unit)
    client.force_login(UserFactory(role=Role.AUTHORITY_STAFF, unit=unit))
    response = client.post(reverse("movements:exemplary_create"), _form(unit, stranger))
    assert response.context["form"].non_field_errors() == [
        "Cá nhân phải công tác tại đơn vị quản lý."
    ]
    assert Exemplary.objects.count() == 0


def test_reversed_period_is_refused(client, clerk, unit, person):
    client.force_login(clerk)
    response = client.post(
        reverse("movements:exemplary_create"), _form(unit, person, period_end="01/01/2026")
    )
    assert response.context["form"].non_field_errors() == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert Exemplary.objects.count() == 0


def test_another_units_exemplary_is_not_found(client, exemplary, other_unit):
    for role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        client.force_login(UserFactory(role=role, unit=other_unit))
        detail = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
        edit = client.get(reverse("movements:exemplary_edit", args=[exemplary.pk]))
        assert (detail.status_code, edit.status_code) == (404, 404)


def test_council_member_reads_but_cannot_edit(client, exemplary, unit):
    client.force_login(UserFactory(role=Role.COUNCIL_MEMBER, unit=unit))
    detail = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
    edit = client.get(reverse("movements:exemplary_edit", args=[exemplary.pk]))
    assert (detail.status_code, STORY in detail.content.decode(), edit.status_code) == (
        200,
        True,
        403,
    )


def test_anonymous_is_sent_to_sign_in(client, exemplary):
    response = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
    assert response["Location"].split("?")[0] == reverse("login")


def test_exemplary_of_another_authority_is_not_found_for_staff(client, exemplary, other_authority):
    client.force_login(
        UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority))
    )
    response = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
    assert response.status_code == 404


def test_real_photo_is_stored_with_its_size(client, clerk, exemplary):
    client.force_login(clerk)
    client.post(
        reverse("movements:photo_add", args=[exemplary.pk]),
        {"image": _png((40, 30)), "caption": "Trao trả tại công an phường"},
    )
    photo = ExemplaryPhoto.objects.get()
    response = client.get(reverse("movements:photo", args=[photo.pk]))
    assert (photo.width, photo.height, photo.caption) == (40, 30, "Trao trả tại công an phường")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_photo_carrying_a_script_named_d_html_is_kept_as_a_plain_png(client, clerk, exemplary):
    """The attack of issue 12: a valid PNG whose text chunk holds a script tag, uploaded as
    d.html with the type text/html, was served back as text/html from the site's origin."""
    client.force_login(clerk)
    content = PAYLOADS["png with script text chunk"]
    client.post(
        reverse("movements:photo_add", args=[exemplary.pk]),
        {"image": SimpleUploadedFile("d.html", content, content_type="text/html")},
    )
    photo = ExemplaryPhoto.objects.get()
    response = client.get(reverse("movements:photo", args=[photo.pk]))
    body = b"".join(response.streaming_content)
    name = rf"exemplary/\d{{4}}/\d{{2}}/{exemplary.pk}/[0-9a-f]{{32}}\.png"
    assert re.fullmatch(name, photo.image.name)
    assert (
        response["Content-Type"],
        response["X-Content-Type-Options"],
        response["Content-Security-Policy"],
    ) == ("image/png", "nosniff", "sandbox; default-src 'none'")
    assert body.startswith(b"\x89PNG") and b"<script" not in body and body != content


def test_a_file_named_like_an_image_is_refused(client, clerk, exemplary):
    client.force_login(clerk)
    fake = SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(reverse("movements:photo_add", args=[exemplary.pk]), {"image": fake})
    assert _messages(response) == ["Tệp tải lên không phải là ảnh hợp lệ."]
    assert ExemplaryPhoto.objects.count() == 0


def test_a_photo_over_the_cap_is_refused(client, clerk, exemplary, monkeypatch):
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 100)
    client.force_login(clerk)
    response = client.post(
        reverse("movements:photo_add", args=[exemplary.pk]), {"image": _png((200, 200))}
    )
    assert _messages(response) == ["Ảnh không được lớn hơn 5 MB."]
    assert ExemplaryPhoto.objects.count() == 0


def test_another_unit_cannot_add_a_photo(client, exemplary, other_unit):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    response = client.post(reverse("movements:photo_add", args=[exemplary.pk]), {"image": _png()})
    assert (response.status_code, ExemplaryPhoto.objects.count()) == (404, 0)


def _lead(response) -> str:
    return re.search(r'<p class="lead">(.*?)</p>', response.content.decode(), re.S).group(1)


def test_collective_exemplary_names_its_unit_once(client, clerk, unit):
    collective = _save(
        clerk, unit, kind=ExemplaryKind.COLLECTIVE, person=None, title="Đơn vị văn minh"
    )
    client.force_login(clerk)
    response = client.get(reverse("movements:exemplary_detail", args=[collective.pk]))
    assert _lead(response) == f"Tập thể: {unit.name}"


def test_person_exemplary_names_the_person_and_the_unit(client, clerk, exemplary, unit):
    client.force_login(clerk)
    response = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
    assert _lead(response) == f"Cá nhân: Nguyễn Thị Hoa · {unit.name}"


def test_exemplary_form_selects_open_on_explicit_labels(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("movements:exemplary_create")).content.decode()
    empty_options = re.findall(r'<option value="" selected>([^<]*)</option>', page)
    assert ("---------" in page, empty_options) == (
        False,
        [
            "— Chọn đối tượng —",
            "— Chọn đơn vị quản lý —",
            "— Chọn cá nhân —",
            "— Không thuộc phong trào nào —",
        ],
    )
