from whoosh.filedb.filestore import RamStorage

from index.search.analyzer import analyze, fine_pieces, passage_words
from index.search.query import parse, to_whoosh
from index.search.schema import PassageSchema


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
    with _searcher(["加强民族团结进步宣传教育", "民族工作和团结进步", "民族团结、进步"]) as s:
        for query in ('"民族团结进步"', '"民族 团结 进步"'):
            hits = s.search(to_whoosh(parse(query), use_thesaurus=False))
            assert [h["passage_id"] for h in hits] == ["0"]


def test_runs_of_pieces_are_single_terms_at_the_first_piece():
    from index.search.analyzer import pieces_analyzer

    tokens = [(t.text, t.pos) for t in pieces_analyzer()("统一战线工作和侨务工作", positions=True)]
    assert ("统一战线", 0) in tokens and ("侨务工作", 4) in tokens and ("侨务", 4) in tokens


def test_sub_word_finds_the_long_word_but_not_a_false_sub_word():
    with _searcher(["贯彻落实党的侨务工作方针", "外出务工人员"]) as s:
        for query, expected in (("侨务", ["0"]), ("务工", ["1"])):
            hits = s.search(to_whoosh(parse(query), use_thesaurus=False))
            assert [h["passage_id"] for h in hits] == expected


def test_adjacent_pieces_across_words_are_pairs_so_no_phrase_is_needed():
    from index.search.analyzer import pieces_analyzer

    tokens = {t.text for t in pieces_analyzer()("预算执行数和侨务，工作")}
    assert "预算执行" in tokens  # 预算 | 执行数 → the pair 预算+执行
    assert "侨务，" not in tokens and "，工作" not in tokens  # no pairs across punctuation
    assert str(to_whoosh(parse("预算执行"), use_thesaurus=False)).count('"') == 2  # phrase only as bonus


def test_quoted_and_unquoted_spellings_are_one_term():
    assert analyze("严控“三公”经费") == analyze("严控三公经费")
    assert analyze("“两个健康”", fine=True) == analyze("两个健康", fine=True)
    quoted = "本年度“三公”经费支出12.5万元"
    word = next(w for w in passage_words(quoted) if w[0] == "三公经费")
    assert quoted[word[1]:word[2]] == "三公”经费"  # offsets are still the text's
    with _searcher(["本年度“三公”经费支出12.5万元", "严格控制三公经费", "三公里以内", "预算经费"]) as s:
        for query in ("三公经费", "“三公”经费", '"三公经费"'):
            found = {h["passage_id"] for h in s.search(to_whoosh(parse(query), use_thesaurus=False))}
            assert found == {"0", "1"}, query
