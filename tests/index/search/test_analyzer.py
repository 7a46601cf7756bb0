"""Words handed to the index with the text: used as they are, never cut again."""

from index.search.analyzer import CutText, passage_words, term_positions


def test_a_text_with_its_words_gives_the_terms_of_the_text():
    text = "统一战线工作部开展侨务工作调研3次"
    words = passage_words(text)
    for fine in (False, True):
        assert term_positions(CutText(text, words), fine) == term_positions(text, fine)


def test_the_words_handed_over_are_the_ones_indexed():
    text = "侨务工作"
    handed = (("侨务工", 0, 3), ("作", 3, 4))  # not how the segmenter cuts it: proof it is not cut again
    assert list(term_positions(CutText(text, handed))) == ["侨务工", "作"]
