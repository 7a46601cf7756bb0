"""The numeral reader against the cases of cn2an's public test suite (strict, normal and smart
modes, written here as our own table) and the forms government reports add."""

from decimal import Decimal

import pytest

from extract.figures.numbers import chinese_to_decimal, clean_arabic, format_number, parse_number

_ONES = "一千一百一十一"
CN2AN_CASES = {
    "零": 0, "一": 1, "十": 10, "十一": 11, "一十一": 11, "二十": 20, "二十一": 21, "一百": 100,
    "一百零一": 101, "一百一十": 110, "一百一十一": 111, "一千": 1000, "一千一百": 1100,
    "一千一百一十": 1110, "一千一百一十一": 1111, "一千零一十": 1010, "一千零十": 1010,
    "一千零十一": 1011, "一千零一十一": 1011, "一千零一": 1001, "一千一百零一": 1101,
    "一万一千一百一十一": 11111, "一十一万一千一百一十一": 111111,
    f"一百一十一万{_ONES}": 1111111, f"{_ONES}万{_ONES}": 11111111,
    f"一亿{_ONES}万{_ONES}": 111111111, f"一十一亿{_ONES}万{_ONES}": 1111111111,
    f"{_ONES}亿{_ONES}万{_ONES}": 111111111111,
    f"{_ONES}万{_ONES}亿{_ONES}万{_ONES}": 1111111111111111,
    "壹": 1, "拾": 10, "拾壹": 11, "壹拾壹": 11, "壹佰壹拾壹": 111, "壹仟壹佰壹拾壹": 1111,
    "壹万壹仟壹佰壹拾壹": 11111, "壹拾壹万壹仟壹佰壹拾壹": 111111,
    "壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 111111111,
    "壹仟壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 111111111111,
    "十万": 100000, "十万零一": 100001, "一万零一": 10001, "一万零一十一": 10011,
    "一万零一百一十一": 10111, "一万零百一十一": 10111, "一十万零一": 100001, "一百万零一": 1000001,
    "一千万零一": 10000001, "一千零一万一千零一": 10011001, "一千零一万零一": 10010001,
    "一亿零一": 100000001, "一十亿零一": 1000000001, "一百亿零一": 10000000001,
    "一千零一亿一千零一万一千零一": 100110011001, "一千亿一千万一千零一": 100010001001,
    "一千亿零一": 100000000001, "零点零零零零零零零零零零零零零零一": Decimal("0.000000000000001"),
    "零点零零一": Decimal("0.001"), "零点一": Decimal("0.1"), "负一": -1, "负二": -2, "负十": -10,
    "负十一": -11, "负一十一": -11, "廿二": 22,
    # normal mode: digit strings, spoken short forms, traditional and capital numerals
    "一一": 11, "一一一": 111, "壹壹": 11, "零点零": 0, "一七二零": 1720, "一七二零点一": Decimal("1720.1"),
    "一七二零点一三四": Decimal("1720.134"), "一二三": 123, "负零点一零": Decimal("-0.1"),
    "负一七二零": -1720, "三万五": 35000, "十三万五": 135000, "两千六": 2600, "一百二": 120,
    "一百十一": 111, "一百十六": 116, "一千一十": 1010, "一百二十万三": 1203000, "十万零一千": 101000,
    "一百九十万零三千九百七十一": 1903971, "一亿五千万零六千三百五十五": 150006355, "兩千六": 2600,
    "壹拾万零叁仟肆佰伍拾叁": 103453, "〇": 0,
    # smart mode: Arabic digits with Chinese units
    "100万": 1000000, "100万三千": 1003000, "200亿零四千230": 20000004230, "一百点123": Decimal("100.123"),
    "10.1万": 101000, "-10.1万": -101000, "16.4亿": 1640000000, "35.1亿": 3510000000, "1百01": 101,
    "1万600": 10600, "10.1": Decimal("10.1"), "-10.1": Decimal("-10.1"),
}
CN2AN_ERRORS = ["", "负", "零点", "点零", "零点点", "零点零大", "10.1万零100", "10..1万"]


@pytest.mark.parametrize("text, value", CN2AN_CASES.items())
def test_cn2an_suite(text, value):
    assert chinese_to_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", CN2AN_ERRORS)
def test_cn2an_suite_refusals(text):
    with pytest.raises(ValueError):
        chinese_to_decimal(text)


@pytest.mark.parametrize("text, value", [
    ("五百卅四", 534), ("卅", 30), ("卌一", 41), ("一千零十一", 1011), ("三亿零五万", 300_050_000),
    ("五万亿", 5_000_000_000_000), ("二〇二三", 2023), ("三点八", Decimal("3.8")), ("两", 2),
    ("壹拾贰万叁仟", 123000), ("伍仟", 5000), ("貳拾", 20), ("一百零五", 105), ("千", 1000),
])
def test_report_forms(text, value):
    assert chinese_to_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text, value", [
    ("1,288.68", "1288.68"), ("1 288.68", "1288.68"), ("１２", "12"), ("12", "12"), ("九十五", "95"),
    ("0.5", "0.5"), ("１，２８８．６８", "1288.68"), ("1，288", "1288"), ("4.5万", "45000"),
])
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


def test_separators_are_only_dropped_between_groups_of_three():
    assert clean_arabic("12,5") == "12,5"
    assert clean_arabic("2,165.98") == "2165.98"


@pytest.mark.parametrize("value, text", [
    (Decimal("12"), "12"), (Decimal("1288.680"), "1288.68"), (Decimal("12.0"), "12"),
    (Decimal("1E+3"), "1000"), (Decimal("0.050"), "0.05"),
])
def test_format_number_is_the_shortest_plain_form(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("text, spread, ends", [
    ("二三十", (1,), (20, 30)), ("十五六", (1,), (15, 16)), ("七百三四十", (1,), (730, 740)),
    ("四十五六", (1,), (45, 46)), ("三五百", (1, 2), (300, 500)), ("三五百", (1,), None),
    ("二三", (1,), None), ("一百二十", (1,), None), ("一二三", (1,), None),
])
def test_rough_ranges(text, spread, ends):
    from extract.figures.numbers import rough_range

    assert rough_range(text, spread) == (None if ends is None else tuple(Decimal(n) for n in ends))


@pytest.mark.parametrize("text, ends", [
    ("十几", (10, 20)), ("几十", (10, 100)), ("数百", (100, 1000)), ("数千", (1000, 10000)), ("十二", None),
])
def test_vague_numerals_are_ranges(text, ends):
    from extract.figures.numbers import vague_range

    assert vague_range(text) == (None if ends is None else tuple(Decimal(n) for n in ends))
