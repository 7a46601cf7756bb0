"""What `jixiao departments` and `jixiao eval meta` print (their commands are in ``ui.cli``)."""

from __future__ import annotations

import json
from pathlib import Path


def departments_text(data: Path, as_json: bool) -> str:
    """Every department of the store: id, names, region and reports by year, as lines or JSON;
    a JixiaoError when the folder holds no store."""
    from index.departments import list_departments
    from index.store import Store

    with Store(data, create=False) as store:
        found = list_departments(store.db)
    if as_json:
        return json.dumps([d.to_dict() for d in found], ensure_ascii=False)
    lines = []
    for dept in found:
        aliases = [n for n in dept.names if n != dept.name]
        also = f"  also {', '.join(aliases)}" if aliases else ""
        lines.append(f"{dept.id}  {dept.name}  ({dept.region or '未注明'}){also}")
        years = dept.by_year().items()
        lines.append("    " + "; ".join(f"{year or '未注明'}: {', '.join(ids)}" for year, ids in years))
    return "\n".join(lines)
