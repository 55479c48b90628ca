"""Scores from targets, caps, bonus and penalty; every allowed and refused transition; who may
score which sheet; every version kept with its author."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.permissions import NotPermitted
from config.workflow import TransitionRefused
from emulation.models import ReportingPeriod
from emulation.models.clusters import Cluster
from emulation.models.scoring import ScoreEntry, ScoreSheet, SheetEvent
from emulation.scoring.enums import RoundKind, SheetState, Stage
from emulation.scoring.selectors import ranking, sheet_totals
from emulation.scoring.services import (
    SHEET_WORKFLOW,
    ScoreInput,
    ScoringError,
    copy_table,
    move_sheet,
    open_round,
    record_scores,
    set_sheet_state,
)
from emulation.targets.enums import PeriodKind, ValueKind
from tests.emulation.scoring.conftest import item

pytestmark = pytest.mark.django_db
D = Decimal


def evidence():
    return SimpleUploadedFile(
        "bien-ban.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf"
    )


def self_score(table, sheet, user, *, manual="8", count="3", boolean="1", bonus="0", penalty="0"):
    return record_scores(
        sheet=sheet,
        user=user,
        stage=Stage.SELF,
        scores={
            item(table, "1.2").pk: ScoreInput(D(manual)),
            item(table, "2.1").pk: ScoreInput(D(count)),
            item(table, "2.2").pk: ScoreInput(D(boolean), evidence=evidence()),
            item(table, "T1").pk: ScoreInput(D(bonus)),
            item(table, "TR1").pk: ScoreInput(D(penalty)),
        },
    )


def sheet_of(scoring_round, unit):
    return scoring_round.sheets.get(unit=unit)


def test_target_item_scores_full_when_exceeded_and_by_ratio_when_not_met(
    table, targets, year_end, wards, heads
):
    sheets = [sheet_of(year_end, ward) for ward in wards]
    for sheet, head in zip(sheets, heads, strict=True):
        self_score(table, sheet, head)
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=head)
    target_points = [
        ScoreEntry.objects.get(sheet=sheet, criterion=item(table, "1.1")).points for sheet in sheets
    ]
    # 120/100 exceeded and 100/100 met give the maximum 60; 80/100 gives 60 × 0,8.
    assert target_points == [D("60.00"), D("60.00"), D("48.00")]
    assert [sheet.total for sheet in sheets] == [D("90.00"), D("90.00"), D("78.00")]


def test_count_is_capped_at_the_maximum_and_bonus_and_penalty_at_the_table_caps(
    table, targets, year_end, wards, heads
):
    sheet = sheet_of(year_end, wards[0])
    # 7 models × 4 = 28, capped at 20; bonus 4 × 2 = 8 capped at the table's 5; penalty
    # 5 × 2 = 10 capped at the table's 6.
    self_score(table, sheet, heads[0], count="7", bonus="4", penalty="5")
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])
    totals = sheet_totals(sheet)
    assert (totals.criteria, totals.bonus, totals.penalty) == (D("98.00"), D(5), D(6))
    assert sheet.total == D("97.00")
    assert sheet.first_group_total == D("68.00")


def test_bad_inputs_are_refused_with_a_message_and_nothing_written(table, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[0])
    cases = [
        ("1.2", "11", "Điểm phải từ 0 đến 10."),
        ("1.2", "-1", "Điểm phải từ 0 đến 10."),
        ("2.1", "1.5", "Số lượng phải là số nguyên không âm."),
        ("2.2", "2", "Chọn Có hoặc Không."),
    ]
    for code, value, message in cases:
        with pytest.raises(ScoringError) as caught:
            record_scores(
                sheet=sheet,
                user=heads[0],
                stage=Stage.SELF,
                scores={item(table, code).pk: ScoreInput(D(value))},
            )
        assert str(caught.value) == f"{code}: {message}"
    with pytest.raises(ScoringError, match="được tính từ kết quả chỉ tiêu"):
        record_scores(
            sheet=sheet,
            user=heads[0],
            stage=Stage.SELF,
            scores={item(table, "1.1").pk: ScoreInput(D(60))},
        )
    assert ScoreEntry.objects.count() == 0


def test_submit_refused_until_every_criterion_is_scored(table, targets, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[0])
    record_scores(
        sheet=sheet,
        user=heads[0],
        stage=Stage.SELF,
        scores={item(table, "1.2").pk: ScoreInput(D(8))},
    )
    with pytest.raises(ScoringError) as caught:
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])
    assert str(caught.value) == "Chưa chấm đủ tiêu chí, còn thiếu: 2.1, 2.2."
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT
    assert not SheetEvent.objects.exists()


def test_submit_refused_without_target_data(table, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[0])
    self_score(table, sheet, heads[0])
    with pytest.raises(ScoringError) as caught:
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])
    assert str(caught.value) == "Chỉ tiêu chưa có số liệu thực hiện: 1.1."
    assert not ScoreEntry.objects.filter(criterion=item(table, "1.1")).exists()


def test_submit_refused_without_required_evidence(table, targets, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[0])
    record_scores(
        sheet=sheet,
        user=heads[0],
        stage=Stage.SELF,
        scores={
            item(table, "1.2").pk: ScoreInput(D(8)),
            item(table, "2.1").pk: ScoreInput(D(1)),
            item(table, "2.2").pk: ScoreInput(D(1)),
        },
    )
    with pytest.raises(ScoringError, match=r"Thiếu tệp minh chứng cho: 2\.2"):
        move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])


@pytest.fixture
def submitted(table, targets, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[2])
    self_score(table, sheet, heads[2])
    return move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[2])


def test_cross_check_needs_a_reason_for_every_changed_score(table, submitted, heads):
    with pytest.raises(ScoringError) as caught:
        record_scores(
            sheet=submitted,
            user=heads[0],
            stage=Stage.CROSS,
            scores={item(table, "1.2").pk: ScoreInput(D(6))},
        )
    assert str(caught.value) == "1.2: cần ghi lý do khi đổi điểm từ 8.00 thành 6.00."
    record_scores(
        sheet=submitted,
        user=heads[0],
        stage=Stage.CROSS,
        scores={item(table, "1.2").pk: ScoreInput(D(6), note="Còn 2 hồ sơ trễ hạn")},
    )
    # The same score needs no reason.
    assert record_scores(
        sheet=submitted,
        user=heads[1],
        stage=Stage.CROSS,
        scores={item(table, "2.1").pk: ScoreInput(D(3))},
    )


def test_every_version_is_kept_with_its_author(table, submitted, heads, staff):
    record_scores(
        sheet=submitted,
        user=heads[0],
        stage=Stage.CROSS,
        scores={item(table, "1.2").pk: ScoreInput(D(6), note="Còn 2 hồ sơ trễ hạn")},
    )
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    record_scores(
        sheet=submitted,
        user=staff,
        stage=Stage.FINAL,
        scores={item(table, "1.2").pk: ScoreInput(D(7), note="Hội đồng điều chỉnh")},
    )
    move_sheet(sheet=submitted, to=SheetState.FINAL, user=staff)
    versions = list(
        ScoreEntry.objects.filter(sheet=submitted, criterion=item(table, "1.2"))
        .order_by("created_at", "pk")
        .values_list("stage", "points", "author_id", "note")
    )
    assert versions == [
        (Stage.SELF, D("8.00"), heads[2].pk, ""),
        (Stage.CROSS, D("6.00"), heads[0].pk, "Còn 2 hồ sơ trễ hạn"),
        (Stage.FINAL, D("7.00"), staff.pk, "Hội đồng điều chỉnh"),
    ]
    # Final versions exist for every item, copied where the authority changed nothing.
    assert ScoreEntry.objects.filter(sheet=submitted, stage=Stage.FINAL).count() == 6
    assert submitted.total == D("77.00")
    assert submitted.finalised_at is not None


# --- transitions -----------------------------------------------------------------------------


def test_submitted_to_checked_by_the_head_unit(submitted, heads):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    assert submitted.state == SheetState.CHECKED
    assert SheetEvent.objects.filter(sheet=submitted, to_state=SheetState.CHECKED).count() == 1


def test_submitted_to_checked_by_the_deputy_unit(submitted, heads):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[1])
    assert submitted.state == SheetState.CHECKED


def test_return_from_submitted_needs_a_reason(submitted, heads):
    with pytest.raises(ScoringError, match="Cần ghi lý do trả lại phiếu"):
        move_sheet(sheet=submitted, to=SheetState.DRAFT, user=heads[0], reason="  ")
    move_sheet(sheet=submitted, to=SheetState.DRAFT, user=heads[0], reason="Thiếu minh chứng 2.1")
    assert submitted.state == SheetState.DRAFT
    assert SheetEvent.objects.get(sheet=submitted, to_state=SheetState.DRAFT).reason == (
        "Thiếu minh chứng 2.1"
    )


def test_return_from_checked_by_staff(submitted, heads, staff):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    move_sheet(sheet=submitted, to=SheetState.DRAFT, user=staff, reason="Chấm lại tiêu chí 1.2")
    assert submitted.state == SheetState.DRAFT


def test_head_unit_cannot_finalise(submitted, heads):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    with pytest.raises(ScoringError) as caught:
        move_sheet(sheet=submitted, to=SheetState.FINAL, user=heads[0])
    assert str(caught.value) == "Chỉ cán bộ thi đua của cơ quan được chốt điểm."
    with pytest.raises(ScoringError):
        record_scores(
            sheet=submitted,
            user=heads[0],
            stage=Stage.FINAL,
            scores={},
        )


def test_head_unit_cannot_return_a_checked_sheet(submitted, heads):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    with pytest.raises(ScoringError, match="chỉ cán bộ thi đua được trả lại"):
        move_sheet(sheet=submitted, to=SheetState.DRAFT, user=heads[0], reason="x")


def test_final_sheet_is_locked(submitted, heads, staff, table):
    move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[0])
    move_sheet(sheet=submitted, to=SheetState.FINAL, user=staff)
    for to in (SheetState.DRAFT, SheetState.SUBMITTED, SheetState.CHECKED):
        with pytest.raises(ScoringError, match="đã chốt và công bố"):
            move_sheet(sheet=submitted, to=to, user=staff, reason="x")
    with pytest.raises(ScoringError, match="Chỉ chốt điểm phiếu đã được cụm thẩm định"):
        record_scores(
            sheet=submitted,
            user=staff,
            stage=Stage.FINAL,
            scores={item(table, "1.2").pk: ScoreInput(D(1), note="x")},
        )


def test_skipping_states_is_refused(table, year_end, wards, heads, staff):
    sheet = sheet_of(year_end, wards[2])
    with pytest.raises(ScoringError, match="Không thể chuyển phiếu từ “Đang chấm” sang"):
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[0])
    with pytest.raises(ScoringError, match="Không thể chuyển phiếu"):
        move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    with pytest.raises(
        TransitionRefused, match=r"^Không thể chuyển phiếu từ “Đang chấm” sang “Đã chốt, công bố”"
    ):
        set_sheet_state(sheet, SheetState.FINAL, by=staff)
    assert ScoreSheet.objects.get(pk=sheet.pk).state == SheetState.DRAFT


def test_submit_only_by_the_units_own_head(table, targets, year_end, wards, heads, clerks):
    sheet = sheet_of(year_end, wards[2])
    self_score(table, sheet, clerks[2])
    for user in (clerks[2], heads[0]):
        with pytest.raises(ScoringError, match="Chỉ thủ trưởng đơn vị được gửi"):
            move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=user)


def test_a_unit_cannot_check_its_own_sheet(table, targets, year_end, wards, heads):
    sheet = sheet_of(year_end, wards[0])
    self_score(table, sheet, heads[0])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])
    with pytest.raises(ScoringError, match="không tự thẩm định"):
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[0])
    move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[1])
    assert sheet.state == SheetState.CHECKED


def test_an_ordinary_member_cannot_check(submitted, heads):
    sheet = submitted
    with pytest.raises(ScoringError, match="Chỉ thủ trưởng đơn vị cụm trưởng, cụm phó"):
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=heads[2])


def test_a_unit_cannot_score_another(table, year_end, wards, heads, clerks):
    sheet = sheet_of(year_end, wards[2])
    for user in (heads[1], clerks[0]):
        with pytest.raises(ScoringError, match="Đơn vị chỉ được tự chấm phiếu của mình"):
            record_scores(
                sheet=sheet,
                user=user,
                stage=Stage.SELF,
                scores={item(table, "1.2").pk: ScoreInput(D(1))},
            )
    with pytest.raises(ScoringError, match="Chỉ chấm chéo phiếu đơn vị đã gửi"):
        record_scores(
            sheet=sheet,
            user=heads[0],
            stage=Stage.CROSS,
            scores={item(table, "1.2").pk: ScoreInput(D(1))},
        )
    assert not ScoreEntry.objects.exists()


# --- ranking ---------------------------------------------------------------------------------


def _finalise(table, sheet, head, checker, staff, **scores):
    self_score(table, sheet, head, **scores)
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=head)
    move_sheet(sheet=sheet, to=SheetState.CHECKED, user=checker)
    move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)


def test_ranking_breaks_ties_by_first_group_then_votes(
    table, targets, year_end, wards, heads, staff
):
    s1, s2, s3 = (sheet_of(year_end, ward) for ward in wards)
    # Ward 1: 60 + 10 + 20 + 10 = 100 (group I: 70). Ward 2: 60 + 8 + 20 + 10 + bonus 2 = 100
    # (group I: 68). Ward 3: 48 + 10 + 20 + 10 + bonus 5 (cap) + penalty 0 = 93.
    _finalise(table, s1, heads[0], heads[1], staff, manual="10", count="5")
    _finalise(table, s2, heads[1], heads[0], staff, manual="8", count="5", bonus="1")
    _finalise(table, s3, heads[2], heads[0], staff, manual="10", count="5", bonus="3")
    rows = ranking(year_end)
    assert [(row.unit.code, row.rank, row.total) for row in rows] == [
        ("P1", 1, D("100.00")),
        ("P2", 2, D("100.00")),
        ("P3", 3, D("93.00")),
    ]
    assert rows[1].decided_by == "group_1"
    assert [row.unit.code for row in rows if row.leader] == ["P1"]
    assert [row.unit.code for row in rows if row.merit] == ["P2", "P3"]
    assert [row.classification for row in rows] == ["excellent", "excellent", "excellent"]


def test_ranking_equal_scores_decided_by_votes_else_shared(
    table, targets, year_end, wards, heads, staff
):
    s1, s2 = (sheet_of(year_end, ward) for ward in wards[:2])
    # Both 100 (wards 1 and 2 both exceed or meet the target) with the same group I.
    _finalise(table, s1, heads[0], heads[1], staff, manual="10", count="5")
    _finalise(table, s2, heads[1], heads[0], staff, manual="10", count="5")
    shared = ranking(year_end)
    assert [(row.unit.code, row.rank) for row in shared] == [("P1", 1), ("P2", 1)]
    by_votes = ranking(year_end, votes={wards[1].pk: 3, wards[0].pk: 1})
    assert [(row.unit.code, row.rank, row.decided_by) for row in by_votes] == [
        ("P2", 1, "votes"),
        ("P1", 2, "votes"),
    ]


def test_unpublished_sheets_are_not_ranked(submitted, year_end):
    assert ranking(year_end) == []


def test_copy_from_last_year_keeps_groups_items_and_settings(table, cluster, staff, heads):
    next_year = Cluster.objects.create(
        authority=cluster.authority,
        kind=cluster.kind,
        year=cluster.year + 1,
        code=cluster.code,
        name=cluster.name,
    )
    with pytest.raises(NotPermitted, match="Bạn không có quyền"):
        copy_table(source=table, cluster=next_year, user=heads[0])
    copied = copy_table(source=table, cluster=next_year, user=staff)
    assert copied.copied_from == table
    assert (copied.bonus_cap, copied.penalty_cap) == (D(5), D(6))
    assert list(copied.groups.values_list("code", flat=True)) == ["I", "II"]
    assert sorted(
        copied.items.values_list("code", "group__code", "method", "max_points", "target_code")
    ) == sorted(
        table.items.values_list("code", "group__code", "method", "max_points", "target_code")
    )
    with pytest.raises(ScoringError, match="đã có bảng chấm điểm"):
        copy_table(source=table, cluster=next_year, user=staff)


def test_mid_year_round_scores_targets_from_the_six_month_figure(
    table, targets, wards, heads, staff, authority
):
    h1 = ReportingPeriod.objects.create(
        authority=authority, year=table.cluster.year, kind=PeriodKind.H1
    )
    year_actual = targets[0].actuals.get()
    targets[0].actuals.create(
        period=h1,
        value_kind=ValueKind.ESTIMATE,
        value=D(50),
        submitted_by=staff,
        submitted_at=year_actual.submitted_at,
        updated_at=year_actual.updated_at,
    )
    mid_year = open_round(table=table, kind=RoundKind.MID_YEAR, user=staff)
    sheet = mid_year.sheets.get(unit=wards[0])
    self_score(table, sheet, heads[0])
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[0])
    # 50/100 at six months: 60 × 0,5 — the year figure (120) is not read.
    assert ScoreEntry.objects.get(sheet=sheet, criterion=item(table, "1.1")).points == D("30.00")
    with pytest.raises(ScoringError, match="Đợt chấm điểm này đã được mở"):
        open_round(table=table, kind=RoundKind.MID_YEAR, user=staff)


def test_a_stale_sheet_cannot_move(table, targets, year_end, wards, heads):
    sheet = year_end.sheets.get(unit=wards[2])
    self_score(table, sheet, heads[2])
    stale = ScoreSheet.objects.get(pk=sheet.pk)
    move_sheet(sheet=sheet, to=SheetState.SUBMITTED, user=heads[2])
    move_sheet(sheet=sheet, to=SheetState.DRAFT, user=heads[0], reason="Chấm lại 1.2")
    with pytest.raises(
        TransitionRefused, match=r"^Phiếu vừa được người khác xử lý\. Vui lòng tải lại trang\.$"
    ) as caught:
        set_sheet_state(stale, SheetState.SUBMITTED, by=heads[2])
    assert caught.value.conflict
    assert SheetEvent.objects.filter(sheet=sheet).count() == 2
    saved = ScoreSheet.objects.get(pk=sheet.pk)
    assert (saved.state, saved.version) == (SheetState.DRAFT, 2)


def test_a_refused_move_leaves_the_sheet_unchanged(submitted, heads):
    before = ScoreSheet.objects.values("state", "version", "total").get(pk=submitted.pk)

    with pytest.raises(TransitionRefused) as caught:
        move_sheet(sheet=submitted, to=SheetState.CHECKED, user=heads[2])

    assert str(caught.value) == (
        "Chỉ thủ trưởng đơn vị cụm trưởng, cụm phó được xác nhận kết quả chấm chéo."
    )
    assert not caught.value.conflict
    assert ScoreSheet.objects.values("state", "version", "total").get(pk=submitted.pk) == before
    assert SheetEvent.objects.filter(sheet=submitted).count() == 1


def test_available_actions_follow_the_guards(submitted, heads, clerks, staff):
    assert list(SHEET_WORKFLOW.available_actions(submitted, heads[0])) == ["check", "return"]
    assert list(SHEET_WORKFLOW.available_actions(submitted, staff)) == ["return"]
    assert list(SHEET_WORKFLOW.available_actions(submitted, heads[2])) == []
    assert list(SHEET_WORKFLOW.available_actions(submitted, clerks[2])) == []
    assert SHEET_WORKFLOW.available_actions(submitted, staff)["return"].needs_reason
