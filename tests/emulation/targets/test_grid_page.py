"""The grid page itself: the error summary after a refused save, the sticky save bar and the
script that previews each row's verdict."""

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from emulation.enums import Role
from emulation.models import Actual
from tests.emulation.targets.factories import TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(authority, unit):
    return [
        TargetFactory(
            authority=authority, unit=unit, code="KN", name="Kết nạp đảng viên", plan_value=D("200")
        ),
        TargetFactory(
            authority=authority, unit=unit, code="HT", name="Hộ nghèo", plan_value=D("20")
        ),
    ]


def grid_url(unit):
    return reverse("targets:grid", args=[unit.pk, 2023, "year", "official"])


def test_grid_bad_save_lists_each_error_at_the_top_with_a_link_to_its_cell(
    client, make_user, unit, targets
):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    kn, ht = targets
    response = client.post(grid_url(unit), {f"value-{kn.pk}": "1.2.3", f"value-{ht.pk}": "abc"})
    html = response.content.decode()

    assert response.status_code == 400
    assert Actual.objects.count() == 0
    summary = re.search(r'<div class="form-error error-summary"(.*?)</div>', html, re.S)
    assert summary is not None
    assert 'role="alert" tabindex="-1" id="grid-errors" data-error-summary autofocus' in summary[1]
    assert "Chưa lưu được: hãy sửa các ô dưới đây" in summary[1]
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', summary[1])
    # In catalogue order (by code): HT before KN.
    assert links == [
        (
            f"id_value-{ht.pk}",
            "HT Hộ nghèo: “abc” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17).",
        ),
        (
            f"id_value-{kn.pk}",
            "KN Kết nạp đảng viên: “1.2.3” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17).",
        ),
    ]
    # The summary comes before the grid, and each input points at its own error.
    assert html.index("data-error-summary") < html.index("<table")
    for target in targets:
        field = re.search(rf'<input[^>]*name="value-{target.pk}"[^>]*>', html)[0]
        assert 'aria-invalid="true"' in field
        assert f'aria-describedby="id_value-{target.pk}_error"' in field
        assert f'<ul class="field-errors" id="id_value-{target.pk}_error">' in html


def test_grid_service_error_is_listed_in_the_summary(client, make_user, unit, targets):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    kn = targets[0]
    client.post(grid_url(unit), {f"value-{kn.pk}": "202"})
    refused = client.post(grid_url(unit), {f"value-{kn.pk}": "203"})
    html = refused.content.decode()

    assert refused.status_code == 400
    assert list(Actual.objects.values_list("value", flat=True)) == [D("202")]
    assert re.search(rf'<li><a href="#id_value-{kn.pk}">KN Kết nạp đảng viên: [^<]+</a>', html)


def test_grid_without_errors_has_no_summary(client, make_user, unit, targets):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    html = client.get(grid_url(unit)).content.decode()
    assert "data-error-summary" not in html
    assert 'aria-invalid="true"' not in html


def test_grid_save_button_sits_in_the_sticky_bar(client, make_user, unit, targets):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    html = client.get(grid_url(unit)).content.decode()
    bar = re.search(r'<div class="savebar" data-savebar>(.*?)</div>', html, re.S)
    assert bar is not None
    assert "2 chỉ tiêu. Kết quả tạm tính ngay khi nhập; hệ thống tính lại khi lưu." in bar[1]
    assert '<button type="submit" class="button button-primary">Lưu toàn bộ</button>' in bar[1]
    start = html.index('<form method="post" enctype')
    form = html[start : html.index("</form>", start)]
    assert form.count('type="submit"') == 1
    css = Path(finders.find("css/targets.css")).read_text(encoding="utf-8")
    assert re.search(r"\.savebar \{\s*position: sticky;\s*bottom: 0;", css)


def test_grid_read_only_has_no_save_bar(client, make_user, unit, targets):
    client.force_login(make_user(Role.COUNCIL_MEMBER, unit))
    response = client.get(grid_url(unit))
    assert response.status_code == 200
    assert "data-savebar" not in response.content.decode()


def test_grid_rows_carry_the_terms_the_script_judges_by(client, make_user, unit, targets):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    html = client.get(grid_url(unit)).content.decode()
    assert 'data-tolerance="0.0010"' in html
    assert 'data-label-exceeded="Vượt"' in html and 'data-label-not_met="Không đạt"' in html
    rows = re.findall(r"<tr[^>]*data-verdict-row[^>]*>", html, re.S)
    assert [re.sub(r"\s+", " ", row) for row in rows] == [
        f'<tr data-verdict-row data-direction="higher_better" data-plan="{plan}" '
        'data-baseline="" data-min="" data-max="">'
        for plan in ("20.0000", "200.0000")
    ]
    assert "<script>" not in html and "style=" not in html


def test_grid_script_is_referenced_and_served(client, make_user, unit, targets):
    client.force_login(make_user(Role.UNIT_CLERK, unit))
    html = client.get(grid_url(unit)).content.decode()
    src = re.search(r'<script src="([^"]*targets-grid\.js)" defer></script>', html)[1]
    assert src.startswith("/static/js/targets-grid")
    path = finders.find("js/targets-grid.js")
    script = Path(path).read_text(encoding="utf-8")
    for rule in ("higher_better", "lower_better", "reduce_by_pct", "boolean", "range"):
        assert f'"{rule}"' in script
    assert "showVerdict" in script and "data-error-summary" in script
