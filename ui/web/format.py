"""Plain formatting for the app: figures, area badges, rows of small tables; no widgets."""

from __future__ import annotations

from extract.areas.definitions import AREAS
from extract.records import Entity, Metric, Passage


def section_groups(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Consecutive passages under the same headings, as (section path, passages)."""
    groups: list[tuple[str, list[Passage]]] = []
    for p in passages:
        path = " / ".join(p.section) or "（无标题 no heading）"
        if groups and groups[-1][0] == path:
            groups[-1][1].append(p)
        else:
            groups.append((path, [p]))
    return groups


def number(value: float | None) -> str:
    """A figure as the reports write it, without float noise: 1288.68, 0.38, 99.236567."""
    if value is None:
        return "—"
    return f"{value:.6f}".rstrip("0").rstrip(".")


def area_chips(codes: list[str]) -> str:
    """Markdown badges with the Chinese names of work areas."""
    return " ".join(f":blue-badge[{AREAS.get(code, code)}]" for code in codes)


def entity_rows(entities: list[Entity]) -> list[dict[str, str]]:
    """A small table of entities: label, text, value, unit, qualifier, what."""
    return [{"label": e.label, "text": e.text, "value": e.value or "", "unit": e.unit or "",
             "qualifier": e.qualifier or "", "what": e.what or ""} for e in entities]


def metric_rows(metrics: list[Metric]) -> list[dict[str, str]]:
    """A small table of metrics: what, value, unit, qualifier, label, role."""
    return [{"what": m.what or "", "value": m.value or "", "unit": m.unit or "",
             "qualifier": m.qualifier or "", "label": m.label, "role": m.role or ""}
            for m in metrics]
