"""Which files of a folder are ingested (index/folders.py), probed with the real command."""

from __future__ import annotations

import os
from pathlib import Path

from index.folders import report_files
from index.store import Store
from tests.conftest import jixiao

REPORT = "某县委统战部2023年部门整体支出绩效自评报告\n一、基本情况\n全年执行数120.5万元，完成率98.6%。\n"


def _stored(data: Path) -> list[str]:
    with Store(data, create=False) as store:
        return sorted(doc.id for doc in store.iter_documents())


def test_a_folder_under_a_path_named_labels_is_read_whole(tmp_path):
    """Issue 26.1: `jixiao ingest /…/labels/reports` stored 0 documents, exit 0."""
    folder = tmp_path / "labels" / "reports"
    (folder / "labels").mkdir(parents=True)
    (folder / "a.txt").write_text(REPORT, "utf-8")
    (folder / "labels" / "hand.txt").write_text(REPORT, "utf-8")  # labels below the folder: not reports
    result = jixiao("ingest", str(folder), "--data", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert _stored(tmp_path / "data") == ["a"]


def test_links_out_of_the_folder_are_refused_lock_files_skipped(tmp_path):
    """Issues 26.6 and 26.11: passwd.txt → /etc/passwd was ingested and searchable; a link loop was
    'no such file'; ~$x.docx and ._x.txt failed the run."""
    folder, outside = tmp_path / "in", tmp_path / "outside.txt"
    folder.mkdir()
    outside.write_text(REPORT, "utf-8")
    (folder / "a.txt").write_text(REPORT, "utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "~$x.docx").write_bytes(b"\x00lock")
    (folder / "._a.txt").write_bytes(b"\x00\x05\x16\x07mac")
    result = jixiao("ingest", str(folder), "--data", str(tmp_path / "data"))
    errors = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert result.returncode == 1
    assert any("passwd.txt: a symbolic link to /etc/passwd, outside the folder" in e for e in errors)
    assert any("loop.txt: a symbolic link loop" in e for e in errors)
    assert any("~$x.docx: skipped, a Word lock file" in e for e in errors)
    assert any("._a.txt: skipped, a macOS metadata file" in e for e in errors)
    assert "Traceback" not in result.stderr and len(errors) == 4 and "2 failed" in result.stdout
    assert _stored(tmp_path / "data") == ["a", "inside"]
    followed = jixiao("ingest", str(folder / "loop.txt"), "--data", str(tmp_path / "data"))
    assert followed.returncode == 1 and "loop.txt: a symbolic link loop" in followed.stderr


def test_report_files_follow_links_out_only_when_asked(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "out.txt").write_text(REPORT, "utf-8")
    os.symlink(tmp_path / "out.txt", tmp_path / "in" / "out.txt")
    assert report_files(tmp_path / "in", (".txt",)).files == []
    assert report_files(tmp_path / "in", (".txt",), follow_links=True).files == [tmp_path / "in" / "out.txt"]
