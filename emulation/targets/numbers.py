"""Numbers as people type them, for every form and import of the product (the targets grid, the
catalogue form, spreadsheets): "16.728" is sixteen thousand seven hundred and twenty-eight,
"10,17" is ten point one seven, "16.728,5" is 16728.5.

Vietnamese writing comes first: "." groups thousands, "," starts the decimals. A number that
cannot be Vietnamese but is unambiguous in the other common writing is accepted too, because
people paste figures from English spreadsheets and calculators: "1.5" and "10.17" (a dot not
followed by exactly three digits cannot group thousands), "16,728.5" and "1,234,567" (commas
grouping thousands, a dot before the decimals). Where both readings exist the Vietnamese one
holds: "1.500" is 1500 and "1,5" is 1.5. Text, "1.2.3" and "1,2,3" are refused. A trailing "%"
is accepted and ignored: the unit of measure says what the number is. `static/js/targets-grid.js`
reads typed numbers by the same two patterns for its preview. Writing numbers is
`emulation.numbers.format_number`.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_DECIMAL_PLACES = 4
MAX_INTEGER_DIGITS = 16
# Vietnamese: dots group thousands, a comma starts the decimals.
_VIETNAMESE = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$")
# The other writing, tried only when the Vietnamese reading fails: commas group thousands, a dot
# starts the decimals.
_OTHER = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class NumberFormatError(ValueError):
    """The text is not a Vietnamese number; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_number(text: str) -> Decimal | None:
    """The Decimal written in `text`, None for a blank; `NumberFormatError` otherwise."""
    cleaned = _SPACES.sub("", text or "").replace("\u2212", "-")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not cleaned:
        return None
    match = _VIETNAMESE.match(cleaned) or _OTHER.match(cleaned)
    if not match:
        raise NumberFormatError(
            _("“%(text)s” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17).")
            % {"text": (text or "").strip()[:40]}
        )
    digits = match["int"].replace(".", "").replace(",", "").lstrip("0") or "0"
    if len(digits) > MAX_INTEGER_DIGITS:
        raise NumberFormatError(_("Số quá lớn."))
    frac = match["frac"] or ""
    if len(frac.rstrip("0")) > MAX_DECIMAL_PLACES:
        raise NumberFormatError(
            _("Chỉ được tối đa %(places)d chữ số sau dấu phẩy.") % {"places": MAX_DECIMAL_PLACES}
        )
    return Decimal(f"{match['sign']}{digits}.{frac or '0'}").normalize() + Decimal(0)


def number_from_cell(value) -> Decimal | None:
    """A Decimal from a spreadsheet cell: numbers as they are, text through `parse_number`."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise NumberFormatError(_("Ô này cần một số, không phải giá trị đúng/sai."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation as exc:
            raise NumberFormatError(_("Ô này cần một số.")) from exc
        if not number.is_finite():
            raise NumberFormatError(_("Ô này cần một số."))
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
            raise NumberFormatError(
                _("Chỉ được tối đa %(places)d chữ số sau dấu phẩy.")
                % {"places": MAX_DECIMAL_PLACES}
            )
        number = number.normalize() + Decimal(0)
        if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
            raise NumberFormatError(_("Số quá lớn."))
        return number
    if isinstance(value, Decimal):
        return value
    return parse_number(str(value))
