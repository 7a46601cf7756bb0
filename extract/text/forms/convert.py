"""LibreOffice headless conversion of one file, for the forms we read through another form
(Word 97 and WPS documents through DOCX)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.errors import InputError
from extract.text.limits import MAX_READ_SECONDS


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> Path:
    """A LibreOffice profile of this process's own: two conversions sharing one profile at once fail."""
    folder = Path(tempfile.gettempdir()) / f"jixiao-soffice-{os.getuid()}-{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def convert(data: bytes, suffix: str, target: str, source: str, what: str) -> bytes:
    """``data`` (a file named ``*suffix``) converted by LibreOffice to the format ``target``
    ("docx"); InputError naming ``what`` the file is when LibreOffice is missing or fails."""
    program = soffice()
    if program is None:
        raise InputError(source, f"{what}; reading it needs LibreOffice (soffice), which is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as folder:
        given = Path(folder) / f"input{suffix}"
        given.write_bytes(data)
        try:
            subprocess.run([program, f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore",
                            "--convert-to", target, "--outdir", folder, str(given)],
                           capture_output=True, timeout=MAX_READ_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(source, f"{what} that LibreOffice did not convert in {MAX_READ_SECONDS:g} s") from None
        result = Path(folder) / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise InputError(source, f"{what} that LibreOffice cannot open (damaged or not what it claims)")
        return result.read_bytes()
