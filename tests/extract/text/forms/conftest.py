"""The seed reports in the forms LibreOffice makes (Word 97, Excel 97, OpenDocument), converted once
per session in one LibreOffice run per form, and cached in tests/artifacts/forms/ under a digest of
what was converted (a later run reuses them)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from extract.evaluation.forms import as_docx, as_xlsx, libreoffice_convert
from extract.text.forms.convert import soffice
from tests.conftest import CORPUS, REPO, REPORTS

ARTIFACTS = REPO / "tests" / "artifacts" / "forms"
needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (make test installs it)")


SCAN_LINES = ["某县侨联2023年度部门整体支出绩效自评报告", "一、基本情况",
              "全年走访慰问归侨侨眷326户，征集提案124件。", "全年预算数100万元，执行数90万元。"]


def scanned_png(folder: Path) -> Path:
    """A page photographed or scanned to PNG: the lines drawn at 150 dpi in the machine's CJK font."""
    import subprocess

    from PIL import Image, ImageDraw, ImageFont

    font_file = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh"],
                               capture_output=True, text=True).stdout
    font = ImageFont.truetype(font_file, 25)  # about 12 pt at 150 dpi
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(SCAN_LINES):
        draw.text((125, 150 + i * 55), line, font=font, fill=0)
    path = folder / "scan.png"
    image.save(path)
    return path


def seed_text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def office_forms() -> dict[str, dict[str, Path]]:
    """By form ("doc", "xls", "ods"), each seed report's file made by LibreOffice."""
    made = {"docx": {n: as_docx(seed_text(n)) for n in REPORTS}, "xlsx": {n: as_xlsx(seed_text(n)) for n in REPORTS}}
    seeds = "".join(seed_text(n) for n in REPORTS) + (REPO / "extract" / "evaluation" / "forms.py").read_text("utf-8")
    digest = hashlib.sha256(seeds.encode("utf-8")).hexdigest()[:16]  # the files' own bytes hold their time
    folder = ARTIFACTS / digest
    forms: dict[str, dict[str, Path]] = {}
    for form, source in (("doc", "docx"), ("xls", "xlsx"), ("ods", "xlsx")):
        wanted = {n: folder / f"{n}.{form}" for n in REPORTS}
        if not all(p.is_file() for p in wanted.values()):
            work = folder / f"work-{form}"
            work.mkdir(parents=True, exist_ok=True)
            for name in REPORTS:
                (work / f"{name}.{source}").write_bytes(made[source][name])
            for path in libreoffice_convert([work / f"{n}.{source}" for n in REPORTS], form, work):
                shutil.move(path, folder / path.name)
            shutil.rmtree(work, ignore_errors=True)
        forms[form] = wanted
    return forms
