"""The draft editor: title and slogan, commitments (free or a target of the pledge's year in
the cluster's scope) and activities, by thi đua staff or the head unit's head, while the
version is a draft."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from emulation.enums import Role
from emulation.models.pledges import PledgeItem, PledgeVersion
from emulation.pledges.enums import ActivityKind, EventKind, ItemKind
from emulation.pledges.history import first_broken_event
from emulation.pledges.services import (
    FROZEN_MESSAGE,
    PledgeError,
    amend_pledge,
    save_activity,
    save_item,
)
from tests.emulation.pledges.conftest import client_for
from tests.emulation.targets.factories import TargetFactory
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

FROZEN = str(FROZEN_MESSAGE)


def _items(version):
    return list(
        version.items.order_by("sort_order", "pk").values_list(
            "kind", "section", "text", "target__code", "sort_order"
        )
    )


def _activities(version):
    return list(
        version.activities.order_by("date", "pk").values_list("kind", "title", "date", "place")
    )


def _snapshot(version):
    version.refresh_from_db()
    return (version.title, version.slogan, _items(version), _activities(version))


@pytest.fixture
def draft(pledge):
    return pledge.versions.get()


@pytest.fixture
def ward_target(authority, wards):
    return TargetFactory(
        authority=authority,
        unit=wards[1],
        year=2026,
        code="THU-NS",
        name="Tổng thu ngân sách trên địa bàn",
        plan_value=Decimal("16728.5"),
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("who", ["staff", "head_of_head_unit"])
def test_editor_staff_and_head_unit_edit_draft(who, staff, heads, pledge, draft, ward_target):
    user = staff if who == "staff" else heads[0]
    client = client_for(user)
    base = f"/giao-uoc/{pledge.pk}/soan-thao/"
    free = draft.items.get()
    activity = draft.activities.get()

    page = client.get(base)
    assert page.status_code == 200
    assert "Tổng thu ngân sách trên địa bàn (kế hoạch: 16.728,5 tỷ đồng)" in page.text

    response = client.post(
        base, {"header-title": "Giao ước Cụm 1 năm 2026 (sửa)", "header-slogan": "Về đích"}
    )
    assert (response.status_code, response.url) == (302, base)
    client.post(
        f"{base}cam-ket/",
        {"new-item-target": ward_target.pk, "new-item-section": "Kinh tế", "new-item-text": ""},
    )
    client.post(
        f"{base}cam-ket/{free.pk}/",
        {
            f"item-{free.pk}-text": "Thực hiện tốt phong trào “Dân vận khéo” năm 2026",
            f"item-{free.pk}-section": "Phong trào",
            f"item-{free.pk}-sort_order": "5",
        },
    )
    client.post(
        f"{base}hoat-dong/",
        {
            "new-activity-kind": ActivityKind.YEAR_END_REVIEW,
            "new-activity-title": "Tổng kết năm 2026",
            "new-activity-date": "10/12/2026",
            "new-activity-place": "Phường Bến Thành 2",
        },
    )
    response = client.post(f"{base}hoat-dong/{activity.pk}/xoa/")
    assert (response.status_code, _messages(response)[-1]) == (302, "Đã xóa hoạt động.")

    draft.refresh_from_db()
    assert (draft.title, draft.slogan) == ("Giao ước Cụm 1 năm 2026 (sửa)", "Về đích")
    assert _items(draft) == [
        (ItemKind.TARGET, "Kinh tế", "Tổng thu ngân sách trên địa bàn", "THU-NS", 1),
        (
            ItemKind.FREE,
            "Phong trào",
            "Thực hiện tốt phong trào “Dân vận khéo” năm 2026",
            None,
            5,
        ),
    ]
    assert _activities(draft) == [
        (
            ActivityKind.YEAR_END_REVIEW,
            "Tổng kết năm 2026",
            datetime.date(2026, 12, 10),
            "Phường Bến Thành 2",
        )
    ]


def test_editor_edits_and_removes_activity_and_item(staff, pledge, draft):
    client = client_for(staff)
    base = f"/giao-uoc/{pledge.pk}/soan-thao/"
    activity = draft.activities.get()
    client.post(
        f"{base}hoat-dong/{activity.pk}/",
        {
            f"activity-{activity.pk}-kind": ActivityKind.MID_YEAR_REVIEW,
            f"activity-{activity.pk}-title": "Sơ kết 6 tháng đầu năm",
            f"activity-{activity.pk}-date": "20/07/2026",
            f"activity-{activity.pk}-place": "",
        },
    )
    response = client.post(f"{base}cam-ket/{draft.items.get().pk}/xoa/")

    assert _messages(response)[-1] == "Đã xóa nội dung cam kết."
    assert _items(draft) == []
    assert _activities(draft) == [
        (ActivityKind.MID_YEAR_REVIEW, "Sơ kết 6 tháng đầu năm", datetime.date(2026, 7, 20), "")
    ]


def _attempts(pledge, draft):
    base = f"/giao-uoc/{pledge.pk}/soan-thao/"
    item, activity = draft.items.get(), draft.activities.get()
    return [
        ("get", base, {}),
        ("post", base, {"header-title": "Khác"}),
        ("post", f"{base}cam-ket/", {"new-item-text": "Cam kết mới"}),
        ("post", f"{base}cam-ket/{item.pk}/", {f"item-{item.pk}-text": "Khác"}),
        ("post", f"{base}cam-ket/{item.pk}/xoa/", {}),
        (
            "post",
            f"{base}hoat-dong/",
            {
                "new-activity-kind": ActivityKind.OTHER,
                "new-activity-title": "Giao lưu",
                "new-activity-date": "01/09/2026",
            },
        ),
        ("post", f"{base}hoat-dong/{activity.pk}/xoa/", {}),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [("head_of_member", 403), ("clerk_of_member", 403), ("head_outside", 404)],
)
def test_editor_refuses_others_and_writes_nothing(
    who, status, heads, wards, authority, pledge, draft
):
    user = {
        "head_of_member": heads[1],
        "clerk_of_member": UserFactory(role=Role.UNIT_CLERK, unit=wards[1]),
        "head_outside": UserFactory(
            role=Role.UNIT_HEAD, unit=UnitFactory(authority=authority, code="KHAC")
        ),
    }[who]
    client = client_for(user)
    before = _snapshot(draft)

    statuses = [
        getattr(client, method)(url, data).status_code
        for method, url, data in _attempts(pledge, draft)
    ]

    assert statuses == [status] * 7
    assert _snapshot(draft) == before
    assert not pledge.events.filter(kind=EventKind.EDITED).exists()


def test_every_draft_edit_joins_the_chained_history(staff, pledge, draft):
    client = client_for(staff)
    removed_activity = draft.activities.get().title
    for method, url, data in _attempts(pledge, draft)[1:]:
        assert getattr(client, method)(url, data).status_code == 302

    edits = list(
        pledge.events.filter(kind=EventKind.EDITED)
        .order_by("sequence")
        .values_list("actor__username", "data__change")
    )
    assert edits == [
        (staff.username, change)
        for change in ("title", "item", "item", "item_removed", "activity", "activity_removed")
    ]
    assert first_broken_event(pledge.pk) is None
    page = client.get(f"/giao-uoc/{pledge.pk}/").content.decode()
    assert "Sửa dự thảo: cam kết “Cam kết mới”" in page
    assert f"Sửa dự thảo: xóa hoạt động “{removed_activity}”" in page


def test_editor_refuses_opened_version_and_writes_nothing(staff, pledge, open_version):
    before = _snapshot(open_version)

    for method, url, data in _attempts(pledge, open_version):
        response = getattr(client_for(staff), method)(url, data)
        assert (response.status_code, response.url) == (302, f"/giao-uoc/{pledge.pk}/")
        assert _messages(response) == [FROZEN]

    assert _snapshot(open_version) == before
    assert PledgeVersion.objects.get(pk=open_version.pk).content["title"] == before[0]


def _bad_post(client, pledge, data, url_tail):
    response = client.post(f"/giao-uoc/{pledge.pk}/soan-thao/{url_tail}", data)
    return response.status_code, response.text


@pytest.mark.parametrize(
    ("url_tail", "data", "message"),
    [
        ("", {"header-title": "  "}, "Hãy nhập tiêu đề giao ước."),
        (
            "cam-ket/",
            {"new-item-text": "   ", "new-item-section": "Kinh tế"},
            "Hãy nhập nội dung cam kết hoặc chọn một chỉ tiêu.",
        ),
        (
            "hoat-dong/",
            {
                "new-activity-kind": ActivityKind.OTHER,
                "new-activity-title": "Giao lưu",
                "new-activity-date": "31/02/2026",
            },
            "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/07/2026.",
        ),
        (
            "hoat-dong/",
            {
                "new-activity-kind": ActivityKind.OTHER,
                "new-activity-title": "",
                "new-activity-date": "01/09/2026",
            },
            "Hãy nhập nội dung hoạt động.",
        ),
    ],
)
def test_editor_bad_input_shows_message_and_writes_nothing(
    url_tail, data, message, staff, pledge, draft
):
    before = _snapshot(draft)

    status, text = _bad_post(client_for(staff), pledge, data, url_tail)

    assert (status, message in text) == (400, True)
    assert _snapshot(draft) == before


TARGET_REFUSED = "Chỉ tiêu không thuộc năm của giao ước hoặc không giao cho các đơn vị trong cụm."


@pytest.mark.parametrize("where", ["other_year", "outside_unit", "other_authority"])
def test_editor_refuses_target_out_of_scope(
    where, staff, authority, other_authority, outsider_unit, wards, pledge, draft
):
    target = {
        "other_year": TargetFactory(authority=authority, unit=wards[0], year=2025),
        "outside_unit": TargetFactory(authority=authority, unit=outsider_unit, year=2026),
        "other_authority": TargetFactory(authority=other_authority, year=2026),
    }[where]
    before = _snapshot(draft)
    item = draft.items.get()

    added = _bad_post(client_for(staff), pledge, {"new-item-target": target.pk}, "cam-ket/")
    changed = _bad_post(
        client_for(staff),
        pledge,
        {f"item-{item.pk}-text": "x", f"item-{item.pk}-target": target.pk},
        f"cam-ket/{item.pk}/",
    )

    assert (added[0], TARGET_REFUSED in added[1]) == (400, True)
    assert (changed[0], TARGET_REFUSED in changed[1]) == (400, True)
    assert _snapshot(draft) == before


def test_editor_authority_wide_target_is_allowed(staff, authority, pledge, draft):
    target = TargetFactory(authority=authority, unit=None, year=2026, code="CHUNG")

    client_for(staff).post(
        f"/giao-uoc/{pledge.pk}/soan-thao/cam-ket/", {"new-item-target": target.pk}
    )

    assert (
        PledgeItem.objects.filter(version=draft, target=target, kind=ItemKind.TARGET).count() == 1
    )


def test_detail_links_to_editor_for_managers_only(staff, heads, pledge):
    link = f'href="/giao-uoc/{pledge.pk}/soan-thao/"'

    assert link in client_for(staff).get(f"/giao-uoc/{pledge.pk}/").text
    assert link not in client_for(heads[1]).get(f"/giao-uoc/{pledge.pk}/").text


def test_editor_item_of_an_earlier_version_is_404(staff, pledge, draft):
    old_item = draft.items.get()
    new = amend_pledge(version=draft, by=staff, reason="Bổ sung chỉ tiêu")
    before = _snapshot(new)

    response = client_for(staff).post(f"/giao-uoc/{pledge.pk}/soan-thao/cam-ket/{old_item.pk}/xoa/")

    assert response.status_code == 404
    assert PledgeItem.objects.filter(pk=old_item.pk).exists() is True
    assert _snapshot(new) == before


def test_save_item_service_refuses_target_out_of_scope(staff, authority, pledge, draft):
    target = TargetFactory(authority=authority, unit=None, year=2025)
    before = _snapshot(draft)

    with pytest.raises(PledgeError) as refused:
        save_item(version=draft, by=staff, text="Cam kết", target=target)

    assert str(refused.value) == TARGET_REFUSED
    assert _snapshot(draft) == before


def test_save_activity_service_refuses_opened_version(staff, open_version):
    before = _snapshot(open_version)

    with pytest.raises(PledgeError) as refused:
        save_activity(
            version=open_version,
            by=staff,
            kind=ActivityKind.OTHER,
            title="Giao lưu",
            date=datetime.date(2026, 9, 1),
        )

    assert str(refused.value) == FROZEN
    assert _snapshot(open_version) == before
