from extract.figures.budget import budget_summary
from extract.nlp.pipeline import tag_report
from tests.conftest import BAIYUN_2022, CPPCC_2021, CPPCC_2023, LIWAN_2022, split_passages


def test_liwan_2022_budget_summary(tagged):
    b = tagged[LIWAN_2022].budget
    assert (b.initial_budget, b.adjusted_budget, b.spent, b.completion_rate) == (1110.36, 1419.41, 1288.68, 90.79)
    assert (b.basic_spending, b.project_spending, b.carryover) == (1129.01, 159.68, 0.38)
    checks = {c.name: c for c in b.checks}
    assert checks["completion_rate = spent / budget"].agrees
    assert abs(checks["completion_rate = spent / budget"].computed - 90.79) < 0.01
    # 1129.01 + 159.68 = 1288.69: one cent of rounding, shown but within rounding
    assert checks["spent = basic + project"].difference == -0.01


def test_table_summary_reads_columns_through_the_header(tagged):
    b = tagged[CPPCC_2021].budget
    assert (b.initial_budget, b.spent, b.completion_rate) == (2165.98, 2287.19, 98.61)
    assert round(b.adjusted_budget, 2) == 2319.54  # 年初 2165.98 + 预算调整数 153.56
    assert all(c.agrees for c in b.checks)


def test_other_reports(tagged):
    assert tagged[CPPCC_2023].budget.spent == 2653.04
    assert tagged[BAIYUN_2022].budget.spent == 435.27


def test_a_disagreement_is_shown_not_fixed():
    doc = tag_report("x", "（二）收支情况\n全年预算数 100 万元，执行数 80 万元，完成预算的 90%。"
                          "按支出性质看，基本支出 50 万元，项目支出 20 万元。\n")
    b = doc.budget
    assert b.completion_rate == 90 and b.spent == 80
    checks = {c.name: c for c in b.checks}
    assert not checks["completion_rate = spent / budget"].agrees
    assert checks["completion_rate = spent / budget"].computed == 80
    assert not checks["spent = basic + project"].agrees


def test_no_figures_no_summary():
    text, passages = split_passages("x", "一、概况\n本部门没有说预算。\n")
    assert budget_summary(text, passages).is_empty()
