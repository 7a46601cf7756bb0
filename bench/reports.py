"""Generated report files for the ingest benchmarks: the seed reports' paragraphs recombined.

Each generated report has a title of its own (year, place, department, genre) followed by a
random, order-keeping selection of one seed report's paragraphs (PDF line breaks, tables and
headings as the seed has them), so the pipeline meets the shapes it meets in real reports while
every file differs. A fixed random seed makes the same files every time (about 3.7 KB of UTF-8 each).
"""

from __future__ import annotations

import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PLACES = ["荔湾区", "白云区", "蔡甸区", "越秀区", "海珠区", "天河区", "黄埔区", "番禺区", "花都区", "南沙区",
          "从化区", "增城区", "江岸区", "汉阳区", "洪山区"]
DEPARTMENTS = ["委统战部", "政协办公室", "工商业联合会", "民族宗教事务局", "归国华侨联合会", "台湾事务办公室",
               "社会主义学院", "机关事务管理局", "民政局", "乡村振兴局"]
GENRES = ["部门整体支出绩效自评报告", "部门整体支出绩效自评表", "整体支出绩效目标表"]


def seed_paragraphs() -> list[list[str]]:
    """Each seed report's paragraphs (runs of lines between blank lines), its title lines dropped."""
    seeds = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        chunks = [c.strip("\n") for c in path.read_text(encoding="utf-8").split("\n\n") if c.strip()]
        seeds.append(chunks[2:])
    return seeds


def generated_report(number: int, seeds: list[list[str]], size: int = 1250) -> str:
    """The text of generated report ``number``: a title and about ``size`` characters of one seed's
    paragraphs, chosen at random in their order."""
    rng = random.Random(number)
    chunks = seeds[number % len(seeds)]
    share = min(1.0, size / sum(len(c) for c in chunks))
    kept = [c for c in chunks if rng.random() < share]
    title = (f"广州市{rng.choice(PLACES)}{rng.choice(DEPARTMENTS)}{2015 + rng.randrange(10)}年度"
             f"{rng.choice(GENRES)}")
    return "\n\n".join([title, *kept]) + "\n"


def write_reports(folder: Path, count: int) -> list[Path]:
    """Write ``count`` generated reports into ``folder`` (kept when already there); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_paragraphs()
    paths = []
    for number in range(count):
        path = folder / f"report_{number:05d}.txt"
        if not path.exists():
            path.write_text(generated_report(number, seeds), encoding="utf-8")
        paths.append(path)
    return paths
