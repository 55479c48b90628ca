"""The dashboard's table by unit, built by `unit_result_rows`: one row per unit with its counts,
its bar and the link to its grid; a unit's name is text, never markup."""

from django.urls import reverse
from django.utils import translation

from emulation.targets.evaluation import Summary
from emulation.templatetags.targets_format import unit_options, unit_result_rows


def test_unit_result_rows_one_row_per_unit_with_its_bar_and_grid():
    by_unit = [
        (7, "Phòng <b>Tư pháp</b> & Hộ tịch", Summary(total=4, exceeded=1, met=1, not_met=2)),
        (9, "Xã Yên Hòa", Summary()),
    ]

    with translation.override("vi"):
        rows = unit_result_rows(by_unit, year=2025, period="year")

    grid_7 = reverse("targets:grid", args=[7, 2025, "year", "official"])
    grid_9 = reverse("targets:grid", args=[9, 2025, "year", "official"])
    assert rows == (
        '<tr><th scope="row"><a href="?nam=2025&amp;period=year&amp;unit=7">'
        "Phòng &lt;b&gt;Tư pháp&lt;/b&gt; &amp; Hộ tịch</a></th>\n"
        '        <td class="num">2/4</td><td class="num">1</td>'
        '<td class="num">2</td><td class="num">0</td>\n'
        '        <td><svg class="unit-bar" viewBox="0 0 160 14" role="img" aria-label="2/4">'
        '<rect x="0.0" y="0" width="40.0" height="14" class="fill-exceeded"></rect>'
        '<rect x="40.0" y="0" width="40.0" height="14" class="fill-met"></rect>'
        '<rect x="80.0" y="0" width="80.0" height="14" class="fill-not_met"></rect></svg></td>\n'
        f'        <td><a href="{grid_7}">Số liệu</a></td></tr>\n'
        '    <tr><th scope="row"><a href="?nam=2025&amp;period=year&amp;unit=9">'
        "Xã Yên Hòa</a></th>\n"
        '        <td class="num">0/0</td><td class="num">0</td>'
        '<td class="num">0</td><td class="num">0</td>\n'
        '        <td><svg class="unit-bar" viewBox="0 0 160 14" role="img" aria-label="0/0">'
        "</svg></td>\n"
        f'        <td><a href="{grid_9}">Số liệu</a></td></tr>\n'
    )


def test_unit_result_rows_label_follows_the_language():
    with translation.override("en"):
        rows = unit_result_rows([(3, "Xã A", Summary(total=1, met=1))], year=2025, period="q1")

    assert rows.endswith('">Figures</a></td></tr>\n')
    assert "?nam=2025&amp;period=q1&amp;unit=3" in rows


def test_unit_options_one_option_per_unit_its_name_as_text():
    by_unit = [(7, "Phòng <b>Tư pháp</b>", Summary()), (9, "Xã Yên Hòa", Summary(total=1))]

    assert unit_options(by_unit) == (
        '<option value="7">Phòng &lt;b&gt;Tư pháp&lt;/b&gt;</option>'
        '<option value="9">Xã Yên Hòa</option>'
    )
