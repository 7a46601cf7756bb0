"""OFD: the suite writes one (a ZIP of XML pages, text objects out of order) and reads it back."""

from __future__ import annotations

import pytest

from extract.errors import InputError
from extract.evaluation.forms import as_ofd, as_zip
from extract.evaluation.renditions import agreement
from extract.nlp.pipeline import tag_report
from extract.text.forms.ofd import ofd_text
from tests.conftest import REPORTS
from tests.extract.text.forms.conftest import seed_text


def test_lines_in_reading_order_and_cells_at_tabs():
    lines = "某县侨联2023年度部门整体支出绩效自评报告\n一、基本情况\n项目\t预算数\t执行率\n基本支出\t100\t98.61%"
    text = ofd_text(as_ofd(lines))
    assert text.splitlines() == ["某县侨联2023年度部门整体支出绩效自评报告", "一、基本情况",
                                 "项目\t预算数\t执行率", "基本支出\t100\t98.61%"]


def test_the_seed_reports_as_ofd_read_as_their_text(tagged):
    for name in REPORTS:
        doc = tag_report(name, ofd_text(as_ofd(seed_text(name)), name))
        f1, _ = agreement([(tagged[name], doc)])
        assert f1 >= 0.95 and doc.meta["year"] == tagged[name].meta["year"], name


def test_a_damaged_ofd_is_refused_in_one_line():
    with pytest.raises(InputError, match="damaged OFD"):
        ofd_text(as_zip({"OFD.xml": b"<ofd:OFD"}), "r.ofd")
