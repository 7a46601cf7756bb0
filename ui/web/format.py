"""Plain formatting for the app: figures, snippets, table rows, rows of small tables; no widgets."""

from __future__ import annotations

import html
import re
import string

from extract.records import Entity, Metric, Passage
from extract.text.characters import same_length_view
from ui.web.names import area_name, label_name, qualifier_name, role_name

NO_HEADING = "（无标题）"
SNIPPET_CHARS = 160  # a hit's snippet: about three lines on a phone
TITLE_CHARS = 60  # a report title beyond this is cut, the whole one in the tooltip or table

_MARK = re.compile(r"(<mark[^>]*>.*?</mark>)", re.S)
_PLAIN_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
OWN_MARK = "jixiao-own"  # the class of a mark of a word the user typed
RELATED_MARK = "jixiao-rel"  # the class of a mark of a related word (thesaurus)
_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w.\-]+")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_AUTOLINK_START = re.compile(r"(?i)https?(?=:)|ftp(?=:)|www(?=\.)|@")
"""Where Markdown's autolinks start (http:, www., an e-mail's @), which escapes do not stop: a
zero-width space after them keeps the text as it reads and unlinked."""


def as_text(text: object, *, html_block: bool = False) -> str:
    """Untrusted text (a report's words, title, department or section; a query or id from the URL)
    made to show as itself, never as markup.

    For Markdown (``st.markdown``, ``st.caption``, ``st.info``/``st.warning``, ``st.subheader``,
    radio and expander labels) every ASCII punctuation mark is backslash-escaped, as CommonMark
    allows, and a zero-width space follows http, www and @, so no link, image, autolink, emphasis,
    heading, HTML, ``:color[]`` directive or ``$`` formula can form. Inside an HTML block of ours
    (``html_block=True``) the text is HTML-escaped (``html_text``) and its line breaks become
    ``<br>``, so no blank line can end the block and let Markdown read what follows.
    """
    text = str(text)
    if html_block:
        return html_text(text).replace("\r\n", "\n").replace("\n", "<br>")
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK_START.sub("\\g<0>\u200b", text))


_AUTOLINK_CHARS = str.maketrans({":": "&#58;", "@": "&#64;", ".": "&#46;"})


def defused(fragment: str) -> str:
    """Escaped HTML (a highlight with <mark>) in which Markdown finds no bare URL or e-mail address
    to turn into a link: its ``:``, ``@`` and ``.`` become character references, shown the same."""
    return fragment.translate(_AUTOLINK_CHARS)


def html_text(text: object) -> str:
    """Untrusted text for one of our HTML blocks: HTML-escaped, and no autolink can form in it."""
    return defused(html.escape(str(text)))


def region_path(levels: dict[str, str] | None) -> str:
    """A region as a breadcrumb, province first (广东省 › 广州市 › 荔湾区); '' when none is known."""
    levels = levels or {}
    return " › ".join(levels[k] for k in ("province", "city", "county") if levels.get(k))


def section_groups(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Consecutive passages under the same headings, as (section path, passages)."""
    groups: list[tuple[str, list[Passage]]] = []
    for p in passages:
        path = " / ".join(p.section) or NO_HEADING
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


def shorten(text: str | None, limit: int = TITLE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis; empty for None."""
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def mark_kinds(highlight: str, own_words: list[str]) -> str:
    """A highlight (escaped HTML with <mark>) with each mark classed: ``OWN_MARK`` for the words
    and phrases the user typed, ``RELATED_MARK`` for the related words the search added."""
    own = {same_length_view(w) for w in own_words}

    def classed(match: re.Match) -> str:
        kind = OWN_MARK if same_length_view(html.unescape(match.group(1))) in own else RELATED_MARK
        return f"<mark class='{kind}'>{match.group(1)}</mark>"

    return _PLAIN_MARK.sub(classed, highlight)


def report_title(row: dict) -> str:
    """A report as a reader names it: its title, else its year, department and genre (never an id)."""
    if row.get("title"):
        return str(row["title"])
    parts = [f"{row['year']}年" if row.get("year") else "", row.get("department") or "", row.get("genre") or ""]
    return "".join(parts) or "（无标题的报告）"


def snippet(highlight: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of a highlighted passage (escaped HTML with <mark>) around its
    first mark of a word the user typed (``OWN_MARK``), else its first mark, with … where text
    was left out; the whole passage when it is short. Marks keep their class."""
    parts = _MARK.split(highlight)
    plain = [html.unescape(re.sub(r"</?mark[^>]*>", "", part)) for part in parts]
    if sum(map(len, plain)) <= width:
        return highlight
    first = next((i for i, part in enumerate(parts) if part.startswith(f"<mark class='{OWN_MARK}'>")),
                 next((i for i, part in enumerate(parts) if part.startswith("<mark")), None))
    start = 0 if first is None else max(0, sum(map(len, plain[:first])) - width // 4)
    end = start + width
    out: list[str] = []
    position = 0
    for part, text in zip(parts, plain):
        low, high = max(start, position), min(end, position + len(text))
        if low < high:
            piece = html.escape(text[low - position:high - position])
            opening = part[:part.index(">") + 1] if part.startswith("<mark") else ""
            out.append(f"{opening}{piece}</mark>" if opening else piece)
        position += len(text)
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < position else "")


def file_name_part(params: dict[str, str], limit: int = 60) -> str:
    """Search parameters as part of a download's file name (``q-侨务_year-2022``): only letters,
    digits (Chinese ones too), dots and dashes; "all" when there are none."""
    described = "_".join(f"{k}-{v}" for k, v in params.items() if k not in ("sort", "page", "thesaurus"))
    return safe_file_stem(described, limit) or "all"


def safe_file_stem(text: str, limit: int = 100) -> str:
    """``text`` as part of a file name: runs of anything but letters, digits (Chinese ones too),
    dots and dashes become one ``_``; no leading or trailing ``_`` or dot; at most ``limit`` long."""
    return _UNSAFE_IN_FILE_NAME.sub("_", text)[:limit].strip("._")


def role_table(metrics: list[Metric], passage: str) -> list[dict[str, str]]:
    """A passage's metrics, one row per indicator: 目标值, 实际值, 完成率 of a table row side by side,
    other figures under 数值; with the passage's start."""
    rows: dict[str, dict[str, str]] = {}
    for m in metrics:
        row = rows.setdefault(m.what or "", {"指标": m.what or "", "目标值": "", "实际值": "", "完成率": "",
                                              "数值": "", "单位": "", "段落": passage})
        column = {"target": "目标值", "actual": "实际值", "rate": "完成率"}.get(m.role or "", "数值")
        row[column] = "、".join(filter(None, (row[column], qualifier_name(m.qualifier) + (m.value or ""))))
        if m.unit and m.unit not in row["单位"].split("、"):
            row["单位"] = "、".join(filter(None, (row["单位"], m.unit)))
    return list(rows.values())


def area_chips(codes: list[str]) -> str:
    """Markdown badges with the Chinese names of work areas."""
    return " ".join(f":blue-badge[{area_name(code)}]" for code in codes)


def entity_rows(entities: list[Entity]) -> list[dict[str, str]]:
    """A small table of a passage's figures: 指标 (what it measures), 数值, 单位, 类型, 限定."""
    return [{"指标": e.what or "", "原文": e.text, "数值": e.value or "", "单位": e.unit or "",
             "类型": label_name(e.label), "限定": qualifier_name(e.qualifier)} for e in entities]


def metric_rows(metrics: list[Metric]) -> list[dict[str, str]]:
    """A small table of metrics: 指标, 数值, 单位, 角色, 类型, 限定."""
    return [{"指标": m.what or "", "数值": m.value or "", "单位": m.unit or "",
             "角色": role_name(m.role), "类型": label_name(m.label), "限定": qualifier_name(m.qualifier)}
            for m in metrics]


def table_cells(text: str) -> list[str]:
    """The cells of a table row (tabs separate them in the passage text)."""
    return [cell.strip() for cell in text.split("\t")]


def row_table(rows: list[str], header: str | None = None) -> list[dict[str, str]]:
    """Table rows (their texts) as records under the header's column names (列1, 列2 … where
    there is no header). A header shorter than the rows names their last columns: the cell it
    lacks is the rows' label column, whose name a PDF often runs into the next one."""
    cells = [table_cells(r) for r in rows]
    names = table_cells(header) if header else []
    width = max([len(c) for c in cells] + [len(names)])
    names = [""] * (width - len(names)) + names if names else [""] * width
    names = [n or f"列{i}" for i, n in enumerate(names, start=1)]
    names = [n if names.index(n) == i else f"{n}（{i + 1}）" for i, n in enumerate(names)]
    return [dict(zip(names, row + [""] * (width - len(row)))) for row in cells]


def header_above(passage: Passage) -> str | None:
    """The header row of the table a table row stands in, as the pipeline stored it with the
    row (``Passage.header``), or None (also for a header row itself)."""
    return passage.header if passage.kind == "table_row" and passage.header and not passage.is_header else None


def blocks(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Passages as a reader sees them: ("text", [paragraph]) or ("table", consecutive table rows,
    a header row first when there is one)."""
    out: list[tuple[str, list[Passage]]] = []
    for p in passages:
        if p.kind == "table_row" and out and out[-1][0] == "table" and not p.is_header:
            out[-1][1].append(p)
        else:
            out.append(("table" if p.kind == "table_row" else "text", [p]))
    return out
