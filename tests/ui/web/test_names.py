"""The Chinese of the library's codes and causes."""

from __future__ import annotations

import re

from ui.web.names import CHROME_PATTERNS, check_name, failure_cause


def test_import_failures_are_worded_in_chinese_with_their_figures() -> None:
    assert failure_cause("not a PDF file (no %PDF header)") == "不是 PDF 文件（文件开头没有 PDF 标记）"
    assert failure_cause("too large (60 MiB; the limit is 50 MiB)") == "文件太大（60 MB，上限 50 MB）"
    assert failure_cause("OCR of page 3 took over 60 s") == "第 3 页的文字识别超时"
    for cause in ("empty file", "binary file, not text", "something new and unforeseen"):
        assert not re.search("[A-Za-z]{3}", failure_cause(cause)), cause


def test_a_table_total_check_names_its_items_and_column() -> None:
    assert check_name("table total = sum of items: 财政拨款…其他资金; column 2") == \
        "表格合计 = 财政拨款…其他资金 之和（第 2 列数字）"
    assert check_name("spent = basic + project") == "执行数 = 基本支出 + 项目支出"


def test_the_chrome_patterns_read_streamlits_texts() -> None:
    def chinese(text: str) -> str | None:
        for pattern, replacement in CHROME_PATTERNS.items():
            if re.search(pattern, text):  # JavaScript's $1 is Python's \\1
                return re.sub(pattern, replacement.replace("$", "\\"), text)
        return None

    assert chinese("50MB per file") == "每个文件不超过 50MB"
    assert chinese(" • TXT, PDF, DOCX") == "，格式：TXT, PDF, DOCX"
    assert chinese("Press Enter to apply") == "按回车键确认"
    assert chinese("Help for 搜索") == "搜索：说明"
