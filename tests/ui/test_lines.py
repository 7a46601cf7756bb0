"""The one-line wording of usage and operating-system errors (ui/lines.py)."""

from __future__ import annotations

import errno

from ui.lines import os_error_line


def test_a_full_disk_names_the_file_and_the_cure():
    line = os_error_line(OSError(errno.ENOSPC, "No space left on device", "data/index/x.seg"))
    assert line == "data/index/x.seg: No space left on device; free some space and run the command again"
    assert os_error_line(OSError(errno.EROFS, "Read-only file system")) == "Read-only file system"
