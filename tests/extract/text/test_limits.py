"""Budgets on what a file expands to: bombs made here are refused fast, in little memory, in one line."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.text import limits
from extract.text.limits import MiB, ReadingBudget
from tests.conftest import CORPUS, REPO


def docx_bomb(path: Path) -> Path:
    """A Word file whose body inflates to 128 MiB of paragraphs (four times the budget of a part)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w", force_zip64=True) as body:
            chunk = b"<w:p><w:r><w:t>\xe4\xbe\xa8</w:t></w:r></w:p>" * (MiB // 40)
            for _ in range(128):
                body.write(chunk)
    return path


def flate_bomb(chunk: bytes, times: int) -> bytes:
    """A zlib stream of ``chunk`` repeated: compressed once, its block repeated (a full flush makes
    each block independent of what came before), so a gigabyte costs milliseconds to make."""
    deflater = zlib.compressobj(9)
    first = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return first + block * (times - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


def pdf_bomb(path: Path) -> Path:
    """A one-page PDF of about 1 MB whose content stream inflates to 320 MiB of text operators."""
    stream = flate_bomb(b"BT /F1 12 Tf 72 720 Td (A) Tj ET\n" * (MiB // 33), 320)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    body = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n" % (n + 1) + obj + b"\nendobj\n" for n, obj in enumerate(objects))
    path.write_bytes(body + b"trailer << /Root 1 0 R >>\n%%EOF\n")
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("bombs")
    numbers = folder / "numbers.txt"
    numbers.write_text("\n".join(f"{n}.{n % 97}万元 {n % 100}%" for n in range(75_000)), encoding="utf-8")
    return [docx_bomb(folder / "bomb.docx"), pdf_bomb(folder / "bomb.pdf"), numbers]


def test_bombs_are_refused_within_10_s_and_500_mb_in_one_line(bombs):
    assert all(path.stat().st_size < 2 * MiB for path in bombs)
    script = ("import json, sys, time\nfrom extract.errors import InputError\n"
              "from extract.text.reading import read_report\nfrom pathlib import Path\nout = {}\n"
              "for name in sys.argv[1:]:\n    start = time.monotonic()\n"
              "    try:\n        read_report(Path(name)); out[name] = None\n"
              "    except InputError as exc:\n        out[name] = [str(exc), time.monotonic() - start]\n"
              "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')][0]\n"
              "print(json.dumps([out, int(peak.split()[1])]))")  # ru_maxrss would count pytest's own size
    done = subprocess.run([sys.executable, "-c", script, *map(str, bombs)], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    refusals, peak_kb = json.loads(done.stdout)
    assert peak_kb < 500 * 1024
    for name, (message, seconds) in refusals.items():
        assert seconds < 10 and message.startswith(name) and "the limit is" in message and "\n" not in message


def test_a_slow_or_long_pdf_runs_out_of_its_budget(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 2)
    budget = ReadingBudget("long.pdf")
    budget.page()
    budget.page()
    with pytest.raises(InputError, match="long.pdf: refused: more than 2 pages"):
        budget.page()
    budget = ReadingBudget("slow.pdf")
    budget.deadline = 0
    with pytest.raises(InputError, match="reading took over"):
        budget.page()


def test_a_real_report_is_far_inside_every_budget():
    longest = max(len(path.read_text("utf-8")) for path in CORPUS.glob("*.txt"))
    assert longest * 20 < limits.MAX_TEXT_CHARS


# Rendering scanned pages for OCR within budgets (once in tests/extract/text/test_ocr.py).
def _blank_pdf(points: int) -> bytes:
    """A small PDF whose one page, with no text, is ``points`` × ``points`` (a 14,400 pt page is
    the largest a PDF allows)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (points, points)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_huge_page_is_rendered_for_ocr_within_the_pixel_budget():
    """Issue 26.10: a 348-byte PDF with a 5000 pt page took 3.1 GB for OCR (MemoryError at 14,400 pt)."""
    import pypdfium2 as pdfium

    from extract.text.limits import MAX_OCR_PIXELS, ocr_scale
    from extract.text.pdf import OCR_DPI

    for points in (5000, 14400):
        page = pdfium.PdfDocument(_blank_pdf(points))[0]
        bitmap = page.render(scale=ocr_scale(*page.get_size(), OCR_DPI))
        assert bitmap.width * bitmap.height <= MAX_OCR_PIXELS * 1.01
    assert ocr_scale(595, 842, OCR_DPI) == OCR_DPI / 72  # an A4 page keeps its resolution


def test_more_pages_to_read_by_ocr_than_the_budget_is_one_line():
    from extract.errors import InputError
    from extract.text.limits import MAX_OCR_PAGES, check_ocr_pages

    check_ocr_pages(MAX_OCR_PAGES, "scan.pdf")
    with pytest.raises(InputError, match=r"^scan\.pdf: refused: 2,000 pages without a text layer"):
        check_ocr_pages(2000, "scan.pdf")
