"""Writes of the targets feature: actuals (with their history), periods, the catalogue.

Every function is keyword-only and atomic. An actual that was submitted is never overwritten
silently: a new value needs a reason and leaves an `ActualChange` row (old → new, who, when, why).
A reporting period is closed and reopened only through `PERIOD_WORKFLOW`.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.workflow import Transition, Workflow
from documents import uploads
from emulation.models import (
    Actual,
    ActualChange,
    Authority,
    ReportingPeriod,
    ReportingPeriodEvent,
    Target,
    User,
)
from emulation.targets.enums import ChangeSource, PeriodAction, PeriodKind, PeriodState, ValueKind

logger = logging.getLogger(__name__)


class TargetsError(Exception):
    """A write refused for a reason the user can act on. `errors` maps a key (a target id, or
    None for the whole request) to Vietnamese messages."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


REOPEN_REASON = gettext_lazy("Cần ghi lý do mở lại kỳ báo cáo.")

# A period is open for units or closed (locked for them; staff keep writing). Thi đua staff
# close it, and reopen it with a reason; `ReportingPeriodEvent` keeps who, when and why.
PERIOD_WORKFLOW = Workflow(
    model=ReportingPeriod,
    transitions=[
        Transition(
            PeriodState.OPEN,
            PeriodState.CLOSED,
            "close",
            gettext_lazy("Khóa kỳ"),
            permission="targets.manage_periods",
        ),
        Transition(
            PeriodState.CLOSED,
            PeriodState.OPEN,
            "reopen",
            gettext_lazy("Mở lại"),
            permission="targets.manage_periods",
            reason_required=REOPEN_REASON,
        ),
    ],
    conflict_message=gettext_lazy(
        "Kỳ báo cáo vừa được người khác thay đổi. Vui lòng tải lại trang."
    ),
)


@dataclass(frozen=True)
class ActualEntry:
    """One value to record: for a target, a value, the reason of a change, an evidence file."""

    target: Target
    value: Decimal | None
    reason: str = ""
    evidence: UploadedFile | None = None


@dataclass(frozen=True)
class SaveResult:
    created: int
    changed: int
    unchanged: int


def get_period(*, authority: Authority, year: int, kind: PeriodKind | str) -> ReportingPeriod:
    """The reporting period, created open the first time it is used."""
    period, _created = ReportingPeriod.objects.get_or_create(
        authority=authority, year=year, kind=kind
    )
    return period


def save_actuals(
    *,
    user: User,
    period: ReportingPeriod,
    value_kind: ValueKind | str,
    entries: list[ActualEntry],
    source: ChangeSource | str = ChangeSource.GRID,
    may_write_closed: bool = False,
) -> SaveResult:
    """Record the entries' values for `period` and `value_kind`, all or nothing.

    Preconditions: the caller checked that `user` may enter actuals for every entry's target
    (scope and role); `may_write_closed` says whether the user may write a closed period.
    Checks: the period is open (or may be written), each target belongs to the period's authority
    and year, a blank value does not erase a submitted one, a changed value has a reason.
    Side effects: creates or updates `Actual` rows, one `ActualChange` row per new or changed
    value; the query count does not grow with the number of entries (evidence files aside).
    Raises `TargetsError` and writes nothing if any entry is refused.
    """
    with transaction.atomic():
        # The period row is locked so that a close and a save cannot interleave.
        state = ReportingPeriod.objects.select_for_update().values_list("state", flat=True)
        if state.get(pk=period.pk) == PeriodState.CLOSED and not may_write_closed:
            raise TargetsError({None: [_("Kỳ báo cáo đã khóa; liên hệ cán bộ thi đua để mở lại.")]})
        target_ids = [entry.target.pk for entry in entries]
        if len(set(target_ids)) != len(target_ids):
            raise TargetsError({None: [_("Một chỉ tiêu được nhập hai lần.")]})
        existing = {
            actual.target_id: actual
            for actual in Actual.objects.filter(
                period=period, value_kind=value_kind, target_id__in=target_ids
            )
        }
        errors: dict = {}
        received: dict = {}
        to_create, to_update, changes = [], [], []
        now = timezone.now()
        for entry in entries:
            target = entry.target
            messages = []
            if target.authority_id != period.authority_id or target.year != period.year:
                messages.append(_("Chỉ tiêu không thuộc năm của kỳ báo cáo."))
            actual = existing.get(target.pk)
            reason = (entry.reason or "").strip()
            if entry.evidence is not None:
                try:
                    received[target.pk] = uploads.receive_evidence(entry.evidence)
                except uploads.UploadRefused as refused:
                    messages.append(str(refused))
            if actual is None:
                if entry.value is None:
                    if entry.evidence is not None:
                        messages.append(_("Cần nhập số liệu trước khi gửi minh chứng."))
                else:
                    # Ids, not instances: cheaper for the thousands of rows of an import.
                    actual = Actual(
                        target_id=target.pk,
                        period_id=period.pk,
                        value_kind=value_kind,
                        value=entry.value,
                        submitted_by_id=user.pk,
                        submitted_at=now,
                        updated_at=now,
                    )
                    to_create.append((actual, entry))
            else:
                value_changed = entry.value is not None and entry.value != actual.value
                if entry.value is None:
                    messages.append(
                        _("Không thể xóa số liệu đã gửi; hãy nhập số liệu đúng kèm lý do.")
                    )
                elif (value_changed or entry.evidence is not None) and not reason:
                    messages.append(_("Số liệu đã gửi: cần ghi lý do thay đổi."))
                if value_changed or entry.evidence is not None:
                    changes.append(
                        ActualChange(
                            actual_id=actual.pk,
                            old_value=actual.value,
                            new_value=entry.value if entry.value is not None else actual.value,
                            reason=reason,
                            source=source,
                            changed_by_id=user.pk,
                            changed_at=now,
                            evidence_name=entry.evidence.name if entry.evidence else "",
                        )
                    )
                    if entry.value is not None:
                        actual.value = entry.value
                    actual.updated_at = now
                    to_update.append((actual, entry))
            if messages:
                errors[target.pk] = messages
        if errors:
            raise TargetsError(errors)

        created = Actual.objects.bulk_create([actual for actual, _entry in to_create])
        plain = [a for a, e in to_create if not (e.reason or "").strip() and e.evidence is None]
        if len(plain) == len(to_create):
            _record_first_values(
                period=period, value_kind=value_kind, user=user, now=now, source=source
            )
        else:
            for actual, entry in to_create:
                changes.append(
                    ActualChange(
                        actual_id=actual.pk,
                        old_value=None,
                        new_value=actual.value,
                        reason=(entry.reason or "").strip(),
                        source=source,
                        changed_by_id=user.pk,
                        changed_at=now,
                        evidence_name=entry.evidence.name if entry.evidence else "",
                    )
                )
        if to_update:
            Actual.objects.bulk_update(
                [actual for actual, _entry in to_update], ["value", "updated_at"]
            )
        ActualChange.objects.bulk_create(changes)
        for actual, entry in [*to_create, *to_update]:
            if entry.evidence is not None:
                stored = received[actual.target_id]
                actual.evidence.save(stored.name, stored.as_file(), save=False)
                Actual.objects.filter(pk=actual.pk).update(evidence=actual.evidence.name)
    logger.info(
        "actuals saved: period=%s kind=%s by=%s created=%d changed=%d",
        period.pk,
        value_kind,
        user.pk,
        len(created),
        len(to_update),
    )
    return SaveResult(
        created=len(created),
        changed=len(to_update),
        unchanged=len(entries) - len(created) - len(to_update),
    )


def _record_first_values(*, period, value_kind, user, now, source) -> None:
    """One history row (none → value) for each actual this save created, written by the
    database in one statement: an import of thousands of new values would otherwise build and
    send as many history objects. The new actuals are those of the period and kind submitted
    by `user` at `now` that have no history yet."""
    change, actual = ActualChange._meta, Actual._meta
    column = {f.name: f.column for f in change.concrete_fields}
    # Table and column names come from the models; every value is a query parameter.
    sql = (
        f"INSERT INTO {change.db_table} ({column['actual']}, {column['old_value']}, "  # noqa: S608
        f"{column['new_value']}, {column['reason']}, {column['evidence_name']}, "
        f"{column['source']}, {column['changed_by']}, {column['changed_at']}) "
        f"SELECT a.id, NULL, a.value, '', '', %s, %s, %s FROM {actual.db_table} a "
        "WHERE a.period_id = %s AND a.value_kind = %s AND a.submitted_by_id = %s "
        "AND a.submitted_at = %s "
        f"AND NOT EXISTS (SELECT 1 FROM {change.db_table} c WHERE c.{column['actual']} = a.id) "
        "ORDER BY a.id"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(source), user.pk, at, period.pk, str(value_kind), user.pk, at])


def _set_period_state(
    *, period: ReportingPeriod, user: User, new_state: PeriodState, reason: str
) -> ReportingPeriod:
    """The period moved by PERIOD_WORKFLOW (the rule asked for `user`), with its event row.
    The same state is a no-op; a refusal is a TransitionRefused and writes nothing."""
    with transaction.atomic():
        locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.state == new_state:
            return locked
        PERIOD_WORKFLOW.apply(locked, new_state, by=user, reason=reason)
        action = PeriodAction.CLOSED if new_state == PeriodState.CLOSED else PeriodAction.REOPENED
        ReportingPeriodEvent.objects.create(period=locked, action=action, reason=reason, by=user)
    logger.info("period %s set %s by %s", period.pk, new_state, user.pk)
    return locked


def close_period(*, period: ReportingPeriod, user: User, reason: str = "") -> ReportingPeriod:
    """Lock the period for units (staff keep writing). No-op when already closed."""
    return _set_period_state(
        period=period, user=user, new_state=PeriodState.CLOSED, reason=reason.strip()
    )


def reopen_period(*, period: ReportingPeriod, user: User, reason: str) -> ReportingPeriod:
    """Open a closed period again; the reason is required and kept with the event."""
    if not (reason or "").strip():
        raise TargetsError({None: [str(REOPEN_REASON)]})
    return _set_period_state(
        period=period, user=user, new_state=PeriodState.OPEN, reason=reason.strip()
    )


def copy_catalogue(*, authority: Authority, from_year: int, to_year: int) -> int:
    """Copy every target of `from_year` (the authority's and its units') into `to_year`, with
    their plans, baselines and parent/child grouping. Refused if `to_year` has targets already.
    Returns the number of targets created."""
    if from_year == to_year:
        raise TargetsError({None: [_("Năm nguồn và năm đích phải khác nhau.")]})
    if Target.objects.filter(authority=authority, year=to_year).exists():
        raise TargetsError(
            {None: [_("Năm %(year)d đã có chỉ tiêu; không sao chép chồng.") % {"year": to_year}]}
        )
    sources = list(
        Target.objects.filter(authority=authority, year=from_year).order_by("parent_id", "pk")
    )
    if not sources:
        raise TargetsError({None: [_("Năm %(year)d chưa có chỉ tiêu.") % {"year": from_year}]})
    copied: dict[int, Target] = {}
    with transaction.atomic():
        pending = sources
        # Parents first, so that each child finds its parent's copy.
        while pending:
            ready = [t for t in pending if t.parent_id is None or t.parent_id in copied]
            copies = Target.objects.bulk_create(
                [
                    Target(
                        authority=authority,
                        unit_id=t.unit_id,
                        year=to_year,
                        code=t.code,
                        name=t.name,
                        group=t.group,
                        unit_of_measure=t.unit_of_measure,
                        direction=t.direction,
                        plan_value=t.plan_value,
                        baseline_value=t.baseline_value,
                        range_min=t.range_min,
                        range_max=t.range_max,
                        weight=t.weight,
                        is_mandatory=t.is_mandatory,
                        parent=copied.get(t.parent_id),
                        sort_order=t.sort_order,
                    )
                    for t in ready
                ]
            )
            copied.update({t.pk: c for t, c in zip(ready, copies, strict=True)})
            pending = [t for t in pending if t.pk not in copied]
    logger.info("catalogue %s copied %d → %d", authority.pk, from_year, to_year)
    return len(copied)


TARGET_FIELDS = (
    "unit",
    "code",
    "name",
    "group",
    "unit_of_measure",
    "direction",
    "plan_value",
    "baseline_value",
    "range_min",
    "range_max",
    "weight",
    "is_mandatory",
    "parent",
    "sort_order",
)


def save_target(*, target: Target, user: User, data: dict) -> Target:
    """Create or update a catalogue target with the cleaned `data` (keys of TARGET_FIELDS).

    Preconditions: the caller checked `targets.manage_catalogue`; `target.authority` and
    `target.year` are set. Checks the model's rules (plan by direction, same-authority unit,
    parent of the same year and unit) and the code's uniqueness; raises `TargetsError` keyed
    by field name. A target that already has actual values keeps its direction.
    """
    is_new = target.pk is None
    if not is_new and data["direction"] != target.direction and target.actuals.exists():
        raise TargetsError(
            {"direction": [_("Chỉ tiêu đã có số liệu; không đổi cách đánh giá được.")]}
        )
    for name in TARGET_FIELDS:
        setattr(target, name, data[name])
    same_code = Target.objects.filter(
        authority_id=target.authority_id, year=target.year, unit=target.unit, code=target.code
    ).exclude(pk=target.pk)
    if same_code.exists():
        raise TargetsError({"code": [_("Mã chỉ tiêu này đã có trong năm của đơn vị.")]})
    if target.parent_id and (target.parent_id == target.pk or target.parent.parent_id):
        raise TargetsError({"parent": [_("Chỉ tiêu cha phải là chỉ tiêu cấp trên cùng.")]})
    try:
        target.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise TargetsError(exc.message_dict) from exc
    with transaction.atomic():
        target.save()
    logger.info("target %s %s by %s", target.pk, "created" if is_new else "changed", user.pk)
    return target
