"""ZIP bundles: each member is a report of its own, its path inside the archive its source.

Limits as for DOCX (``extract.text.limits``): the sizes the archive declares are checked before
anything is inflated, and each member is read through a budget, so a bomb is refused in one line.
Member names that an archiver wrote in GBK without the UTF-8 flag (most Chinese Windows tools) are
decoded as GBK.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from extract.errors import InputError
from extract.text.limits import MAX_DOCX_TOTAL_BYTES, MAX_FILE_BYTES, MiB, over_limit

MAX_MEMBERS = 1_000
"""Members of one bundle read as reports."""
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Member:
    """One file inside a bundle: its name as the archive stores it and as a person reads it."""

    stored: str
    name: str
    size: int


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as its archiver meant it (GBK names decoded as GBK)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def members(data: bytes, source: str = "<input>") -> list[Member]:
    """The files of a bundle (folders, and the __MACOSX and dot-files a Mac adds, left out), refused
    whole when they declare more than the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            infos = [info for info in bundle.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(source, f"a damaged ZIP archive ({exc})") from exc
    found = [Member(info.filename, member_name(info), info.file_size) for info in infos
             if not info.filename.startswith("__MACOSX/") and not member_name(info).rsplit("/", 1)[-1].startswith(".")]
    if len(found) > MAX_MEMBERS:
        raise over_limit(source, f"{len(found):,} files in the archive", f"{MAX_MEMBERS:,} files")
    total = sum(member.size for member in found)
    if total > MAX_DOCX_TOTAL_BYTES:
        raise over_limit(source, f"the archive expands to {total // MiB} MiB", f"{MAX_DOCX_TOTAL_BYTES // MiB} MiB")
    return found


def member_bytes(data: bytes, stored: str, source: str) -> bytes:
    """One member's bytes, read at most MAX_FILE_BYTES (+1 to tell a liar) whatever it declares."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle, bundle.open(stored) as stream:
            content = stream.read(MAX_FILE_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise InputError(source, f"a damaged member of a ZIP archive ({type(exc).__name__}: {exc})") from exc
    if len(content) > MAX_FILE_BYTES:
        raise over_limit(source, f"the member expands to over {MAX_FILE_BYTES // MiB} MiB",
                         f"{MAX_FILE_BYTES // MiB} MiB per file")
    return content
