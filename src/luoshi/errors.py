"""The one error the core raises for bad input, with a message in Chinese for the user."""

from __future__ import annotations


class LuoshiError(Exception):
    """Bad or unsupported input: ``message`` says in Chinese what is wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableDocument(LuoshiError):
    """The bytes are not a document the readers can take (empty, noise, truncated, wrong type)."""


class UnsupportedFormat(LuoshiError):
    """The format is known but cannot be read here (e.g. a scanned PDF, .doc without LibreOffice)."""


class DocumentTooLarge(LuoshiError):
    """The file, or what it expands to, is over the readers' limits (zip bombs included)."""
