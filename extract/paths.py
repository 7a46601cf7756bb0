"""Where the project's data lives: found relative to the installed code, or set by environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from extract.errors import ModelError

REPO_ROOT = Path(__file__).resolve().parents[1]


def models_dir() -> Path:
    """Trained artifacts: ``$JIXIAO_MODELS`` or ``models/`` of the repo."""
    return Path(os.environ.get("JIXIAO_MODELS") or REPO_ROOT / "models")


def corpus_dir() -> Path:
    """The bundled reports and labels: ``$JIXIAO_CORPUS`` or ``corpus/`` of the repo."""
    return Path(os.environ.get("JIXIAO_CORPUS") or REPO_ROOT / "corpus")


AREA_MODEL_FILENAME = "areas.skops"
"""The file name of the saved work-area classifier, in ``models/`` and in a saved pipeline."""


def area_model_path() -> Path:
    """The saved work-area classifier."""
    return models_dir() / AREA_MODEL_FILENAME


DATA_ENV = "JIXIAO_DATA"
"""The environment variable naming the data folder."""


def data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``given`` (``--data``), else ``$JIXIAO_DATA``, else ``data/``."""
    return Path(given or os.environ.get(DATA_ENV) or "data")


def cache_dir() -> Path:
    """Caches of our own (jieba's prefix dictionary, the work-area model in a quick-loading form):
    ``$JIXIAO_CACHE``, else ``$XDG_CACHE_HOME/jixiao``, else ``~/.cache/jixiao``; created on demand."""
    base = os.environ.get("JIXIAO_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "jixiao"
    path.mkdir(parents=True, exist_ok=True)
    return path


def own_private_file(path: Path) -> bool:
    """A file of this user's that nobody else can write: the only cached copy trusted."""
    try:
        info = path.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def write_private_file(path: Path, write: Callable[[Path], None]) -> None:
    """Have ``write`` fill a temporary file, made private (0600) and renamed to ``path`` in one step;
    nothing when the cache folder cannot be written (a cache only saves time)."""
    partial = path.with_name(f".{path.stem}.{os.getpid()}.part{path.suffix}")
    try:
        partial.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        partial.chmod(0o600)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)


def data_rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of one of the project's data files (blank lines and # comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def model_file_version(path: Path) -> tuple[Path, int, int]:
    """(resolved path, modification time, size) of a model file, what a process caches what it read
    from it under; ModelError when there is none."""
    if not path.exists():
        raise ModelError(f"{path}: no work-area model; run `jixiao train`")
    stat = path.stat()
    return path.resolve(), stat.st_mtime_ns, stat.st_size
