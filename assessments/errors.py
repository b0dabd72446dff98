"""The single exception type of the engine: a message code plus its parameters."""

from __future__ import annotations

from .messages import format_message


class AssessmentError(Exception):
    """A problem in a model, an answer set or an input file.

    The error carries a catalogue `code` and `params` rather than a finished sentence, so
    the caller can render it in the reader's language with `message(lang)`. `location`
    (a file name, optionally followed by `:line`) is language-neutral and prefixed as is.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        self.location: str | None = None
        super().__init__(code)

    def at(self, location: str) -> AssessmentError:
        """Attach where the error happened, keeping the innermost location if already set."""
        if self.location is None:
            self.location = location
        return self

    def message(self, lang: str = "en") -> str:
        text = format_message(self.code, self.params, lang)
        return f"{self.location}: {text}" if self.location else text

    def __str__(self) -> str:
        return self.message("en")
