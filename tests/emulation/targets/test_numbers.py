from decimal import Decimal as D

import pytest

from emulation.numbers import format_number
from emulation.targets.numbers import (
    NumberFormatError,
    number_from_cell,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16.728", D("16728")),
        ("10,17", D("10.17")),
        ("16.728,5", D("16728.5")),
        ("1.000.000", D("1000000")),
        ("97,46%", D("97.46")),
        ("-2,5", D("-2.5")),
        ("\u22122,5", D("-2.5")),
        (" 1 234 ", D("1234")),
        ("0", D("0")),
        ("0,0001", D("0.0001")),
        ("1.500", D("1500")),
        # Ambiguous: the Vietnamese reading holds.
        ("1,500", D("1.5")),
        # Not Vietnamese, unambiguous in the other writing (pasted from English files).
        ("1.5", D("1.5")),
        ("10.17", D("10.17")),
        ("1.5000", D("1.5")),
        ("0.0001", D("0.0001")),
        ("16,728.5", D("16728.5")),
        ("1,234,567", D("1234567")),
        ("-2.5%", D("-2.5")),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_number_vietnamese(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.2.3", "“1.2.3” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("abc", "“abc” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("1,2,3", "“1,2,3” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("16.728.5", "“16.728.5” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("1,234,56", "“1,234,56” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("1.234,567.8", "“1.234,567.8” không phải số hợp lệ (ví dụ đúng: 16.728 hoặc 10,17)."),
        ("1.00005", "Chỉ được tối đa 4 chữ số sau dấu phẩy."),
        ("1,00005", "Chỉ được tối đa 4 chữ số sau dấu phẩy."),
        ("12345678901234567", "Số quá lớn."),
    ],
)
def test_parse_number_refuses_ambiguous_or_invalid(text, message):
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text)
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize(
    ("cell", "value"),
    [(97.46, D("97.46")), (16728.0, D("16728")), (202, D("202")), ("10,17", D("10.17"))],
)
def test_number_from_cell(cell, value):
    assert number_from_cell(cell) == value


@pytest.mark.parametrize("cell", [True, 1e20, float("nan"), 0.123456])
def test_number_from_cell_refuses(cell):
    with pytest.raises(NumberFormatError):
        number_from_cell(cell)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("16728.5"), "16.728,5"),
        (D("16728"), "16.728"),
        (D("10.1700"), "10,17"),
        (D("-1234567"), "-1.234.567"),
        (D("0"), "0"),
        (D("1E+3"), "1.000"),
        (None, ""),
    ],
)
def test_format_number_round_trips(value, text):
    assert format_number(value) == text
    if value is not None:
        assert parse_number(text) == value
