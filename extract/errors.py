"""The project's exception classes; only ``ui/`` turns them into words for a person."""

from __future__ import annotations


class JixiaoError(Exception):
    """Base class of every error this project raises on purpose."""


class InputError(JixiaoError):
    """An input document cannot be read: empty, binary, undecodable, too large or truncated."""

    def __init__(self, source: str, cause: str) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


class ModelError(JixiaoError):
    """A trained model in ``models/`` is missing or cannot be loaded."""


class StoreError(JixiaoError):
    """The data folder's store is missing, locked or damaged."""


class StoreBusyError(StoreError):
    """Another program holds the store's database locked for longer than we wait."""


class StoreFullError(StoreError):
    """The disk under the data folder is full: no later write can succeed, so the run stops."""


class IndexMissingError(JixiaoError):
    """The search index has not been built yet in the data folder."""


class IndexDamagedError(JixiaoError):
    """The search index cannot be read (a truncated or damaged file); a reindex rebuilds it."""


class QueryError(JixiaoError):
    """A search query or filter cannot be understood; ``reason`` names the problem for a UI to word."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.reason = reason


class ModelWarning(UserWarning):
    """A trained model could not be used; a simpler fallback (keyword rules) stands in."""


class InputWarning(UserWarning):
    """A doubtful input that was read with a fallback (for example a truncated last character)."""
