"""Working days by the calendar of holidays and swapped days (`CalendarDay`)."""

import datetime

from emulation.enums import CalendarDayKind
from emulation.models import CalendarDay


def _exceptions(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    return dict(CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "kind"))


def is_working_day(day: datetime.date, exceptions: dict[datetime.date, str]) -> bool:
    kind = exceptions.get(day)
    if kind == CalendarDayKind.DAY_OFF:
        return False
    if kind == CalendarDayKind.WORKING_WEEKEND:
        return True
    return day.weekday() < 5


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The day `count` working days after `day`: Monday to Friday, less the holidays and days
    off of the calendar, plus the weekend days worked in exchange."""
    # Holidays never take more than a few weeks in a row (Tết: nine days), so a window of twice
    # the count plus a month holds the answer; it grows if the calendar is unusually full.
    window = count * 2 + 31
    while True:
        end = day + datetime.timedelta(days=window)
        exceptions = _exceptions(day, end)
        current, left = day, count
        while left > 0 and current < end:
            current += datetime.timedelta(days=1)
            if is_working_day(current, exceptions):
                left -= 1
        if left == 0:
            return current
        window *= 2
