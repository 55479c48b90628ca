"""Numbers read from a request (?year=, ?nam=, ?unit=, ?ban= and URL arguments): one that no
row or calendar can have reads as absent, never as a server error."""

# Years the product works with: the forms take 2000–2100; older records reach back further.
YEAR_RANGE = (1900, 2100)
# The largest id the database stores (a signed 64-bit integer).
ID_MAX = 2**63 - 1


def int_or(value, default=None, *, low: int = 0, high: int = ID_MAX):
    """`value` as an integer within [low, high], otherwise `default`."""
    try:
        number = int(str(value or "").strip())
    except ValueError:
        return default
    return number if low <= number <= high else default


def year_or(value, default=None):
    """`value` as a year the product works with, otherwise `default`."""
    return int_or(value, default, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
