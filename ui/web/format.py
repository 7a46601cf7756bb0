"""Plain formatting for the app: figures, area badges, rows of small tables; no widgets."""

from __future__ import annotations

import html
import re
import string

from extract.areas.definitions import AREAS
from extract.records import Entity, Metric, Passage

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def literal(text: object, *, html_block: bool = False) -> str:
    """Untrusted text (a report's words, title, department or section; a query or id from the URL)
    made to show as itself, never as markup.

    For Markdown (``st.markdown``, ``st.caption``, ``st.info``/``st.warning``, ``st.subheader``,
    expander labels, ``st.table`` cells) every ASCII punctuation mark is backslash-escaped, as
    CommonMark allows, so no link, image, autolink, emphasis, heading, HTML, ``:color[]``
    directive or ``$`` formula can form. Inside an HTML block of ours (``html_block=True``) the
    text is HTML-escaped and its line breaks become ``<br>``, so no blank line can end the block
    and let Markdown read what follows.
    """
    text = str(text)
    if html_block:
        return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")
    return _PUNCTUATION.sub(r"\\\1", text)


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
    return [{"label": e.label, "text": literal(e.text), "value": literal(e.value or ""),
             "unit": literal(e.unit or ""), "qualifier": e.qualifier or "", "what": literal(e.what or "")}
            for e in entities]


def metric_rows(metrics: list[Metric]) -> list[dict[str, str]]:
    """A small table of metrics: what, value, unit, qualifier, label, role."""
    return [{"what": literal(m.what or ""), "value": literal(m.value or ""), "unit": literal(m.unit or ""),
             "qualifier": m.qualifier or "", "label": m.label, "role": m.role or ""}
            for m in metrics]
