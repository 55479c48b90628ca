"""Numbers read from a request (?nam=, ?unit=, ?ban= and URL arguments): one that no row or
calendar can have reads as absent, never as a server error.

The year of a page is ?nam= (the query names people see are Vietnamese, like ?ban= and ?so=);
links written before that, with ?year=, still work.
"""

from collections.abc import Mapping

# Years the product works with: the forms take 2000–2100; older records reach back further.
YEAR_RANGE = (1900, 2100)
# The largest id the database stores (a signed 64-bit integer).
ID_MAX = 2**63 - 1
YEAR_PARAM = "nam"
OLD_YEAR_PARAM = "year"


def int_or(value, default=None, *, low: int = 0, high: int = ID_MAX):
    """`value` as an integer within [low, high], otherwise `default`."""
    try:
        number = int(str(value or "").strip())
    except ValueError:
        return default
    return number if low <= number <= high else default


def year_or(value, default=None):
    """`value` as a year the product works with, otherwise `default`. Given a query
    (`request.GET`), its ?nam=, or ?year= when there is no ?nam=."""
    if isinstance(value, Mapping):
        value = value.get(YEAR_PARAM) or value.get(OLD_YEAR_PARAM)
    return int_or(value, default, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
