"""The one error line a person reads for what the command line itself refuses: bad usage (click's
errors, worded without its five-line box) and operating-system errors (a full disk, a read-only
folder)."""

from __future__ import annotations

import errno


def os_error_line(exc: OSError) -> str:
    """An operating-system error as one line: the file, the cause, and what to do for a full disk."""
    where = f"{exc.filename}: " if exc.filename else ""
    cure = "; free some space and run the command again" if exc.errno == errno.ENOSPC else ""
    return f"{where}{exc.strerror or exc}{cure}"


def usage_line(exc: Exception) -> str:
    """A usage error of click (``UsageError`` and kin) as one line naming the subcommand; an
    unknown option of ``search`` that starts with one ``-`` is most likely a query (``-x``)."""
    ctx = getattr(exc, "ctx", None)
    command = f"{ctx.info_name}: " if ctx is not None and ctx.info_name and ctx.parent is not None else ""
    option = getattr(exc, "option_name", "") or ""
    hint = (f"; a query starting with - needs -- before it (jixiao search -- {option})"
            if command == "search: " and option.startswith("-") and not option.startswith("--") else "")
    return f"{command}{exc.format_message()}{hint}"
