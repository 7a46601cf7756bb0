"""A one-line progress display for long commands: done/total, reports per second and time left."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressLine:
    """Rewrites one line of ``stream`` as items are done (at most ten times a second), ends it on close."""

    def __init__(self, total: int, stream: TextIO, label: str = "ingesting", unit: str = "reports") -> None:
        self.total, self.stream, self.label, self.unit = total, stream, label, unit
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0

    def advance(self, _name: str = "") -> None:
        """One more item done."""
        self.done += 1
        now = time.monotonic()
        if now - self.shown >= 0.1 or self.done == self.total:
            self.shown = now
            self.stream.write("\r" + self.line(now - self.started))
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        """The text shown after ``elapsed`` seconds."""
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = "--:--" if left is None else f"{int(left) // 60:02d}:{int(left) % 60:02d}"
        width = 24
        filled = width * self.done // max(self.total, 1)
        return (f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
                f"  {rate:5.1f} {self.unit}/s  ETA {eta} ")

    def close(self) -> None:
        """End the line."""
        if self.done:
            self.stream.write("\n")
            self.stream.flush()
