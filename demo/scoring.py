"""The demo scoring (fixtures/demo_scoring.json), loaded after fixtures/demo.json, the targets,
awards and pledges fixtures.

Made like the pledges fixture: the real services run on a database holding the demo, what they
wrote is serialised, and everything is rolled back. It gives the bloc "Khối các phòng chuyên
môn" (head: Văn hóa và Thông tin, deputy: Giáo dục và Đào tạo) a 2026 scoring table and a
year-end round that every office self-scored, the head and deputy cross-checked (one score
changed with its reason) and thi đua staff finalised: a published ranking with its leader.
"""

import datetime
from decimal import Decimal

from demo import clock
from demo.fixtures import fixture_path
from emulation.models import User
from emulation.models.clusters import Cluster
from emulation.models.scoring import (
    CriteriaGroup,
    Criterion,
    ScoreEntry,
    ScoreSheet,
    SheetEvent,
)
from emulation.scoring.enums import ItemKind, Method, RoundKind, SheetState, Stage
from emulation.scoring.services import (
    ScoreInput,
    create_table,
    move_sheet,
    open_round,
    record_scores,
)

DEMO_SCORING_PATH = fixture_path("demo_scoring")
BLOC_CODE = "KHOI-PHONG"
YEAR = 2026
STAFF_USERNAME = "canbo.thidua"
HEADS = {
    "VHTT": "thutruong.vhtt",
    "GDDT": "thutruong.gd",
    "YT": "thutruong.yt",
    "NV": "thutruong.nv",
}

GROUPS = (
    ("I", "Thực hiện nhiệm vụ chính trị, chỉ tiêu được giao"),
    ("II", "Tổ chức phong trào thi đua, công tác khen thưởng"),
    ("III", "Xây dựng hệ thống chính trị, nội bộ"),
)
# (group, code, name, method, max points, points per item, evidence required)
ITEMS = (
    ("I", "1.1", "Hoàn thành kế hoạch công tác năm", Method.MANUAL, 40, None, False),
    ("I", "1.2", "Hồ sơ thủ tục hành chính giải quyết đúng hạn", Method.MANUAL, 20, None, False),
    ("II", "2.1", "Ban hành kế hoạch phát động thi đua", Method.BOOLEAN, 5, None, True),
    ("II", "2.2", "Mô hình, điển hình tiên tiến được nhân rộng", Method.COUNT, 10, 2, False),
    ("III", "3.1", "Nội bộ đoàn kết, không có vi phạm", Method.BOOLEAN, 15, None, False),
    ("III", "3.2", "Chuyển đổi số, cải cách hành chính", Method.MANUAL, 10, None, False),
)
BONUS = ("T1", "Sáng kiến được công nhận", Method.COUNT, 6, 2)
PENALTY = ("TR1", "Chậm, thiếu báo cáo theo quy định", Method.COUNT, None, 2)
# Self-scores by office: 1.1, 1.2, 2.1, 2.2 (count), 3.1, 3.2, bonus count, penalty count.
SELF_SCORES = {
    "VHTT": (39, 19, 1, 4, 1, 9, 2, 0),
    "GDDT": (38, 20, 1, 5, 1, 9, 1, 0),
    "YT": (37, 18, 1, 3, 1, 8, 1, 1),
    "NV": (36, 17, 1, 2, 1, 8, 0, 2),
}
SCORED = datetime.datetime(2026, 11, 30, 9, 0)
CROSS_CHANGE = ("GDDT", "1.2", 18, "Còn 3 hồ sơ trễ hạn trong quý IV theo Cổng dịch vụ công.")


def demo_records() -> list:
    """Writes this part of the demo through the services, on the day of the bloc's year-end
    scoring; returns what the fixture holds."""
    with clock.at(SCORED):
        return _score()


def _score() -> list:
    staff = User.objects.get(username=STAFF_USERNAME)
    heads = {code: User.objects.get(username=name) for code, name in HEADS.items()}
    cluster = Cluster.objects.get(code=BLOC_CODE, year=YEAR)
    table = create_table(
        cluster=cluster, user=staff, title="Bảng chấm điểm thi đua Khối các phòng chuyên môn 2026"
    )
    table.bonus_cap = Decimal(5)
    table.penalty_cap = Decimal(10)
    table.save(update_fields=["bonus_cap", "penalty_cap"])
    groups = {
        code: CriteriaGroup.objects.create(table=table, code=code, name=name, sort_order=order)
        for order, (code, name) in enumerate(GROUPS)
    }
    items = []
    for order, (group, code, name, method, maximum, per_item, evidence) in enumerate(ITEMS):
        items.append(
            Criterion.objects.create(
                table=table,
                group=groups[group],
                kind=ItemKind.CRITERION,
                code=code,
                name=name,
                method=method,
                max_points=maximum,
                points_per_item=per_item,
                evidence_required=evidence,
                sort_order=order,
            )
        )
    for kind, (code, name, method, maximum, per_item) in (
        (ItemKind.BONUS, BONUS),
        (ItemKind.PENALTY, PENALTY),
    ):
        items.append(
            Criterion.objects.create(
                table=table,
                kind=kind,
                code=code,
                name=name,
                method=method,
                max_points=maximum,
                points_per_item=per_item,
            )
        )
    scoring_round = open_round(table=table, kind=RoundKind.YEAR_END, user=staff)
    sheets = {sheet.unit.code: sheet for sheet in scoring_round.sheets.select_related("unit")}
    for code, values in SELF_SCORES.items():
        scores = {}
        for entry_item, value in zip(items, values, strict=True):
            scores[entry_item.pk] = ScoreInput(
                Decimal(value),
                # The demo keeps the evidence as a file name; the real form uploads the file.
                evidence="demo/ke-hoach-thi-dua.pdf" if entry_item.evidence_required else None,
            )
        record_scores(sheet=sheets[code], user=heads[code], stage=Stage.SELF, scores=scores)
        move_sheet(sheet=sheets[code], to=SheetState.SUBMITTED, user=heads[code])
    unit, item_code, value, reason = CROSS_CHANGE
    record_scores(
        sheet=sheets[unit],
        user=heads["VHTT"],
        stage=Stage.CROSS,
        scores={table.items.get(code=item_code).pk: ScoreInput(Decimal(value), note=reason)},
    )
    for code, sheet in sheets.items():
        checker = heads["GDDT"] if code == "VHTT" else heads["VHTT"]
        move_sheet(sheet=sheet, to=SheetState.CHECKED, user=checker)
        move_sheet(sheet=sheet, to=SheetState.FINAL, user=staff)
    return [
        table,
        *CriteriaGroup.objects.filter(table=table),
        *Criterion.objects.filter(table=table),
        scoring_round,
        *ScoreSheet.objects.filter(round=scoring_round),
        *ScoreEntry.objects.filter(sheet__round=scoring_round).order_by("pk"),
        *SheetEvent.objects.filter(sheet__round=scoring_round).order_by("pk"),
    ]
