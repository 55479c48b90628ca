"""A province and one of its wards on the same instance (issue 18), walked in chromium.

1. The ward's staff draft a submission (tờ trình) of two nominees for Chiến sĩ thi đua cấp
   tỉnh, approved by the ward's council; the ward's chairperson signs it.
2. The province's Sở Nội vụ finds both in its queue with the ward's dossier, returns one with
   a reason, appraises the other from the records and publishes it.
3. The notice ends (the product's clock moves); the province's council votes it through.
4. The province's staff draft the decision; the province's chairperson signs it with a
   password.
5. The ward sees each line's state on its submission, and the award in the person's history
   with the province's money.
6. The next year, the ward proposes the same person again: the appraisal's dossier reads the
   province's award among the person's earlier titles, beside the E-06 verdict.

The world (two authorities, their accounts, the nominees' records, the ward's approved
nomination) is built with factories; after that every step is a person in the browser, but
the next year's draft of step 6, made with a factory.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.catalogue.selectors import base_salary_on, rule_set_for
from awards.enums import InitiativeLevel, NominationState
from awards.models import Award
from config import clock
from emulation.enums import Role, UnitKind
from tests.awards.conftest import in_state
from tests.awards.factories import (
    InitiativeFactory,
    NominationFactory,
    NominationLineFactory,
    PersonYearFactory,
    TitleHeldFactory,
)
from tests.browser.year_world import NOTICE_OFFSET_DAYS, Walk, account, click, flash, follow
from tests.factories import (
    TEST_PASSWORD,
    EmploymentFactory,
    PersonFactory,
    UnitFactory,
    province_above,
    rename_district_to_ward,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True),
]

NOMINEES = ("Phạm Quốc Bảo", "Lê Thị Ngọc Ánh")
RETURN_REASON = "Sáng kiến cấp Thành phố chưa có quyết định công nhận kèm theo."


def _world(ward, year: int) -> dict:
    """The ward with its staff, chairperson and an office whose two people held Chiến sĩ thi
    đua cơ sở three years running with a city-level initiative, nominated by the ward and
    approved by its council; the city above it with its Sở Nội vụ, council and chairperson."""
    rename_district_to_ward(ward)
    office = UnitFactory(authority=ward, code="VP", name="Văn phòng HĐND và UBND")
    unit = UnitFactory(
        authority=ward, code="KT", name="Phòng Kinh tế", kind=UnitKind.SPECIALIST_OFFICE
    )
    cstdcs, cstd_tinh = Award.objects.get(code="cstdcs"), Award.objects.get(code="cstd_tinh")
    nomination = NominationFactory(unit=unit, year=year, title=f"Đề nghị CSTĐ cấp tỉnh {year}")
    people = []
    for name in NOMINEES:
        person = PersonFactory(authority=ward, full_name=name)
        EmploymentFactory(person=person, unit=unit)
        for held in range(year - 2, year + 1):
            PersonYearFactory(person=person, unit=unit, year=held)
            TitleHeldFactory(person=person, award=cstdcs, year=held)
        InitiativeFactory(
            person=person,
            level=InitiativeLevel.PROVINCE,
            recognised_on=datetime.date(year, 6, 1),
        )
        NominationLineFactory(
            nomination=nomination,
            award=cstd_tinh,
            subject_kind="individual",
            person=person,
            achievement=f"Sáng kiến cấp Thành phố của {name}.",
            eligible=True,
            approved=True,
            yes_votes=5,
            members_total=5,
            members_present=5,
        )
        people.append(person)
    in_state(nomination, NominationState.APPROVED, verdict="eligible")
    _city, city_office = province_above(ward)
    return {
        "people": people,
        "ward_staff": account(Role.AUTHORITY_STAFF, office, "canbo", "Trần Thị Hạnh"),
        "ward_chair": account(Role.CHAIRPERSON, office, "chutich", "Huỳnh Văn Chủ"),
        "city_staff": account(Role.AUTHORITY_STAFF, city_office, "sonoivu", "Ngô Thị Xuân"),
        "city_chair": account(Role.CHAIRPERSON, city_office, "chutich_tp", "Trần Văn Đức"),
        "city_members": [
            account(Role.COUNCIL_MEMBER, city_office, f"hoidong_tp{n}", name)
            for n, name in enumerate(("Mai Thị Lan", "Đỗ Văn Hùng"), start=1)
        ],
    }


def test_a_ward_submits_and_the_city_decides(journey, live_server, settings, authority):
    settings.CLOCK_OFFSET_DAYS = 0
    year = clock.today().year - 1
    world = _world(authority, year)
    kept, returned = (person.full_name for person in world["people"])
    walk = Walk(journey)

    # 1. The ward drafts the submission of its two approved nominees; its chairperson signs.
    walk.step(1)
    ward = walk.tab(world["ward_staff"])
    ward.open(reverse("awards:submission_create"))
    ward.page.get_by_label("Năm thành tích").fill(str(year))
    ward.page.get_by_label("Trích yếu tờ trình").fill(
        f"Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm {year}"
    )
    for name in NOMINEES:
        ward.page.get_by_label(name, exact=False).check()
    walk.look(ward, "p01-submission-form")
    click(ward, "Lập dự thảo tờ trình")
    submission_url = ward.page.url.removeprefix(ward.base)
    chair = walk.tab(world["ward_chair"])
    chair.open(submission_url)
    click(chair, "Ký tờ trình")
    expect(chair.page.locator("h1")).to_have_text("Tờ trình số 01/TTr-UBND")
    walk.look(chair, "p01-signed")

    # 2. The city's Sở Nội vụ: both nominees in its queue, with the ward's dossier.
    walk.step(2)
    city = walk.tab(world["city_staff"])
    city.open(reverse("emulation:home"))
    follow(city, "Thẩm định")
    walk.look(city, "p02-queue")
    queue = city.page.locator("main").inner_text()
    assert kept in queue and returned in queue
    follow(city, f"Chiến sĩ thi đua cấp tỉnh — {returned} ({authority})")
    expect(city.page.get_by_text("Hồ sơ ở cấp dưới:", exact=False)).to_have_count(1)
    city.page.get_by_label("Lý do").fill(RETURN_REASON)
    walk.look(city, "p02-dossier")
    click(city, "Trả lại hồ sơ")
    walk.look(city, "p02-returned")
    city.open(reverse("emulation:home"))
    follow(city, "Thẩm định")
    follow(city, f"Chiến sĩ thi đua cấp tỉnh — {kept} ({authority})")
    click(city, "Thẩm định theo dữ liệu")
    assert "Đã thẩm định hồ sơ." in flash(city)
    click(city, "Công khai danh sách")
    assert "Đã công khai danh sách đề nghị." in flash(city)
    nomination_url = city.page.url.removeprefix(city.base)
    walk.look(city, "p02-published")

    # 3. The notice ends; the city's council votes.
    walk.step(3)
    settings.CLOCK_OFFSET_DAYS = NOTICE_OFFSET_DAYS
    city.open(reverse("emulation:home"))
    follow(city, "Xem phiên họp")
    city.page.get_by_label("Tên phiên họp").fill(f"Phiên họp Hội đồng Thành phố năm {year + 1}")
    city.page.get_by_label("Ngày họp").fill(clock.today().strftime("%d/%m/%Y"))
    for member in world["city_members"]:
        city.page.get_by_label(member.get_full_name()).check()
    click(city, "Tạo phiên họp")
    session_url = city.page.url.removeprefix(city.base)
    click(city, "Đưa vào phiên họp")
    assert "Đã đưa hồ sơ vào phiên họp." in flash(city)
    for member in world["city_members"]:
        tab = walk.tab(member)
        follow(tab, "Bỏ phiếu")
        with tab.page.expect_navigation():
            tab.page.locator("li", has_text=kept).get_by_role("link", name="Bỏ phiếu").click()
        tab.page.get_by_role("radio", name="Đồng ý", exact=True).check()
        click(tab, "Gửi phiếu")
        assert "Đã ghi nhận phiếu của bạn." in flash(tab)
    city.open(session_url)
    click(city, "Kiểm phiếu và kết thúc")
    assert f"{kept} · Chiến sĩ thi đua cấp tỉnh: Đạt" in city.page.locator("main").inner_text()
    walk.look(city, "p03-counted")

    # 4. The city's staff draft the decision; its chairperson signs with a password.
    walk.step(4)
    city.open(nomination_url)
    click(city, "Lập dự thảo quyết định")
    assert "Đã lập dự thảo quyết định." in flash(city)
    city_chair = walk.tab(world["city_chair"])
    follow(city_chair, "Xem quyết định")
    follow(city_chair, "Dự thảo")
    follow(city_chair, "Ký quyết định")
    city_chair.page.check("input[name=consent]")
    city_chair.page.fill("input[name=password]", TEST_PASSWORD)
    click(city_chair, "Tôi đồng ý ký quyết định")
    expect(city_chair.page.locator("h1")).to_have_text("Quyết định số 01/QĐ-UBND")
    walk.look(city_chair, "p04-signed")

    # 5. The ward sees each line at the city, and the award in the person's history.
    walk.step(5)
    rule_set = rule_set_for(Award.objects.get(code="cstd_tinh"), year)
    signed_on = clock.today()
    money = -(-rule_set.coefficient * base_salary_on(signed_on) // 10_000) * 10_000
    amount = f"{int(money):,}".replace(",", ".")
    ward.open(submission_url)
    statuses = ward.page.locator("main").inner_text()
    assert f"Bị trả lại: {RETURN_REASON}" in statuses
    assert (
        f"Quyết định số 01/QĐ-UBND ngày {signed_on:%d/%m/%Y} của Thành phố Thử Nghiệm, "
        f"tiền thưởng {amount} đồng" in statuses
    )
    walk.look(ward, "p05-submission-states")
    ward.open(f"{reverse('awards:history')}?q={kept}")
    row = ward.page.locator("tbody tr", has_text="Chiến sĩ thi đua cấp tỉnh")
    expect(row).to_have_count(1)
    cells = row.inner_text()
    assert "01/QĐ-UBND" in cells and amount in cells and "Tỉnh, thành phố" in cells
    walk.look(ward, "p05-history")

    # 6. The next year, the ward proposes the same person again (its unit's draft, made
    # here); the appraisal's dossier reads the city's award among the earlier titles, beside
    # the E-06 verdict.
    walk.step(6)
    person = world["people"][0]
    again = NominationFactory(unit=person.employments.get().unit, year=year + 1)
    NominationLineFactory(
        nomination=again,
        award=Award.objects.get(code="cstd_tinh"),
        subject_kind="individual",
        person=person,
    )
    PersonYearFactory(person=person, unit=again.unit, year=year + 1)
    in_state(again, NominationState.SUBMITTED)
    ward.open(reverse("awards:nomination_detail", args=[again.pk]))
    click(ward, "Thẩm định theo dữ liệu")
    assert "Đã thẩm định hồ sơ." in flash(ward)
    # The line failed E-06: its dossier opens by itself.
    expect(ward.page.locator("details.dossier-line[open]")).to_have_count(1)
    body = ward.page.locator("main").inner_text()
    assert f"{year} · Chiến sĩ thi đua cấp tỉnh · 01/QĐ-UBND · Tỉnh, thành phố" in body
    assert f"Chưa đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (thiếu năm {year + 1})" in body
    walk.look(ward, "p06-next-year")
