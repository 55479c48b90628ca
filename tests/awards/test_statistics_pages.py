"""The statistical forms' pages: the table, the drill-down from a province to its communes,
the xlsx, who may read what, and a wrong year or day (awards/statistics/views.py)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from awards.enums import AwardCode
from config import clock
from emulation.enums import Role
from emulation.models import Authority
from tests.awards.statistics_world import (
    commune_awards,
    commune_movements,
    province_authority,
    represent,
)
from tests.conftest import rows_again, rows_for_the_module
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

PERIOD = {"year": "2025", "day": "30/11/2025"}
READERS = (Role.AUTHORITY_STAFF, Role.CHAIRPERSON, Role.ADMINISTRATOR)
REFUSED = (Role.UNIT_HEAD, Role.UNIT_CLERK, Role.COUNCIL_MEMBER)


@pytest.fixture(scope="module")
def tree_rows(django_db_setup, django_db_blocker):
    """The province and its two communes with their awards and movements, built once per
    module (and xdist worker): the tests only read them, each in a savepoint of its own."""
    with rows_for_the_module(django_db_blocker):
        province = province_authority()
        communes = [AuthorityFactory(), AuthorityFactory()]
        for commune in communes:
            represent(province, commune)
            commune_awards(province, commune)
            commune_movements(commune)
        yield province.pk, [commune.pk for commune in communes]


@pytest.fixture
def tree(db, tree_rows):
    """The province and its communes, read afresh for each test."""
    province_pk, commune_pks = tree_rows
    return Authority.objects.get(pk=province_pk), rows_again(Authority, commune_pks)


def user_of(authority, role=Role.AUTHORITY_STAFF):
    return UserFactory(role=role, unit=UnitFactory(authority=authority))


def drill(slug, authority, suffix=""):
    name = "statistics:authority_form_xlsx" if suffix else "statistics:authority_form"
    return reverse(name, args=[slug, authority.pk])


@pytest.mark.parametrize("role", READERS)
def test_province_reader_sees_the_total_and_each_commune(client, tree, role):
    province, communes = tree
    client.force_login(user_of(province, role))

    response = client.get(reverse("statistics:form", args=["0603"]), PERIOD)

    assert response.status_code == 200
    result = response.context["statistics"]
    assert result.total.value(AwardCode.BANG_KHEN_TINH, "total") == 6
    assert [part.authority for part in result.parts] == communes
    html = response.content.decode()
    for commune in communes:
        assert f'href="{drill("0603", commune)}?year=2025&amp;day=30%2F11%2F2025"' in html
    assert "Năm 2025, số liệu tính đến ngày 30/11/2025" in html
    assert "cá nhân chia theo ngạch, loại của vị trí công tác vào ngày ký quyết định" in html


def test_province_staff_drill_into_a_commune(client, tree):
    province, communes = tree
    client.force_login(user_of(province))

    response = client.get(drill("0601", communes[1]), PERIOD)

    assert response.status_code == 200
    assert response.context["authority"] == communes[1]
    assert response.context["statistics"].total.total_values() == [2, 1, 1, 4, 1, 1]


def test_numbers_are_written_the_vietnamese_way(client, tree):
    province, _communes = tree
    client.force_login(user_of(province))

    response = client.get(reverse("statistics:form", args=["0601"]), PERIOD)

    # Four movements in the province, eight unit entries: whole counts, no decimals.
    assert '<td class="num"><strong>8</strong></td>' in response.content.decode()


@pytest.mark.parametrize("role", READERS)
def test_commune_reader_sees_its_own_form(client, tree, role):
    _province, communes = tree
    client.force_login(user_of(communes[0], role))

    response = client.get(reverse("statistics:form", args=["0603"]), PERIOD)

    assert response.status_code == 200
    assert response.context["statistics"].total.total_values()[0] == 6
    assert response.context["parts"] == []


@pytest.mark.parametrize("role", READERS)
def test_commune_never_reads_another_commune_or_the_province(client, tree, role):
    province, communes = tree
    client.force_login(user_of(communes[0], role))

    for target in (communes[1], province):
        assert client.get(drill("0603", target), PERIOD).status_code == 404
        assert client.get(drill("0603", target, ".xlsx"), PERIOD).status_code == 404


def test_another_authority_does_not_reach_the_province_s_communes(client, tree):
    _province, communes = tree
    client.force_login(user_of(AuthorityFactory()))

    assert client.get(drill("0603", communes[0]), PERIOD).status_code == 404


def test_a_commune_no_longer_represented_on_the_day_is_not_reached(client, db):
    province = province_authority()
    former = AuthorityFactory()
    represent(province, former, valid_to=datetime.date(2024, 12, 31))
    client.force_login(user_of(province))

    assert client.get(drill("0603", former), PERIOD).status_code == 404
    earlier = {"year": "2024", "day": "30/06/2024"}
    assert client.get(drill("0603", former), earlier).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_unit_users_and_council_members_are_refused(client, tree, role):
    province, communes = tree
    client.force_login(user_of(province, role))

    assert client.get(reverse("statistics:index")).status_code == 403
    assert client.get(reverse("statistics:form", args=["0603"]), PERIOD).status_code == 403
    assert client.get(drill("0603", communes[0]), PERIOD).status_code == 403


def test_xlsx_has_the_total_the_breakdown_and_each_commune(client, tree):
    province, communes = tree
    client.force_login(user_of(province))

    response = client.get(reverse("statistics:form_xlsx", args=["0603"]), PERIOD)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="bieu-0603-{province.pk}-2025.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    total = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert total[0] == ["Biểu 0603.N", "Số lượng khen thưởng cấp bộ, ban, ngành, tỉnh"] + [None] * (
        len(total[3]) - 2
    )
    assert total[1][1] == "Năm 2025, số liệu tính đến ngày 30/11/2025"
    assert total[3][:6] == [
        "Nội dung",
        "Tổng số",
        "Tập thể",
        "Trong đó: doanh nghiệp",
        "Hộ gia đình",
        "Cá nhân",
    ]
    assert total[4][:2] == ["Bằng khen của Chủ tịch UBND tỉnh, thành phố", 6]
    assert total[-1][:6] == ["Tổng số", 12, 4, 2, 2, 6]
    breakdown = [list(row) for row in book.worksheets[1].iter_rows(values_only=True)]
    assert [row[:2] for row in breakdown[4:]] == [
        [f"Số liệu của {province}", 0],
        [str(communes[0]), 6],
        [str(communes[1]), 6],
        ["Tổng số", 12],
    ]
    commune_sheet = [list(row) for row in book.worksheets[2].iter_rows(values_only=True)]
    assert commune_sheet[-1][:2] == ["Tổng số", 6]


def test_drilled_xlsx_is_the_commune_s_form(client, tree):
    province, communes = tree
    client.force_login(user_of(province))

    response = client.get(drill("0601", communes[0], ".xlsx"), PERIOD)

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp"]
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert rows[-1] == ["Tổng số", 2, 1, 1, 4, 1, 1]


def test_index_lists_the_forms_and_says_what_is_not_computed(client, tree):
    province, _communes = tree
    client.force_login(user_of(province))

    html = client.get(reverse("statistics:index")).content.decode()

    assert reverse("statistics:form", args=["0601"]) in html
    assert reverse("statistics:form", args=["0603"]) in html
    assert "Chưa lập được biểu 0602.N" in html


def test_without_a_period_the_form_is_this_year_up_to_today(client, tree):
    province, _communes = tree
    client.force_login(user_of(province))

    response = client.get(reverse("statistics:form", args=["0603"]))

    today = clock.today()
    assert response.status_code == 200
    assert response.context["statistics"].period.year == today.year
    assert response.context["statistics"].period.day == today


def test_a_past_year_without_a_day_is_taken_at_its_end(client, tree):
    province, _communes = tree
    client.force_login(user_of(province))

    response = client.get(reverse("statistics:form", args=["0603"]), {"year": "2025"})

    assert response.context["statistics"].period.day == datetime.date(2025, 12, 31)
    assert response.context["statistics"].total.value(AwardCode.CO_TINH, "total") == 4


def _bad_inputs():
    this_year = datetime.date.today().year
    return [
        ({"year": "1999"}, f"Năm báo cáo phải từ 2000 đến {this_year}."),
        ({"year": str(this_year + 1)}, f"Năm báo cáo phải từ 2000 đến {this_year}."),
        ({"year": "hai"}, "Năm báo cáo phải là một số, ví dụ 2025."),
        (
            {"year": "2025", "day": "31/12/2024"},
            "Ngày lấy số liệu phải thuộc năm báo cáo 2025 (01/01 đến 31/12).",
        ),
        (
            {"year": "2025", "day": "31/02/2025"},
            "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/12/2025.",
        ),
    ]


@pytest.mark.parametrize(("query", "message"), _bad_inputs())
@pytest.mark.parametrize("name", ["statistics:form", "statistics:form_xlsx"])
def test_a_year_or_day_out_of_range_answers_400_with_the_reason(client, tree, query, message, name):
    province, _communes = tree
    client.force_login(user_of(province))

    response = client.get(reverse(name, args=["0603"]), query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_a_day_after_today_answers_400(client, tree, settings):
    province, _communes = tree
    client.force_login(user_of(province))
    tomorrow = clock.today() + datetime.timedelta(days=1)
    if tomorrow.year != clock.today().year:
        settings.CLOCK_OFFSET_DAYS = -1
        tomorrow = clock.today() + datetime.timedelta(days=1)
    query = {"year": str(tomorrow.year), "day": tomorrow.strftime("%d/%m/%Y")}

    response = client.get(reverse("statistics:form", args=["0603"]), query)

    assert response.status_code == 400
    assert "Ngày lấy số liệu không được sau hôm nay" in response.content.decode()


def test_an_unknown_form_is_not_found(client, tree):
    province, _communes = tree
    client.force_login(user_of(province))

    assert client.get(reverse("statistics:form", args=["0602"]), PERIOD).status_code == 404


def test_the_form_reads_in_english(client, tree, settings):
    province, _communes = tree
    client.force_login(user_of(province))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # The request activates English in this thread; the override puts the language back.
    with translation.override(settings.LANGUAGE_CODE):
        html = client.get(reverse("statistics:form", args=["0603"]), PERIOD).content.decode()
        refused = client.get(reverse("statistics:form", args=["0603"]), {"year": "1999"})

    assert "Form 0603.N: Awards at ministry, sector or province level" in html
    assert "Year 2025, figures as of 30/11/2025" in html
    assert "Of which: enterprises" in html
    assert "By subordinate authority (each authority's Total row)" in html
    assert "The report year must be between 2000 and" in refused.content.decode()
