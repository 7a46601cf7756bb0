"""The part-of-speech tags read through the cached word-tag table equal jieba's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

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
