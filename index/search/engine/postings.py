"""The index's postings and field lengths as numpy arrays, one folder per Whoosh segment.

Whoosh decodes its postings in Python, about a microsecond per posting, so a broad query on a
large index spends most of its time there. The same postings, decoded once when a segment is
written and kept beside it as ``.npy`` files, are memory-mapped when the index is opened and
scored with numpy (see ``index.search.engine.scoring``). The Whoosh segment stays the source of truth: a
missing or damaged copy is rebuilt from it, and deletions are read from Whoosh at every opening.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh.fields import NUMERIC

from index.search.engine.checksums import checksum, intact
from index.search.engine.whoosh_internals import decode_postings

ARRAYS_DIRNAME = "arrays"
FORMAT = 3
SCORED_FIELDS = ("text", "pieces")
"""Fields whose lengths are kept, for BM25."""
POSITIONED_FIELDS = ("text",)
"""Fields whose positions are kept, for checking phrases."""
POSTED_FIELDS = SCORED_FIELDS + ("areas", "labels", "genre", "region", "department_facet", "doc_id",
                                 "year", "seq", "amounts", "top_amount", "department_id", "province", "city",
                                 "county")


@dataclass
class FieldPostings:
    """One field of one segment: sorted keys (term bytes, or integers for numeric fields) and,
    for key ``i``, segment docnums ``docs[starts[i]:starts[i+1]]`` with their term weights;
    for posting ``j``, its positions ``positions[position_starts[j]:position_starts[j+1]]``
    (empty arrays for fields without positions)."""

    keys: np.ndarray
    starts: np.ndarray
    docs: np.ndarray
    weights: np.ndarray
    position_starts: np.ndarray
    positions: np.ndarray

    def find(self, key: bytes | int) -> int | None:
        """The index of ``key``, or None when the segment does not hold it."""
        i = int(np.searchsorted(self.keys, key))
        return i if i < len(self.keys) and self.keys[i] == key else None

    def postings(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Docnums and weights of key number ``i``."""
        start, end = self.starts[i], self.starts[i + 1]
        return self.docs[start:end], self.weights[start:end]

    def positions_in(self, i: int, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(docnum, position) pairs of key number ``i`` in the sorted segment ``docnums``."""
        start = self.starts[i]
        docs = self.docs[start:self.starts[i + 1]]
        j = np.searchsorted(docs, docnums)
        held = j < len(docs)
        held[held] = docs[j[held]] == docnums[held]
        postings = start + j[held]
        first, last = self.position_starts[postings], self.position_starts[postings + 1]
        counts = last - first
        offsets = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        return np.repeat(docnums[held], counts), np.asarray(self.positions[offsets])

    def span(self, low: int | None, high: int | None) -> np.ndarray:
        """Docnums of every numeric key in [low, high] (None: unbounded)."""
        first = 0 if low is None else int(np.searchsorted(self.keys, low, side="left"))
        last = len(self.keys) if high is None else int(np.searchsorted(self.keys, high, side="right"))
        return self.docs[self.starts[first]:self.starts[last]]

    @cached_property
    def key_of_posting(self) -> np.ndarray:
        """For each posting, the index of its key (for counting facets)."""
        return np.repeat(np.arange(len(self.keys), dtype=np.int32), np.diff(self.starts))

    @cached_property
    def values(self) -> list[str | int]:
        """The keys as Python values: integers, or the terms decoded (for counting facets)."""
        return self.keys.tolist() if self.keys.dtype.kind == "i" else [bytes(k).decode("utf-8") for k in self.keys]


@dataclass
class SegmentArrays:
    """Every posted field of a segment and the field lengths Whoosh scores with."""

    doc_count: int
    fields: dict[str, FieldPostings] = field(default_factory=dict)
    lengths: dict[str, np.ndarray] = field(default_factory=dict)


def _field_postings(reader, schema, name: str) -> FieldPostings:
    spec = schema[name]
    numeric = isinstance(spec, NUMERIC)
    positioned = name in POSITIONED_FIELDS and spec.format.supports("positions")
    terms = list(spec.sortable_terms(reader, name) if numeric else reader.lexicon(name))
    starts, docs, weights, places = [0], [], [], []
    for term in terms:
        ids, ws, ps = decode_postings(reader.postings(name, term), positioned)
        docs.extend(ids)
        weights.extend(ws)
        places.extend(ps)
        starts.append(len(docs))
    return _assembled(spec, terms, starts, docs, weights, places)


def _assembled(spec, terms: list[bytes], starts: list[int], docs: list[int], weights: list[float],
               places: list[list[int]]) -> FieldPostings:
    """The arrays of a field's postings: ``terms`` in order, term ``i``'s postings from ``starts[i]``
    to ``starts[i + 1]`` (one more start than terms), the position list of each posting (or none)."""
    numeric = isinstance(spec, NUMERIC)
    keys = (np.array([spec.from_bytes(t) for t in terms], dtype=np.int64) if numeric
            else np.array(terms, dtype=f"S{max([len(t) for t in terms] + [1])}"))
    position_starts = np.zeros(len(places) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in places], out=position_starts[1:])
    flat = np.fromiter((x for p in places for x in p), dtype=np.int32, count=int(position_starts[-1]))
    return FieldPostings(keys=keys, starts=np.array(starts, dtype=np.int64),
                         docs=np.array(docs, dtype=np.int32), weights=np.array(weights, dtype=np.float32),
                         position_starts=position_starts, positions=flat)


def build_segment(reader, schema) -> SegmentArrays:
    """Decode a Whoosh segment reader's postings and lengths into arrays."""
    arrays = SegmentArrays(doc_count=reader.doc_count_all())
    for name in POSTED_FIELDS:
        if name in schema.names():
            arrays.fields[name] = _field_postings(reader, schema, name)
    _add_lengths(arrays, reader, schema)
    return arrays


def _add_lengths(arrays: SegmentArrays, reader, schema) -> None:
    for name in SCORED_FIELDS:
        if name in schema.names():
            arrays.lengths[name] = np.array([reader.doc_field_length(d, name, 0) or 0
                                             for d in range(arrays.doc_count)], dtype=np.float32)


class _Collecting:
    """One field's postings as they pass."""

    def __init__(self, positioned: bool) -> None:
        self.positioned = positioned
        self.terms: list[bytes] = []
        self.starts: list[int] = []
        self.docs: list[int] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []


class PostingsCollector:
    """A new segment's arrays made from its postings as the writer writes them (``passing``, see
    ``whoosh_internals.watch_postings``), instead of decoding them back from the segment: the
    same arrays as ``build_segment`` (tested), for a fraction of the work."""

    def __init__(self, schema) -> None:
        self.schema = schema
        self.seen = False
        self._fields = {name: _Collecting(name in POSITIONED_FIELDS and schema[name].format.supports("positions"))
                        for name in POSTED_FIELDS if name in schema.names()}

    def passing(self, postings: Iterator[tuple]) -> Iterator[tuple]:
        """Yield the postings (field, term bytes, docnum, weight, encoded value), sorted as a segment
        writer takes them, noting those of the posted fields."""
        self.seen = True
        fields = self._fields
        name, collecting, last = None, None, None
        for posting in postings:
            if posting[0] != name:
                name, last = posting[0], None
                collecting = fields.get(name)
            if collecting is not None:
                if posting[1] != last:
                    last = posting[1]
                    collecting.terms.append(last)
                    collecting.starts.append(len(collecting.docs))
                collecting.docs.append(posting[2])
                collecting.weights.append(posting[3])
                if collecting.positioned:
                    collecting.values.append(posting[4])
            yield posting

    def save(self, index_folder: Path, reader) -> None:
        """Save the arrays of the segment just written (``reader`` reads it: its lengths and id)."""
        arrays = SegmentArrays(doc_count=reader.doc_count_all())
        for name, got in self._fields.items():
            spec = self.schema[name]
            places = [spec.format.decode_positions(v) for v in got.values] if got.positioned else []
            arrays.fields[name] = _assembled(spec, got.terms, got.starts + [len(got.docs)], got.docs,
                                             got.weights, places)
        _add_lengths(arrays, reader, self.schema)
        save_segment(arrays, Path(index_folder) / ARRAYS_DIRNAME / _segment_id(reader))


_PARTS = ("keys", "starts", "docs", "weights", "position_starts", "positions")


def save_segment(arrays: SegmentArrays, folder: Path) -> None:
    """Write ``arrays`` to ``folder`` atomically: into a temporary folder first, then renamed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, postings in arrays.fields.items():
            for part in _PARTS:
                np.save(temp / f"{name}.{part}.npy", getattr(postings, part))
        for name, lengths in arrays.lengths.items():
            np.save(temp / f"{name}.lengths.npy", lengths)
        meta = {"format": FORMAT, "doc_count": arrays.doc_count, "fields": sorted(arrays.fields),
                "lengths": sorted(arrays.lengths),
                "checksums": {file.name: checksum(file) for file in sorted(temp.glob("*.npy"))}}
        (temp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        os.rename(temp, folder)
    except OSError:
        shutil.rmtree(temp, ignore_errors=True)
        if not folder.is_dir():
            raise


def load_segment(folder: Path) -> SegmentArrays | None:
    """The arrays saved in ``folder``, memory-mapped; None when missing, stale or damaged (a file
    that no longer matches its checksum), so that they are built again from Whoosh."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or not intact(folder, meta.get("checksums") or {}):
            return None
        if {f"{name}.{part}.npy" for name in meta["fields"] for part in _PARTS} - meta["checksums"].keys():
            return None
        arrays = SegmentArrays(doc_count=int(meta["doc_count"]))
        for name in meta["fields"]:
            # plain views of the mapped files: a slice of a np.memmap is a memmap again, whose
            # bookkeeping cost more than the lookup itself on every term of every search
            parts = {part: np.asarray(np.load(folder / f"{name}.{part}.npy", mmap_mode="r")) for part in _PARTS}
            arrays.fields[name] = FieldPostings(**parts)
        for name in meta["lengths"]:
            arrays.lengths[name] = np.asarray(np.load(folder / f"{name}.lengths.npy", mmap_mode="r"))
        return arrays
    except (OSError, ValueError, KeyError, TypeError):
        return None


def damaged_segments(index_folder: Path) -> list[str]:
    """Array files whose content no longer matches the checksum written with them (a disk error,
    a stray write), as ``<segment>/<file>``; the next search would trust them, a reindex replaces them."""
    damaged = []
    for meta_file in sorted((Path(index_folder) / ARRAYS_DIRNAME).glob("*/meta.json")):
        folder = meta_file.parent
        try:
            checksums = json.loads(meta_file.read_text(encoding="utf-8")).get("checksums", {})
        except (OSError, ValueError):
            damaged.append(f"{folder.name}/meta.json")
            continue
        for name, digest in checksums.items():
            try:
                if checksum(folder / name) != digest:
                    damaged.append(f"{folder.name}/{name}")
            except OSError:
                damaged.append(f"{folder.name}/{name}")
    return damaged


def _segment_id(reader) -> str | None:
    segment = reader.segment()
    return None if segment is None else segment.segment_id()  # None: an index with no segment yet


def segment_arrays(index_folder: Path, reader, schema) -> SegmentArrays:
    """The arrays of a segment reader: loaded when saved, else built from Whoosh and saved."""
    if _segment_id(reader) is None:
        return build_segment(reader, schema)
    folder = Path(index_folder) / ARRAYS_DIRNAME / _segment_id(reader)
    arrays = load_segment(folder)
    if arrays is None or arrays.doc_count != reader.doc_count_all():
        shutil.rmtree(folder, ignore_errors=True)
        arrays = build_segment(reader, schema)
        with suppress(OSError):  # a read-only index still searches, with the arrays held in memory
            save_segment(arrays, folder)
    return arrays


def sync(index_folder: Path, ix) -> None:
    """Give every segment of ``ix`` its arrays and drop those of segments merged away."""
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        for leaf, _ in leaves:
            segment_arrays(index_folder, leaf, ix.schema)
        current = {_segment_id(leaf) for leaf, _ in leaves}
    root = Path(index_folder) / ARRAYS_DIRNAME
    if root.is_dir():
        for folder in root.iterdir():
            if folder.name not in current:
                shutil.rmtree(folder, ignore_errors=True)


class PostingArrays:
    """The arrays of every segment of an open searcher, addressed by the searcher's docnums."""

    def __init__(self, index_folder: Path, searcher, known: dict[str, SegmentArrays] | None = None) -> None:
        """``known``: arrays by segment id (an earlier opening's ``by_id``), reused for those segments."""
        reader = searcher.reader()
        self.schema = searcher.schema
        self.size = reader.doc_count_all()
        ids = [(_segment_id(leaf), leaf, offset) for leaf, offset in reader.leaf_readers()]
        self.by_id = {sid: (known or {}).get(sid) or segment_arrays(index_folder, leaf, self.schema)
                      for sid, leaf, _ in ids}
        self.segments: list[tuple[SegmentArrays, int]] = [(self.by_id[sid], offset) for sid, _, offset in ids]
        self._columns: dict[tuple[str, int], np.ndarray] = {}
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset in reader.leaf_readers():
            if leaf.has_deletions():
                kept = np.fromiter(leaf.all_doc_ids(), dtype=np.int64)
                self.live[offset:offset + leaf.doc_count_all()] = False
                self.live[kept + offset] = True

    def postings(self, name: str, key: bytes | int) -> tuple[np.ndarray, np.ndarray]:
        """Docnums and weights of a term across the segments."""
        docs, weights = [], []
        for arrays, offset in self.segments:
            posted = arrays.fields.get(name)
            i = posted.find(key) if posted is not None else None
            if i is not None:
                d, w = posted.postings(i)
                docs.append(d.astype(np.int64) + offset)
                weights.append(w)
        if not docs:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        return np.concatenate(docs), np.concatenate(weights)

    def positions(self, name: str, key: bytes, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(docnum, position) pairs of a term in the ascending ``docnums``."""
        docs, places = [], []
        for arrays, offset in self.segments:
            posted = arrays.fields.get(name)
            i = posted.find(key) if posted is not None else None
            inside = docnums[(docnums >= offset) & (docnums < offset + arrays.doc_count)]
            if i is not None and len(inside):
                d, p = posted.positions_in(i, inside - offset)
                docs.append(d + offset)
                places.append(p)
        if not docs:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
        return np.concatenate(docs), np.concatenate(places)

    def span(self, name: str, low: int | None, high: int | None) -> np.ndarray:
        """Docnums holding a value of numeric field ``name`` in [low, high]."""
        parts = [arrays.fields[name].span(low, high).astype(np.int64) + offset
                 for arrays, offset in self.segments if name in arrays.fields]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def lengths(self, name: str) -> np.ndarray:
        """Each document's length of scored field ``name``."""
        return self._dense_lengths[name]

    @cached_property
    def _dense_lengths(self) -> dict[str, np.ndarray]:
        parts = {name: [np.asarray(arrays.lengths.get(name, np.zeros(arrays.doc_count, np.float32)))
                        for arrays, _ in self.segments] for name in SCORED_FIELDS}
        return {name: np.concatenate(p) if p else np.empty(0, dtype=np.float32) for name, p in parts.items()}

    def counts(self, name: str, mask: np.ndarray) -> dict[str | int, int]:
        """How many documents in ``mask`` hold each value of field ``name`` (the segment's slice of
        the mask indexed by its own docnums: no array the size of the postings is made)."""
        totals: dict[str | int, int] = {}
        for arrays, offset in self.segments:
            posted = arrays.fields.get(name)
            if posted is None or not len(posted.docs):
                continue
            held = mask[offset:offset + arrays.doc_count][posted.docs]
            per_key = np.bincount(posted.key_of_posting[held], minlength=len(posted.keys))
            for i in np.flatnonzero(per_key).tolist():
                totals[posted.values[i]] = totals.get(posted.values[i], 0) + int(per_key[i])
        return totals

    def column(self, name: str, missing: int) -> np.ndarray:
        """One value per document of a single-valued field, ``missing`` where it has none;
        for term fields the value is the term's rank in sorted order."""
        cache = self._columns
        if (name, missing) not in cache:
            out = np.full(self.size, missing, dtype=np.int64)
            keys = [arrays.fields[name].keys for arrays, _ in self.segments if name in arrays.fields]
            ranks = np.unique(np.concatenate(keys)) if keys and keys[0].dtype.kind != "i" else None
            for arrays, offset in self.segments:
                posted = arrays.fields.get(name)
                if posted is None:
                    continue
                values = posted.keys if ranks is None else np.searchsorted(ranks, posted.keys)
                out[posted.docs.astype(np.int64) + offset] = np.asarray(values)[posted.key_of_posting]
            cache[(name, missing)] = out
        return cache[(name, missing)]
