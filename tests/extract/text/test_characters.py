import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings

from extract.text.characters import fold_characters, same_length_view, to_simplified
from tests.conftest import normalize, report_like_text

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


INVISIBLE_PROBES = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064",
                    "\ufeff", "\u00ad", "\u180e"]


@pytest.mark.parametrize("char", INVISIBLE_PROBES)
def test_invisible_characters_inside_numbers_leave_the_number_whole(char):
    """Issue 26.3: 1\u200c288.68万元 read 288.68; every format and bidi character now goes."""
    from extract.figures.entities import find_entities

    text = fold_characters(f"执行数1{char}288.68万元，完成率9{char}2.2%")
    assert text == "执行数1288.68万元，完成率92.2%"
    assert [e.value for e in find_entities(same_length_view(text))] == ["1288.68", "92.2"]


def test_a_no_break_space_between_digit_groups_is_a_thousands_separator():
    assert fold_characters("1\u00a0288.68万元 1\u202f288\u202f000元") == "1288.68万元 1288000元"
    assert fold_characters("100\u00a0\u00a0200") == "100  200"  # padding between cells stays
    assert fold_characters("2022\u00a0年") == "2022 年"


def test_a_file_with_invisible_characters_in_numbers_is_read_with_a_warning(tmp_path):
    from extract.errors import InputWarning
    from extract.text.reading import read_report

    path = tmp_path / "r.txt"
    path.write_text("全年执行数1\u200c288.68万元，9\u00a0000人次。", "utf-8")
    with pytest.warns(InputWarning, match=r"r\.txt: invisible characters .* at 2 place"):
        read_report(path)


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like_text())
def test_the_same_length_view_keeps_length_and_normalize_never_raises(text):
    assert len(same_length_view(text)) == len(text)
    assert isinstance(normalize(text), str)


def test_simplified_script_agrees_with_opencc_character_by_character():
    """Texts holding no character that converts are returned as they are (a pattern scan, not a
    translation): the characters that convert must be exactly those OpenCC converts alone."""
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for first, last in [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]
             for c in range(first, last + 1, 3)] + list("體報績門僑與為")  # a third of them: fast
    expected = [converter.convert(c) for c in chars]
    expected = [e if len(e) == 1 else c for c, e in zip(chars, expected)]
    assert [to_simplified(c) for c in chars] == expected
    assert to_simplified("".join(chars)) == "".join(expected)
    assert sum(c != e for c, e in zip(chars, expected)) > 800


@pytest.mark.parametrize("text", ["预算执行率", "部門整體", "𠀀績", "ａｂ１２", "plain ascii", "", "⼈民\u3000"])
def test_the_folds_equal_a_translation_of_every_character(text):
    from extract.text.characters import _LAYOUT_TABLE, _SAME_LENGTH_TABLE, _simplified_table

    simplified = text.translate(_simplified_table())
    assert to_simplified(text) == simplified
    assert same_length_view(text) == text.translate(_SAME_LENGTH_TABLE).translate(_simplified_table())
    assert fold_characters(text) == text.translate(_LAYOUT_TABLE)
