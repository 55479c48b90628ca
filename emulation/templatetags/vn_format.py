"""Formatting filters: numbers as the active language writes them, names and text as
Vietnamese records keep them.

Vietnamese documents write 16.728,5 and 10,17 % (a non-breaking space before the sign); the
English interface writes 16,728.5 and 10.17 %. The separators come from config/formats/<lang>, so
a page switched to English changes with them. Dates need no filter here: Django's own `date`
filter and localisation read DATE_FORMAT (d/m/Y) from the same modules.
"""

import datetime
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()

EMPTY = "—"
NBSP = "\u00a0"


def _as_decimal(value) -> Decimal | None:
    """The value as an exact decimal, or None when it is not a finite number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # 15 significant digits: what a float holds reliably, so 10.17 stays 10.17 and
        # 0.1 + 0.2 shows as 0.3, not 0.30000000000000004.
        number = Decimal(format(value, ".15g"))
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def format_number(value, decimal_places: int | None = None) -> str:
    """`value` with the active language's separators; "—" when there is no number.

    Without `decimal_places` the digits the value carries are shown and trailing zeros after
    the decimal separator dropped (Decimal("105.00") → "105"); with it the value is rounded
    half up to that many places.
    """
    number = _as_decimal(value)
    if number is None:
        return EMPTY
    if decimal_places is None:
        number = number.normalize()
    else:
        places = int(decimal_places)
        try:
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return EMPTY
    if number.is_zero():
        number = abs(number)  # never "-0"
    return number_format(number, decimal_pos=decimal_places, force_grouping=True)


@register.filter
def vn_number(value, decimal_places=None) -> str:
    """`{{ 16728.5|vn_number }}` → 16.728,5; `{{ x|vn_number:2 }}` rounds to two places."""
    return format_number(value, decimal_places)


@register.filter
def vn_percent(value, decimal_places=None) -> str:
    """`{{ 10.17|vn_percent }}` → "10,17 %", with a non-breaking space before the sign."""
    text = format_number(value, decimal_places)
    return text if text == EMPTY else f"{text}{NBSP}%"


@register.filter
def whole_minutes(value: datetime.timedelta | None) -> int | None:
    """A duration in whole minutes (15 for a quarter of an hour), for sentences that say how
    long to wait."""
    if value is None:
        return None
    return int(value.total_seconds() // 60)


@register.filter
def vn_full_name(user) -> str:
    """A user's name in Vietnamese order, family name first ("Trần Thị Lan"); the user name
    when none is recorded."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def nfc(value) -> str:
    """Text in composed form (NFC). Some sources, Django's own name for Vietnamese among
    them, spell "Tiếng Việt" with combining marks: the same on screen, different to a search."""
    return unicodedata.normalize("NFC", str(value))
