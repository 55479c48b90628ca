"""Working days follow the calendar: weekends, the statutory holidays, announced days off and
weekend days worked in exchange (Bộ luật Lao động 2019, Điều 112)."""

import datetime

import pytest

from emulation.calendar import add_working_days
from emulation.enums import CalendarDayKind
from emulation.models import CalendarDay

D = datetime.date


@pytest.mark.django_db
def test_plain_week_counts_monday_to_friday():
    CalendarDay.objects.all().delete()
    friday = D(2026, 1, 9)
    assert (
        add_working_days(friday, 0),
        add_working_days(friday, 1),
        add_working_days(friday, 5),
    ) == (
        friday,
        D(2026, 1, 12),
        D(2026, 1, 16),
    )


@pytest.mark.django_db
def test_statutory_solar_holidays_are_in_the_calendar_from_the_start():
    days = set(CalendarDay.objects.filter(day__year=2026).values_list("day", flat=True))
    assert {D(2026, 1, 1), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 2)} <= days


@pytest.mark.django_db
def test_holidays_are_skipped():
    # 29/04/2026 is a Wednesday; 30/04 (Thursday) and 01/05 (Friday) are holidays.
    assert add_working_days(D(2026, 4, 29), 1) == D(2026, 5, 4)


@pytest.mark.django_db
def test_tet_entered_by_staff_is_skipped():
    for offset in range(9):
        CalendarDay.objects.create(
            day=D(2026, 2, 14) + datetime.timedelta(days=offset), name="Tết Nguyên đán"
        )
    # Friday 13/02 + 1 working day: Tết runs to Sunday 22/02, so Monday 23/02.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)


@pytest.mark.django_db
def test_weekend_worked_in_exchange_counts():
    CalendarDay.objects.create(
        day=D(2025, 4, 26), kind=CalendarDayKind.WORKING_WEEKEND, name="Làm bù cho 02/5"
    )
    CalendarDay.objects.create(day=D(2025, 5, 2), name="Nghỉ bù")
    # Friday 25/04/2025 + 1 working day is Saturday 26/04, worked in exchange.
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    # From Tuesday 29/04: 30/04, 01/05 and 02/05 are off, then the weekend; Monday 05/05.
    assert add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)


@pytest.mark.django_db
def test_a_long_run_of_days_off_grows_the_window():
    start = D(2027, 3, 1)
    for offset in range(1, 120):
        CalendarDay.objects.update_or_create(
            day=start + datetime.timedelta(days=offset), defaults={"name": "Nghỉ"}
        )
    assert add_working_days(start, 1) == D(2027, 6, 29)
