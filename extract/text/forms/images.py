"""Images (.jpg, .png, .tif, .bmp): a photographed or scanned report read by OCR, as a scanned
PDF page is (Tesseract ``chi_sim+eng``, the same options as ``pdf.ocr_pages``), each frame of a
multi-page TIFF a page."""

from __future__ import annotations

import io
import subprocess
import tempfile
import warnings
from pathlib import Path

from extract.errors import InputError, InputWarning
from extract.text.limits import MAX_PDF_PAGES, check_text_size
from extract.text.pdf import OCR_LANGUAGES, OCR_TIMEOUT, tesseract

MAX_IMAGE_PIXELS = 80_000_000
"""Pixels of one frame (an A4 page at 600 dpi is 35 million); a larger one is refused unread."""


def image_text(data: bytes, source: str = "<input>") -> str:
    """The text Tesseract reads on each frame of the image, frames apart by form feeds."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    command = tesseract()
    if command is None:
        raise InputError(source, "an image; reading it needs Tesseract with Chinese data, which is not "
                                 "installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    try:
        picture = Image.open(io.BytesIO(data))
        if picture.width * picture.height > MAX_IMAGE_PIXELS:
            raise InputError(source, f"refused: an image of {picture.width}×{picture.height} pixels "
                                     f"(the limit is {MAX_IMAGE_PIXELS:,} pixels)")
        frames = []
        with tempfile.TemporaryDirectory() as tmp:
            for number, frame in enumerate(ImageSequence.Iterator(picture)):
                if number >= MAX_PDF_PAGES:
                    raise InputError(source, f"refused: more than {MAX_PDF_PAGES:,} frames")
                image = Path(tmp) / f"frame{number}.png"
                frame.convert("L").save(image)
                frames.append(_tesseract(command, image, source, number))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(source, f"an image that cannot be opened ({type(exc).__name__})") from exc
    warnings.warn(f"{source}: an image, read by OCR (Tesseract); check its figures", InputWarning, stacklevel=2)
    text = "\f".join(frames)
    check_text_size(text, source)
    return text


def _tesseract(command: str, image: Path, source: str, number: int) -> str:
    try:
        done = subprocess.run([command, str(image), "stdout", "-l", OCR_LANGUAGES, "--psm", "6"],
                              capture_output=True, text=True, timeout=OCR_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise InputError(source, f"OCR of frame {number + 1} took over {OCR_TIMEOUT} s") from exc
    if done.returncode != 0:
        raise InputError(source, f"OCR of frame {number + 1} failed ({done.stderr.strip()[:200]})")
    return done.stdout
