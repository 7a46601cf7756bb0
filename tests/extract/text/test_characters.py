import unicodedata

import pytest

from extract.text.characters import fold_characters, same_length_view, to_simplified

RANGES = [(0x2E80, 0x2FDF), (0xF900, 0xFAFF)]
UNIFIED = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2FFFF)]


def _assigned(first: int, last: int):
    for code in range(first, last + 1):
        if unicodedata.category(chr(code)) != "Cn":
            yield chr(code)


@pytest.mark.parametrize("first, last", RANGES)
def test_every_radical_and_compatibility_code_point_becomes_a_unified_ideograph(first, last):
    checked = 0
    for char in _assigned(first, last):
        folded = fold_characters(char)
        assert len(folded) == 1, hex(ord(char))
        code = ord(folded)
        unified = any(a <= code <= b for a, b in UNIFIED)
        # twelve code points of the compatibility block are unified ideographs themselves
        assert unified or (folded == char and unicodedata.name(char).startswith("CJK COMPATIBILITY")
                           and unicodedata.normalize("NFKC", char) == char), hex(ord(char))
        checked += 1
    assert checked > 200


@pytest.mark.parametrize("radical, ideograph", [
    ("⼴", "广"), ("⼈", "人"), ("⽉", "月"), ("⺠", "民"), ("⻔", "门"), ("⻘", "青"), ("⾦", "金")])
def test_the_radicals_pdf_fonts_print(radical, ideograph):
    assert fold_characters(radical) == ideograph
    assert same_length_view(radical) == ideograph


def test_a_kangxi_radical_of_a_traditional_form_ends_simplified():
    assert to_simplified(fold_characters("⼾")) == "户"


def test_the_view_keeps_the_length_and_simplifies():
    text = "２０２２年僑務工作預算１２．５％　⼈"
    view = same_length_view(text)
    assert len(view) == len(text)
    assert view == "2022年侨务工作预算12.5% 人"


def test_layout_folding_drops_zero_width_and_widens_the_ideographic_space():
    assert fold_characters("a\u200bb\r\nc\u3000d") == "ab\nc  d"


def test_pinyin_readings_of_converter_sites_are_dropped_and_other_brackets_kept():
    assert fold_characters("部門整體支出績(jī)效評(píng)價(jià)，執行率(B/A)") == "部門整體支出績效評價，執行率(B/A)"
