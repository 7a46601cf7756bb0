"""The one line a person reads from a command: an error (``fail``), a model warning (``routes_warnings``),
what the command line itself refuses (bad usage: click's errors, worded without its five-line box)
and operating-system errors (a full disk, a read-only folder)."""

from __future__ import annotations

import errno
import functools
import warnings
from collections.abc import Callable

import typer

from extract.errors import ModelWarning


def fail(message: str, code: int = 1) -> None:
    """Print one error line and exit with ``code``."""
    typer.echo(f"jixiao: {message}", err=True)
    raise typer.Exit(code)


def _waiting(message: str) -> None:
    """Say that a command waits for another writer of the data folder."""
    typer.echo(f"jixiao: {message}", err=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a model fallback as one warning line; any other warning stays off the terminal."""
    if issubclass(category, ModelWarning):
        typer.echo(f"jixiao: warning: {message}", err=True)


def routes_warnings(command: Callable[..., None]) -> Callable[..., None]:
    """Run ``command`` with its warnings routed: a model fallback said once, as one warning line;
    library noise kept off the terminal. Scoped to the call (``warnings.catch_warnings``), so
    nothing of Python's warning machinery is left changed after it.

    Input warnings are not lost: ingest collects them in its report and prints them itself.
    """
    @functools.wraps(command)
    def routed(*args, **kwargs) -> None:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="extract")
            warnings.filterwarnings("ignore", category=FutureWarning)
            warnings.filterwarnings("once", category=ModelWarning)
            warnings.showwarning = _show_warning
            return command(*args, **kwargs)

    return routed


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
