"""The segmenter cuts jieba's words, tags them as jieba.posseg does, and starts quickly."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS

TEXTS = ["项目支出预算执行数为124万元，完成率98%", "召开座谈会3次，走访归侨侨眷56户", "年初预算数"]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    texts = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    return texts + ["侨务", "统一战线工作", "港澳台", "非公有制经济人士", "Ｘ光机 abc 123", "a-b 1.5% c#d", " \n\t", ""]


def quick_tags() -> list:
    """The tags of TEXTS by a segmenter loaded as a quick-starting process loads it (``JIXIAO_CACHE``
    names the cache folder); each load reads the tag table anew."""
    from extract.words.segmenter import load_segmenter

    words = load_segmenter(quick=True)
    return [[list(pair) for pair in words.tagged(t)] for t in TEXTS]


@pytest.fixture(scope="module")
def reference():
    """jieba itself with our user dictionary: what every cut of ours must equal."""
    import jieba

    from extract.words.segmenter import USER_DICT

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def generated_texts(count: int) -> list[str]:
    """Report-like strings mixing what jieba-rs reads unlike jieba: ranges and dates with hyphens,
    dotted numbers, signs, odd spaces, and ideographs beyond jieba's block (㐀, 鿖, 豈, 𠀀)."""
    import random

    rng = random.Random(0)
    alphabet = [*"统战部预算执行率万元年侨务工作的了是一二三港澳台胞", *"0123456789abcXYZ",
                *"-.%+#&_ \n\t，。（）％１Ａ／:~、",
                "\r\n", "2021-2025", "12.5%", "1,288.68", "COVID-19", "www.", "3D", "績效", "𠀀", "㐀", "鿖", "豈",
                "ア", "한", "α", "\u00a0", "\u3000", "\x0b", "\u2028", "\x1c", "\x85"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(count)]


def test_the_rust_cut_equals_the_python_route_and_jieba(reference, lines):
    from extract.words.segmenter import Segmenter, TagTable, fast_cutter

    fast = Segmenter(reference.FREQ, reference.total, TagTable(reference), fast_cutter())
    slow = Segmenter(reference.FREQ, reference.total, TagTable(reference))
    texts = lines + generated_texts(1500) + ["2021-2025年", "0736-8825316", "5.005.004.9699.20%", "㐀-1", "𠀀%-"]
    for text in texts:
        assert fast.cut(text) == slow.cut(text) == list(reference.cut(text, HMM=True)), repr(text)
    assert fast.cut("2021-2025年") == ["2021", "-", "2025", "年"]  # jieba-rs alone: 2021-2025 | 年


def test_the_cut_is_jiebas_word_for_word(lines, reference):
    from extract.words.segmenter import segmenter

    words = segmenter()
    assert len(lines) > 300
    for line in lines:
        assert words.cut(line) == list(reference.cut(line, HMM=True)), line
    assert "".join(words.cut(lines[0])) == lines[0]


def test_dictionary_words_take_poss_tags_and_the_rest_posseg_s_fallbacks():
    from extract.words.segmenter import UNKNOWN_TAG, segmenter

    words = segmenter()
    tagged = dict(words.tagged("统战部召开座谈会3次，走访abc"))
    assert tagged["统战部"] == "nt"  # our user dictionary's tag
    assert tagged["座谈会"] == "n" and tagged["3"] == "m" and tagged["abc"] == "eng"
    assert tagged["，"] == UNKNOWN_TAG


def test_tags_with_the_cached_table_equal_those_of_jiebas_dictionary(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path))  # in this process: three interpreters cost 3 s more
    first = quick_tags()  # parses jieba's dictionary, writes the tables
    (table,) = (tmp_path / "jixiao").glob("jieba-tags-*.marshal")
    assert table.stat().st_mode & 0o777 == 0o600
    written = table.stat().st_mtime_ns
    assert quick_tags() == first  # reads them
    assert table.stat().st_mtime_ns == written
    table.chmod(0o666)  # writable by others: not trusted, jieba's dictionary is parsed again
    assert quick_tags() == first
    assert first[0][0] == ["项目支出", "n"] and ["万元", "m"] in first[0]


def test_the_memory_mapped_frequency_table_cuts_the_same_words(tmp_path, lines):
    from extract.words.frequencies import load_table, save_table
    from extract.words.segmenter import Segmenter, TagTable, segmenter

    full = segmenter()
    save_table(dict(full.freq), full.total, tmp_path, "stamp")
    lookup, total = load_table(tmp_path, "stamp")
    assert total == full.total and not lookup  # nothing read until asked
    quick = Segmenter(lookup, total, TagTable(None))
    for text in lines:
        assert quick.cut(text) == full.cut(text), text
    for word in ["侨务", "侨", "务工", "不是一个词语吗", "a", "统一战线工作部门的同志们好啊好啊"]:
        assert lookup.get(word) == full.freq.get(word) and (word in lookup) == (word in full.freq)
    (tmp_path / "jieba-freq-stamp.keys.npy").chmod(0o644 | 0o022)  # writable by others: not trusted
    assert load_table(tmp_path, "stamp") is None
