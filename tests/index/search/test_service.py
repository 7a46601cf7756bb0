import json

import pytest

from extract.errors import IndexMissingError
from extract.training.labels import labels_dir, load_jsonl
from index.search.service import Filters, highlight, search
from tests.conftest import BAIYUN_2022, CAIDIAN_2024, CPPCC_2021, CPPCC_2023, LIWAN_2022


def test_qiaowu_finds_every_report_that_speaks_of_overseas_chinese_work(data_dir):
    labelled = load_jsonl(labels_dir() / "areas_seeds.jsonl")
    expected = {r["doc"] for r in labelled if "overseas_chinese" in r["areas"]}
    result = search(data_dir, "侨务", page_size=200)
    assert expected <= {h.doc_id for h in result.hits}
    assert {LIWAN_2022, CAIDIAN_2024} <= expected


def test_literal_matches_rank_first_and_are_highlighted(data_dir):
    hits = search(data_dir, "侨务", page_size=50).hits
    literal = ["侨务" in h.text for h in hits]
    assert literal[0] and literal == sorted(literal, reverse=True)
    assert "<mark>侨务</mark>" in hits[0].highlight
    assert hits[0].section and hits[0].year in (2022, 2024)


def test_thesaurus_finds_passages_without_the_word(data_dir):
    hits = search(data_dir, "侨务", page_size=200).hits
    assert any("侨务" not in h.text and ("侨联" in h.text or "华侨" in h.text or "侨胞" in h.text) for h in hits)


def test_a_related_word_finds_its_whole_group(data_dir):
    hits = search(data_dir, "华侨", page_size=200).hits
    literal = ["华侨" in h.text for h in hits]
    assert literal[0] and literal == sorted(literal, reverse=True)
    assert any("华侨" not in h.text and ("侨联" in h.text or "侨界" in h.text) for h in hits)


def test_filters_narrow_the_hits(data_dir):
    assert {h.year for h in search(data_dir, "统战", Filters(year=2024), page_size=100).hits} == {2024}
    by_dept = search(data_dir, "企业", Filters(dept="工商业联合会"), page_size=100).hits
    assert {h.doc_id for h in by_dept} == {BAIYUN_2022}
    money = search(data_dir, "", Filters(label="MONEY", min_yuan=10_000_000), page_size=100).hits
    assert money and all(any(e.label == "MONEY" and e.yuan >= 10_000_000 for e in h.entities) for h in money)
    area = search(data_dir, "", Filters(area="hk_macao_taiwan"), page_size=100).hits
    assert area and all("hk_macao_taiwan" in h.areas for h in area)


def test_department_filter_matches_part_of_the_name_and_empty_filters_match_nothing(data_dir):
    assert {h.doc_id for h in search(data_dir, "", Filters(dept="蔡甸"), page_size=100).hits} == {CAIDIAN_2024}
    nothing = search(data_dir, "侨务", Filters(year=1999))
    assert (nothing.total, nothing.hits) == (0, [])
    assert search(data_dir, "侨务", Filters(dept="不存在的部门")).total == 0


def test_query_syntax(data_dir):
    both = search(data_dir, "侨务 台胞", page_size=100, use_thesaurus=False).hits
    assert both and all("侨务" in h.text and "台胞" in h.text for h in both)
    either = search(data_dir, "侨务 OR 台胞", page_size=100, use_thesaurus=False).total
    assert either > len(both)
    excluded = search(data_dir, "侨务 -台胞", page_size=100, use_thesaurus=False).hits
    assert excluded and not any("台胞" in h.text for h in excluded)
    phrase = search(data_dir, '"民族团结进步"', page_size=100).hits
    assert phrase and all("民族团结进步" in h.text for h in phrase)


def test_stray_syntax_is_read_as_words(data_dir):
    assert search(data_dir, "侨务) AND (*", page_size=5).total > 0


def test_facets_count_all_matches(data_dir):
    result = search(data_dir, "统战", page_size=5)
    assert sum(result.facets["year"].values()) == result.total
    assert result.facets["areas"]


def test_each_facet_counts_under_the_other_filters(data_dir):
    narrowed = search(data_dir, "侨务", Filters(year=2022), page_size=5)
    assert narrowed.facets["year"] == search(data_dir, "侨务", page_size=5).facets["year"]
    assert len(narrowed.facets["year"]) > 1  # the other years stay choosable, with their counts
    assert sum(narrowed.facets["genre"].values()) == narrowed.total
    both = search(data_dir, "侨务", Filters(year=2022, area="overseas_chinese"), page_size=5)
    assert narrowed.facets["areas"]["overseas_chinese"] == both.total and 0 < both.total <= narrowed.total


def test_sort_by_amount_and_pages(data_dir):
    hits = search(data_dir, "", Filters(label="MONEY"), sort="amount", page_size=100).hits
    tops = [max(e.yuan for e in h.entities if e.label == "MONEY") for h in hits]
    assert tops == sorted(tops, reverse=True)
    first, second = (search(data_dir, "统战", page=n, page_size=5).hits for n in (1, 2))
    assert not {h.passage_id for h in first} & {h.passage_id for h in second}


def test_sort_by_amount_or_year_puts_the_querys_own_words_first(data_dir):
    for sort in ("amount", "year"):
        result = search(data_dir, "预算", sort=sort, page_size=500)
        tiers = [h.exact for h in result.hits]
        assert 0 < result.exact_total < len(tiers)  # both tiers are there
        assert tiers == sorted(tiers, reverse=True), sort  # every literal hit before any related one
        exact = [h for h in result.hits if h.exact]
        assert all("预算" in h.text for h in exact[:3])
        if sort == "amount":
            tops = [max([e.yuan for e in h.entities if e.label == "MONEY" and e.yuan] or [-1]) for h in exact]
            assert tops == sorted(tops, reverse=True)


def test_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexMissingError, match="jixiao ingest"):
        search(tmp_path, "侨务")


def test_highlight_escapes_html():
    assert highlight("<b>侨务</b>", ["侨务"]) == "&lt;b&gt;<mark>侨务</mark>&lt;/b&gt;"


def test_hit_json_has_the_spec_fields(data_dir):
    hit = search(data_dir, "侨务", page_size=1).hits[0].to_dict()
    assert set(hit) == {"doc_id", "passage_id", "score", "title", "department", "year", "section",
                        "text", "highlight", "areas", "entities", "department_id", "region_levels"}
    json.dumps(hit, ensure_ascii=False)


def test_department_short_names_find_the_full_names(data_dir):
    def reports(dept: str) -> set[str]:
        return {h.doc_id for h in search(data_dir, "", Filters(dept=dept), page_size=500, facets=False).hits}

    assert reports("工商联") == reports("工商业联合会") == {BAIYUN_2022}
    assert reports("政协") == reports("政治协商会议") == {CPPCC_2021, CPPCC_2023}
    assert reports("统一战线工作部") == reports("统战部") == {LIWAN_2022, CAIDIAN_2024}


def test_genre_and_region_filter_and_are_counted(data_dir):
    result = search(data_dir, "统战", Filters(region="湖北省武汉市蔡甸区"), page_size=100)
    assert result.hits and {h.doc_id for h in result.hits} == {CAIDIAN_2024}
    assert result.facets["region"]["湖北省武汉市蔡甸区"] == result.total
    assert result.facets["region"]["广东省广州市荔湾区"] > 0  # counted under the other filters only
    genre = search(data_dir, "", Filters(genre="部门整体支出绩效自评表"), page_size=500)
    assert {h.doc_id for h in genre.hits} == {CPPCC_2021}


def test_literal_matches_are_counted_apart_from_related_ones(data_dir):
    result = search(data_dir, "侨务", page_size=100)
    literal = [h for h in result.hits if h.exact]
    assert 0 < result.exact_total == len(literal) < result.total
    assert all("侨务" in h.text for h in literal)
    assert result.hits[:len(literal)] == literal  # literal first, then the related tier


def test_each_hit_says_whether_it_is_literal_in_any_sort_order(data_dir):
    ranked = search(data_dir, "侨务", page_size=100)
    by_year = search(data_dir, "侨务", page_size=100, sort="year")
    assert by_year.exact_total == ranked.exact_total
    assert {h.passage_id for h in by_year.hits if h.exact} == {h.passage_id for h in ranked.hits if h.exact}
    assert search(data_dir, "", Filters(year=2022), page_size=5).exact_total > 0  # filter-only: all count


def test_a_quoted_term_run_into_a_word_is_the_word_on_the_seed_index(data_dir):
    def ids(query):
        return [h.passage_id for h in search(data_dir, query, page_size=50).hits]

    assert ids("“三公”经费") == ids("三公经费") and ids("三公经费")  # as reports print it, as users paste it
    assert ids('"三公"经费') == ids("三公经费")
