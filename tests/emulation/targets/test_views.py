import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.targets import seed_bulk_targets, seed_demo_targets
from emulation.enums import Role
from emulation.models import Actual, ActualChange, ReportingPeriod
from emulation.targets.enums import PeriodKind, PeriodState, ValueKind
from emulation.targets.services import ActualEntry, close_period, get_period, save_actuals
from tests.documents.polyglots import MARKER, PAYLOADS
from tests.emulation.targets.factories import TargetFactory
from tests.factories import UnitFactory

ALL_ROLES = list(Role)
STAFF_ROLES = {Role.AUTHORITY_STAFF, Role.ADMINISTRATOR}
ENTRY_ROLES = STAFF_ROLES | {Role.UNIT_HEAD, Role.UNIT_CLERK}


@pytest.fixture
def world(authority, unit, other_unit):
    own = TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200"))
    other = TargetFactory(authority=authority, unit=other_unit, code="KN", plan_value=D("20"))
    common = TargetFactory(authority=authority, code="KT02", plan_value=D("15931"))
    return {"own": own, "other": other, "common": common}


def login(client, make_user, role, unit):
    user = make_user(role, unit)
    client.force_login(user)
    return user


def grid_url(unit, period="year", kind="official"):
    return reverse("targets:grid", args=[unit.pk, 2023, period, kind])


AUTH_GRID = reverse("targets:grid_authority", args=[2023, "year", "official"])


@pytest.mark.parametrize(
    "url",
    [
        reverse("targets:dashboard"),
        AUTH_GRID,
        reverse("targets:history", args=[1]),
        reverse("targets:periods", args=[2023]),
        reverse("targets:export"),
        reverse("targets:import"),
        reverse("targets:evidence", args=[1]),
    ],
)
def test_pages_anonymous_redirect_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dashboard_every_role_sees_own_scope(client, make_user, world, unit, role):
    login(client, make_user, role, unit)
    response = client.get(reverse("targets:dashboard"), {"year": 2023})
    assert response.status_code == 200
    codes = [row.code for row in response.context["page"]]
    board = response.context["board"]
    if role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        assert (board.unit, codes) == (unit, ["KN"])
    else:
        assert (board.unit, codes) == (None, ["KT02"])


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK])
def test_dashboard_unit_user_another_unit_is_404(client, make_user, world, unit, other_unit, role):
    login(client, make_user, role, unit)
    response = client.get(reverse("targets:dashboard"), {"unit": other_unit.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_grid_own_unit_view_and_edit_by_role(client, make_user, world, unit, role):
    login(client, make_user, role, unit)
    response = client.get(grid_url(unit))
    assert response.status_code == 200
    assert response.context["editable"] is (role in ENTRY_ROLES)
    response = client.post(grid_url(unit), {f"value-{world['own'].pk}": "202"})
    if role in ENTRY_ROLES:
        assert response.status_code == 302
        assert Actual.objects.get().value == D("202")
    else:
        assert response.status_code == 403
        assert Actual.objects.count() == 0


@pytest.mark.parametrize("role", ALL_ROLES)
def test_grid_other_unit_by_role(client, make_user, world, unit, other_unit, role):
    login(client, make_user, role, unit)
    response = client.post(grid_url(other_unit), {f"value-{world['other'].pk}": "21"})
    if role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        assert response.status_code == 404
    elif role in STAFF_ROLES:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    expected = 1 if role in STAFF_ROLES else 0
    assert Actual.objects.filter(target=world["other"]).count() == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_grid_authority_targets_by_role(client, make_user, world, unit, role):
    login(client, make_user, role, unit)
    response = client.post(AUTH_GRID, {f"value-{world['common'].pk}": "16.728"})
    if role in STAFF_ROLES:
        assert response.status_code == 302
        assert Actual.objects.get().value == D("16728")
    else:
        assert response.status_code == 403
        assert Actual.objects.count() == 0


def test_grid_unit_of_another_authority_is_404(client, make_user, unit):
    login(client, make_user, Role.AUTHORITY_STAFF, unit)
    foreign = UnitFactory()
    assert client.get(grid_url(foreign)).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_history_by_role_and_scope(client, make_user, world, unit, role):
    login(client, make_user, role, unit)
    own = client.get(reverse("targets:history", args=[world["own"].pk]))
    other = client.get(reverse("targets:history", args=[world["other"].pk]))
    common = client.get(reverse("targets:history", args=[world["common"].pk]))
    assert own.status_code == 200
    assert own.context["target"] == world["own"]
    if role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        assert (other.status_code, common.status_code) == (404, 404)
    else:
        assert (other.status_code, common.status_code) == (200, 200)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_periods_page_and_close_by_role(client, make_user, authority, unit, role):
    login(client, make_user, role, unit)
    page = client.get(reverse("targets:periods", args=[2023]))
    close = client.post(reverse("targets:close_period", args=[2023, "year"]), {"reason": ""})
    if role in STAFF_ROLES:
        assert (page.status_code, close.status_code) == (200, 302)
        assert ReportingPeriod.objects.get().state == PeriodState.CLOSED
    else:
        assert (page.status_code, close.status_code) == (403, 403)
        assert ReportingPeriod.objects.count() == 0


def test_periods_table_scrolls_inside_its_own_region_on_narrow_screens(
    client, make_user, authority, unit
):
    login(client, make_user, Role.AUTHORITY_STAFF, unit)
    client.post(reverse("targets:close_period", args=[2023, "year"]))

    html = client.get(reverse("targets:periods", args=[2023])).content.decode()

    region = '<div class="table-scroll" role="region" aria-label="Kỳ báo cáo" tabindex="0">'
    assert html.index(region) < html.index('<table class="data-table">')
    assert html.index("</table>\n</div>") > html.index('name="reason"')


def test_periods_buttons_name_their_period_for_screen_readers(client, make_user, unit):
    login(client, make_user, Role.AUTHORITY_STAFF, unit)

    html = client.get(reverse("targets:periods", args=[2023])).content.decode()

    assert '<th scope="row" id="period-year">' in html
    assert 'class="button" aria-describedby="period-year">Khóa kỳ</button>' in html


@pytest.mark.parametrize("role", ALL_ROLES)
def test_copy_year_by_role(client, make_user, world, unit, role):
    login(client, make_user, role, unit)
    response = client.post(reverse("targets:copy_year"), {"from_year": 2023, "to_year": 2024})
    copied = world["own"].__class__.objects.filter(year=2024).count()
    if role in STAFF_ROLES:
        assert (response.status_code, copied) == (302, 3)
    else:
        assert (response.status_code, copied) == (403, 0)


def test_grid_accepts_vietnamese_numbers_and_shows_them(client, make_user, world, unit):
    login(client, make_user, Role.UNIT_CLERK, unit)
    response = client.post(grid_url(unit), {f"value-{world['own'].pk}": "16.728,5"})
    assert response.status_code == 302
    assert Actual.objects.get().value == D("16728.5")
    page = client.get(grid_url(unit))
    assert 'value="16.728,5"' in page.content.decode()


def test_grid_rejects_a_number_no_writing_can_read_and_writes_nothing(
    client, make_user, world, unit
):
    login(client, make_user, Role.UNIT_CLERK, unit)
    response = client.post(grid_url(unit), {f"value-{world['own'].pk}": "1,2,3"})
    assert response.status_code == 400
    errors = response.context["form"].errors[f"value-{world['own'].pk}"]
    assert errors[0].startswith("“1,2,3” không phải số hợp lệ")
    assert Actual.objects.count() == 0


def test_grid_reads_a_pasted_decimal_point_where_it_is_unambiguous(client, make_user, world, unit):
    login(client, make_user, Role.UNIT_CLERK, unit)
    response = client.post(grid_url(unit), {f"value-{world['own'].pk}": "1.5"})
    assert response.status_code == 302
    assert Actual.objects.get().value == D("1.5")


def test_grid_change_needs_reason_then_is_history(client, make_user, world, unit):
    user = login(client, make_user, Role.UNIT_CLERK, unit)
    key = f"value-{world['own'].pk}"
    client.post(grid_url(unit), {key: "202"})
    refused = client.post(grid_url(unit), {key: "203"})
    assert refused.status_code == 400
    assert refused.context["form"].errors[key] == ["Số liệu đã gửi: cần ghi lý do thay đổi."]
    assert Actual.objects.get().value == D("202")
    accepted = client.post(
        grid_url(unit), {key: "203", f"reason-{world['own'].pk}": "Bổ sung 01 hồ sơ"}
    )
    assert accepted.status_code == 302
    history = client.get(reverse("targets:history", args=[world["own"].pk]))
    changes = [
        (c.old_value, c.new_value, c.reason, c.changed_by) for c in history.context["changes"]
    ]
    assert changes == [
        (D("202"), D("203"), "Bổ sung 01 hồ sơ", user),
        (None, D("202"), "", user),
    ]
    assert "Bổ sung 01 hồ sơ" in history.content.decode()


def test_grid_closed_period_locked_for_unit_open_for_staff(client, make_user, world, unit):
    staff = make_user(Role.AUTHORITY_STAFF, unit)
    close_period(
        period=get_period(authority=unit.authority, year=2023, kind=PeriodKind.YEAR), user=staff
    )
    login(client, make_user, Role.UNIT_CLERK, unit)
    page = client.get(grid_url(unit))
    assert page.context["editable"] is False
    refused = client.post(grid_url(unit), {f"value-{world['own'].pk}": "202"})
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        "Kỳ báo cáo đã khóa; liên hệ cán bộ thi đua để mở lại."
    ]
    assert Actual.objects.count() == 0
    client.force_login(staff)
    assert client.post(grid_url(unit), {f"value-{world['own'].pk}": "202"}).status_code == 302
    assert Actual.objects.get().value == D("202")


def test_reopen_requires_reason(client, make_user, authority, unit):
    staff = login(client, make_user, Role.AUTHORITY_STAFF, unit)
    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    close_period(period=period, user=staff)
    url = reverse("targets:reopen_period", args=[2023, "year"])
    client.post(url, {"reason": ""})
    period.refresh_from_db()
    assert period.state == PeriodState.CLOSED
    client.post(url, {"reason": "Phường Bến Nghé bổ sung số liệu"})
    period.refresh_from_db()
    assert period.state == PeriodState.OPEN


def test_grid_evidence_upload_and_download_scoped(
    client, make_user, world, unit, other_unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, make_user, Role.UNIT_CLERK, unit)
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = client.post(
        grid_url(unit), {f"value-{world['own'].pk}": "202", f"evidence-{world['own'].pk}": pdf}
    )
    assert response.status_code == 302
    actual = Actual.objects.get()
    download = client.get(reverse("targets:evidence", args=[actual.pk]))
    assert (download.status_code, b"".join(download.streaming_content)) == (200, b"%PDF-1.4 demo")
    login(client, make_user, Role.UNIT_CLERK, other_unit)
    assert client.get(reverse("targets:evidence", args=[actual.pk])).status_code == 404


def test_grid_evidence_named_c_js_is_judged_by_its_bytes(
    client, make_user, world, unit, settings, tmp_path
):
    """A JPEG carrying a script, uploaded as c.js with the type text/javascript, is kept as a
    re-encoded JPEG under a server name; an SVG under the same name is refused."""
    settings.MEDIA_ROOT = tmp_path
    login(client, make_user, Role.UNIT_CLERK, unit)
    target = world["own"]
    svg = SimpleUploadedFile("c.js", PAYLOADS["svg"], content_type="text/javascript")
    refused = client.post(
        grid_url(unit), {f"value-{target.pk}": "202", f"evidence-{target.pk}": svg}
    )
    assert refused.status_code == 400
    assert "Minh chứng phải là tệp PDF, ảnh JPG/PNG, DOCX hoặc XLSX." in refused.content.decode()
    assert Actual.objects.count() == 0
    jpeg = SimpleUploadedFile(
        "c.js", PAYLOADS["jpeg with script comment"], content_type="text/javascript"
    )
    client.post(grid_url(unit), {f"value-{target.pk}": "202", f"evidence-{target.pk}": jpeg})
    actual = Actual.objects.get()
    download = client.get(reverse("targets:evidence", args=[actual.pk]))
    body = b"".join(download.streaming_content)
    assert re.fullmatch(
        rf"targets/evidence/\d{{4}}/\d{{2}}/{target.pk}/[0-9a-f]{{32}}\.jpg", actual.evidence.name
    )
    assert (download["Content-Type"], download["X-Content-Type-Options"]) == (
        "image/jpeg",
        "nosniff",
    )
    assert body.startswith(b"\xff\xd8\xff") and MARKER not in body


def test_dashboard_renders_demo_headline(client, make_user, authority, unit):
    staff = login(client, make_user, Role.AUTHORITY_STAFF, unit)
    seed_demo_targets(authority=authority, user=staff)
    response = client.get(reverse("targets:dashboard"), {"year": 2026})
    html = response.content.decode()
    assert "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch" in html
    # Years and ids are never written with a thousands separator (links and form values).
    assert "Chỉ tiêu năm 2026" in html
    assert '<option value="2026" selected>2026</option>' in html
    assert "2.026" not in html
    assert "16.728" in html
    assert "<script>" not in html and "style=" not in html


def test_history_values_use_actual_kind(client, make_user, world, unit):
    staff = login(client, make_user, Role.AUTHORITY_STAFF, unit)
    period = get_period(authority=unit.authority, year=2023, kind=PeriodKind.YEAR)
    save_actuals(
        user=staff,
        period=period,
        value_kind=ValueKind.ESTIMATE,
        entries=[ActualEntry(target=world["own"], value=D("190"))],
    )
    response = client.get(reverse("targets:history", args=[world["own"].pk]))
    assert [(a.value, a.value_kind) for a, _e in response.context["values"]] == [
        (D("190"), ValueKind.ESTIMATE)
    ]
    assert ActualChange.objects.count() == 1


# Queries of the dashboard page, pinned: the same at 2 targets × 1 period and 8 × 5.
DASHBOARD_QUERIES = {Role.AUTHORITY_STAFF: 7, Role.UNIT_CLERK: 8}


def open_dashboard(client, assert_queries) -> None:
    with assert_queries:
        response = client.get(reverse("targets:dashboard"), {"year": 2025})
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.AUTHORITY_STAFF, Role.UNIT_CLERK])
def test_dashboard_page_queries_do_not_grow_with_data(
    client, make_user, authority, unit, role, django_assert_num_queries
):
    user = login(client, make_user, role, unit)
    seed_bulk_targets(authority=authority, user=user, targets=2, periods=1, year=2025)
    open_dashboard(client, django_assert_num_queries(DASHBOARD_QUERIES[role]))
    for n in range(6):
        UnitFactory(authority=authority, code=f"X{n}")
    authority.targets.all().delete()
    seed_bulk_targets(authority=authority, user=user, targets=8, periods=5, year=2025)
    open_dashboard(client, django_assert_num_queries(DASHBOARD_QUERIES[role]))
