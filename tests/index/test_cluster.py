"""Extraction on a Dask cluster (a LocalCluster in this process): the same result as a local ingest."""

from __future__ import annotations

import pytest

from index.ingest import file_sources, ingest
from tests.index.conftest import contents, small_reports


@pytest.fixture
def distributed():
    """Dask's distributed, imported by the tests that use it rather than by every worker that
    collects this module (about half a second each)."""
    return pytest.importorskip("distributed", reason="Dask is not installed (pip install 'jixiao[cluster]')")


def test_an_ingest_on_a_cluster_equals_a_local_one(tmp_path, distributed):
    reports = small_reports(tmp_path / "reports", 4)
    local = ingest(file_sources([reports]), tmp_path / "local", workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = ingest(file_sources([reports]), tmp_path / "cluster", cluster=cluster.scheduler_address)
    assert remote.stored == local.stored == ["r0", "r1", "r2", "r3"] and not remote.failures
    assert contents(tmp_path / "cluster") == contents(tmp_path / "local")


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch, distributed):
    import index.cluster
    from extract.errors import JixiaoError

    monkeypatch.setattr(index.cluster, "CONNECT_TIMEOUT", "1s")
    reports = small_reports(tmp_path / "reports", 1)
    with pytest.raises(JixiaoError, match="cannot reach the scheduler"):
        ingest(file_sources([reports]), tmp_path / "data", cluster="tcp://127.0.0.1:9")
