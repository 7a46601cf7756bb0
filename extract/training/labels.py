"""The labelled data in ``corpus/labels`` (see its GUIDELINES.md): where it is and how to read it."""

from __future__ import annotations

import json
from pathlib import Path

from extract.errors import ModelError
from extract.paths import corpus_dir

AREA_SEEDS_FILE = "areas_seeds.jsonl"
AREA_WRITTEN_FILES = ("areas_written.jsonl", "areas_varied.jsonl", "areas_breadth.jsonl", "areas_secondary.jsonl",
                      "areas_names.jsonl")
"""Passages the team wrote: in the seeds' style, and in the variety of real reports (with
``dept_kind`` and ``shape``)."""
ENTITY_FILES = {"seed reports": "entities_seeds.jsonl", "written sentences": "entities_written.jsonl"}


def labels_dir() -> Path:
    """The folder of labelled data."""
    return corpus_dir() / "labels"


def load_jsonl(path: Path) -> list[dict]:
    """The records of a JSON-lines file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def department_groups(seeds: list[dict], written: list[dict]) -> tuple[list[dict], list[str], list[dict]]:
    """Labelled passages grouped by department: the seed passages by report, the varied ones by
    kind of department; and the seeds'-style written passages, which have no department and are
    always trained on. Returns (grouped passages, their groups, always-trained passages)."""
    grouped = seeds + [r for r in written if r.get("dept_kind")]
    groups = [r.get("dept_kind") or r["doc"] for r in grouped]
    return grouped, groups, [r for r in written if not r.get("dept_kind")]


def load_area_labels() -> tuple[list[dict], list[dict]]:
    """The labelled passages of the seed reports, and the passages the team wrote."""
    try:
        return (load_jsonl(labels_dir() / AREA_SEEDS_FILE),
                [r for name in AREA_WRITTEN_FILES for r in load_jsonl(labels_dir() / name)])
    except FileNotFoundError as exc:
        raise ModelError(f"{exc.filename}: labelled passages are missing") from exc
