"""Every use of Whoosh's private parts, in one module, for the exact version they were written for.

Decoding postings through the public matcher API costs a Python call per posting; the block
readers of Whoosh's ``whoosh3`` codec decode a block of postings at once. Their names start with an
underscore, so they may change in any release: ``WHOOSH_VERSION`` is the version they were checked
against, ``check_version`` refuses any other, and ``decode_postings(..., internals=False)`` is
the public path, used for other codecs and tested to give the same postings.
"""

from __future__ import annotations

import _compat_pickle
import io
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import whoosh
from whoosh.writing import PostingPool

from extract.errors import JixiaoError

WHOOSH_VERSION = (2, 7, 5)
"""The whoosh-reloaded release this module was written against (pinned exactly in pyproject)."""


class WhooshVersionError(JixiaoError):
    """The installed Whoosh is not the release our use of its internals was written for."""


def check_version(found: tuple[int, ...] | None = None) -> None:
    """Raise WhooshVersionError unless the installed Whoosh is ``WHOOSH_VERSION``."""
    found = tuple(whoosh.__version__) if found is None else tuple(found)
    if found[:3] != WHOOSH_VERSION:
        want = ".".join(map(str, WHOOSH_VERSION))
        have = ".".join(map(str, found))
        raise WhooshVersionError(
            f"whoosh-reloaded {have} is installed but jixiao's search engine was written for {want}; "
            f"run `pip install whoosh-reloaded=={want}` (or `make setup`)")


def has_block_readers(matcher: Any) -> bool:
    """True for a leaf matcher of the ``whoosh3`` codec, whose blocks can be read whole."""
    return hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block")


def decode_postings(matcher: Any, positions: bool, internals: bool = True) -> tuple[list, list, list]:
    """Docnums, weights and (when asked) position lists of one term's postings.

    With ``internals`` and a ``whoosh3`` matcher, a block at a time; otherwise through the public
    ``is_active``/``id``/``weight``/``value_as``/``next`` calls. Both give the same lists.
    """
    ids: list = []
    weights: list = []
    places: list = []
    if internals and has_block_readers(matcher):
        decode = matcher.format.decode_positions if positions else None
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if positions:
                matcher._read_values()
                places.extend(decode(v) for v in matcher._values)
            matcher._next_block()
        return ids, weights, places
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if positions:
            places.append(matcher.value_as("positions"))
        matcher.next()
    return ids, weights, places


def field_b(weighting: Any) -> dict[str, float]:
    """BM25F's per-field B values of a weighting (Whoosh keeps them in a private attribute)."""
    return dict(getattr(weighting, "_field_B", {}))


class _ListedLengths:
    """A new segment's per-document reader whose field lengths are read once per field into a list.

    Whoosh's ``FieldWriter.add_postings`` asks ``doc_field_length`` for every posting it writes, and
    the ``whoosh3`` reader looks for a field's length column on disk on each call for a field
    without lengths (every ID, KEYWORD and NUMERIC field): a ``stat`` per posting. The lists hold
    exactly what ``doc_field_length`` answers, so the segment written is the same.
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: Any = 0) -> Any:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            reader = self._reader
            if reader.has_column(_length_column(fieldname)):
                lengths = [reader.doc_field_length(d, fieldname, default) for d in range(reader.doc_count_all())]
            else:
                lengths = [default] * reader.doc_count_all()
            self._lengths[fieldname] = lengths
        return lengths[docnum]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def _length_column(fieldname: str) -> str:
    from whoosh.codec.whoosh3 import _lenfield

    return _lenfield(fieldname)


class _GroupingPool(PostingPool):
    """Whoosh's posting pool (``whoosh.writing.PostingPool``), keeping postings grouped by field
    and term as they come instead of in one list that is sorted whole at commit.

    Documents are added in docnum order, so each term's postings come nearly sorted: the pool
    sorts the fields and the terms, and each term's short list (in linear time when already in
    order), instead of comparing whole posting tuples n log n times. It hands the postings over
    in exactly the order the sort gives (the same segment); beyond its memory limit it writes
    sorted runs to disk and merges them as Whoosh's pool does.
    """

    def __init__(self, tempstore: Any, segment: Any, limit: int) -> None:
        super().__init__(tempstore, segment)
        self.limit = limit
        self._groups: dict[str, dict[bytes, list]] = {}

    def add(self, item: tuple) -> None:
        fieldname = item[0]
        self.fieldnames.add(fieldname)
        self.currentsize += _POSTING_BYTES + len(fieldname) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        terms = self._groups.get(fieldname)
        if terms is None:
            terms = self._groups[fieldname] = {}
        postings = terms.get(item[1])
        if postings is None:
            terms[item[1]] = [item]
        else:
            postings.append(item)

    def _in_order(self) -> Iterator[tuple]:
        groups, self._groups = self._groups, {}
        for fieldname in sorted(groups):
            terms = groups[fieldname]
            for term in sorted(terms):
                postings = terms[term]
                postings.sort()
                yield from postings

    def save(self) -> None:
        self.current = list(self._in_order())
        super().save()

    def items(self, maxfiles: int = 128) -> Any:
        if not self.runs:
            return self._in_order()
        self.save()  # the last run; Whoosh's items() then merges the runs
        return super().items(maxfiles)


_POSTING_BYTES = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21
"""Whoosh's estimate of a posting's memory (``PostingPool.add``) beside its strings' lengths."""


def quicker_writer(writer: Any) -> Any:
    """``writer`` (a new Whoosh ``SegmentWriter``) made to write the same segment with less work at
    commit: postings grouped by term as they come (``_GroupingPool``, within the writer's memory
    limit), and the new segment's field lengths read once per field (``_ListedLengths``), not
    once per posting."""
    pool = writer.pool
    if pool.current or pool.runs:
        raise ValueError("quicker_writer needs a writer that holds no posting yet")
    writer.pool = _GroupingPool(pool.tempstore, pool.segment, pool.limit)
    opened = writer.per_document_reader

    def listed() -> Any:
        reader = opened()
        return _ListedLengths(reader) if hasattr(reader, "has_column") else reader

    writer.per_document_reader = listed
    return writer


def unlocked_writer(ix: Any, limitmb: int) -> Any:
    """A writer of a new segment of ``ix`` that takes no lock and never commits the index: for a
    worker process writing a segment that the ingest, which holds the lock, commits
    (``commit_with_segments``). Its temporary files go to a folder of its own, since Whoosh names a
    writer's folder after the index and removes it when any writer finishes."""
    from whoosh.util import random_name
    from whoosh.writing import SegmentWriter

    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb)
    writer._tempstorage = ix.storage.temp_storage(f"{ix.indexname}.{random_name()}{_UNLOCKED_TEMP}")
    writer.pool.tempstore = writer._tempstorage
    return quicker_writer(writer)


_UNLOCKED_TEMP = ".unlocked.tmp"


def remove_unlocked_temporaries(index_folder: Path, indexname: str) -> None:
    """Remove what ``unlocked_writer``s killed before finishing left behind (call holding the lock,
    once no unlocked writer is at work)."""
    for folder in Path(index_folder).glob(f"{indexname}.*{_UNLOCKED_TEMP}"):
        shutil.rmtree(folder, ignore_errors=True)


def finish_segment(writer: Any) -> Any:
    """Write the segment of an ``unlocked_writer`` to disk and remove its temporary files; the
    segment (picklable), or None when no document was added."""
    try:
        if not writer._added:
            writer._close_segment()
            return None
        return writer._finalize_segment()
    finally:
        writer._tempstorage.destroy()


def drop_segment(writer: Any) -> None:
    """Abandon an ``unlocked_writer``'s segment (its files are removed by the next commit)."""
    try:
        writer._close_segment()
    finally:
        writer._tempstorage.destroy()


def commit_with_segments(writer: Any, segments: list[Any]) -> None:
    """Commit ``writer`` (holding the index lock) with ``segments`` written by ``unlocked_writer``s:
    the existing segments the merge policy keeps, then ``segments`` in the order given, then the
    writer's own segment (as Whoosh's multi-process writer does with its sub-writers' segments)."""
    writer._check_state()
    final = writer._merge_segments(None, None, None)
    final += segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def watch_postings(writer: Any, passing: Any) -> None:
    """Route the postings ``writer`` writes into its segment through ``passing`` (a function from
    an iterator of postings to an iterator of the same postings, in the same order)."""
    pool = writer.pool
    original = pool.iter_postings
    pool.iter_postings = lambda: passing(original())


def new_segment(writer: Any) -> Any:
    """The segment a committed or finished writer wrote its documents into."""
    return writer.get_segment()


_PICKLED_MODULES = ("whoosh.fields", "whoosh.formats", "whoosh.columns", "whoosh.analysis.", "whoosh.codec.",
                    "whoosh.idsets", "index.search.schema", "index.search.analyzer")
"""Where the classes a Whoosh index pickles live (its schema, fields, formats, analyzers, codec and
segments; our field type and tokenizer): only classes of these, never their functions."""
_PICKLED_CALLABLES = {("re", "_compile"), ("array", "_array_reconstructor"), ("copyreg", "_reconstructor"),
                      ("_codecs", "encode"),
                      ("collections", "defaultdict"), ("collections", "OrderedDict")} | {
    ("builtins", name) for name in ("int", "float", "complex", "str", "bytes", "bytearray", "bool", "list",
                                    "tuple", "dict", "set", "frozenset", "object", "slice", "range")}
"""The few standard callables such pickles name (a compiled pattern, an array, plain containers)."""


class IndexUnpickler(pickle.Unpickler):
    """Reads the pickles of a Whoosh index (its TOC, segment directories, posting blocks, stored
    fields) without running what an index never holds: a global outside the schema's classes and
    a few standard constructors is refused, so a planted ``os.system`` raises UnpicklingError."""

    def find_class(self, module: str, name: str) -> Any:
        """The named global when an index may hold it; UnpicklingError otherwise."""
        module, name = _compat_pickle.NAME_MAPPING.get((module, name), (module, name))  # Python 2 names
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
        if (module, name) in _PICKLED_CALLABLES:
            return super().find_class(module, name)
        if module.startswith(_PICKLED_MODULES) and module.split(".")[0] in ("whoosh", "index") \
                and module.rstrip(".") not in ("whoosh.analysis", "whoosh.codec"):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"refused to load {module}.{name}: a search index holds no such "
                                     "object (the file was made or changed by something else)")


def safe_loads(data: bytes) -> Any:
    """``pickle.loads`` through IndexUnpickler."""
    return IndexUnpickler(io.BytesIO(data)).load()


def safe_load(stream: Any) -> Any:
    """``pickle.load`` through IndexUnpickler."""
    return IndexUnpickler(stream).load()


def restrict_unpickling() -> None:
    """Make every module of Whoosh that reads pickles from an index read them with IndexUnpickler
    (the TOC and schema in ``whoosh.index``, files in ``whoosh.filedb.structfile``, posting blocks in
    ``whoosh.codec.whoosh3``, stored fields in ``whoosh.columns``): a data folder from elsewhere
    is data, not code. Idempotent."""
    import whoosh.codec.whoosh3
    import whoosh.columns
    import whoosh.filedb.structfile
    import whoosh.index

    whoosh.index.pickle = SimpleNamespace(loads=safe_loads, dumps=pickle.dumps, PicklingError=pickle.PicklingError)
    whoosh.filedb.structfile.load_pickle = safe_load
    whoosh.codec.whoosh3.loads = safe_loads
    whoosh.columns.loads = safe_loads
