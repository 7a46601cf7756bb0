"""The jixiao command as a user runs it: exit codes, one-line errors, then the state via the library.

Commands run in-process through typer's CliRunner; two smoke tests run the installed command in a
subprocess, as a shell would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from extract.paths import DATA_ENV
from index.search.service import search
from index.store import Store
from tests.conftest import CORPUS, LIWAN_2022, REPO, jixiao, lock_held_by_another_process

pytestmark = pytest.mark.seconds(11)  # conftest.pytest_collection_modifyitems: long modules first


def jixiao_process(*args: str, env: dict[str, str] | None = None,
                   stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed command in a fresh Python, as a shell would."""
    environ = {k: v for k, v in os.environ.items() if k != DATA_ENV} | (env or {})
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], input=stdin, capture_output=True,
                          text=True, env=environ, cwd=REPO, timeout=300)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "gbk_report.txt").write_bytes(
        "一、基本情况\n全年预算数 100 万元，执行数 90 万元，完成预算的 90%。做好侨务工作。\n".encode("gbk"))
    (folder / f"{LIWAN_2022}.txt").write_text((CORPUS / f"{LIWAN_2022}.txt").read_text("utf-8"), "utf-8")
    return folder


def test_ingest_reports_each_bad_file_in_one_line_and_keeps_the_rest(tmp_path, bad_inputs):
    result = jixiao("ingest", str(bad_inputs), "--data", str(tmp_path))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    errors = [line for line in lines if "warning" not in line]
    assert len(errors) == 2
    assert [line for line in lines if "warning" in line] == [
        f"jixiao: warning: {bad_inputs / 'gbk_report.txt'}: not UTF-8; read as GB18030 (GBK)"]
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    with Store(tmp_path, create=False) as store:
        assert store.doc_ids() == sorted(["gbk_report", LIWAN_2022])
        assert store.get_document("gbk_report").budget.spent == 90
    assert search(tmp_path, "侨务").total > 0


def test_search_json_and_missing_index(tmp_path, data_dir):
    result = jixiao("search", "侨务", "--json", "--limit", "3", "--year", "2022", data=data_dir)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and all(h["year"] == 2022 and "<mark>" in h["highlight"] for h in hits)
    missing = jixiao("search", "侨务", "--data", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "jixiao ingest" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_a_quick_started_search_finds_what_the_library_finds(tmp_path, data_dir):
    env = {"JIXIAO_CACHE": str(tmp_path / "cache"), DATA_ENV: str(data_dir)}
    # the first process writes the frequency table, every later one cuts with it
    for query in ("侨务 工作", "侨务 工作", "统一战线", '"民族宗教"'):
        expected = [(h.passage_id, h.score) for h in search(data_dir, query, page_size=20).hits]
        result = jixiao_process("search", query, "--json", "--limit", "20", env=env)
        assert result.returncode == 0, result.stderr
        assert [(h["passage_id"], h["score"]) for h in json.loads(result.stdout)] == expected != []
    assert list((tmp_path / "cache" / "jixiao").glob("jieba-freq-*.keys.npy"))


def test_search_by_region(data_dir):
    result = jixiao("search", "统战", "--json", "--region", "湖北省武汉市蔡甸区", data=data_dir)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all("蔡甸" in h["department"] for h in hits)
    nowhere = jixiao("search", "统战", "--json", "--region", "某省某县", data=data_dir)
    assert nowhere.returncode == 0 and json.loads(nowhere.stdout) == []


def test_search_text_lists_every_facet(data_dir):
    result = jixiao("search", "侨务", "--limit", "1", "--year", "2022", data=data_dir)
    assert result.returncode == 0, result.stderr
    facets = dict(line.split(": ", 1) for line in result.stdout.splitlines()
                  if line.split(":")[0] in ("areas", "labels", "year", "genre", "department"))
    assert set(facets) == {"areas", "labels", "year", "genre", "department"}
    assert "2024" in facets["year"]  # the year facet is counted without the year filter


def test_bad_usage_exits_2(data_dir):
    assert jixiao("search", '"侨务', data=data_dir).returncode == 2
    assert jixiao("search", "侨务", "--area", "nowhere", data=data_dir).returncode == 2
    assert jixiao("export", "--format", "xml", "--out", "x", data=data_dir).returncode == 2
    assert jixiao("nonsense").returncode == 2


def test_tag_reads_jsonl_from_stdin():
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "a", "text": "累计缔结穗港澳姊妹学校37对。", "year": 2022},
        {"id": "b", "text": "征集提案124件。\n\n某区政协办公室\n二○二四年一月十日"}))
    result = jixiao("tag", "--jsonl", "-", stdin=lines + "\n")
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b"] and docs[0]["meta"]["year"] == 2022
    entity = docs[0]["passages"][0]["entities"][0]
    assert (entity["label"], entity["value"], entity["unit"]) == ("COUNT", "37", "对")
    assert set(docs[0]) == {"id", "meta", "text", "entities", "passages", "budget", "date"}
    assert (docs[0]["date"], docs[1]["date"]) == ("", "2024-01-10")  # b's signing line (落款)
    assert docs[1]["passages"][0]["metrics"][0]["indicator"] == "提案数"


def test_tag_prints_the_department_id_a_store_keeps_for_an_aliased_name():
    lines = "\n".join(json.dumps({"id": i, "text": "开展调研3次。", "department": name}, ensure_ascii=False)
                      for i, name in (("a", "巫山县统战部"), ("b", "中共巫山县委统一战线工作部")))
    docs = [json.loads(line) for line in jixiao("tag", "--jsonl", "-", stdin=lines).stdout.splitlines()]
    assert docs[0]["meta"]["department_id"] == docs[1]["meta"]["department_id"] != ""


def test_ingest_jsonl_replaces_instead_of_duplicating(tmp_path):
    record = json.dumps({"id": "note", "text": "侨务工作取得成效，接待侨胞77批。"}, ensure_ascii=False)
    for _ in range(2):
        assert jixiao("ingest", "--jsonl", "-", "--data", str(tmp_path), stdin=record + "\n").returncode == 0
    assert search(tmp_path, "侨务").total == 1
    check = jixiao("check", "--data", str(tmp_path))
    assert check.returncode == 0, check.stdout


def test_export_jsonl_remove_and_check(tmp_path, data_dir):
    out = tmp_path / "corpus.jsonl"
    assert jixiao("export", "--format", "jsonl", "--out", str(out), data=data_dir).returncode == 0
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(docs) == 5 and docs[0]["passages"][0]["text"]


def test_check_finds_an_index_out_of_step_and_reindex_mends_it(tmp_path):
    record = json.dumps({"id": "n", "text": "侨务工作。"}, ensure_ascii=False)
    jixiao("ingest", "--jsonl", "-", "--data", str(tmp_path), stdin=record + "\n")
    from extract.nlp.pipeline import tag_report

    with Store(tmp_path) as store:  # stored behind the index's back, as after a crash mid-ingest
        store.put_document(tag_report("m", "加强民族团结工作。"))
    assert jixiao("check", "--data", str(tmp_path)).returncode == 1
    assert jixiao("reindex", "--data", str(tmp_path)).returncode == 0
    assert jixiao("check", "--data", str(tmp_path)).returncode == 0
    assert jixiao("remove", "m", "--data", str(tmp_path)).returncode == 0
    assert jixiao("remove", "m", "--data", str(tmp_path)).returncode == 1


def test_every_command_has_help():
    for command in ("ingest", "tag", "search", "export", "train", "ui", "check", "eval", "remove", "reindex"):
        result = jixiao(command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout


def test_the_installed_command_runs_in_a_shell(data_dir):
    result = jixiao_process("search", "侨务", "--json", "--limit", "1", env={DATA_ENV: str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["areas"]
    assert jixiao_process("nonsense").returncode == 2


def test_a_missing_model_is_said_once_and_keyword_rules_stand_in(tmp_path, monkeypatch):
    import warnings as warnings_module

    from extract.nlp import pipeline

    monkeypatch.setenv("JIXIAO_MODELS", str(tmp_path))
    monkeypatch.setattr(pipeline, "_nlp", None)  # a fresh pipeline, as in a new process
    monkeypatch.setattr(warnings_module, "showwarning", warnings_module.showwarning)
    monkeypatch.setattr(warnings_module, "filters", list(warnings_module.filters))
    lines = "\n".join(json.dumps({"id": i, "text": "做好侨务工作。"}, ensure_ascii=False) for i in "ab")
    result = jixiao("tag", "--jsonl", "-", stdin=lines + "\n")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("jixiao: warning: ")
    assert "jixiao train" in warnings[0] and "keyword rules" in warnings[0]
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(d["passages"][0]["areas"] == ["overseas_chinese"] for d in docs)


def test_a_crash_between_store_and_index_heals_on_the_next_ingest(tmp_path, monkeypatch):
    import index.ingest as ingest_module
    from index.ingest import ingest, jsonl_sources

    def crash(*args, **kwargs):
        raise OSError("disk full")

    lines = [json.dumps({"id": f"d{i}", "text": f"侨务工作第{i}项。"}, ensure_ascii=False) for i in range(3)]
    ingest(jsonl_sources(lines[:1], "a"), tmp_path)
    monkeypatch.setattr(ingest_module, "IndexUpdate", crash)
    report = ingest(jsonl_sources(lines[1:2], "b"), tmp_path)
    assert report.stored == ["d1"] and "jixiao reindex" in report.failures[0][1]
    assert search(tmp_path, "侨务").total == 1  # the old index is still usable
    monkeypatch.undo()
    ingest(jsonl_sources(lines[2:], "c"), tmp_path)
    assert search(tmp_path, "侨务").total == 3
    assert jixiao("check", "--data", str(tmp_path)).returncode == 0


def test_bad_amounts_and_output_paths_are_named_in_one_line(tmp_path, data_dir):
    for amount in ("nan", "inf", "-5"):
        result = jixiao("search", "侨务", "--min-yuan", amount, data=data_dir)
        assert result.returncode == 2 and "--min-yuan" in result.stderr
    folder = jixiao("export", "--format", "csv", "--out", str(tmp_path), data=data_dir)
    assert folder.returncode == 2 and str(tmp_path) in folder.stderr
    full = jixiao("export", "--format", "jsonl", "--out", "/dev/full", data=data_dir)
    assert full.returncode == 1 and "/dev/full" in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1


def test_a_writer_kept_waiting_says_so_then_fails_in_one_line(tmp_path, monkeypatch):
    import index.lock

    monkeypatch.setattr(index.lock, "WRITE_LOCK_TIMEOUT", 0.2)
    with lock_held_by_another_process(tmp_path):
        result = jixiao("reindex", "--data", str(tmp_path))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 2, result.stderr
    assert "waiting for it" in lines[0] and "another jixiao" in lines[1] and "0.2 s" in lines[1]


def test_a_folder_ingest_names_each_file_it_does_not_read_and_reads_each_member_of_a_bundle(tmp_path):
    from extract.evaluation.forms import as_zip

    folder = tmp_path / "inputs"
    folder.mkdir()
    report = "某县侨联2023年度部门整体支出绩效自评报告\n一、基本情况\n全年预算数 100 万元，执行数 90 万元。\n"
    (folder / "notes.md").write_text("# 笔记\n", "utf-8")
    members = {"2023/自评报告.txt": report.encode(), "2023/目标表.txt": report.encode()}
    (folder / "bundle.zip").write_bytes(as_zip(members))
    result = jixiao("ingest", str(folder), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert f"jixiao: {folder / 'notes.md'}: not read: unsupported type .md (a text file)" in result.stderr
    assert result.stdout.strip().splitlines()[-1].endswith("1 failed (1 not read: unsupported type)")
    with Store(tmp_path / "data", create=False) as store:
        assert store.doc_ids() == ["bundle_目标表", "bundle_自评报告"]
        assert store.source_of("bundle_自评报告") == f"{folder / 'bundle.zip'}/2023/自评报告.txt"


def test_departments_lists_each_department_with_its_reports_by_year(data_dir):
    result = jixiao("departments", "--json", data=data_dir)
    assert result.returncode == 0, result.stderr
    found = {d["name"]: d for d in json.loads(result.stdout)}
    cppcc = found["中国人民政治协商会议广州市荔湾区委员会办公室"]
    assert sorted(cppcc["reports_by_year"]) == ["2021", "2023"] and cppcc["region_levels"]["code"] == "440103"
    assert cppcc["aliases"] == [n for n in cppcc["names"] if n != cppcc["name"]]
    assert len(found) == 4
    plain = jixiao("departments", data=data_dir)
    assert plain.returncode == 0 and cppcc["id"] in plain.stdout


def test_search_filters_on_a_department_id_and_a_province(data_dir):
    cppcc = next(d for d in json.loads(jixiao("departments", "--json", data=data_dir).stdout)
                 if "政治协商" in d["name"])
    hits = json.loads(jixiao("search", "提案", "--json", "--dept-id", cppcc["id"], "--limit", "50",
                             data=data_dir).stdout)
    assert hits and {h["doc_id"] for h in hits} <= set(cppcc["reports"][i]["id"] for i in range(2))
    assert {h["department_id"] for h in hits} == {cppcc["id"]}
    assert {h["region_levels"]["code"] for h in hits} == {cppcc["region_levels"]["code"]}
    shown = jixiao("search", "统战", "--city", "广州市", data=data_dir).stdout.splitlines()
    facets = dict(line.split(": ", 1) for line in shown if line.split(":")[0] in ("province", "city", "county"))
    assert "广州市" in facets["city"] and "武汉市" in facets["city"]  # counted without its own filter
    assert "蔡甸区" not in facets["county"] and "荔湾区" in facets["county"]
    assert any(" · 广东省 › 广州市 › " in line and " · 4401" in line for line in shown)  # whose each hit is
    assert json.loads(jixiao("search", "提案", "--json", "--province", "湖北省", "--county", "荔湾区",
                             data=data_dir).stdout) == []


def test_a_command_leaves_pythons_warning_handler_as_it_found_it(data_dir):
    import warnings

    before, filters = warnings.showwarning, list(warnings.filters)
    assert jixiao("search", "侨务", "--data", str(data_dir)).returncode == 0
    assert jixiao("tag", "-", stdin="一、基本情况\n开展调研3次。").returncode == 0
    assert warnings.showwarning is before and warnings.filters == filters
