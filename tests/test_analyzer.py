from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from index.analyzer import analyze, fine_pieces
from index.schema import PassageSchema


def test_pieces_split_words_along_dictionary_words_only():
    assert analyze("侨务工作", fine=True) == ["侨务", "工作"]
    assert "务工" not in analyze("侨务工作", fine=True)
    assert [p for p, _, _ in fine_pieces("归侨侨眷")] == ["归侨", "侨眷"]


def test_digits_and_traditional_script_are_kept():
    assert analyze("執行數1288.68萬元") == ["执行数", "1288.68", "万元"]
    assert "5" in analyze("5个科室")


def _searcher(texts):
    ix = RamStorage().create_index(PassageSchema())
    with ix.writer() as w:
        for i, text in enumerate(texts):
            w.add_document(passage_id=str(i), doc_id="d", text=text, pieces=text)
    return ix.searcher()


def test_phrase_queries_use_token_positions():
    with _searcher(["加强民族团结进步宣传教育", "民族工作和团结进步"]) as s:
        hits = s.search(QueryParser("pieces", s.schema).parse('"民族团结进步"'))
        assert [h["passage_id"] for h in hits] == ["0"]


def test_sub_word_finds_the_long_word_but_not_a_false_sub_word():
    with _searcher(["贯彻落实党的侨务工作方针", "外出务工人员"]) as s:
        assert [h["passage_id"] for h in s.search(QueryParser("pieces", s.schema).parse("侨务"))] == ["0"]
        assert [h["passage_id"] for h in s.search(QueryParser("pieces", s.schema).parse("务工"))] == ["1"]
