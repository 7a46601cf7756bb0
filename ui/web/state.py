"""The search page's state: URL parameters in, widget state, URL parameters out."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from extract.areas.definitions import AREAS
from extract.records import ENTITY_LABELS
from index.search.service import SORTS, Filters
from ui.web.format import number

PAGE_SIZE = 10
SEARCH_PARAMS = ("q", "area", "year", "dept", "label", "min_yuan", "max_yuan", "sort", "page",
                 "thesaurus")
ANY = ""  # the "no filter" choice of a radio (None would read as "nothing chosen")


@dataclass
class SearchState:
    """What the search page asks for: query, filters, sort, page and the thesaurus switch."""

    query: str
    filters: Filters
    sort: str
    page: int
    use_thesaurus: bool

    def signature(self) -> tuple:
        """Everything but the page: when it changes, the page goes back to 1."""
        return (self.query, tuple(self.filters.__dict__.items()), self.sort, self.use_thesaurus)

    def to_params(self) -> dict[str, str]:
        """The URL parameters of this search, defaults left out."""
        f = self.filters
        params = {"q": self.query, "area": f.area, "year": f.year, "dept": f.dept,
                  "label": f.label, "min_yuan": f.min_yuan, "max_yuan": f.max_yuan,
                  "sort": None if self.sort == "relevance" else self.sort,
                  "page": None if self.page == 1 else self.page,
                  "thesaurus": None if self.use_thesaurus else "0"}
        return {k: number(v) if isinstance(v, float) else str(v)
                for k, v in params.items() if v not in (None, "")}


def _param_int(name: str, problems: list[str]) -> int | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        problems.append(f"URL parameter {name}={raw!r} is not a whole number; ignored.")
        return None


def _param_float(name: str, problems: list[str]) -> float | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):  # also NaN: the amount inputs start at 0
        problems.append(f"URL parameter {name}={raw!r} is not an amount in 元; ignored.")
        return None
    return value


def _param_choice(name: str, choices: tuple[str, ...] | list[str], problems: list[str]) -> str | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        problems.append(f"URL parameter {name}={raw!r} is not one of {', '.join(choices)}; ignored.")
        return None
    return raw


def seed_search_state() -> list[str]:
    """Fill the search widgets' state from the URL where the session has none yet.

    Streamlit forgets the state of widgets a run does not draw (the Reports view draws none of
    them), so the URL is what a session comes back to. Returns what could not be read.
    """
    state = st.session_state
    problems: list[str] = []
    seeds = {
        "q": lambda: st.query_params.get("q", ""),
        "area": lambda: _param_choice("area", list(AREAS), problems) or ANY,
        "year": lambda: _param_int("year", problems) or ANY,
        "dept": lambda: st.query_params.get("dept", ""),
        "label": lambda: _param_choice("label", ENTITY_LABELS, problems) or ANY,
        "min_yuan": lambda: _param_float("min_yuan", problems),
        "max_yuan": lambda: _param_float("max_yuan", problems),
        "sort": lambda: _param_choice("sort", SORTS, problems) or "relevance",
        "thesaurus": lambda: st.query_params.get("thesaurus", "1") not in ("0", "false", "no"),
    }
    for key, seed in seeds.items():
        if key not in state:
            state[key] = seed()
    if "page" not in state:
        page = _param_int("page", problems) or 1
        if page < 1:
            problems.append("URL parameter page starts at 1; showing page 1.")
            page = 1
        state["page"] = page
    return problems


def sync_url(params: dict[str, str]) -> None:
    """Make the browser's URL show ``params`` (only when it differs, to keep history calm)."""
    if {k: st.query_params[k] for k in st.query_params} != params:
        st.query_params.from_dict(params)


def turn_page(step: int) -> None:
    """Button callback: move the result page by ``step``."""
    st.session_state["page"] = max(1, st.session_state.get("page", 1) + step)
