"""What the app's tests share: the app script run offline with AppTest on a data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


def open_app(folder: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app script reading ``folder``, run once on a URL holding ``params``."""
    monkeypatch.setenv("JIXIAO_DATA", str(folder))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(params)
    return at.run()
