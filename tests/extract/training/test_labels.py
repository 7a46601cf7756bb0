"""The labelled passages the classifier is trained and checked on, and how they are grouped."""

from __future__ import annotations

from extract.areas.definitions import AREAS
from extract.training.labels import department_groups, load_area_labels


def test_every_labelled_passage_has_text_and_known_areas_and_every_seed_its_report():
    seeds, written = load_area_labels()
    assert len(seeds) > 200 and len(written) > 1000
    for record in seeds + written:
        assert record["text"].strip() and set(record["areas"]) <= set(AREAS), record
    assert len({r["doc"] for r in seeds}) == 5  # the five seed reports, each one group


def test_seeds_group_by_report_varied_passages_by_kind_and_the_rest_are_always_trained():
    seeds, written = load_area_labels()
    grouped, groups, always = department_groups(seeds, written)
    assert len(grouped) == len(groups) and len(grouped) + len(always) == len(seeds) + len(written)
    assert groups[:len(seeds)] == [r["doc"] for r in seeds]
    assert all(not r.get("dept_kind") for r in always)
    assert all(g == r["dept_kind"] for g, r in zip(groups[len(seeds):], grouped[len(seeds):]))
