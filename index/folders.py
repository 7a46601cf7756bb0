"""Which files of a folder are reports to ingest, and why the others are left out.

Only the parts of a path below the folder given are judged (a folder ``/x/labels/reports`` given by
the user is read whole; a ``labels`` folder inside it holds hand labels, not reports). Files that
editors and file systems leave beside documents (Word's lock files ``~$x.docx``, macOS's
``._x``) are skipped by name with a notice. A symbolic link is read only when what it points to
lies inside the folder, unless links out of it are asked for; a link loop or a link to nothing is
a failure of its own, named as such.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError

LABEL_FOLDER = "labels"
"""A folder of this name inside a corpus holds hand labels (corpus/labels), not reports."""
SKIPPED_PREFIXES = {"~$": "a Word lock file", "._": "a macOS metadata file", ".~lock.": "a LibreOffice lock file"}
"""File names that are never reports, with what they are."""


@dataclass
class FolderFiles:
    """The report files of some folders, in order; ``refused`` (path, cause) and ``skipped``
    (one notice a file) for the others."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def skipped_kind(name: str) -> str | None:
    """What a file named ``name`` is when its name says it is no report (a lock file); else None."""
    return next((kind for prefix, kind in SKIPPED_PREFIXES.items() if name.startswith(prefix)), None)


def link_problem(path: Path, folder: Path | None, follow_links: bool) -> str | None:
    """Why the symbolic link ``path`` is not read (a loop, nothing behind it, a target outside
    ``folder`` when links out are not followed); None for a file that is no link or may be read."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "a symbolic link loop"
    except OSError:
        return f"a symbolic link to {os.readlink(path)}, which does not exist"
    if not follow_links and folder is not None and not target.is_relative_to(folder.resolve()):
        return (f"a symbolic link to {target}, outside the folder {folder}; refused "
                "(--follow-links reads it)")
    return None


def report_files(folder: Path, suffixes: tuple[str, ...] | None = None, follow_links: bool = False) -> FolderFiles:
    """The files below ``folder`` (those whose ending is one of ``suffixes``, when given;
    recursively, sorted), with those refused or skipped; links to folders are not descended into."""
    found = FolderFiles()
    for path in sorted(folder.rglob("*")):
        below = path.relative_to(folder).parts
        if LABEL_FOLDER in below[:-1] or (suffixes is not None and path.suffix.lower() not in suffixes):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        kind = skipped_kind(path.name)
        problem = link_problem(path, folder, follow_links)
        if kind is not None:
            found.skipped.append(f"{path}: skipped, {kind}")
        elif problem is not None:
            found.refused.append((path, problem))
        elif path.is_file():
            found.files.append(path)
    return found


def refusal(path: Path, cause: str) -> tuple[str, dict]:
    """A source's ``load`` for a refused file: raises the refusal as an InputError."""
    raise InputError(str(path), cause)
