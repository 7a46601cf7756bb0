"""Checksums of the search arrays: written beside them, checked before they are trusted.

A search trusts the arrays it memory-maps as it would trust Whoosh's own files, so they are
checked on opening (``intact``): a file changed behind the index (a disk error, a stray write)
makes its segment's arrays be built again from Whoosh instead of giving hits from other years.
Each file is hashed once per process while its size and modification time stay the same.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def checksum(file: Path) -> str:
    """The BLAKE2b digest of a file's bytes."""
    with open(file, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


_verified: set[tuple[str, int, int, str]] = set()
"""(file, size, modification time, checksum) of array files this process has checked."""


def intact(folder: Path, checksums: dict[str, str]) -> bool:
    """True when every array file in ``folder`` matches the checksum written beside it (each
    file hashed once per process while its size and modification time stay the same)."""
    try:
        for name, digest in checksums.items():
            stat = (folder / name).stat()
            key = (str(folder / name), stat.st_size, stat.st_mtime_ns, digest)
            if key not in _verified:
                if checksum(folder / name) != digest:
                    return False
                _verified.add(key)
    except OSError:
        return False
    return True
