"""Downloads: the corpus CSV as a reader's spreadsheet shows it."""

from __future__ import annotations

import csv
import io

from index.export import export_bytes
from ui.web.downloads import chinese_corpus_csv


def test_the_corpus_csv_has_chinese_columns_and_codes(tagged) -> None:
    raw = export_bytes(list(tagged.values()), "csv")
    rows = list(csv.DictReader(io.StringIO(chinese_corpus_csv(raw).decode("utf-8-sig"))))
    assert len(rows) == len(list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))))
    assert {"报告编号", "类型", "工作领域", "限定", "指标"} <= set(rows[0])
    labels = {r["类型"] for r in rows}
    assert "百分比" in labels and not labels & {"PERCENT", "MONEY", "COUNT", "DATE"}
    areas = {a for r in rows for a in r["工作领域"].split("、") if a}
    assert "民族宗教" in areas and not any(a.isascii() for a in areas)
