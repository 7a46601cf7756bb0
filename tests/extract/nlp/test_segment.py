"""The part-of-speech tags read through the cached word-tag table equal jieba's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import CORPUS, REPO

SCRIPT = """
import json, sys
from extract.nlp.segment import tag_words
print(json.dumps([tag_words(t) for t in sys.argv[1:]], ensure_ascii=False))
"""
TEXTS = ["项目支出预算执行数为124万元，完成率98%", "召开座谈会3次，走访归侨侨眷56户", "年初预算数"]


def tags_in_a_fresh_process(cache) -> list:
    env = {**os.environ, "JIXIAO_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", SCRIPT, *TEXTS], capture_output=True, text=True, env=env,
                         cwd=REPO, check=True).stdout
    return json.loads(out)


def test_tags_with_the_cached_table_equal_those_of_jiebas_dictionary(tmp_path):
    first = tags_in_a_fresh_process(tmp_path)  # parses jieba's dictionary, writes the table
    (table,) = (tmp_path / "jixiao").glob("jieba-tags-*.marshal")
    assert table.stat().st_mode & 0o777 == 0o600
    assert tags_in_a_fresh_process(tmp_path) == first  # reads the table
    table.chmod(0o666)  # writable by others: not trusted, jieba's dictionary is parsed again
    assert tags_in_a_fresh_process(tmp_path) == first
    assert first[0][0] == ["项目支出", "n"] and ["万元", "m"] in first[0]


def test_the_memory_mapped_frequency_table_cuts_the_same_words(tmp_path):
    import jieba

    from extract.nlp.frequencies import load_table, save_table
    from extract.nlp.segment import segmenter

    full = segmenter()
    save_table(full.FREQ, full.total, tmp_path, "stamp")
    lookup, total = load_table(tmp_path, "stamp")
    assert total == full.total and not lookup  # nothing read until asked
    quick = jieba.Tokenizer()
    quick.FREQ, quick.total, quick.initialized = lookup, total, True
    texts = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    texts += ["侨务", "统一战线工作", "港澳台", "非公有制经济人士", "政协委员履职", "Ｘ光机 abc 123", ""]
    assert len(texts) > 300
    for text in texts:
        assert list(quick.cut(text, HMM=True)) == list(full.cut(text, HMM=True)), text
    for word in ["侨务", "侨", "务工", "不是一个词语吗", "a", "统一战线工作部门的同志们好啊好啊"]:
        assert lookup.get(word) == full.FREQ.get(word) and (word in lookup) == (word in full.FREQ)
    (tmp_path / "jieba-freq-stamp.keys.npy").chmod(0o644 | 0o022)  # writable by others: not trusted
    assert load_table(tmp_path, "stamp") is None
