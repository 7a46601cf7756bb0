"""OCR of scanned pages: Tesseract (chi_sim+eng, as the readers run it) against RapidOCR (PP-OCRv4
models shipped in the rapidocr-onnxruntime wheel; nothing downloaded), on the first page of each
seed report drawn as a 300 dpi greyscale scan in the machine's CJK font, with a little noise.

Character accuracy = 1 − edit distance ÷ characters (whitespace left out), and seconds per page.

    .venv/bin/python -m bench.ocr          (needs: pip install rapidocr-onnxruntime)
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

from extract.text.pdf import OCR_LANGUAGES, tesseract
from tests.conftest import CORPUS, REPORTS

LINES_A_PAGE, CHARS_A_LINE = 28, 34


def first_page(text: str) -> list[str]:
    """The report's first page as printed: lines wrapped at CHARS_A_LINE, LINES_A_PAGE of them."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        paragraph = " ".join(paragraph.replace("\t", "  ").split())
        lines.extend(textwrap.wrap(paragraph, CHARS_A_LINE) if paragraph else [])
    return lines[:LINES_A_PAGE]


def scan(lines: list[str], path: Path, seed: int) -> None:
    """The lines drawn on an A4 page at 300 dpi, speckled as a scanner leaves it."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font_file = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh"],
                               capture_output=True, text=True).stdout
    font = ImageFont.truetype(font_file, 50)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((200, 250 + i * 105), line, font=font, fill=20)
    noise = random.Random(seed)
    for _ in range(3000):
        draw.point((noise.randrange(2480), noise.randrange(3508)), fill=noise.randrange(80, 200))
    image.filter(ImageFilter.GaussianBlur(0.6)).save(path)


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _squashed(text: str) -> str:
    from extract.text.characters import fold_characters

    return "".join(fold_characters(text).split())


def main() -> None:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    command = tesseract()
    scores: dict[str, list[tuple[float, float]]] = {"tesseract": [], "rapidocr": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n, name in enumerate(REPORTS):
            lines = first_page((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
            truth = _squashed("".join(lines))
            image = Path(tmp) / f"{n}.png"
            scan(lines, image, n)
            start = time.perf_counter()
            read = subprocess.run([command, str(image), "stdout", "-l", OCR_LANGUAGES, "--psm", "6"],
                                  capture_output=True, text=True).stdout
            scores["tesseract"].append((1 - distance(_squashed(read), truth) / len(truth), time.perf_counter() - start))
            start = time.perf_counter()
            result, _ = engine(str(image))
            read = "".join(box[1] for box in (result or []))
            scores["rapidocr"].append((1 - distance(_squashed(read), truth) / len(truth), time.perf_counter() - start))
    for engine_name, rows in scores.items():
        accuracy = sum(r[0] for r in rows) / len(rows)
        seconds = sum(r[1] for r in rows) / len(rows)
        print(f"{engine_name:<10} character accuracy {accuracy:.3f} (lowest {min(r[0] for r in rows):.3f}), "
              f"{seconds:.1f} s a page")


if __name__ == "__main__":
    main()
