from extract.figures.table_roles import (
    header_columns,
    is_amount_header,
    is_total_row,
    label_columns,
    passage_metrics,
)
from extract.figures.what import indicator_name
from tests.conftest import figures

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def _row_metrics(row: str, header: list[str] | None = HEADER):
    entities = figures(row)
    columns = label_columns(header, row, entities) if header else None
    return passage_metrics("p1", entities, True, columns)


def test_figures_under_a_header_take_its_columns_as_roles_and_in_what():
    metrics = _row_metrics("效益指标\t社会效益指标\t受益群众人数\t≥800人\t950人\t10\t10")
    assert [(m.what, m.value, m.role) for m in metrics] == [
        ("受益群众人数年度指标值", "800", "target"), ("受益群众人数实际完成值", "950", "actual")]


def test_a_row_shorter_than_its_header_aligns_from_the_right_without_text_columns():
    cells = "满意度指标\t群众满意度\t90%\t93%\t10\t10".split("\t")
    assert header_columns(HEADER, cells)[2:] == ["年度指标值", "实际完成值", "分值", "得分"]


def test_rate_columns_of_a_budget_table():
    header = ["项目", "年初预算数", "全年执行数", "执行率"]
    metrics = _row_metrics("办公设备购置\t12.5万元\t11.8万元\t94.4%", header)
    assert [m.role for m in metrics] == ["target", "actual", "rate"]


def test_without_a_header_the_row_shape_decides():
    metrics = _row_metrics("走访企业数\t50家\t56家\t112%", None)
    assert [m.role for m in metrics] == ["target", "actual", "rate"]
    assert {m.what for m in metrics} == {"走访企业数"}


def test_indicator_cells_lose_their_number_category_unit_and_kind():
    assert indicator_name("指标1：预算完成率%定量指标") == "预算完成率"
    assert indicator_name("产出指标数量指标指标2：培训次数次定量指标") == "培训次数"
    assert indicator_name("合计") == "合计"


def _total_row_metrics(row: str, header: list[str]):
    entities = figures(row)
    columns = label_columns(header, row, entities)
    return passage_metrics("p1", entities, True, columns, total=is_total_row(row))


BUDGET_HEADER = ["资金来源整体支出年初预算数", "整体支出预算调整数", "整体年度实际支出数", "预算完成率", "预算调整率"]


def test_a_total_rows_rates_are_named_by_their_columns(tagged):
    doc = tagged["2021_liwan_cppcc_office_self_evaluation_table"]
    row = next(p for p in doc.passages if p.text.startswith("合计\t2165.98"))
    assert [(m.what, m.value, m.role, m.indicator) for m in row.metrics] == [
        ("预算完成率", "98.61", "rate", "预算执行率"), ("预算调整率", "7.09", "rate", "预算调整率")]


def test_a_budget_header_names_every_column_and_a_total_row_holds_totals():
    assert is_amount_header(BUDGET_HEADER) and not is_amount_header(["合计", "12.5", "预算完成率"])
    metrics = _total_row_metrics("小计\t120万元\t8万元\t126万元\t98%\t6.7%", BUDGET_HEADER)
    assert [(m.role, m.indicator) for m in metrics] == [
        ("total", "年初预算数"), ("total", "预算调整数"), ("total", "执行数"),
        ("rate", "预算执行率"), ("rate", "预算调整率")]
    assert all(m.what != "小计" for m in metrics)


def test_a_bare_rate_column_takes_its_rows_name():
    header = ["项目", "年初预算数", "全年执行数", "执行率"]
    metrics = _row_metrics("会议经费\t10万元\t9万元\t90%", header)
    assert metrics[2].what == "会议经费执行率"
    assert [m.indicator for m in metrics] == ["会议费", "会议费", ""]  # the item's, not the department's


def _total_row_metrics(row: str, header: list[str]):
    entities = figures(row)
    return passage_metrics("p1", entities, True, label_columns(header, row, entities), total=is_total_row(row))


FUNDS_HEADER = ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"]


def test_the_funds_total_of_a_self_evaluation_table_is_the_budget_and_its_parts_lose_their_qizhong():
    whole = _total_row_metrics("年度资金总额\t356.2万元\t380.5万元\t372.1万元\t97.79%\t9.8", FUNDS_HEADER)
    assert [(m.role, m.indicator) for m in whole] == [
        ("total", "年初预算数"), ("total", "调整后预算数"), ("total", "执行数"), ("rate", "预算执行率")]
    part = _row_metrics("其中：财政拨款\t356.2万元\t380.5万元\t372.1万元\t97.79%\t-", FUNDS_HEADER)
    assert part[0].what == "财政拨款年初预算数" and part[3].indicator == ""


def test_a_total_under_a_bare_budget_column_names_no_department_budget():
    metrics = _total_row_metrics("合计\t5万元\t3.2万元", ["项目", "预算数", "决算数"])
    assert [(m.role, m.indicator) for m in metrics] == [("total", ""), ("total", "")]


def test_a_role_column_alone_is_no_what():
    entities = figures("\t\t≥300户\t326户")
    label_columns(HEADER[:5], "\t\t≥300户\t326户", entities)
    assert all(e.what is None or "指标值" not in e.what and "完成值" not in e.what for e in entities) \
        or entities == []


def test_the_two_totals_of_an_income_and_spending_table():
    row = "总计\t32\t382.1万元\t总计\t64\t382.1万元"
    metrics = passage_metrics("p1", figures(row), True, None, total=is_total_row(row))
    assert [(m.what, m.role, m.indicator) for m in metrics] == [
        ("收入总计", "total", "收入总计"), ("支出总计", "total", "支出总计")]
