"""Our use of Whoosh's private parts: the exact version, and the public path giving the same postings."""

import tempfile

import pytest
from whoosh.fields import TEXT
from whoosh.filedb.filestore import RamStorage

from index.search.analyzer import pieces_analyzer, words_analyzer
from index.search.directory import open_whoosh_index
from index.search.engine.postings import POSITIONED_FIELDS, POSTED_FIELDS
from index.search.engine.whoosh_internals import (
    WHOOSH_VERSION,
    WhooshVersionError,
    check_version,
    decode_postings,
    has_block_readers,
    quicker_writer,
)
from index.search.schema import PassageSchema
from index.search.writer import add_passages
from index.store import Store

pytestmark = pytest.mark.seconds(4)  # conftest.pytest_collection_modifyitems: long modules first


def test_the_installed_whoosh_is_the_pinned_one():
    check_version()  # the installed release
    with pytest.raises(WhooshVersionError, match="whoosh-reloaded==2.7.5"):
        check_version((2, 7, 6))
    with pytest.raises(WhooshVersionError):
        check_version((2, 8, 0))
    assert WHOOSH_VERSION == (2, 7, 5)


def test_the_public_path_decodes_the_same_postings(data_dir):
    with open_whoosh_index(data_dir).searcher() as searcher:
        reader = searcher.reader()
        checked = blocks = 0
        for name in POSTED_FIELDS:
            if name not in reader.schema.names() or name not in reader.indexed_field_names():
                continue
            positions = name in POSITIONED_FIELDS
            for term in list(reader.lexicon(name))[:400]:
                fast = reader.postings(name, term)
                blocks += has_block_readers(fast)
                public = decode_postings(reader.postings(name, term), positions, internals=False)
                assert decode_postings(fast, positions) == public, (name, term)
                checked += 1
    assert checked > 900
    assert blocks > 0  # the fast path was really taken


def _segment_files(docs, quicker: bool, fast_fields: bool, limit: int | None = None) -> dict[str, bytes]:
    """Every file of a segment written from ``docs``, named without its random id; with our
    shortcuts (``quicker_writer``, with a pool ``limit`` in bytes; the ``JiebaText`` fields) or
    through Whoosh's own paths."""
    schema = PassageSchema()
    if not fast_fields:  # the analyzers through Whoosh's TEXT field and formats
        schema._fields["text"] = TEXT(analyzer=words_analyzer(), stored=True, phrase=True)
        schema._fields["pieces"] = TEXT(analyzer=pieces_analyzer(), stored=False, phrase=False)
    storage = RamStorage()
    ix = storage.create_index(schema)
    writer = ix.writer(compound=False)
    if quicker:
        quicker_writer(writer)
        writer.pool.limit = limit or writer.pool.limit
    for doc in docs:
        add_passages(writer, doc)
    runs = len(writer.pool.runs)
    writer.commit()
    segment = ix.reader().segment().segment_id()
    files = {name.replace(segment, ""): storage.open_file(name).read() for name in storage.list()
             if segment in name}
    return files | ({"runs": runs} if limit else {})


def test_the_writers_shortcuts_write_the_same_segment_as_whooshs_own_paths(data_dir, tmp_path, monkeypatch):
    # A RamStorage spills into tempfile's folder under the fixed name MAIN.tmp: a private folder, so
    # another process's run of this test (another worker, another checkout) cannot remove its runs.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Store(data_dir, create=False) as store:
        docs = list(store.iter_documents())
    whoosh = _segment_files(docs, False, False)
    assert len(whoosh) > 5 and {".pst", ".trm"} <= set(whoosh)
    assert _segment_files(docs, True, False) == whoosh
    assert _segment_files(docs, False, True) == whoosh
    spilled = _segment_files(docs, True, True, limit=200_000)  # the pool writes runs to disk and merges them
    assert spilled.pop("runs") > 3 and spilled == whoosh


def test_a_writer_that_holds_postings_is_refused(data_dir):
    ix = RamStorage().create_index(PassageSchema())
    writer = ix.writer()
    writer.add_document(passage_id="p1", text="侨务工作")
    with pytest.raises(ValueError, match="no posting yet"):
        quicker_writer(writer)
    writer.cancel()
