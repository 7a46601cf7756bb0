"""The departments table: one department across its names and years, found by name or id."""

from __future__ import annotations

import dataclasses
import json

import pytest

from extract.identity.organisations import department_id, name_region, organisation_name
from index.corpus import jsonl_sources
from index.departments import (
    canonical_department_id,
    canonical_meta,
    find_department,
    hit_identities,
    list_departments,
)
from index.store import Store
from index.workers import extract_batch
from tests.conftest import CPPCC_2021, CPPCC_2023


def test_the_two_cppcc_reports_share_one_department(data_dir):
    with Store(data_dir, create=False) as store:
        found = list_departments(store.db)
        cppcc = find_department(store.db, "政协广州市荔湾区委员会办公室")
        assert cppcc is not None and cppcc.by_year() == {"2021": [CPPCC_2021], "2023": [CPPCC_2023]}
        assert find_department(store.db, cppcc.id).name == cppcc.name
        assert find_department(store.db, "某某县工商联") is None
        ids = {row["department_id"] for row in store.db.execute("SELECT department_id FROM documents")}
    assert len(found) == len(ids) == 4 and cppcc.levels["county"] == "荔湾区"


def test_a_department_keeps_every_name_its_reports_give(tmp_path, tagged):
    first = tagged[CPPCC_2021]  # the session's tagged seeds are shared: the renamed report is a copy
    second = dataclasses.replace(tagged[CPPCC_2023], meta={**tagged[CPPCC_2023].meta,
                                                            "department": "政协广州市荔湾区委员会"})
    with Store(tmp_path) as store:
        store.put_document(first)
        store.put_document(second)
        (dept,) = list_departments(store.db)
    assert dept.names == ["中国人民政治协商会议广州市荔湾区委员会办公室", "政协广州市荔湾区委员会"]
    assert dept.name == dept.names[0]


def test_a_reports_department_id_and_region_levels_with_the_division_code(data_dir):
    with Store(data_dir, create=False) as store:
        known = hit_identities(store.db, [CPPCC_2021, CPPCC_2023, "not stored"])
        dept = find_department(store.db, "政协广州市荔湾区委员会")
    assert set(known) == {CPPCC_2021, CPPCC_2023} and known[CPPCC_2021] == known[CPPCC_2023]
    dept_id, levels = known[CPPCC_2021]
    assert dept_id == dept.id and levels == {"province": "广东省", "city": "广州市", "county": "荔湾区",
                                             "code": "440103"}


def read_id(written: str) -> str | None:
    """The id a report naming its department ``written`` is stored under: the id the identity reads,
    then its canonical key's (what ``index.workers.extract_batch`` does at ingest)."""
    name = organisation_name(written)
    return canonical_department_id(written, department_id(name, name_region(name)) if name else None)


ONE_DEPARTMENT = [
    ("中共巫山县委统一战线工作部", "巫山县委统战部", "中共巫山县委统战部", "巫山县统战部", "中共巫山县委员会统战部"),
    ("政协应城市委员会", "中国人民政治协商会议应城市委员会", "政协应城市委员会办公室",
     "中国人民政治协商会议湖北省应城市委员会办公室", "应城市政协办公室", "政协应城市委员会机关"),
    ("岳阳县工商业联合会", "岳阳县工商联", "岳阳县总商会", "湖南省岳阳县工商业联合会"),
    ("金华市归国华侨联合会", "金华市侨联"),
    ("桐庐县民族宗教事务局", "桐庐县民宗局", "桐庐县民族和宗教事务局", "桐庐县民族宗教事务委员会",
     "桐庐县民族和宗教事务委员会", "桐庐县民宗委", "桐庐县民族宗教事务管理局"),
    ("武进区人民政府台湾事务办公室", "武进区台办", "常州市武进区台湾事务办公室"),
    ("武进区人民政府侨务办公室", "武进区侨办", "武进区侨务办公室"),
    ("桃源县人大常委会", "桃源县人民代表大会常务委员会", "桃源县人民代表大会常务委员会办公室", "桃源县人大常委会机关"),
    ("中国民主同盟巫山县委员会", "民盟巫山县委员会"),
    ("中共桐庐县委党校", "桐庐县委党校", "桐庐县党校"),
    ("武进区台湾同胞联谊会", "武进区台联"),
]
DIFFERENT_DEPARTMENTS = [
    "中共巫山县委统战部", "中共巫山县委", "中共巫山县委办公室", "巫山县人民政府办公室", "政协巫山县委员会",
    "巫山县民族宗教事务局", "巫山县民族事务委员会", "巫山县宗教事务局", "巫山县民族宗教侨务事务局", "巫山县工商联",
    "巫山县侨联", "巫山县侨办", "巫山县台办", "巫山县人大常委会", "巫山县外事侨务办公室", "民盟巫山县委员会",
    "民革巫山县委员会", "巫山县社会主义学院", "巫山县委党校", "中共巫溪县委统战部", "巫山县妇联", "巫山县残联",
]


@pytest.mark.parametrize("names", ONE_DEPARTMENT, ids=lambda names: names[0])
def test_the_names_of_one_department_read_as_one_id(names):
    assert len({read_id(n) for n in names}) == 1 and read_id(names[0])


def test_different_departments_or_places_keep_their_own_ids():
    ids = [read_id(n) for n in DIFFERENT_DEPARTMENTS]
    assert all(ids) and len(set(ids)) == len(ids)


def test_an_aliased_name_keeps_its_region_code_and_a_name_that_is_none_its_id():
    assert read_id("巫山县统战部").startswith("500237-")
    assert canonical_department_id("某某科室", "000000-abcd") == "000000-abcd"  # not a name: as read
    assert canonical_department_id("", None) is None
    assert canonical_meta({"department": "巫山县政协", "department_id": "x"}) == {"department": "巫山县政协",
                                                                              "department_id": "x"}


def test_reports_under_aliased_names_and_years_are_one_department_in_the_store(tmp_path):
    lines = [json.dumps({"id": f"r{year}", "department": name, "year": year, "text": "开展统战调研3次。"},
                        ensure_ascii=False)
             for year, name in ((2021, "巫山县统战部"), (2022, "中共巫山县委统一战线工作部"), (2023, "巫山县委统战部"))]
    outcomes = extract_batch(list(jsonl_sources(lines, "r")))  # what every ingest runs
    with Store(tmp_path) as store:
        for outcome in outcomes:
            store.put_document(outcome.doc)
        (dept,) = list_departments(store.db)
        assert find_department(store.db, "巫山县统战部").id == dept.id
    assert dept.by_year() == {"2021": ["r2021"], "2022": ["r2022"], "2023": ["r2023"]}
    assert dept.name == "中共巫山县委统一战线工作部" and len(dept.names) == 3 and dept.levels["province"] == "重庆市"
