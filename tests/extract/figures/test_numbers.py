from decimal import Decimal

import pytest

from extract.figures.numbers import chinese_to_decimal, format_number, parse_number


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("一百零五", 105),
    ("千", 1000), ("一千二百", 1200), ("三万五千", 35000), ("十万", 100_000), ("一百万", 1_000_000),
    ("一亿二千万", 120_000_000), ("五万亿", 5_000_000_000_000), ("三亿零五万", 300_050_000),
    ("二〇二三", 2023), ("三点五", Decimal("3.5")), ("百分", None),
])
def test_chinese_numerals(text, value):
    if value is None:
        with pytest.raises(ValueError):
            chinese_to_decimal(text)
    else:
        assert chinese_to_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text, value", [
    ("1,288.68", "1288.68"), ("1 288.68", "1288.68"), ("１２", "12"), ("12", "12"), ("九十五", "95"),
    ("0.5", "0.5"),
])
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("value, text", [
    (Decimal("12"), "12"), (Decimal("1288.680"), "1288.68"), (Decimal("12.0"), "12"),
    (Decimal("1E+3"), "1000"), (Decimal("0.050"), "0.05"),
])
def test_format_number_is_the_shortest_plain_form(value, text):
    assert format_number(value) == text
