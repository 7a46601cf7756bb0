"""Where a run's reports come from as sources: files (and every file of a folder, members of a ZIP
bundle, a sidecar's metadata) and JSON lines, each with the fingerprint that says whether it changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from extract.errors import InputError
from extract.identity.user_meta import sidecar_paths, user_metadata
from extract.text.characters import warn_hidden_characters
from extract.text.forms.archive import member_bytes, members
from extract.text.forms.sniff import kind_name, sniff
from extract.text.limits import MAX_FILE_BYTES
from extract.text.reading import SUPPORTED_SUFFIXES, file_bytes, read_bytes, read_document
from index.sources.folders import link_problem, refusal, report_files, skipped_kind


@dataclass
class Source:
    """One input: an id, a name to show the user, and a way to get its raw text and metadata."""

    doc_id: str
    name: str
    load: Callable[[], tuple[str, dict[str, Any]]]
    fingerprint: Callable[[], str] | None = None
    """SHA-256 of what the input is read from (a file's bytes), telling an unchanged input."""


def source_fingerprint(source: Source) -> str | None:
    """The SHA-256 of what the source is read from (None when it has none, or it cannot be read);
    not ``extract.records.content_hash``, which is a passage's digest."""
    try:
        return source.fingerprint() if source.fingerprint else None
    except OSError:
        return None  # reading it will fail with the cause


def _file_digest(path: Path) -> str:
    with path.open("rb") as stream:  # read in chunks: the file may be larger than reading allows
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    sidecars = [p.read_bytes() for p in sidecar_paths(path)]  # changed metadata: read again
    return hashlib.sha256(digest.encode() + b"".join(sidecars)).hexdigest() if sidecars else digest


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sources(paths: Iterable[Path], follow_links: bool = False,
                 skipped: list[str] | None = None) -> Iterator[Source]:
    """Sources for files and every file inside folders (recursively, sorted; ``index.sources.folders``: a
    corpus's labels/ aside): a ZIP bundle is a source per member, a file no reader takes a source
    that fails naming why, so nothing is passed over in silence; so is a link out of its folder
    (unless ``follow_links``), a link loop or a link to nothing; lock files are left out, each with
    a notice appended to ``skipped``."""
    for path in paths:
        if path.is_dir():
            found = report_files(path, None, follow_links)
            files, refused = found.files, found.refused
            if skipped is not None:
                skipped.extend(found.skipped)
        elif skipped_kind(path.name):  # a shell's *.docx takes Word's ~$x.docx too
            files, refused = [], []
            if skipped is not None:
                skipped.append(f"{path}: skipped, {skipped_kind(path.name)}")
        else:
            problem = link_problem(path, None, follow_links)
            files, refused = ([path], []) if problem is None else ([], [(path, problem)])
        for file, cause in refused:
            yield Source(file.stem, str(file), partial(refusal, file, cause))
        for file in files:
            if _is_bundle(file):
                yield from _bundle_sources(file)
            elif path.is_dir() and file.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield Source(file.stem, str(file), partial(_unsupported, file))
            else:
                yield Source(file.stem, str(file), partial(_load_file, file), partial(_file_digest, file))


def _load_file(file: Path) -> tuple[str, dict[str, Any]]:
    reading = read_document(file)
    return reading.text, {**reading.meta, **user_metadata(file), "source": str(file)}


def _unsupported(file: Path) -> tuple[str, dict[str, Any]]:
    """A file of a type no reader takes, refused with what it is."""
    try:
        with file.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        raise InputError(str(file), f"not read: cannot be read ({exc.strerror or exc})") from exc
    kind = sniff(head, file.suffix) if head else "empty"
    what = "an empty file" if kind == "empty" else kind_name(kind)
    raise InputError(str(file), f"not read: unsupported type {file.suffix or '(no extension)'} ({what}); "
                                "reports are read from text, PDF, Word, WPS, "
                                "web pages, spreadsheets, OFD, images and ZIP bundles")


def _is_bundle(file: Path) -> bool:
    """A ZIP bundle of reports (not a DOCX, XLSX, OpenDocument or OFD, which are ZIPs too)."""
    try:
        with file.open("rb") as stream:
            if stream.read(4) != b"PK\x03\x04":
                return False
        return file.stat().st_size <= MAX_FILE_BYTES and sniff(file.read_bytes(), file.suffix) == "zip" \
            and file.suffix.lower() not in (".docx", ".xlsx", ".ofd", ".ods", ".odt")
    except OSError:
        return False


def _bundle_sources(file: Path) -> Iterator[Source]:
    """A source per member of a bundle: id ``bundle_member``, the member's path inside the archive
    (after the archive's own) as its source; a bundle that cannot be listed is one failed source."""
    try:
        found = members(file_bytes(file), str(file))
    except InputError as exc:
        yield Source(file.stem, str(file), partial(_refuse, exc.source, exc.cause))
        return
    for member in found:
        where = f"{file}/{member.name}"
        doc_id = f"{file.stem}_{Path(member.name).stem}"
        yield Source(doc_id, where, partial(_load_member, file, member.stored, where),
                     partial(_member_digest, file, member.stored, where))


def _refuse(source: str, cause: str) -> tuple[str, dict[str, Any]]:
    raise InputError(source, cause)


def _load_member(file: Path, stored: str, where: str) -> tuple[str, dict[str, Any]]:
    reading = read_bytes(member_bytes(file_bytes(file), stored, where), where, Path(stored).suffix)
    return reading.text, {**reading.meta, "source": where}


def _member_digest(file: Path, stored: str, where: str) -> str:
    try:
        return hashlib.sha256(member_bytes(file_bytes(file), stored, where)).hexdigest()
    except InputError as exc:
        raise OSError(str(exc)) from exc


def _load_record(record: Any, problem: str | None, where: str) -> tuple[str, dict[str, Any]]:
    if problem is not None:
        raise InputError(where, problem)
    warn_hidden_characters(record["text"], where)
    return record["text"], {k: v for k, v in record.items() if k not in ("id", "text")}


def jsonl_sources(stream: Iterable[str], name: str) -> Iterator[Source]:
    """Sources from JSON lines ``{"id", "text", ...meta}``; a broken line is a failed source."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON ({exc.msg})"
            record = None
        else:
            problem = None if isinstance(record, dict) and isinstance(record.get("text"), str) \
                else 'each line needs a "text" string'
        if problem is None and not record["text"].strip():
            problem = "empty text"
        doc_id = str(record["id"]) if problem is None and record.get("id") not in (None, "") \
            else f"{Path(name).stem}-{number}"
        yield Source(doc_id, where, partial(_load_record, record, problem, where),
                     partial(_text_digest, line))
