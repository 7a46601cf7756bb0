"""The app's plain formatting: snippets, table rows, metrics by role, file names."""

from __future__ import annotations

from extract.records import Metric, Passage
from ui.web.format import file_name_part, header_above, role_table, row_table, snippet


def test_a_snippet_is_cut_around_the_first_mark_and_stays_escaped_html() -> None:
    text = "甲" * 300 + "<mark>侨务</mark>" + "&lt;b&gt;" + "乙" * 300
    cut = snippet(text, width=60)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>侨务</mark>&lt;b&gt;" in cut
    assert len(cut) < 120
    assert snippet("短<mark>侨务</mark>") == "短<mark>侨务</mark>"


def test_table_rows_are_tables_under_their_header() -> None:
    top = "整体支出年初预算数\t预算调整数\t实际支出数\t预算完成率"  # as the pipeline stored it with the rows
    passages = [Passage(id=f"d:{i}", text=t, start=0, end=1, kind="table_row", header=top) for i, t in enumerate(
        [top, "合计\t2165.98\t153.56\t2287.19\t98.61%"])]
    header = header_above(passages[1])
    assert header_above(passages[0]) is None and passages[0].is_header  # a header row has none above it
    assert header_above(Passage(id="d:2", text="合计\t1", start=0, end=1, kind="table_row")) is None
    [row] = row_table([passages[1].text], header)
    assert row["列1"] == "合计" and row["预算完成率"] == "98.61%"  # the header names the last columns
    assert list(row_table(["a\tb\tc"])[0]) == ["列1", "列2", "列3"]
    assert row_table(["合计\t1\t1"], "名称\t名称\t名称")[0].keys() == {"名称", "名称（2）", "名称（3）"}


def test_metrics_of_a_table_row_stand_side_by_side_by_role() -> None:
    metrics = [Metric("走访企业数", "50", "家", None, "COUNT", "p", "target"),
               Metric("走访企业数", "56", "家", None, "COUNT", "p", "actual"),
               Metric("走访企业数", "112", "%", "gte", "PERCENT", "p", "rate")]
    [row] = role_table(metrics, "走访企业数 50家 56家 112%")
    assert (row["目标值"], row["实际值"], row["完成率"], row["单位"]) == ("50", "56", "不少于112", "家、%")


def test_file_names_hold_only_safe_characters() -> None:
    assert file_name_part({"q": "侨务", "year": "2022", "page": "2"}) == "q-侨务_year-2022"
    assert file_name_part({}) == "all"
    assert "/" not in file_name_part({"dept": "../a b"})


def test_the_querys_own_words_and_related_words_are_marked_apart() -> None:
    from ui.web.format import mark_kinds

    marked = mark_kinds("<mark>政协委员</mark>提出<mark>提案</mark>，<mark>履职</mark>", ["提案"])
    assert marked == ("<mark class='jixiao-rel'>政协委员</mark>提出<mark class='jixiao-own'>提案</mark>，"
                      "<mark class='jixiao-rel'>履职</mark>")
    assert "jixiao-own" in mark_kinds("<mark>侨务</mark>", ["\"侨务\""[1:-1]])


def test_a_snippet_centres_on_an_own_word_before_a_related_one() -> None:
    from ui.web.format import mark_kinds

    text = "<mark>履职</mark>" + "甲" * 300 + "<mark>提案</mark>" + "乙" * 300
    cut = snippet(mark_kinds(text, ["提案"]), width=60)
    assert "<mark class='jixiao-own'>提案</mark>" in cut and "履职" not in cut
    only_related = snippet(mark_kinds(text, ["别的"]), width=60)
    assert only_related.startswith("<mark class='jixiao-rel'>履职</mark>")


def test_a_report_is_named_by_its_title_or_what_it_is_never_its_id() -> None:
    from ui.web.format import report_title

    assert report_title({"id": "x1", "title": "某报告"}) == "某报告"
    assert report_title({"id": "x1", "title": "", "year": 2023, "department": "某区统战部",
                         "genre": "部门整体支出绩效自评报告"}) == "2023年某区统战部部门整体支出绩效自评报告"
    assert "x1" not in report_title({"id": "x1"})
