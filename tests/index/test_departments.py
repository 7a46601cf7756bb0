"""The departments table: one department across its names and years, found by name or id."""

from __future__ import annotations

from index.departments import find_department, hit_identities, list_departments
from index.store import Store
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
    first, second = tagged[CPPCC_2021], tagged[CPPCC_2023]
    second.meta = {**second.meta, "department": "政协广州市荔湾区委员会"}
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
