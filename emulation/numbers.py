"""Numbers written for people: the one formatter of pages, PDFs, spreadsheets, inputs and
messages. Reading numbers typed by people is `emulation.targets.numbers.parse_number`.

Vietnamese writes 16.728,5: "." groups thousands, "," starts the decimals. Without `places` the
digits the value carries are shown and trailing zeros dropped (Decimal("105.00") → "105"); with
`places` the value is rounded half up to that many places and keeps them ("16.728,50").
`localized=True` takes the separators of the active language instead (16,728.5 on an English
page), for text that follows the page; inputs, stored texts and Vietnamese messages keep the
Vietnamese ones.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format

THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","


def as_decimal(value) -> Decimal | None:
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


def format_number(value, places: int | None = None, *, empty: str = "", localized=False) -> str:
    """`value` written with thousands grouped, or `empty` when it is not a number."""
    number = as_decimal(value)
    if number is None:
        return empty
    if places is None:
        number = number.normalize()
    else:
        try:
            number = number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return empty
    if number.is_zero():
        number = abs(number)  # never "-0"
    if localized:
        thousands, decimals = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    else:
        thousands, decimals = THOUSAND_SEPARATOR, DECIMAL_SEPARATOR
    whole, _point, fraction = format(abs(number), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", thousands)
    sign = "-" if number < 0 else ""
    return f"{sign}{grouped}{decimals}{fraction}" if fraction else f"{sign}{grouped}"
