"""Movements (phong trào thi đua): who may open and change them, and refused inputs.

Anonymous → sign-in; a unit user opening a movement its unit is not in → 404; a unit user
creating or editing → 403; staff → the page with the movement's content."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.enums import Role
from emulation.models.movements import Milestone, Movement, MovementDocument
from emulation.movements.enums import MilestoneKind, MovementKind
from emulation.movements.services import save_movement
from tests.factories import UnitFactory, UserFactory

NAME = "Dân vận khéo"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)


@pytest.fixture
def movement(staff, unit):
    return save_movement(
        user=staff,
        units=[unit],
        kind=MovementKind.REGULAR,
        name=NAME,
        launched_by="Ủy ban nhân dân Quận 1",
        launch_date=datetime.date(2026, 1, 15),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        goals="Vận động nhân dân tham gia xây dựng khu phố văn minh.",
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_movement_pages_send_anonymous_visitors_to_sign_in(client, movement):
    for url in (
        reverse("movements:list"),
        reverse("movements:detail", args=[movement.pk]),
        reverse("movements:create"),
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (
            302,
            reverse("login"),
        )


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK])
def test_unit_sees_a_movement_it_takes_part_in_but_cannot_edit_it(client, movement, unit, role):
    client.force_login(UserFactory(role=role, unit=unit))
    listing = client.get(reverse("movements:list"))
    detail = client.get(reverse("movements:detail", args=[movement.pk]))
    assert [m.name for m in listing.context["movements"]] == [NAME]
    assert (detail.status_code, detail.context["can_manage"]) == (200, False)
    assert client.get(reverse("movements:edit", args=[movement.pk])).status_code == 403
    assert client.get(reverse("movements:create")).status_code == 403


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK])
def test_unit_not_taking_part_gets_404(client, movement, other_unit, role):
    client.force_login(UserFactory(role=role, unit=other_unit))
    assert list(client.get(reverse("movements:list")).context["movements"]) == []
    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 404


def test_movement_of_another_authority_is_not_found_for_staff(client, movement, other_authority):
    client.force_login(
        UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority))
    )
    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.CHAIRPERSON])
def test_council_reads_movements_but_cannot_create(client, movement, unit, role):
    client.force_login(UserFactory(role=role, unit=unit))
    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 200
    response = client.post(reverse("movements:create"), {"name": "X"})
    assert (response.status_code, Movement.objects.count()) == (403, 1)


def _form(unit, **changes):
    data = {
        "kind": MovementKind.THEMATIC,
        "name": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "launched_by": "Ban Thường vụ Quận ủy",
        "launch_date": "02/01/2026",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "goals": "Mỗi cán bộ đăng ký một việc làm theo gương Bác.",
        "units": [unit.pk],
    }
    data.update(changes)
    return data


def test_staff_creates_a_movement_with_dates_as_typed(client, staff, unit, other_unit):
    client.force_login(staff)
    response = client.post(reverse("movements:create"), _form(unit, units=[unit.pk, other_unit.pk]))
    movement = Movement.objects.get()
    assert response["Location"] == reverse("movements:detail", args=[movement.pk])
    assert (movement.period_start, movement.period_end, movement.launch_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2026, 1, 2),
    )
    assert sorted(movement.units.values_list("pk", flat=True)) == sorted([unit.pk, other_unit.pk])
    page = client.get(response["Location"]).content.decode()
    assert "01/01/2026 – 31/12/2026" in page


def test_reversed_period_is_refused_and_nothing_written(client, staff, unit):
    client.force_login(staff)
    response = client.post(
        reverse("movements:create"), _form(unit, period_start="01/12/2026", period_end="01/01/2026")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert Movement.objects.count() == 0


def test_staff_edits_a_movement(client, staff, movement, other_unit):
    client.force_login(staff)
    client.post(
        reverse("movements:edit", args=[movement.pk]),
        _form(other_unit, name="Dân vận khéo năm 2026"),
    )
    movement.refresh_from_db()
    assert (movement.name, list(movement.units.all())) == ("Dân vận khéo năm 2026", [other_unit])


def test_document_with_a_refused_extension_is_not_attached(client, staff, movement):
    client.force_login(staff)
    upload = SimpleUploadedFile("ke-hoach.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("movements:document_add", args=[movement.pk]), {"title": "Kế hoạch", "file": upload}
    )
    assert _messages(response) == ["Minh chứng phải là tệp PDF, ảnh JPG/PNG, DOCX hoặc XLSX."]
    assert MovementDocument.objects.count() == 0


def test_document_is_attached_and_downloaded_by_a_taking_part_unit(client, staff, movement, unit):
    client.force_login(staff)
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    client.post(
        reverse("movements:document_add", args=[movement.pk]),
        {"title": "Kế hoạch phát động", "file": upload},
    )
    document = MovementDocument.objects.get()
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=unit))
    response = client.get(reverse("movements:document_download", args=[document.pk]))
    assert (document.title, b"".join(response.streaming_content)) == (
        "Kế hoạch phát động",
        b"%PDF-1.4 plan",
    )


def test_document_is_not_found_for_a_unit_not_taking_part(client, staff, movement, other_unit):
    document = MovementDocument.objects.create(
        movement=movement,
        title="Kế hoạch",
        file=SimpleUploadedFile("a.pdf", b"%PDF"),
        uploaded_by=staff,
    )
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    response = client.get(reverse("movements:document_download", args=[document.pk]))
    assert response.status_code == 404


def test_milestone_outside_the_period_is_refused(client, staff, movement):
    client.force_login(staff)
    response = client.post(
        reverse("movements:milestone_add", args=[movement.pk]),
        {"kind": MilestoneKind.MID_YEAR, "due_date": "15/07/2027"},
    )
    assert _messages(response) == ["Ngày sơ kết, tổng kết phải nằm trong thời gian của phong trào."]
    assert Milestone.objects.count() == 0


def test_milestone_is_added_and_reported(client, staff, movement):
    client.force_login(staff)
    client.post(
        reverse("movements:milestone_add", args=[movement.pk]),
        {"kind": MilestoneKind.MID_YEAR, "due_date": "15/07/2026"},
    )
    milestone = Milestone.objects.get()
    client.post(
        reverse("movements:milestone_report", args=[movement.pk, milestone.pk]),
        {"report": "Sơ kết: 12 mô hình Dân vận khéo được công nhận."},
    )
    milestone.refresh_from_db()
    assert (milestone.due_date, milestone.report, milestone.reported_at is not None) == (
        datetime.date(2026, 7, 15),
        "Sơ kết: 12 mô hình Dân vận khéo được công nhận.",
        True,
    )


def test_unit_head_cannot_report_a_milestone(client, movement, unit):
    milestone = Milestone.objects.create(
        movement=movement, kind=MilestoneKind.YEAR_END, due_date=datetime.date(2026, 12, 20)
    )
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=unit))
    response = client.post(
        reverse("movements:milestone_report", args=[movement.pk, milestone.pk]), {"report": "X"}
    )
    milestone.refresh_from_db()
    assert (response.status_code, milestone.report) == (403, "")


def test_movement_form_kind_opens_on_an_explicit_label(client, staff):
    client.force_login(staff)
    page = client.get(reverse("movements:create")).content.decode()
    assert (
        "---------" in page,
        '<option value="" selected>— Chọn loại phong trào —</option>' in page,
    ) == (
        False,
        True,
    )
