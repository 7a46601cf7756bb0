"""What the app adds to Streamlit's page in the browser: the page's language, Streamlit's own
English chrome in Chinese, and the search box first in the Tab order and focused on load.

Streamlit has no setting for any of these: one small script (``st.html`` with JavaScript
allowed) does them, once per page load, and keeps doing them as Streamlit redraws.
"""

from __future__ import annotations

import json

from ui.web.names import CHROME_PATTERNS, CHROME_TEXT

QUERY_LABEL = "搜索"
"""The aria-label of the query box (the home page's and the search view's): first in Tab order."""

_SCRIPT = """<script>(() => {
if (window.jixiaoChrome) return; window.jixiaoChrome = true;
document.documentElement.lang = 'zh-CN';
const TEXT = %(text)s, PATTERNS = Object.entries(%(patterns)s).map(([p, r]) => [new RegExp(p), r]);
const QUERY = %(query)s, ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
function chinese(value) {
  const bare = value.trim();
  if (!bare || !/[A-Za-z]/.test(bare)) return null;
  if (TEXT[bare] !== undefined) return value.replace(bare, TEXT[bare]);
  for (const [pattern, replacement] of PATTERNS) if (pattern.test(value)) return value.replace(pattern, replacement);
  return null;
}
function translate(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest('script,style,[data-testid=stIconMaterial]')) continue;
    const changed = chinese(node.nodeValue); if (changed !== null) node.nodeValue = changed;
  }
  const elements = root.querySelectorAll ? [root, ...root.querySelectorAll('[aria-label],[title],[placeholder]')] : [];
  for (const el of elements) for (const name of ATTRIBUTES) {
    const value = el.getAttribute && el.getAttribute(name);
    const changed = value ? chinese(value) : null; if (changed !== null) el.setAttribute(name, changed);
  }
}
function searchBoxFirst() {
  const box = document.querySelector(`input[aria-label="${QUERY}"]`);
  if (!box || box.dataset.jixiaoFirst) return;
  box.dataset.jixiaoFirst = '1'; box.tabIndex = 1;
  if (!document.activeElement || document.activeElement === document.body) box.focus();
}
translate(document.body); searchBoxFirst();
new MutationObserver(records => {
  for (const r of records) {
    if (r.type === 'characterData') { const c = chinese(r.target.nodeValue); if (c !== null) r.target.nodeValue = c; }
    else if (r.type === 'attributes') translate(r.target);
    else for (const n of r.addedNodes) translate(n.nodeType === 3 ? n.parentNode || n : n);
  }
  searchBoxFirst();
}).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                           attributeFilter: ATTRIBUTES});
})();</script>"""


def chrome_script() -> str:
    """The script, with the Chinese of ``ui/web/names.py`` in it."""
    return _SCRIPT % {"text": json.dumps(CHROME_TEXT, ensure_ascii=False),
                      "patterns": json.dumps(CHROME_PATTERNS, ensure_ascii=False),
                      "query": json.dumps(QUERY_LABEL, ensure_ascii=False)}
