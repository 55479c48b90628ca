"""Formatting filters: numbers as the active language writes them, names and text as
Vietnamese records keep them.

Vietnamese documents write 16.728,5 and 10,17 % (a non-breaking space before the sign); the
English interface writes 16,728.5 and 10.17 %. The separators come from config/formats/<lang>, so
a page switched to English changes with them; the writing itself is `emulation.numbers`. Dates
need no filter here: Django's own `date` filter and localisation read DATE_FORMAT (d/m/Y) from
the same modules.
"""

import datetime
import unicodedata

from django import template

from emulation.numbers import format_number

register = template.Library()

EMPTY = "—"
NBSP = "\u00a0"


@register.filter
def vn_number(value, decimal_places=None) -> str:
    """`{{ 16728.5|vn_number }}` → 16.728,5; `{{ x|vn_number:2 }}` rounds to two places;
    "—" when there is no number."""
    return format_number(value, decimal_places, empty=EMPTY, localized=True)


@register.filter
def vn_percent(value, decimal_places=None) -> str:
    """`{{ 10.17|vn_percent }}` → "10,17 %", with a non-breaking space before the sign."""
    text = vn_number(value, decimal_places)
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
