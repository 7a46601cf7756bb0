from extract.records import Document, Passage
from index.search.schema import area_postings
from index.search.service import search
from index.search.writer import update_documents


def test_areas_are_posted_with_their_scores():
    assert area_postings(["ethnic_religion", "budget_performance"],
                         {"ethnic_religion": 0.9, "budget_performance": 0.0}) == \
        "ethnic_religion:0.9000,budget_performance:0.0100"
    assert area_postings(["institution"], {}) == "institution:1.0000"


def test_passages_found_only_through_the_area_rank_by_its_score(tmp_path):
    texts = [("甲", "全年完成任务十二项", 0.3), ("乙", "年内开展活动八次", 0.9), ("丙", "召开会议四次", 0.6)]
    passages = [Passage(id=f"d:{i}", text=t, start=0, end=len(t), areas=["ethnic_religion"],
                        area_scores={"ethnic_religion": s}) for i, (_, t, s) in enumerate(texts)]
    update_documents(tmp_path, [Document(id="d", text="", passages=passages)])
    hits = search(tmp_path, "民族宗教", facets=False).hits
    assert [h.passage_id for h in hits] == ["d:1", "d:2", "d:0"]
    assert all(h.areas == ["ethnic_religion"] and not h.literal for h in hits)


def test_an_index_written_before_keeps_plain_area_codes(tmp_path):
    from whoosh.fields import KEYWORD
    from whoosh.filedb.filestore import RamStorage

    from index.search.schema import PassageSchema
    from index.search.writer import add_passages

    old = PassageSchema()
    old.remove("areas")
    old.add("areas", KEYWORD(stored=True, commas=True))  # the field before areas had weights
    ix = RamStorage().create_index(old)
    passage = Passage(id="d:0", text="召开会议四次", start=0, end=6, areas=["cppcc"], area_scores={"cppcc": 0.7})
    with ix.writer() as writer:
        add_passages(writer, Document(id="d", text="", passages=[passage]))
    with ix.searcher() as searcher:
        assert list(searcher.lexicon("areas")) == [b"cppcc"]
        assert searcher.stored_fields(0)["areas"] == "cppcc"
