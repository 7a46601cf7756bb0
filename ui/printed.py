"""What commands print beyond one line: the departments list and a search's hits (their commands are in
``ui.cli``)."""

from __future__ import annotations

import json
from pathlib import Path


def departments_text(data: Path, as_json: bool) -> str:
    """Every department of the store: id, names, region and reports by year, as lines or JSON;
    a JixiaoError when the folder holds no store."""
    from index.corpus import Corpus

    found = Corpus(data).department_list()
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


def search_text(result, first_rank: int) -> str:
    """A search's hits as a person reads them: the total, each hit ranked with its title, year,
    section and text, whose report it is (department, region levels, department id), then the
    facet counts (each counted under the other filters)."""
    lines = [f"{result.total} passage(s) match; page {result.page}"]
    for rank, hit in enumerate(result.hits, start=first_rank):
        lines += ["", f"{rank}. [{hit.score:.2f}] {hit.title} ({hit.year}) — {hit.section}", f"   {hit.text[:200]}"]
        whose = " › ".join(hit.region_levels.get(k) for k in ("province", "city", "county") if hit.region_levels.get(k))
        if hit.department or whose:
            lines.append(f"   {hit.department or '未注明'}" + (f" · {whose}" if whose else "")
                         + (f" · {hit.department_id}" if hit.department_id else ""))
    shown = {name: counts for name, counts in result.facets.items() if counts}
    if shown:
        lines.append("")
    lines += [f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()) for name, counts in shown.items()]
    return "\n".join(lines)
