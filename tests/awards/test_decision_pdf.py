"""The decision's PDF read back with pdftotext, element by element against DOMAIN §10.1: the
skeleton, the styles each element takes (read from the PDF's fonts), the recipients counted
once, no empty category, the appendix, "Nơi nhận", the signer's capacity and the draft mark.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from awards.decisions.services import draft_decision, sign_decision
from awards.decisions.wording import article_one, count_recipients, decision_subject
from awards.documents import build_decision
from awards.enums import SignerCapacity
from awards.errors import AwardsError
from awards.models import Award, Decision
from awards.nominations.services import add_nominee
from emulation.enums import Role
from tests.awards.conftest import in_state, person_working_in
from tests.awards.factories import NominationFactory
from tests.documents.pdf_checks import (
    numbered_in_parts,
    page_texts,
    pdftotext,
    top_margin_texts,
)
from tests.factories import AuthorityFactory, JobFactory, UnitFactory, UserFactory

SIGNED_ON = datetime.date(2026, 1, 5)
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test" / "artefacts"


def flat(text: str) -> str:
    return " ".join(text.split())


def styled_runs(content: bytes) -> list[tuple[str, str]]:
    """Every text run of the PDF with the base name of its font ("LiberationSerif-Bold")."""
    runs: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(content)).pages:

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip() and font is not None:
                runs.append((text.strip(), str(font["/BaseFont"]).split("+")[-1]))

        page.extract_text(visitor_text=visit)
    return runs


def zero_counts(text: str) -> list[str]:
    """ "0 hộ gia đình", "0 tập thể", "0 đồng"…: a count of nothing, as a number of its own."""
    return re.findall(r"(?<![\d.])0 (?:tập thể|cá nhân|hộ gia đình|đồng)", text)


def style_of(runs: list[tuple[str, str]], start: str) -> str:
    """The face ("Bold", "Italic", "BoldItalic", "Regular") of the first run starting so."""
    for text, font in runs:
        if text.startswith(start):
            return font.replace("-", "").removeprefix("LiberationSerif") or "Regular"
    raise AssertionError(f"no run starts with {start!r}")


def build_mixed_nomination(*, other_unit, head):
    """One person with two awards (LĐTT and a Giấy khen), another with a Giấy khen, and the
    unit itself with a Giấy khen: three recipients on four lines, no household."""
    nomination = NominationFactory(
        unit=other_unit, created_by=head, title="Tờ trình đề nghị khen thưởng năm 2025"
    )
    twice = person_working_in(other_unit, "Lê Văn Tám")
    once = person_working_in(other_unit, "Nguyễn Thị Ánh Tuyết")
    for person, code in ((twice, "ldtt"), (twice, "giay_khen"), (once, "giay_khen")):
        add_nominee(
            nomination=nomination,
            user=head,
            award=Award.objects.get(code=code),
            subject_kind="individual",
            person=person,
            achievement="Hoàn thành xuất sắc nhiệm vụ",
        )
    add_nominee(
        nomination=nomination,
        user=head,
        award=Award.objects.get(code="giay_khen"),
        subject_kind="collective",
        subject_unit=other_unit,
    )
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    return nomination


@pytest.fixture
def mixed_nomination(other_unit, head, unit):
    return build_mixed_nomination(other_unit=other_unit, head=head)


def lines_of(nomination):
    return nomination.lines.filter(approved=True).select_related("award", "nomination")


def drafted(nomination, staff) -> Decision:
    return draft_decision(user=staff, year=nomination.year, lines=lines_of(nomination))


def pdf_of(decision: Decision, user) -> bytes:
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=user)
    return build_decision(job, lambda percent: None).pdf


@pytest.fixture(scope="module")
def signed_pdf(django_db_setup, django_db_blocker):
    """The mixed nomination's decision, signed by the chairperson Nguyễn Văn Hùng: its PDF,
    rendered once per module (and xdist worker) for the tests that only read it. The rows
    (the tests/awards/conftest.py people, in the same roles and units) are rolled back at once,
    so the module's other tests start from an empty database as before."""
    with django_db_blocker.unblock(), transaction.atomic():
        authority = AuthorityFactory()
        unit, other_unit = UnitFactory(authority=authority), UnitFactory(authority=authority)
        staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit, username="canbo_thidua")
        chair = UserFactory(
            role=Role.CHAIRPERSON,
            unit=unit,
            username="chu_tich",
            last_name="Nguyễn Văn",
            first_name="Hùng",
        )
        head = UserFactory(role=Role.UNIT_HEAD, unit=other_unit, username="thu_truong")
        nomination = build_mixed_nomination(other_unit=other_unit, head=head)
        decision = sign_decision(decision=drafted(nomination, staff), user=chair, day=SIGNED_ON)
        content = pdf_of(decision, chair)
        transaction.set_rollback(True)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "decision_signed.pdf").write_bytes(content)
    return content


@pytest.mark.django_db
def test_counts_each_recipient_once_and_names_no_empty_kind(mixed_nomination):
    recipients = count_recipients(lines_of(mixed_nomination))
    assert (recipients.collectives, recipients.individuals, recipients.households) == (1, 2, 0)
    assert recipients.counted() == "1 tập thể và 2 cá nhân"
    assert recipients.kinds() == "tập thể, cá nhân"


@pytest.mark.django_db
def test_subject_and_article_one_say_what_is_given_with_the_year_unseparated(mixed_nomination):
    lines = lines_of(mixed_nomination)
    assert decision_subject(lines, 2025) == (
        "Về việc công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen cho tập thể, cá nhân "
        "đã có thành tích trong phong trào thi đua năm 2025"
    )
    titles_only = [line for line in lines if line.award.code == "ldtt"]
    assert decision_subject(titles_only, 2025) == (
        "Về việc công nhận danh hiệu Lao động tiên tiến năm 2025"
    )
    forms_only = [line for line in lines if line.award.code == "giay_khen"]
    assert article_one(forms_only, 2025) == (
        "Tặng Giấy khen cho 1 tập thể và 2 cá nhân (có danh sách kèm theo) đã có thành tích "
        "trong phong trào thi đua năm 2025."
    )


@pytest.mark.django_db
def test_drafting_takes_the_subject_from_the_lines_not_the_proposal_title(
    client, mixed_nomination, staff
):
    client.force_login(staff)
    client.post(reverse("awards:nomination_review", args=[mixed_nomination.pk, "draft-decision"]))
    decision = Decision.objects.get()
    assert decision.title.startswith("Về việc công nhận danh hiệu Lao động tiên tiến và tặng")
    assert "Tờ trình" not in decision.title


@pytest.mark.django_db
def test_signed_decision_has_every_element_of_the_skeleton(signed_pdf):
    text = flat(pdftotext(signed_pdf))
    skeleton = [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/QĐ-UBND",
        "ngày 05 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen cho tập thể, cá nhân "
        "đã có thành tích trong phong trào thi đua năm 2025",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
        "Căn cứ Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025",
        "Xét đề nghị của Hội đồng Thi đua – Khen thưởng,",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận danh hiệu Lao động tiên tiến và tặng Giấy khen cho 1 tập thể và 2 cá "
        "nhân (có danh sách kèm theo) đã có thành tích trong phong trào thi đua năm 2025.",
        "Điều 2. Tiền thưởng của từng tập thể, cá nhân theo danh sách kèm theo, tổng cộng "
        "3.540.000 đồng",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "Nguyễn Văn Hùng",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 01 năm 2026)",
        "I. Lao động tiên tiến (1 cá nhân)",
        "II. Giấy khen của Chủ tịch Ủy ban nhân dân (1 tập thể và 2 cá nhân)",
        "Tổng cộng 3.540.000",
    ]
    positions = [text.find(element) for element in skeleton]
    assert [e for e, at in zip(skeleton, positions, strict=True) if at < 0] == []
    assert positions == sorted(positions), "the elements are out of order"
    for wrong in ("2.025", "Tờ trình", "DỰ THẢO"):
        assert wrong not in text
    assert zero_counts(text) == []


@pytest.mark.django_db
def test_each_element_takes_its_style(signed_pdf):
    runs = styled_runs(signed_pdf)
    assert style_of(runs, "Về việc công nhận") == "Bold"
    assert style_of(runs, "CHỦ TỊCH ỦY BAN") == "Bold"
    assert style_of(runs, "Căn cứ Luật Tổ chức") == "Italic"
    assert style_of(runs, "Xét đề nghị") == "Italic"
    assert style_of(runs, "Nơi nhận:") == "BoldItalic"
    assert style_of(runs, "- Như Điều 3;") == "Regular"
    assert style_of(runs, "- Lưu: VT.") == "Regular"


@pytest.mark.django_db
def test_the_list_is_an_appendix_on_its_own_page_and_nơi_nhận_is_left(signed_pdf):
    pages = pdftotext(signed_pdf, mode="layout").split("\f")
    first = next(index for index, page in enumerate(pages) if "DANH SÁCH" in page)
    assert first >= 1 and "Nguyễn Văn Hùng" not in pages[first]
    assert "Lê Văn Tám" not in "".join(pages[:first])
    signature_page = next(page for page in pages if "Nơi nhận:" in page)
    line = next(row for row in signature_page.splitlines() if "Nơi nhận:" in row)
    assert line.index("Nơi nhận:") < 5  # at the left margin, not centred in its column


@pytest.mark.django_db
def test_the_appendix_is_numbered_on_its_own_and_bookmarked(signed_pdf):
    """Nghị định 30/2020: the list's pages are numbered from 1 again, with no number on its
    first page; the decision keeps its signature anchor, the list has its own bookmark."""
    pages = page_texts(signed_pdf)
    first = next(index for index, text in enumerate(pages) if "DANH SÁCH" in text)
    assert top_margin_texts(signed_pdf) == numbered_in_parts(first, len(pages) - first)
    reader = PdfReader(io.BytesIO(signed_pdf))
    assert reader.get_destination_page_number(reader.named_destinations["chu-ky-so"]) < first
    bookmarks = {item.title: reader.get_destination_page_number(item) for item in reader.outline}
    assert bookmarks["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"] == first


@pytest.mark.django_db
def test_the_appendix_lists_each_line_with_its_money(signed_pdf):
    appendix = flat(pdftotext(signed_pdf).split("DANH SÁCH", 1)[1])
    assert appendix.count("Lê Văn Tám") == 2  # two awards, two lines, one person
    assert "Nguyễn Thị Ánh Tuyết" in appendix
    assert appendix.count("710.000") == 3 and "1.410.000" in appendix


@pytest.mark.django_db
def test_draft_carries_the_mark_blank_number_and_no_zero_total(mixed_nomination, staff):
    decision = drafted(mixed_nomination, staff)
    content = pdf_of(decision, staff)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "decision_draft.pdf").write_bytes(content)
    pages = pdftotext(content, mode="raw").split("\f")
    assert len([page for page in pages if page.strip()]) == 2
    assert all(flat(page).startswith("DỰ THẢO") for page in pages if page.strip())
    text = flat(pdftotext(content))
    assert "Số: /QĐ-UBND" in text
    assert "(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm )" in text
    assert zero_counts(text) == [] and "Tổng cộng 0" not in text


@pytest.mark.django_db
def test_draft_without_a_base_salary_states_no_total(mixed_nomination, staff):
    from awards.models import BaseSalary

    BaseSalary.objects.all().delete()
    text = flat(pdftotext(pdf_of(drafted(mixed_nomination, staff), staff)))
    assert "tổng cộng" not in text and "Tổng cộng" not in text
    assert "theo mức quy định tại Nghị định số 152/2025/NĐ-CP" in text


@pytest.mark.django_db
def test_a_deputy_signs_on_behalf_of_the_chairperson(mixed_nomination, staff, unit):
    deputy = UserFactory(role="chairperson", unit=unit, last_name="Trần Thị", first_name="Mai")
    decision = sign_decision(
        decision=drafted(mixed_nomination, staff),
        user=deputy,
        day=SIGNED_ON,
        capacity=SignerCapacity.DEPUTY,
    )
    content = pdf_of(decision, deputy)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "decision_deputy.pdf").write_bytes(content)
    text = flat(pdftotext(content))
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Thị Mai" in text
    assert decision.signer_title_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


@pytest.mark.django_db
def test_an_unknown_capacity_is_refused_and_nothing_signed(mixed_nomination, staff, chair):
    decision = drafted(mixed_nomination, staff)
    with pytest.raises(AwardsError, match="Thẩm quyền ký không hợp lệ"):
        sign_decision(decision=decision, user=chair, day=SIGNED_ON, capacity="vice")
    decision.refresh_from_db()
    assert (decision.status, decision.number) == ("draft", None)


@pytest.mark.django_db
def test_households_are_counted_by_name_within_their_unit(other_unit, head, award):
    nomination = NominationFactory(unit=other_unit, created_by=head)
    for name in ("Hộ ông Nguyễn Văn A", "Hộ  ông Nguyễn Văn A", "Hộ bà Trần Thị B"):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("giay_khen"),
            subject_kind="household",
            household_name=name,
        )
    recipients = count_recipients(nomination.lines.select_related("nomination"))
    assert recipients.counted() == "2 hộ gia đình"
