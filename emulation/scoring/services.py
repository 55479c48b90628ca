"""Writes of cluster scoring: tables, rounds, scores and the one transition function.

Every function validates first and writes inside one atomic block; a refused request raises
ScoringError (a `TransitionRefused`) with a Vietnamese message and writes nothing. A sheet's
state changes only through `SHEET_WORKFLOW` (`set_sheet_state`).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from config.permissions import require
from config.workflow import Transition, TransitionRefused, Workflow
from documents.uploads import ReceivedFile, UploadRefused, receive_evidence
from emulation.models import User
from emulation.models.clusters import Cluster
from emulation.models.pledges import Pledge
from emulation.models.scoring import (
    CriteriaGroup,
    Criterion,
    ScoreEntry,
    ScoreSheet,
    ScoreTable,
    ScoringRound,
)
from emulation.scoring import selectors
from emulation.scoring.computation import ScoreInputError, points_for, points_from_target
from emulation.scoring.enums import ItemKind, Method, RoundKind, SheetState, Stage
from emulation.scoring.rules import stage_refusal

logger = logging.getLogger(__name__)


class ScoringError(TransitionRefused):
    """A request the rules refuse; the message is Vietnamese and shown as is."""


class ConcurrentChangeError(ScoringError):
    """Someone else moved the sheet first (a conflict: answer 409)."""

    def __init__(self, message: str):
        super().__init__(message, conflict=True)


@dataclass(frozen=True)
class ScoreInput:
    """What a form gives for one item: the value (points, 1/0 or a count), a note (the
    reason of a changed score) and an optional evidence file (an upload, or the name of a
    stored file)."""

    value: Decimal | None
    note: str = ""
    evidence: ReceivedFile | UploadedFile | str | None = None


# --- who may move a sheet, at which stage ----------------------------------------------------


def _not_own_sheet(sheet: ScoreSheet, user: User) -> str | None:
    if user.unit_id == sheet.unit_id:
        return _("Đơn vị không tự thẩm định phiếu của mình; việc này do đơn vị cụm phó làm.")
    return None


RETURN_REASON = gettext_lazy("Cần ghi lý do trả lại phiếu để đơn vị chấm lại.")

# The one table of allowed moves of a score sheet; each guard says who may make it. A move
# back to draft is a return for revision: it needs a reason.
SHEET_WORKFLOW = Workflow(
    model=ScoreSheet,
    transitions=[
        Transition(
            SheetState.DRAFT,
            SheetState.SUBMITTED,
            "submit",
            pgettext_lazy("score sheet", "Gửi phiếu"),
            permission="scoring.submit_sheet",
            denied=gettext_lazy("Chỉ thủ trưởng đơn vị được gửi phiếu tự chấm của đơn vị mình."),
        ),
        Transition(
            SheetState.SUBMITTED,
            SheetState.CHECKED,
            "check",
            gettext_lazy("Xác nhận kết quả chấm chéo"),
            permission="scoring.check_sheet",
            denied=gettext_lazy(
                "Chỉ thủ trưởng đơn vị cụm trưởng, cụm phó được xác nhận kết quả chấm chéo."
            ),
            guard=_not_own_sheet,
        ),
        Transition(
            SheetState.SUBMITTED,
            SheetState.DRAFT,
            "return",
            gettext_lazy("Trả lại để chấm lại"),
            permission="scoring.return_submitted_sheet",
            denied=gettext_lazy("Chỉ cụm trưởng, cụm phó hoặc cán bộ thi đua được trả lại phiếu."),
            reason_required=RETURN_REASON,
            style="secondary",
        ),
        Transition(
            SheetState.CHECKED,
            SheetState.FINAL,
            "finalise",
            gettext_lazy("Chốt điểm, công bố"),
            permission="scoring.finalise_sheet",
            denied=gettext_lazy("Chỉ cán bộ thi đua của cơ quan được chốt điểm."),
        ),
        Transition(
            SheetState.CHECKED,
            SheetState.DRAFT,
            "return",
            gettext_lazy("Trả lại để chấm lại"),
            permission="scoring.return_checked_sheet",
            denied=gettext_lazy("Phiếu đã thẩm định chỉ cán bộ thi đua được trả lại."),
            reason_required=RETURN_REASON,
            style="secondary",
        ),
    ],
    version_field="version",
    history="events",
    conflict_message=gettext_lazy("Phiếu vừa được người khác xử lý. Vui lòng tải lại trang."),
)


def _transition(sheet: ScoreSheet, to: SheetState) -> Transition:
    """The table's move from the sheet's state to `to`, or ScoringError in the sheet's words."""
    current = SheetState(sheet.state)
    if current == SheetState.FINAL:
        raise ScoringError(_("Phiếu đã chốt và công bố, không thay đổi được."))
    transition = SHEET_WORKFLOW.find(current, to)
    if transition is None:
        raise ScoringError(
            _("Không thể chuyển phiếu từ “%(old)s” sang “%(new)s”.")
            % {"old": current.label, "new": SheetState(to).label}
        )
    return transition


# --- tables and rounds -----------------------------------------------------------------------


def create_table(
    *, cluster: Cluster, user: User, title: str, pledge: Pledge | None = None
) -> ScoreTable:
    """An empty scoring table for `cluster`, linked to its pledge when it has one."""
    require(user, "scoring.manage_tables")
    if ScoreTable.objects.filter(cluster=cluster).exists():
        raise ScoringError(_("Cụm, khối này đã có bảng chấm điểm."))
    if pledge is None:
        pledge = Pledge.objects.filter(cluster=cluster).first()
    with transaction.atomic():
        table = ScoreTable.objects.create(cluster=cluster, title=title.strip(), pledge=pledge)
    logger.info("score table %s created for cluster %s by %s", table.pk, cluster.pk, user.pk)
    return table


def copy_table(*, source: ScoreTable, cluster: Cluster, user: User, title: str = "") -> ScoreTable:
    """A new table for `cluster` with the groups, items and settings of `source` (last year's
    table of the same cluster, or a template of the authority)."""
    require(user, "scoring.manage_tables")
    if source.cluster.authority_id != cluster.authority_id:
        raise ScoringError(_("Chỉ sao chép bảng điểm của cùng cơ quan."))
    if ScoreTable.objects.filter(cluster=cluster).exists():
        raise ScoringError(_("Cụm, khối này đã có bảng chấm điểm."))
    settings = {
        name: getattr(source, name)
        for name in (
            "bonus_cap",
            "penalty_cap",
            "excellent_from",
            "good_from",
            "fair_from",
            "flags_per_cluster",
            "merits_per_cluster",
        )
    }
    with transaction.atomic():
        table = ScoreTable.objects.create(
            cluster=cluster,
            title=title.strip() or _("Bảng chấm điểm %(cluster)s") % {"cluster": cluster},
            pledge=Pledge.objects.filter(cluster=cluster).first(),
            copied_from=source,
            **settings,
        )
        groups = {}
        for group in source.groups.all():
            groups[group.pk] = CriteriaGroup.objects.create(
                table=table, code=group.code, name=group.name, sort_order=group.sort_order
            )
        Criterion.objects.bulk_create(
            Criterion(
                table=table,
                group=groups.get(item.group_id),
                kind=item.kind,
                code=item.code,
                name=item.name,
                method=item.method,
                max_points=item.max_points,
                points_per_item=item.points_per_item,
                target_code=item.target_code,
                evidence_required=item.evidence_required,
                sort_order=item.sort_order,
            )
            for item in source.items.all()
        )
    logger.info("score table %s copied from %s by %s", table.pk, source.pk, user.pk)
    return table


def open_round(
    *, table: ScoreTable, kind: RoundKind, user: User, deadline: datetime.date | None = None
) -> ScoringRound:
    """A mid-year or year-end round with one draft sheet per member unit of the cluster.

    Preconditions: the table has at least one criterion; no round of that kind yet.
    """
    require(user, "scoring.manage_tables")
    if not table.items.filter(kind=ItemKind.CRITERION).exists():
        raise ScoringError(_("Bảng chấm điểm chưa có tiêu chí nào."))
    if ScoringRound.objects.filter(table=table, kind=kind).exists():
        raise ScoringError(_("Đợt chấm điểm này đã được mở."))
    with transaction.atomic():
        scoring_round = ScoringRound.objects.create(
            table=table, kind=kind, deadline=deadline, created_by=user
        )
        ScoreSheet.objects.bulk_create(
            ScoreSheet(round=scoring_round, unit_id=unit_id)
            for unit_id in table.cluster.memberships.values_list("unit_id", flat=True)
        )
    logger.info("scoring round %s (%s) opened by %s", scoring_round.pk, kind, user.pk)
    return scoring_round


# --- scores ----------------------------------------------------------------------------------


def record_scores(
    *,
    sheet: ScoreSheet,
    user: User,
    stage: Stage,
    scores: dict[int, ScoreInput],
    now: datetime.datetime | None = None,
) -> list[ScoreEntry]:
    """Write a new version of each given item's score at `stage`.

    Preconditions (ScoringError, nothing written, otherwise): `stage_refusal` allows it; each
    item belongs to the sheet's table and is not computed from a target; each value fits the
    item's method; at cross-check and final stages, every score that differs from the one
    before carries a reason. Unchanged scores without a new note or file are not rewritten.
    An evidence file is kept from the previous self-score when none is given.
    """
    refused = stage_refusal(user, sheet, stage)
    if refused:
        raise ScoringError(refused)
    items = {item.pk: item for item in sheet.round.table.items.all()}
    latest = selectors.latest_entries(sheet)
    errors = []
    rows = []
    now = now or timezone.now()
    for item_id, given in scores.items():
        item = items.get(item_id)
        if item is None:
            raise ScoringError(_("Tiêu chí không thuộc bảng chấm điểm này."))
        if item.method == Method.TARGET:
            raise ScoringError(
                _("%(code)s được tính từ kết quả chỉ tiêu, không nhập tay.") % {"code": item.code}
            )
        if given.value is None:
            continue
        try:
            points = points_for(item, given.value)
        except ScoreInputError as exc:
            errors.append(f"{item.code}: {exc}")
            continue
        previous = selectors.effective_entry(latest, item.pk, before=stage)
        own_previous = latest.get((item.pk, stage))
        note = given.note.strip()
        changed = previous is None or previous.points != points
        if (
            own_previous is not None
            and own_previous.points == points
            and not note
            and given.evidence is None
        ):
            continue
        if stage != Stage.SELF and previous is not None and changed and not note:
            errors.append(
                _("%(code)s: cần ghi lý do khi đổi điểm từ %(old)s thành %(new)s.")
                % {"code": item.code, "old": previous.points, "new": points}
            )
            continue
        evidence = given.evidence
        if evidence is not None and not isinstance(evidence, str | ReceivedFile):
            # A raw upload still goes through the user-file door.
            try:
                evidence = receive_evidence(evidence)
            except UploadRefused as refused:
                errors.append(f"{item.code}: {refused}")
                continue
        if isinstance(evidence, ReceivedFile):
            evidence = evidence.as_file()
        if evidence is None and own_previous is not None and own_previous.evidence:
            evidence = own_previous.evidence.name
        rows.append(
            ScoreEntry(
                sheet=sheet,
                criterion=item,
                stage=stage,
                value=given.value,
                points=points,
                note=note,
                evidence=evidence or "",
                author=user,
                created_at=now,
            )
        )
    if errors:
        raise ScoringError(" ".join(errors))
    with transaction.atomic():
        locked = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        if locked.state != sheet.state:
            raise ConcurrentChangeError(
                _("Phiếu vừa được người khác xử lý. Vui lòng tải lại trang.")
            )
        for row in rows:
            row.save()
    logger.info("sheet %s: %s %s scores by %s", sheet.pk, len(rows), stage, user.pk)
    return rows


def _score_targets(sheet: ScoreSheet, user: User, now: datetime.datetime) -> list[str]:
    """Self-score every target item from the unit's own target; the codes without data."""
    latest = selectors.latest_entries(sheet)
    missing = []
    for item, evaluation in selectors.target_evaluations(sheet).items():
        points = points_from_target(item, evaluation)
        if points is None:
            missing.append(item.code)
            continue
        previous = latest.get((item.pk, Stage.SELF))
        if previous is not None and previous.points == points:
            continue
        ratio = evaluation.ratio
        ScoreEntry.objects.create(
            sheet=sheet,
            criterion=item,
            stage=Stage.SELF,
            value=None if ratio is None else ratio.quantize(Decimal("0.0001")) * 100,
            points=points,
            note=_("Tính từ chỉ tiêu %(code)s: %(status)s")
            % {"code": item.target_code, "status": evaluation.status.label},
            author=user,
            created_at=now,
        )
    return missing


def _check_complete(sheet: ScoreSheet) -> None:
    latest = selectors.latest_entries(sheet)
    unscored = []
    without_evidence = []
    for item in sheet.round.table.items.all():
        entry = selectors.effective_entry(latest, item.pk)
        if entry is None:
            if item.kind == ItemKind.CRITERION:
                unscored.append(item.code)
            continue
        if item.evidence_required and not entry.evidence:
            self_entry = latest.get((item.pk, Stage.SELF))
            if self_entry is None or not self_entry.evidence:
                without_evidence.append(item.code)
    if unscored:
        raise ScoringError(
            _("Chưa chấm đủ tiêu chí, còn thiếu: %(codes)s.") % {"codes": ", ".join(unscored)}
        )
    if without_evidence:
        raise ScoringError(
            _("Thiếu tệp minh chứng cho: %(codes)s.") % {"codes": ", ".join(without_evidence)}
        )


def _finalise_entries(sheet: ScoreSheet, user: User, now: datetime.datetime) -> None:
    """Keep the final version of every item: the effective score copied as a final entry
    where the authority did not enter one."""
    latest = selectors.latest_entries(sheet)
    rows = []
    for item in sheet.round.table.items.all():
        if (item.pk, Stage.FINAL) in latest:
            continue
        entry = selectors.effective_entry(latest, item.pk)
        if entry is None:
            continue
        rows.append(
            ScoreEntry(
                sheet=sheet,
                criterion=item,
                stage=Stage.FINAL,
                value=entry.value,
                points=entry.points,
                evidence=entry.evidence.name if entry.evidence else "",
                author=user,
                created_at=now,
            )
        )
    ScoreEntry.objects.bulk_create(rows)


def set_sheet_state(
    sheet: ScoreSheet, new_state: SheetState, *, by: User, reason: str = "", check: bool = False
) -> ScoreSheet:
    """Move `sheet` to `new_state` — the one place that assigns `ScoreSheet.state`, through
    SHEET_WORKFLOW.

    The same state is a no-op. A move outside the table, one the guard refuses `by` (when
    `check`) or a return to draft without a reason raises ScoringError before anything is
    written. Submitting scores the target items and requires every criterion scored and every
    required evidence file; finalising keeps a final version of every item and stamps the
    time. Totals are recomputed on every move. Compare-and-set on (state, version): a
    conflict (TransitionRefused) if the sheet moved meanwhile. Writes one SheetEvent.
    """
    old_state = SheetState(sheet.state)
    if new_state == old_state:
        return sheet
    transition = _transition(sheet, new_state)
    refused = SHEET_WORKFLOW.refusal(sheet, transition, by) if check else None
    if refused:
        raise ScoringError(refused)
    if transition.needs_reason and not reason.strip():
        raise ScoringError(transition.reason_required)
    now = timezone.now()
    with transaction.atomic():
        changes = {}
        if new_state == SheetState.SUBMITTED:
            missing = _score_targets(sheet, by, now)
            if missing:
                raise ScoringError(
                    _("Chỉ tiêu chưa có số liệu thực hiện: %(codes)s.")
                    % {"codes": ", ".join(missing)}
                )
            _check_complete(sheet)
        if new_state == SheetState.FINAL:
            _finalise_entries(sheet, by, now)
            changes["finalised_at"] = now
        sheet_totals = selectors.sheet_totals(sheet)
        changes["total"] = sheet_totals.total
        changes["first_group_total"] = sheet_totals.first_group
        SHEET_WORKFLOW.apply(sheet, new_state, by=by, reason=reason, check=False, **changes)
    return sheet


def move_sheet(*, sheet: ScoreSheet, to: SheetState, user: User, reason: str = "") -> ScoreSheet:
    """What views call: the move made by `user`, whose rights the table's guard decides
    (ScoringError with its message if refused)."""
    return set_sheet_state(sheet, to, by=user, reason=reason, check=True)
