"""The Chinese a reader sees for every code of the library: labels, qualifiers, roles, checks, views.

One home for the words of the interface, so a code (MONEY, gte, target) never reaches the page.
"""

from __future__ import annotations

import re

from extract.areas.definitions import AREAS

VIEWS = {"overview": "概览", "search": "检索", "reports": "报告列表", "report": "报告", "compare": "对比",
         "audit": "核查", "export": "导出", "department": "部门"}
"""The app's views (the ``view`` URL parameter) and their names."""

LABELS = {"MONEY": "金额", "PERCENT": "百分比", "COUNT": "数量", "DATE": "日期"}
QUALIFIERS = {"approx": "约", "gt": "超过", "gte": "不少于", "lt": "不到", "lte": "不超过"}
ROLES = {"target": "目标值", "actual": "实际值", "rate": "完成率", "amount": "金额", "total": "合计"}
SORTS = {"relevance": "相关度", "year": "年份（新在前）", "amount": "金额（大在前）"}
CHECKS = {"completion_rate = spent / budget": "预算执行率 = 执行数 ÷ 调整后预算数",
          "spent = basic + project": "执行数 = 基本支出 + 项目支出"}
FILTER_NAMES = {"area": "领域", "year": "年份", "label": "数据类型", "dept": "部门", "genre": "文种", "region": "地区",
                "province": "省份", "city": "城市", "county": "区县", "dept_id": "部门编号",
                "min_yuan": "最低金额", "max_yuan": "最高金额"}
"""The search's filters (``Filters`` fields) as chips and messages name them."""
KINDS = {"paragraph": "段落", "table_row": "表格行", "furniture": "网页附属信息"}
META_SOURCES = {"user": "用户提供", "page": "网页字段", "field": "表内字段", "title": "标题", "text": "正文",
                "derived": "据部门、年度和文种生成"}
"""Where a report's metadata value came from (``meta_source``), in the reader's words."""
NO_REPORTS = "数据目录里还没有报告：请在概览页上传，或运行 `jixiao ingest`。"
COUNTS = {"documents": "报告", "passages": "段落", "metrics": "指标"}

QUERY_PROBLEMS = {
    "too_long": "查询太长：请只输入关键词（最多 {limit} 个字）。",
    "unbalanced_quotes": "引号没有配对：请用一对 \" \" 括住短语。",
    "or_without_word": "OR 两边都需要词语，例如 统战 OR 侨联。",
    "only_excluded": "查询只有排除词（-词语）：请再加一个要找的词。",
    "no_words": "查询里没有可检索的词语（只有标点、* 或空引号）：请输入关键词。",
    "contradiction": "查询排除了它要找的词，不会有结果：请去掉 - 号或换一个词。",
}
"""What the search view says for each ``QueryError.reason`` of ``index.search.query.parse``."""


def area_name(code: str) -> str:
    """The Chinese name of a work area code (the code itself when unknown)."""
    return AREAS.get(code, code)


def label_name(code: str | None) -> str:
    """The Chinese name of an entity label."""
    return LABELS.get(code or "", code or "")


def qualifier_name(code: str | None) -> str:
    """The Chinese word of a qualifier (约, 超过 …), empty when there is none."""
    return QUALIFIERS.get(code or "", code or "")


def role_name(code: str | None) -> str:
    """The Chinese name of a table-row role (目标值, 实际值 …), empty when there is none."""
    return ROLES.get(code or "", code or "")


_TABLE_SUM_NAME = re.compile(r"^table total = sum of items: (.*); column (\d+)$")


def check_name(name: str) -> str:
    """The Chinese wording of a budget check (a table's 合计 against its items, with the items and
    the column: 合计 = 财政拨款…其他资金 之和（第 1 列数字）)."""
    table = _TABLE_SUM_NAME.match(name)
    if table:
        return f"表格合计 = {table.group(1)} 之和（第 {table.group(2)} 列数字）"
    return CHECKS.get(name, name)

CHROME_TEXT = {
    "Skip to main content": "跳到主要内容",
    "Drag and drop files here": "将文件拖放到这里", "Drag and drop a file here": "将文件拖放到这里",
    "Upload": "上传", "file upload": "上传文件", "Collapse sidebar": "收起侧栏", "Expand sidebar": "展开侧栏",
    "Link to heading": "链接到本标题", "Sidebar": "侧栏", "Vega visualization": "图表", "Browse files": "选择文件",
    "Remove": "移除", "Delete": "删除",
    "No results": "没有结果", "No options": "没有选项", "No options to select.": "没有可选的选项。",
    "Choose an option": "请选择", "Choose options": "请选择", "Clear all": "全部清除", "Clear": "清除",
    "Show/hide columns": "显示或隐藏列", "Download as CSV": "下载表格", "Search": "在表格中查找",
    "Fullscreen": "全屏", "Close fullscreen": "退出全屏", "Exit fullscreen": "退出全屏",
    "Show data": "显示数据", "Download as PNG": "下载图片", "Copy Vega-Lite spec": "复制图表定义",
    "Copied!": "已复制", "Stop": "停止", "Running...": "运行中…", "Deploy": "部署",
    "Decrement": "减少", "Increment": "增加", "Selectbox options": "选项", "Open": "打开", "Close": "关闭",
    "Sort ascending": "升序", "Sort descending": "降序", "Hide column": "隐藏列", "Pin column": "固定列",
    "Unpin column": "取消固定", "Autosize": "自动列宽", "Format": "格式",
}
"""Streamlit's own English chrome (labels, tooltips, buttons) and the Chinese the page shows instead
(``ui/web/chrome.py`` rewrites it in the browser: Streamlit has no setting for its language)."""

CHROME_PATTERNS = {
    r"^(\d+(?:\.\d+)?\s*[KMG]?B) per file$": "每个文件不超过 $1",
    r"^ • (.+)$": "，格式：$1",
    r"^Press (?:⌘|Ctrl)?\+?Enter to \w+$": "按回车键确认",
    r"^Help for (.+)$": "$1：说明",
    r"^Title text '(.*)'$": "标题：$1",
    r"^You can only select up to (\d+) options?\. Remove an option first\.$": "最多选择 $1 项：请先移除一项。",
}
"""The same for texts with a figure in them, as JavaScript regular expressions and replacements."""

FAILURE_CAUSES = (
    (r"^empty file$|^empty text$|^no text in the file", "文件是空的，没有文字"),
    (r"^binary file, not text$", "不是文本文件"),
    (r"^not text in UTF-8 or GB18030", "文字编码无法识别（只支持 UTF-8 与 GB18030/GBK）"),
    (r"^not a PDF file", "不是 PDF 文件（文件开头没有 PDF 标记）"),
    (r"^damaged or truncated PDF|^damaged PDF", "PDF 文件损坏或不完整"),
    (r"^damaged or truncated DOCX|^damaged DOCX", "Word 文件损坏或不完整"),
    (r"have no text layer", "PDF 页面没有文字层（扫描件），本机没有安装中文文字识别"),
    (r"^OCR of page (\d+) took over", "第 {0} 页的文字识别超时"),
    (r"^OCR of page (\d+) failed", "第 {0} 页的文字识别失败"),
    (r"^too large \((\d+) MiB; the limit is (\d+) MiB", "文件太大（{0} MB，上限 {1} MB）"),
    (r"^refused: .*\(the limit is (.+)\)$", "文件展开后超出处理上限（{0}）"),
    (r"^named \S+ but not", "文件内容与扩展名不符（文件损坏或扩展名写错）"),
    (r"only ZIP bundles are read|unpack it first", "压缩包只支持 ZIP：请先解压"),
    (r"not a report$", "不是报告文件（程序文件）"),
    (r"not a Word or Excel file", "不是 Word 或 Excel 文件"),
    (r"^a bundle: its members", "这是压缩包：其中的文件会分别导入"),
    (r"needs Tesseract", "图片需要中文文字识别（Tesseract），本机没有安装"),
    (r"needs LibreOffice", "这种文件需要 LibreOffice 才能读取，本机没有安装"),
    (r"LibreOffice did not convert|antiword did not read", "读取超时"),
    (r"LibreOffice cannot open|antiword cannot read|cannot be (opened|parsed)|that cannot be read",
     "文件损坏或不是它声称的格式"),
    (r"damaged (OFD|ZIP|member)", "文件损坏（OFD 或 ZIP）"),
    (r"^OCR of frame (\d+) took over", "第 {0} 帧的文字识别超时"),
    (r"^OCR of frame (\d+) failed", "第 {0} 帧的文字识别失败"),
    (r"^cannot be read", "无法读取文件"),
    (r"^has the id .* read earlier", "与本次导入中另一个文件同名，只导入了前一个"),
    (r"the worker process reading it died", "读取时处理进程意外退出"),
    (r"^updating the search index failed", "更新检索索引失败，请稍后重试"),
)
"""Why a file could not be imported (``InputError.cause`` and the ingest's failures, which are
English for the command line) as the upload box says it: a pattern and its Chinese, the
pattern's groups (page numbers, sizes) put in."""


def failure_cause(cause: str) -> str:
    """The Chinese of an import failure's cause; a general line for causes not listed."""
    for pattern, chinese in FAILURE_CAUSES:
        found = re.search(pattern, cause)
        if found:
            return chinese.format(*found.groups())
    return "无法读取这个文件（程序内部错误）"

CSV_HEADERS = {"doc_id": "报告编号", "passage_id": "段落编号", "department": "部门", "year": "年度",
               "date": "落款日期", "section": "章节", "areas": "工作领域", "label": "类型", "text": "原文",
               "start": "起始位置", "end": "结束位置", "value": "数值", "unit": "单位", "yuan": "金额（元）",
               "qualifier": "限定", "what": "指标", "indicator": "标准指标", "source": "来源",
               "indicator_kind": "指标细类"}
"""The corpus CSV's columns (``index.export.CSV_COLUMNS``) as the export view's file names them."""
