"""Forms 0601.N and 0603.N computed from hand-made records, for one commune and summed over
a province's communes (awards/statistics)."""

import datetime

import pytest

from awards.enums import AwardCode
from awards.statistics.figures import (
    MOVEMENTS,
    PROVINCE_AWARDS,
    Period,
    movements_table,
    province_awards_table,
)
from awards.statistics.province import reachable_authorities, statistics
from awards.statistics.tables import Table
from emulation.enums import StaffCategory
from tests.awards.statistics_world import (
    award_line,
    commune_awards,
    commune_movements,
    decision,
    province_authority,
    represent,
)
from tests.factories import AuthorityFactory, PersonFactory

D = datetime.date
COLUMNS = [column.key for column in PROVINCE_AWARDS.columns]


def awards_row(**counts) -> list[int]:
    """A 0603.N row from its non-zero cells: total=3, individual=2…"""
    return [counts.get(key, 0) for key in COLUMNS]


@pytest.fixture
def province(db):
    return province_authority()


@pytest.fixture
def commune(province):
    commune = AuthorityFactory()
    represent(province, commune)
    commune_awards(province, commune)
    commune_movements(commune)
    return commune


def rows(table: Table) -> dict[str, list[int]]:
    return {row.key: values for row, values in table.rows_with_values()}


def test_province_awards_of_a_commune_by_subject_and_category(commune):
    table = province_awards_table(commune, Period(2025, D(2025, 11, 30)))

    assert rows(table) == {
        AwardCode.BANG_KHEN_TINH: awards_row(
            total=3,
            individual=2,
            household=1,
            **{StaffCategory.CIVIL_SERVANT: 1, "unclassified": 1},
        ),
        AwardCode.CSTD_TINH: awards_row(total=1, individual=1, worker=1),
        AwardCode.CO_TINH: awards_row(total=1, collective=1, enterprise=1),
        AwardCode.TTLDXS: awards_row(total=1, collective=1),
    }
    assert table.total_values() == awards_row(
        total=6,
        collective=2,
        enterprise=1,
        household=1,
        individual=3,
        civil_servant=1,
        worker=1,
        unclassified=1,
    )


def test_province_awards_as_of_an_earlier_day_keep_a_decision_revoked_later(commune):
    table = province_awards_table(commune, Period(2025, D(2025, 8, 31)))

    assert rows(table)[AwardCode.CSTD_TINH] == awards_row(
        total=2, individual=2, civil_servant=1, worker=1
    )


def test_province_awards_at_the_year_end_count_the_december_decision(commune):
    table = province_awards_table(commune, Period(2025, D(2025, 12, 31)))

    assert rows(table)[AwardCode.CO_TINH] == awards_row(total=2, collective=2, enterprise=1)


def test_province_awards_before_any_decision_are_zero(commune):
    table = province_awards_table(commune, Period(2025, D(2025, 3, 31)))

    assert table.total_values() == awards_row()


def test_province_awards_leave_out_another_authority_s_people(commune, province):
    stranger = PersonFactory(authority=AuthorityFactory())
    award_line(decision(province, D(2025, 6, 10)), AwardCode.BANG_KHEN_TINH, person=stranger)

    table = province_awards_table(commune, Period(2025, D(2025, 11, 30)))

    assert table.value(AwardCode.BANG_KHEN_TINH, "total") == 3


def test_a_commune_awarded_as_the_province_s_unit_counts_for_the_commune(province):
    commune = AuthorityFactory()
    ward_unit = represent(province, commune)
    award_line(decision(province, D(2025, 6, 10)), AwardCode.CO_TINH, unit=ward_unit)
    period = Period(2025, D(2025, 11, 30))

    assert province_awards_table(commune, period).value(AwardCode.CO_TINH, "collective") == 1
    assert province_awards_table(province, period).value(AwardCode.CO_TINH, "collective") == 0


def test_movements_of_a_commune_by_kind_duration_and_review(commune):
    table = movements_table(commune, Period(2025, D(2025, 11, 30)))

    assert rows(table) == {
        # movements, under a year, a year or more, unit entries, mid-year, year-end reviewed
        "regular": [1, 0, 1, 3, 1, 0],
        "thematic": [1, 1, 0, 1, 0, 1],
    }
    assert table.total_values() == [2, 1, 1, 4, 1, 1]


def test_movements_at_the_year_end_count_the_december_launch_and_review(commune):
    table = movements_table(commune, Period(2025, D(2025, 12, 31)))

    assert rows(table)["regular"] == [2, 0, 2, 3, 1, 1]


@pytest.fixture
def three_communes(province):
    """Two communes represented in 2025 with records; a third represented only until 2024."""
    communes = [AuthorityFactory() for _ in range(3)]
    represent(province, communes[0])
    represent(province, communes[1])
    represent(province, communes[2], valid_to=D(2024, 12, 31))
    for commune in communes:
        commune_awards(province, commune)
        commune_movements(commune)
    return communes


@pytest.mark.parametrize("slug", ["0601", "0603"])
def test_province_form_equals_the_sum_of_its_communes_cell_by_cell(province, three_communes, slug):
    period = Period(2025, D(2025, 11, 30))

    result = statistics(slug, province, period)

    assert [part.authority for part in result.parts] == three_communes[:2]
    parts = [statistics(slug, commune, period).total for commune in three_communes[:2]]
    spec = result.spec
    for row in spec.rows:
        for column in spec.columns:
            assert result.total.value(row.key, column.key) == sum(
                part.value(row.key, column.key) for part in parts
            ), (row.key, column.key)
    assert result.own.total_values() == [0] * len(spec.columns)
    expected = {"0601": [4, 2, 2, 8, 2, 2], "0603": None}[slug]
    if expected is not None:
        assert result.total.total_values() == expected
    else:
        assert result.total.value(AwardCode.BANG_KHEN_TINH, "total") == 6


def test_province_form_adds_its_own_records(province, three_communes):
    own_person = PersonFactory(authority=province)
    award_line(decision(province, D(2025, 6, 10)), AwardCode.BANG_KHEN_TINH, person=own_person)
    period = Period(2025, D(2025, 11, 30))

    result = statistics("0603", province, period)

    assert result.own.value(AwardCode.BANG_KHEN_TINH, "unclassified") == 1
    assert result.total.value(AwardCode.BANG_KHEN_TINH, "total") == 7
    assert result.total.total_values()[0] == 13


def test_a_tree_that_loops_is_summed_once(province):
    commune = AuthorityFactory()
    represent(province, commune)
    represent(commune, province)
    award_line(
        decision(province, D(2025, 6, 10)),
        AwardCode.BANG_KHEN_TINH,
        person=PersonFactory(authority=commune),
    )

    result = statistics("0603", province, Period(2025, D(2025, 11, 30)))

    assert result.total.value(AwardCode.BANG_KHEN_TINH, "total") == 1


def test_reachable_authorities_follow_the_tree_on_the_day(province, three_communes):
    ids = reachable_authorities(province, D(2025, 11, 30))
    earlier = reachable_authorities(province, D(2024, 6, 1))

    assert ids == {province.pk, three_communes[0].pk, three_communes[1].pk}
    assert earlier == {province.pk, *(commune.pk for commune in three_communes)}
    assert reachable_authorities(three_communes[0], D(2025, 11, 30)) == {three_communes[0].pk}


def test_tables_of_different_forms_do_not_add():
    with pytest.raises(ValueError):
        Table(MOVEMENTS) + Table(PROVINCE_AWARDS)


@pytest.mark.parametrize("count", [1, 4])
@pytest.mark.parametrize(("slug", "queries"), [("0601", 3), ("0603", 5)])
def test_a_province_form_takes_the_same_queries_for_any_number_of_communes(
    province, django_assert_num_queries, count, slug, queries
):
    """A query for each level of the tree (the province's units, the communes' units) and the
    form's own: 1 for movements; decision lines, titles by hand, posts for awards."""
    for _ in range(count):
        commune = AuthorityFactory()
        represent(province, commune)
        commune_awards(province, commune)
        commune_movements(commune)
    period = Period(2025, D(2025, 11, 30))

    with django_assert_num_queries(queries):
        result = statistics(slug, province, period)

    assert len(result.parts) == count
