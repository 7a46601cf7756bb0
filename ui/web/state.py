"""The app's state: URL parameters in, widget state, URL parameters out.

The URL is what a session comes back to (a reload, a shared link): every view and every filter is
a parameter, and widgets are seeded from it wherever the session holds no value yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from extract.areas.definitions import AREAS
from extract.figures.units import YUAN_PER_WAN
from extract.records import ENTITY_LABELS
from index.corpus import SORTS, Filters
from ui.web.format import number
from ui.web.names import VIEWS

PAGE_SIZE = 10
ANY = ""  # the "no filter" choice of a radio (None would read as "nothing chosen")
FILTER_PARAMS = ("q", "area", "year", "dept", "dept_id", "genre", "province", "city", "county", "region", "label",
                 "min_wan", "max_wan", "sort", "thesaurus")
"""The search's parameters, kept in the URL by every view so that going back finds the search."""
URL_SEEN = "_url_seen"  # session key: the URL the last run left in the browser
URL_MOVED = "_url_moved"  # session key: this run's URL is not that one (Back, Forward, a new session)


@dataclass
class SearchState:
    """What the search asks for: query, filters, sort, page and the thesaurus switch."""

    query: str
    filters: Filters
    sort: str
    page: int
    use_thesaurus: bool

    def signature(self) -> tuple:
        """Everything but the page: when it changes, the page goes back to 1."""
        return (self.query, tuple(self.filters.__dict__.items()), self.sort, self.use_thesaurus)

    def to_params(self) -> dict[str, str]:
        """The URL parameters of this search, defaults left out; amounts in 万元."""
        f = self.filters
        params = {"q": self.query, "area": f.area, "year": f.year, "dept": f.dept, "dept_id": f.dept_id,
                  "genre": f.genre, "province": f.province, "city": f.city, "county": f.county,
                  "region": f.region, "label": f.label,
                  "min_wan": None if f.min_yuan is None else f.min_yuan / YUAN_PER_WAN,
                  "max_wan": None if f.max_yuan is None else f.max_yuan / YUAN_PER_WAN,
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
        problems.append(f"网址参数 {name}={raw[:40]!r} 不是整数，已忽略。")
        return None


def _param_amount(name: str, problems: list[str]) -> float | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):  # also NaN: the amount inputs start at 0
        problems.append(f"网址参数 {name}={raw[:40]!r} 不是以万元计的金额，已忽略。")
        return None
    return value


def _param_choice(name: str, choices: tuple[str, ...] | list[str], problems: list[str]) -> str | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        problems.append(f"网址参数 {name}={raw[:40]!r} 不是可选的值，已忽略。")
        return None
    return raw


def current_view() -> str:
    """The view the URL names (``?view=``); without one, the search when the URL holds a search
    (``/?q=侨务``), else the overview (also for an unknown name)."""
    view = st.query_params.get("view")
    if view is None:
        return "search" if any(k in st.query_params for k in FILTER_PARAMS) else "overview"
    return view if view in VIEWS else "overview"


def note_url_at_start() -> bool:
    """Called first in every run: True (and remembered for this run) when the browser's URL is not
    the one the last run left, because Back or Forward moved it or the session is new. Then the
    URL, not the widgets' remembered values, says what the view shows."""
    moved = st.session_state.get(URL_SEEN) != st.query_params.to_dict()
    st.session_state[URL_MOVED] = moved
    return moved


def note_url_at_end() -> None:
    """Called last in every run (also when it stops early): the URL this run leaves."""
    st.session_state[URL_SEEN] = st.query_params.to_dict()


def seed(key: str, value: Callable[[], object]) -> None:
    """Give the widget ``key`` the value the URL asks for (``value()``) when the session holds none
    yet, or when the URL moved (Back, Forward): a facet clicked pushes a history entry, and going
    back to it must show its choices again, not the widgets' latest ones."""
    if key not in st.session_state or st.session_state.get(URL_MOVED, False):
        st.session_state[key] = value()


def seed_search_state(departments: dict[str, str]) -> list[str]:
    """Fill the search widgets' state from the URL where the session has none yet, or all of
    them when the URL moved (``seed``).

    Streamlit forgets the state of widgets a run does not draw (the other views draw none of
    them), so the URL is what a session comes back to. A ``dept`` that is a whole department name
    (a key of ``departments``, name → department id) selects that department (by its id) among the
    department choices; any other text goes to the department box. Returns what could not be
    read, in Chinese.
    """
    state = st.session_state
    problems: list[str] = []
    if state.get(URL_MOVED, False):
        state.pop("_search_signature", None)  # the page the URL names is kept, not reset to 1
    dept = st.query_params.get("dept", "")
    seeds = {
        "q": lambda: st.query_params.get("q", ""),
        "area": lambda: _param_choice("area", list(AREAS), problems) or ANY,
        "year": lambda: _param_int("year", problems) or ANY,
        "dept": lambda: "" if dept in departments else dept,
        "dept_id": lambda: st.query_params.get("dept_id", "") or departments.get(dept) or ANY,
        "genre": lambda: st.query_params.get("genre", "") or ANY,
        "province": lambda: st.query_params.get("province", "") or ANY,
        "city": lambda: st.query_params.get("city", "") or ANY,
        "county": lambda: st.query_params.get("county", "") or ANY,
        "region": lambda: st.query_params.get("region", "") or ANY,
        "label": lambda: _param_choice("label", ENTITY_LABELS, problems) or ANY,
        "min_wan": lambda: _param_amount("min_wan", problems),
        "max_wan": lambda: _param_amount("max_wan", problems),
        "sort": lambda: _param_choice("sort", SORTS, problems) or "relevance",
        "thesaurus": lambda: st.query_params.get("thesaurus", "1") not in ("0", "false", "no"),
    }
    for key, value in seeds.items():
        seed(key, value)

    def page() -> int:
        number = _param_int("page", problems) or 1
        if number < 1:
            problems.append("网址参数 page 从 1 开始；显示第 1 页。")
        return max(1, number)

    seed("page", page)
    return problems


def chosen_filters() -> Filters:
    """The filters as the widgets hold them now (before they are drawn again); amounts in 元."""
    state = st.session_state

    def chosen(key: str):
        value = state.get(key, ANY)
        return None if value == ANY else value

    low, high = state.get("min_wan"), state.get("max_wan")
    # A lowest amount of 0 is no lower bound: as a filter it would keep only passages stating an
    # amount (the 金额 type filter says that), and every count would fall with it.
    return Filters(area=chosen("area"), year=chosen("year"),
                   dept=(state.get("dept") or "").strip() or None,
                   dept_id=chosen("dept_id"), genre=chosen("genre"), province=chosen("province"),
                   city=chosen("city"), county=chosen("county"), region=chosen("region"), label=chosen("label"),
                   min_yuan=low * YUAN_PER_WAN if low else None,
                   max_yuan=None if high is None else high * YUAN_PER_WAN)


FILTER_WIDGETS = {"area": {"area": ANY}, "year": {"year": ANY}, "label": {"label": ANY},
                  "dept": {"dept": ""}, "genre": {"genre": ANY}, "region": {"region": ANY},
                  "dept_id": {"dept_id": ANY}, "province": {"province": ANY}, "city": {"city": ANY},
                  "county": {"county": ANY},
                  "min_yuan": {"min_wan": None}, "max_yuan": {"max_wan": None}}
"""Each filter (a ``Filters`` field) and the widget values that drop it."""


def drop_filter(name: str) -> None:
    """Callback of a filter chip: the widgets of filter ``name`` back to "no filter"."""
    st.session_state.update(FILTER_WIDGETS[name])


def drop_all_filters() -> None:
    """Callback of 「清除全部」: every filter dropped, the query kept."""
    for name in FILTER_WIDGETS:
        drop_filter(name)


def search_params() -> dict[str, str]:
    """The search parameters of the URL now, to carry into another view's URL."""
    return {k: st.query_params[k] for k in st.query_params if k in FILTER_PARAMS}


def sync_url(params: dict[str, str]) -> None:
    """Make the browser's URL show ``params``: a new history entry when they differ from it (so
    Back returns to the state before), nothing when they do. A URL without ``view`` names the
    view ``current_view`` reads from it (``/?q=侨务`` is the search), so it is not rewritten."""
    shown = st.query_params.to_dict()
    shown.setdefault("view", current_view())
    if shown != {"view": shown["view"], **params}:
        st.query_params.from_dict(params)


def view_url(view: str, **extra: str) -> str:
    """A relative link to ``view`` keeping the search's parameters (``?view=report&doc=…``)."""
    return "?" + urlencode({"view": view, **search_params(), **extra})


def department_url(dept_id: str | None) -> str | None:
    """A relative link to a department's page (its reports of every year), the search kept; None
    for a report without a department id."""
    return view_url("department", dept=dept_id) if dept_id else None


def turn_page(step: int) -> None:
    """Button callback: move the result page by ``step``."""
    st.session_state["page"] = max(1, st.session_state.get("page", 1) + step)
    st.session_state["_scroll_top"] = True  # the next page is read from its top


def picked_region(level: str) -> None:
    """Callback of a region facet: a new province or city drops the levels under it, whose
    choices were made within the old one (省份 › 城市 › 区县 cascade)."""
    below = {"province": ("city", "county"), "city": ("county",)}.get(level, ())
    st.session_state.update({key: ANY for key in below})


def typed_department() -> None:
    """Callback of the department box: typed text replaces a department chosen from the list."""
    if st.session_state.get("dept"):
        st.session_state["dept_id"] = ANY


def picked_department() -> None:
    """Callback of the department list: a chosen department (by id) replaces typed text."""
    if st.session_state.get("dept_id", ANY) != ANY:
        st.session_state["dept"] = ""
