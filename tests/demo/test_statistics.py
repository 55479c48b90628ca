"""The statistical forms on the demo's province (fixtures/demo_province.json): the city's
0603.N is the sum of its wards' cell by cell, and the award the city decided for the ward's
nominee is counted at the ward, not at the city."""

import pytest

from awards.models import Decision
from awards.statistics.figures import Period
from awards.statistics.province import statistics
from demo.province import PROVINCE_CODE, WARD_CODE
from emulation.models import Authority
from tests.demo.conftest import demo_for_the_module

demo_rows = demo_for_the_module(
    "demo_targets",
    "demo_awards",
    "demo_pledges",
    "demo_scoring",
    "demo_movements",
    "demo_province",
)


@pytest.fixture
def demo(db, demo_rows):
    """The whole demo, loaded once for the module."""


@pytest.fixture
def city_form(demo):
    city = Authority.objects.get(code=PROVINCE_CODE)
    decision = Decision.objects.get(authority=city)
    period = Period(decision.signed_on.year, decision.signed_on)
    return city, decision, period


@pytest.mark.parametrize("slug", ["0601", "0603"])
def test_the_city_form_is_the_sum_of_its_wards_cell_by_cell(city_form, slug):
    city, _decision, period = city_form

    result = statistics(slug, city, period)

    assert [part.authority.code for part in result.parts] == [
        WARD_CODE,
        "phuong-ben-thanh",
        "phuong-tan-dinh",
    ]
    wards = [statistics(slug, part.authority, period).total for part in result.parts]
    for row in result.spec.rows:
        for column in result.spec.columns:
            assert result.total.value(row.key, column.key) == result.own.value(
                row.key, column.key
            ) + sum(ward.value(row.key, column.key) for ward in wards)


def test_the_city_s_award_for_the_ward_s_nominee_counts_at_the_ward(city_form):
    city, decision, period = city_form
    [line] = decision.lines.select_related("nomination_line__award")
    award = line.nomination_line.award.code

    result = statistics("0603", city, period)

    ward = result.parts[0]
    assert ward.table.value(award, "total") == 1
    assert ward.table.value(award, line.nomination_line.subject_kind) == 1
    assert result.own.value(award, "total") == 0
    assert result.total.value(award, "total") == 1
