"""Images (.jpg, .png, .tif, .bmp): a photographed or scanned report read by OCR, as a scanned
PDF page is (Tesseract ``chi_sim+eng``, the same options as ``pdf.ocr_pages``), each frame of a
multi-page TIFF a page. Where Tesseract is not installed, RapidOCR (the PP-OCR models its
``rapidocr-onnxruntime`` wheel ships; the ``ocr`` extra) stands in when it is: on scanned seed
pages Tesseract read 0.971 of the characters right against RapidOCR's 0.964, in 0.84 of its time
(bench/ocr.py, docs/reading.md)."""

from __future__ import annotations

import io
import tempfile
import warnings
from pathlib import Path

from extract.errors import InputError, InputWarning
from extract.text.limits import MAX_PDF_PAGES, check_text_size
from extract.text.pdf import tesseract, tesseract_text

MAX_IMAGE_PIXELS = 80_000_000
"""Pixels of one frame (an A4 page at 600 dpi is 35 million); a larger one is refused unread."""


def image_text(data: bytes, source: str = "<input>") -> str:
    """The text Tesseract reads on each frame of the image, frames apart by form feeds."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    command = tesseract()
    engine = None if command else rapidocr()
    if command is None and engine is None:
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
                frames.append(tesseract_text(command, image, source, f"frame {number + 1}") if command
                              else _rapidocr(engine, image))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(source, f"an image that cannot be opened ({type(exc).__name__})") from exc
    reader = "Tesseract" if command else "RapidOCR"
    warnings.warn(f"{source}: an image, read by OCR ({reader}); check its figures", InputWarning, stacklevel=2)
    text = "\f".join(frames)
    check_text_size(text, source)
    return text


def rapidocr():
    """A RapidOCR engine on the models its wheel ships, or None when it is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    return RapidOCR()


def _rapidocr(engine, image: Path) -> str:
    """RapidOCR's lines of one frame, top to bottom."""
    found, _ = engine(str(image))
    return "\n".join(box[1] for box in found or [])


