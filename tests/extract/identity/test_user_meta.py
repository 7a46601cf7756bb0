"""Metadata files beside the reports: the report's own and its folder's."""

from __future__ import annotations

import json

import pytest

from extract.errors import InputError
from extract.identity.user_meta import user_metadata


def test_the_reports_own_file_wins_over_its_folders(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text("正文", encoding="utf-8")
    assert user_metadata(report) == {}
    (tmp_path / "_meta.json").write_text(json.dumps({"department": "北京市工商联", "year": "2022"}), encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"year": 2023}), encoding="utf-8")
    assert user_metadata(report) == {"department": "北京市工商联", "year": 2023}


def test_a_broken_file_names_itself(tmp_path):
    (tmp_path / "a.meta.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="a.meta.json"):
        user_metadata(tmp_path / "a.txt")
