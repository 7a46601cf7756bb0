"""Words handed to the index with the text: used as they are, never cut again."""

from index.search.analyzer import CutText, passage_words, term_positions


def test_a_text_with_its_words_gives_the_terms_of_the_text():
    text = "统一战线工作部开展侨务工作调研3次"
    words = passage_words(text)
    for pieces in (False, True):
        assert term_positions(CutText(text, words), pieces) == term_positions(text, pieces)


def test_the_words_handed_over_are_the_ones_indexed():
    text = "侨务工作"
    handed = (("侨务工", 0, 3), ("作", 3, 4))  # not how the segmenter cuts it: proof it is not cut again
    assert list(term_positions(CutText(text, handed))) == ["侨务工", "作"]


def test_an_index_written_before_the_pieces_option_was_renamed_still_opens():
    import pickle

    from index.search.schema import JiebaText

    field = JiebaText(pieces=True)
    state = dict(field.__dict__, fine=True)  # as an older index pickled it
    del state["pieces"]
    tokenizer_state = dict(field.analyzer.items[0].__dict__, fine=True)
    del tokenizer_state["pieces"]
    field.__dict__.clear()
    field.__setstate__(state)
    tokenizer = field.analyzer.items[0]
    tokenizer.__dict__.clear()
    tokenizer.__setstate__(tokenizer_state)
    restored = pickle.loads(pickle.dumps(field))
    assert restored.pieces and restored.analyzer.items[0].pieces
    assert "侨务" in term_positions("侨务工作", restored.pieces)
