"""Build the division and town tables from jionlp's place facts (run by hand; not imported).

    python extract/identity/data/build_tables.py jionlp-1.5.31-py2.py3-none-any.whl

The wheel (``pip download jionlp==1.5.31 --no-deps``) ships ``jionlp/dictionary/china_location.zip``:
every province, prefecture and county with its national code, and the towns (镇, 乡, 街道, 苏木, 开发区)
under each county, as of 2025. The current names come first; the names this table held before
(cpca 0.5.5, the codes of about 2016) are kept as older names of the same code or as divisions of
their own when their code is gone (江干区, 梁平县), because reports of those years print them.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
DIVISIONS = HERE / "divisions.tsv"
TOWNS = HERE / "towns.tsv"
PLACEHOLDER = "直辖"
"""Names such as 市直辖行政区划: a placeholder, not a division."""


def read_jionlp(wheel: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(code, name) of every province, prefecture and county, and (county code, town) of every town."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("jionlp/dictionary/china_location.zip")))
        lines = inner.read("china_location.txt").decode("utf-8").splitlines()
    divisions, towns, county = [], [], ""
    for line in lines:
        depth, parts = len(line) - len(line.lstrip("\t")), line.strip().split("\t")
        if depth <= 2 and len(parts) == 3 and PLACEHOLDER not in parts[0]:
            divisions.append((parts[1], parts[0]))
            county = parts[1] if depth == 2 else ""
        elif depth == 3 and county and parts[0]:
            towns.append((county, parts[0]))
    return divisions, towns


def read_current_table() -> list[tuple[str, str]]:
    """The rows of the division table as it stands (code, name), comments aside."""
    return [tuple(line.split("\t")[:2]) for line in DIVISIONS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def merged(current: list[tuple[str, str]], older: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """jionlp's rows, then every older (code, name) pair they lack, sorted by code (current name first)."""
    seen = set(current)
    rows = list(dict.fromkeys(current)) + [row for row in dict.fromkeys(older) if row not in seen]
    order = {row: i for i, row in enumerate(rows)}
    return sorted(rows, key=lambda row: (row[0], order[row]))


def main(wheel: str) -> None:
    """Write divisions.tsv and towns.tsv from the wheel and the table as it stands."""
    divisions, towns = read_jionlp(Path(wheel))
    rows = merged(divisions, read_current_table())
    header = ("# code\tname — China's administrative divisions (province, prefecture, county and the zones\n"
              "# coded like counties), GB/T 2260 codes: jionlp 1.5.31 (2025) first, then older names of a code\n"
              "# and divisions since merged (cpca 0.5.5). Built by build_tables.py.\n")
    DIVISIONS.write_text(header + "".join(f"{c}\t{n}\n" for c, n in rows), encoding="utf-8")
    by_county: dict[str, list[str]] = {}
    for county, town in dict.fromkeys(towns):
        by_county.setdefault(county, []).append(town)
    TOWNS.write_text("# county code\ttowns — the towns, townships and subdistricts under each county, separated by"
                     " spaces (jionlp 1.5.31). Built by build_tables.py.\n"
                     + "".join(f"{c}\t{' '.join(t)}\n" for c, t in by_county.items()), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
