from decimal import Decimal as D

import pytest

from config.workflow import TransitionRefused
from emulation.models import Actual, ActualChange, ReportingPeriodEvent, Target
from emulation.targets.enums import (
    ChangeSource,
    PeriodAction,
    PeriodState,
    ValueKind,
)
from emulation.targets.services import (
    PERIOD_WORKFLOW,
    ActualEntry,
    SaveResult,
    TargetsError,
    close_period,
    copy_catalogue,
    reopen_period,
    save_actuals,
)
from tests.emulation.targets.factories import ReportingPeriodFactory, TargetFactory


def save(user, period, *entries, **kwargs):
    return save_actuals(
        user=user, period=period, value_kind=ValueKind.OFFICIAL, entries=list(entries), **kwargs
    )


def test_save_actuals_first_entry_needs_no_reason_and_keeps_history(clerk, period, unit_target):
    result = save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    assert result == SaveResult(created=1, changed=0, unchanged=0)
    actual = Actual.objects.get()
    assert (actual.value, actual.submitted_by, actual.value_kind) == (
        D("202"),
        clerk,
        ValueKind.OFFICIAL,
    )
    change = ActualChange.objects.get()
    assert (change.old_value, change.new_value, change.changed_by, change.source) == (
        None,
        D("202"),
        clerk,
        ChangeSource.GRID,
    )


def test_save_actuals_change_without_reason_is_refused(clerk, period, unit_target):
    save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    with pytest.raises(TargetsError) as caught:
        save(clerk, period, ActualEntry(target=unit_target, value=D("203")))
    assert caught.value.errors == {unit_target.pk: ["Số liệu đã gửi: cần ghi lý do thay đổi."]}
    assert Actual.objects.get().value == D("202")
    assert ActualChange.objects.count() == 1


def test_save_actuals_change_with_reason_is_kept_as_history(clerk, staff, period, unit_target):
    save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    result = save(
        staff, period, ActualEntry(target=unit_target, value=D("203"), reason="Số liệu quyết toán")
    )
    assert result == SaveResult(created=0, changed=1, unchanged=0)
    assert Actual.objects.get().value == D("203")
    latest = ActualChange.objects.order_by("-pk").first()
    assert (latest.old_value, latest.new_value, latest.reason, latest.changed_by) == (
        D("202"),
        D("203"),
        "Số liệu quyết toán",
        staff,
    )


def test_save_actuals_same_value_is_unchanged_without_history(clerk, period, unit_target):
    save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    result = save(clerk, period, ActualEntry(target=unit_target, value=D("202.0")))
    assert result == SaveResult(created=0, changed=0, unchanged=1)
    assert ActualChange.objects.count() == 1


def test_save_actuals_blank_does_not_erase(clerk, period, unit_target):
    save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    with pytest.raises(TargetsError) as caught:
        save(clerk, period, ActualEntry(target=unit_target, value=None, reason="nhầm"))
    assert caught.value.errors[unit_target.pk] == [
        "Không thể xóa số liệu đã gửi; hãy nhập số liệu đúng kèm lý do."
    ]
    assert Actual.objects.get().value == D("202")


def test_save_actuals_one_bad_entry_writes_nothing(clerk, period, unit_target, authority, unit):
    other = TargetFactory(authority=authority, unit=unit, code="X2")
    save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    with pytest.raises(TargetsError):
        save(
            clerk,
            period,
            ActualEntry(target=other, value=D("5")),
            ActualEntry(target=unit_target, value=D("1")),
        )
    assert list(Actual.objects.values_list("target__code", "value")) == [("KN", D("202"))]


def test_save_actuals_refuses_target_of_another_year(clerk, period, authority, unit):
    target = TargetFactory(authority=authority, unit=unit, year=2024)
    with pytest.raises(TargetsError) as caught:
        save(clerk, period, ActualEntry(target=target, value=D("1")))
    assert caught.value.errors == {target.pk: ["Chỉ tiêu không thuộc năm của kỳ báo cáo."]}
    assert Actual.objects.count() == 0


def test_save_actuals_closed_period_refused_for_units(clerk, staff, period, unit_target):
    close_period(period=period, user=staff)
    with pytest.raises(TargetsError) as caught:
        save(clerk, period, ActualEntry(target=unit_target, value=D("202")))
    assert caught.value.errors == {None: ["Kỳ báo cáo đã khóa; liên hệ cán bộ thi đua để mở lại."]}
    assert Actual.objects.count() == 0
    save(staff, period, ActualEntry(target=unit_target, value=D("202")), may_write_closed=True)
    assert Actual.objects.get().value == D("202")


def test_close_and_reopen_period_keep_events(staff, period):
    close_period(period=period, user=staff, reason="Chốt số liệu")
    period.refresh_from_db()
    assert period.state == PeriodState.CLOSED
    with pytest.raises(TargetsError) as caught:
        reopen_period(period=period, user=staff, reason="  ")
    assert caught.value.errors == {None: ["Cần ghi lý do mở lại kỳ báo cáo."]}
    reopen_period(period=period, user=staff, reason="Bổ sung số liệu phường Bến Nghé")
    period.refresh_from_db()
    assert period.state == PeriodState.OPEN
    events = list(ReportingPeriodEvent.objects.order_by("pk").values_list("action", "reason", "by"))
    assert events == [
        (PeriodAction.CLOSED, "Chốt số liệu", staff.pk),
        (PeriodAction.REOPENED, "Bổ sung số liệu phường Bến Nghé", staff.pk),
    ]


def test_close_period_twice_is_one_event(staff, period):
    close_period(period=period, user=staff)
    close_period(period=period, user=staff)
    assert ReportingPeriodEvent.objects.count() == 1


def test_copy_catalogue_copies_targets_and_grouping(authority, unit):
    parent = TargetFactory(authority=authority, code="KT", name="Kinh tế", plan_value=None)
    TargetFactory(authority=authority, code="KT1", parent=parent)
    TargetFactory(authority=authority, unit=unit, code="KN")
    assert copy_catalogue(authority=authority, from_year=2023, to_year=2024) == 3
    copies = {t.code: t for t in Target.objects.filter(year=2024)}
    assert set(copies) == {"KT", "KT1", "KN"}
    assert copies["KT1"].parent == copies["KT"]
    assert copies["KN"].unit == unit
    assert copies["KT1"].plan_value == D("15930")


def test_copy_catalogue_refuses_to_overwrite(authority):
    TargetFactory(authority=authority, year=2023)
    TargetFactory(authority=authority, year=2024)
    with pytest.raises(TargetsError) as caught:
        copy_catalogue(authority=authority, from_year=2023, to_year=2024)
    assert caught.value.errors == {None: ["Năm 2024 đã có chỉ tiêu; không sao chép chồng."]}
    assert Target.objects.filter(year=2024).count() == 1


def test_reporting_period_factory_reuses_row(authority):
    assert ReportingPeriodFactory(authority=authority) == ReportingPeriodFactory(
        authority=authority
    )


def test_closing_is_refused_to_a_unit_clerk_and_the_period_stays_open(clerk, period):
    with pytest.raises(TransitionRefused, match=r"^Bạn không có quyền thực hiện thao tác này\.$"):
        close_period(period=period, user=clerk, reason="Chốt số liệu")

    period.refresh_from_db()
    assert (period.state, ReportingPeriodEvent.objects.count()) == (PeriodState.OPEN, 0)


def test_a_stale_copy_of_a_period_loses_to_the_first_move(staff, period):
    stale = type(period).objects.get(pk=period.pk)
    close_period(period=period, user=staff)

    with pytest.raises(
        TransitionRefused,
        match=r"^Kỳ báo cáo vừa được người khác thay đổi\. Vui lòng tải lại trang\.$",
    ) as refused:
        PERIOD_WORKFLOW.apply(stale, PeriodState.CLOSED, by=staff)

    assert refused.value.conflict
    assert ReportingPeriodEvent.objects.count() == 1
