from extract.figures.budget import PARTS_CHECK, RATE_CHECK, missing_for_checks
from extract.figures.table_sums import TABLE_SUM, row_figures, table_sum_checks
from extract.records import BudgetSummary, Passage
from tests.conftest import CAIDIAN_2024


def rows(*texts: str, kind: str = "table_row") -> list[Passage]:
    return [Passage(f"t:{i}", text, 0, len(text), kind=kind) for i, text in enumerate(texts)]


def test_a_rows_figures_are_its_trailing_numeric_cells():
    assert row_figures("\t其他资金\t40\t5.36%\t0\t0") == ("其他资金", ["40", "5.36%", "0", "0"])
    assert row_figures("合计\t\t１,746.12\t100%") == ("合计", ["1746.12", "100%"])
    assert row_figures("项目\t预算数\t执行数") == ("执行数", [])


def test_the_seed_tables_totals_agree_with_their_items(tagged):
    checks = [c for c in tagged[CAIDIAN_2024].budget.checks if c.name.startswith(TABLE_SUM)]
    assert len(checks) == 8 and all(c.agrees for c in checks)  # 收入 and 支出, four columns each
    first = checks[0]
    assert (first.stated, first.computed) == (746.12, 746.12) and "财政拨款…其他资金" in first.name


def test_a_total_that_is_not_the_sum_is_reported_with_the_difference():
    [check] = table_sum_checks(rows("项目\t金额", "办公费\t10.5", "印刷费\t20.25", "合计\t31.5"))
    assert not check.agrees and check.difference == 0.75 and check.computed == 30.75


def test_nothing_is_checked_without_two_items_of_the_same_shape_or_across_a_paragraph():
    assert table_sum_checks(rows("办公费\t10", "合计\t10")) == []
    assert table_sum_checks(rows("办公费\t10\t5", "印刷费\t20", "合计\t30")) == []  # a subtotal row?
    broken = rows("办公费\t10", "印刷费\t20") + rows("说明文字", kind="paragraph") + rows("合计\t30")
    assert table_sum_checks(broken) == []


def test_what_each_check_lacks_is_named():
    missing = missing_for_checks(BudgetSummary(spent=90.0))
    assert missing == {RATE_CHECK: ["completion_rate", "adjusted_budget"],
                       PARTS_CHECK: ["basic_spending", "project_spending"]}
    assert missing_for_checks(BudgetSummary())[RATE_CHECK] == ["completion_rate", "spent", "adjusted_budget"]
