"""One department across its names and years: the store's ``departments`` table.

Each document carries a ``department_id`` (``extract.identity.organisations.department_id``: its
region's code and a digest of its name's key, so 统战部 and 统一战线工作部 of one county share it).
Keys that are one department under two names (县统战部 and 县委统战部, 人大常委会办公室 and 人大常委会,
a renamed body) are a table of aliases (``data/department_aliases.tsv``): an ingested report gets
the id of the key its key stands for (``canonical_meta``). The table keeps, per id, every name the
reports gave, the longest as the canonical name, and the region; the reports are the documents
with that id.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.paths import data_rows

ALIASES_FILE = Path(__file__).parent / "data" / "department_aliases.tsv"
NO_REGION_CODE = "000000"
"""The code part of a department id whose region is unknown (``extract.identity.organisations``)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS departments (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT NOT NULL, region TEXT,
    province TEXT, city TEXT, county TEXT, code TEXT
);
"""

REGION_LEVELS = ("province", "city", "county", "code")
"""The keys of a report's ``region_levels``: each level's name and the lowest level's division code."""


@dataclass
class Department:
    """A department: id, canonical name, every name seen, region and its reports (id, title,
    year, genre), oldest first."""

    id: str
    name: str
    names: list[str]
    region: str | None
    levels: dict[str, str] = field(default_factory=dict)
    reports: list[dict[str, Any]] = field(default_factory=list)

    def by_year(self) -> dict[str, list[str]]:
        """Report ids by year ('' for reports without one)."""
        years: dict[str, list[str]] = {}
        for report in self.reports:
            years.setdefault(str(report["year"] or ""), []).append(report["id"])
        return years

    def to_dict(self) -> dict[str, Any]:
        """What `jixiao departments --json` prints for it."""
        return {"id": self.id, "name": self.name, "names": self.names,
                "aliases": [n for n in self.names if n != self.name], "region": self.region,
                "region_levels": self.levels, "reports_by_year": self.by_year(), "reports": self.reports}


@lru_cache(maxsize=1)
def key_aliases() -> dict[str, str]:
    """Each aliased department key with the key of the department it is (read once per process)."""
    return {row[0]: row[1] for row in data_rows(ALIASES_FILE)}


def canonical_department_id(department: str | None, given: str | None) -> str | None:
    """The id of a department named ``department`` whose id as read is ``given``: ``given`` itself,
    unless the name's key is an alias (``key_aliases``), then the id of the key it stands for in
    the same division (the region code of ``given``), the id every name of that key gets."""
    from extract.identity.organisations import department_id, department_key, organisation_name
    from extract.identity.regions import Region

    if not department or not given:
        return given
    name = organisation_name(re.sub(r"[（(][^）)]*[）)]$", "", department.strip()))  # its own （说明） aside
    alias = key_aliases().get(department_key(name)) if name is not None else None
    if alias is None:
        return given
    code = given.partition("-")[0]
    return department_id(None, Region(code="" if code == NO_REGION_CODE else code), alias)


def canonical_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A report's metadata with its ``department_id`` under the canonical key (the same dict when
    its key is no alias)."""
    wanted = canonical_department_id(meta.get("department"), meta.get("department_id"))
    return meta if wanted == meta.get("department_id") else {**meta, "department_id": wanted}


def record_department(db: sqlite3.Connection, meta: dict[str, Any]) -> None:
    """Add a document's department (its id, name and region) to the table, inside the caller's
    transaction; the canonical name is the longest name seen."""
    dept_id, name = meta.get("department_id"), meta.get("department")
    if not dept_id or not name:
        return
    levels = meta.get("region_levels") or {}
    row = db.execute("SELECT names FROM departments WHERE id = ?", (dept_id,)).fetchone()
    names = sorted(set(json.loads(row[0]) if row else []) | {name}, key=lambda n: (-len(n), n))
    db.execute("INSERT OR REPLACE INTO departments (id, name, names, region, province, city, county, code)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (dept_id, names[0], json.dumps(names, ensure_ascii=False), meta.get("region"),
                levels.get("province"), levels.get("city"), levels.get("county"), levels.get("code")))


def _department(db: sqlite3.Connection, row: sqlite3.Row) -> Department:
    reports = [dict(r) for r in db.execute(
        "SELECT id, title, year, genre, department FROM documents WHERE department_id = ?"
        " ORDER BY year IS NULL, year, id", (row["id"],))]
    return Department(id=row["id"], name=row["name"], names=json.loads(row["names"]), region=row["region"],
                      levels={k: row[k] or "" for k in REGION_LEVELS},
                      reports=reports)


def list_departments(db: sqlite3.Connection) -> list[Department]:
    """Every department that has a stored report, by region and name."""
    rows = db.execute("SELECT * FROM departments d WHERE EXISTS"
                      " (SELECT 1 FROM documents WHERE department_id = d.id) ORDER BY code, name")
    return [_department(db, row) for row in rows]


def find_department(db: sqlite3.Connection, wanted: str) -> Department | None:
    """The department with this id, or one of whose names this is (else the id this name reads
    as), or None."""
    wanted = (wanted or "").strip()
    row = db.execute("SELECT * FROM departments WHERE id = ?", (wanted,)).fetchone()
    if row is None:
        row = next((r for r in db.execute("SELECT * FROM departments") if wanted in json.loads(r["names"])), None)
    if row is None:
        from extract.identity.organisations import department_id, name_region, organisation_name

        name = organisation_name(wanted)
        if name is not None:
            read_as = canonical_department_id(wanted, department_id(name, name_region(name)))
            row = db.execute("SELECT * FROM departments WHERE id = ?", (read_as,)).fetchone()
    return _department(db, row) if row is not None else None


def hit_identities(db: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, str]]]:
    """Whose report each of these stored documents is: its ``department_id`` and its region's
    levels with the division code (``REGION_LEVELS``, '' where unknown), by document id."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    rows = db.execute(
        "SELECT id, department_id, json_extract(meta, '$.region_levels') AS levels FROM documents"
        f" WHERE id IN ({','.join('?' * len(wanted))})", wanted)
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for row in rows:
        levels = json.loads(row["levels"]) if row["levels"] else {}
        found[row["id"]] = (row["department_id"] or "", {k: str(levels.get(k) or "") for k in REGION_LEVELS})
    return found


def department_metrics(db: sqlite3.Connection, doc_ids: tuple[str, ...]) -> list[dict]:
    """The metrics of these reports with their year: ``indicator`` (canonical where stored, else
    ``what``), value, unit, role and doc_id, in year order."""
    if not doc_ids:
        return []
    columns = {r["name"] for r in db.execute("PRAGMA table_info(metrics)")}
    name = "COALESCE(NULLIF(m.indicator, ''), m.what)" if "indicator" in columns else "m.what"
    marks = ",".join("?" * len(doc_ids))
    rows = db.execute(
        f"SELECT {name} AS indicator, d.year, m.value, m.unit, m.role, m.doc_id FROM metrics m"
        f" JOIN documents d ON d.id = m.doc_id WHERE m.doc_id IN ({marks})"
        f" AND {name} IS NOT NULL AND {name} != '' ORDER BY d.year, m.id", doc_ids)
    return [dict(r) for r in rows]
