"""What the user says a report is: metadata files beside the reports.

``NAME.meta.json`` beside ``NAME.pdf`` (or .txt, .docx …) holds that report's metadata; ``_meta.json``
in a folder holds what every report of that folder shares (a department's folder, a year's). The
report's own file wins over its folder's. Keys: title, department, region, year, genre (others are
kept as given). Their values win over what is read from the report (``meta_source`` user).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.errors import InputError

SIDECAR_SUFFIX = ".meta.json"
FOLDER_FILE = "_meta.json"


def sidecar_paths(report: Path) -> list[Path]:
    """The metadata files that apply to a report, the folder's first, the report's own last."""
    report = Path(report)
    return [p for p in (report.parent / FOLDER_FILE, report.with_name(report.stem + SIDECAR_SUFFIX)) if p.is_file()]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"metadata file not readable as JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "metadata file must hold one JSON object")
    if "year" in data and data["year"] not in (None, ""):
        try:
            data["year"] = int(data["year"])
        except (TypeError, ValueError) as exc:
            raise InputError(str(path), f"year {data['year']!r} is not a year") from exc
    return data


def user_metadata(report: Path) -> dict[str, Any]:
    """The metadata the user gave for a report (empty when there is no metadata file)."""
    merged: dict[str, Any] = {}
    for path in sidecar_paths(report):
        merged.update({k: v for k, v in _read(path).items() if k != "id"})
    return merged
