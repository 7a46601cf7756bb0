import numpy as np
import pytest

from extract.areas.context import (
    ContextWeights,
    contextual_scores,
    department_kind,
    kind_lean,
    neighbour_mean,
    per_area,
    section_scores,
    table_context,
    table_scores,
)
from extract.areas.definitions import AREAS

CODES = list(AREAS)


@pytest.mark.parametrize("name, kinds", [
    ("某县民族宗教事务局", ["民宗局"]),
    ("中国人民政治协商会议某市委员会办公室", ["政协"]),  # 政治协商会议 holds 商会: not a 工商联
    ("某区工商业联合会（总商会）", ["工商联"]),
    ("某县归国华侨联合会", ["侨联"]),
    ("中共某县委统战部（县民族宗教事务局）", ["民宗局", "统战部"]),
    ("某县政务服务平台办公室", []),  # 台办 inside 平台办公 is no 台办
    ("某县农民建房管理办公室", []),  # nor 民建 inside 农民建房
    ("", []),
])
def test_the_kind_of_department_is_read_from_its_name(name, kinds):
    assert sorted(department_kind(name)) == sorted(kinds)


def test_the_title_speaks_when_the_department_is_unknown():
    assert department_kind("", "某县台湾事务办公室2023年度部门整体支出绩效自评报告") == ["台办"]
    assert kind_lean(["侨联"])[CODES.index("overseas_chinese")] == 1.0
    assert kind_lean(["侨联"]).sum() == 1.0


def test_rows_inherit_their_tables_title_and_project_name():
    kinds = ["paragraph", "paragraph", "table_row", "table_row", "table_row", "paragraph", "table_row"]
    texts = ["正文一段较长的说明文字。" * 8, "2023年少数民族发展资金分配表", "项目名称\t宗教场所补助",
             "某村文化长廊\t8", "某村道路\t7", "正文。" * 30, "办公经费\t3"]
    assert table_context(kinds, texts) == [[], [], [1], [1, 2], [1, 2], [], []]


def test_context_adds_its_share_and_nothing_without_weights():
    own = np.array([[0.1, 0.0], [0.5, 0.2], [0.9, 0.0]])
    assert np.array_equal(contextual_scores(own, ContextWeights()), own)
    assert np.allclose(neighbour_mean(own), [[0.5, 0.2], [0.5, 0.0], [0.5, 0.2]])
    lean = np.array([0.0, 1.0])
    result = contextual_scores(own, ContextWeights(kind=0.1, neighbours=0.5), lean)
    assert np.allclose(result, np.clip(own + 0.1 * lean + 0.5 * neighbour_mean(own), 0, 1))
    headings = {"（三）宗教工作": np.array([0.0, 0.8]), "一、工作": np.array([0.3, 0.1])}
    section = section_scores([["一、工作", "（三）宗教工作"], [], ["一、工作"]], headings, 2)
    assert np.allclose(section, [[0.3, 0.8], [0, 0], [0.3, 0.1]])
    assert np.allclose(table_scores(own, [[], [0, 2], []]), [[0, 0], [0.9, 0.0], [0, 0]])


def test_context_never_makes_a_row_of_numbers_institution():
    own = np.zeros((3, len(CODES)))
    own[0, CODES.index("institution")] = 0.9  # the department's duties above the table
    lifted = contextual_scores(own, ContextWeights(neighbours=0.5, section=0.3), section=np.ones_like(own),
                               rows_of_numbers=[1, 2])
    assert lifted[1, CODES.index("institution")] == 0.0 and lifted[2, CODES.index("institution")] == 0.0
    assert lifted[1, CODES.index("ethnic_religion")] == pytest.approx(0.3)  # other areas still lean


def test_a_share_per_area_scales_its_own_column():
    own = np.zeros((2, len(CODES)))
    weights = ContextWeights(section=per_area(0.2, institution=0.1, party_building=0.0))
    result = contextual_scores(own, weights, section=np.ones_like(own))
    assert result[0, CODES.index("institution")] == pytest.approx(0.1)
    assert result[1, CODES.index("party_building")] == 0.0
    assert result[0, CODES.index("ethnic_religion")] == pytest.approx(0.2)
    with pytest.raises(ValueError):
        per_area(0.1, nowhere=0.2)
