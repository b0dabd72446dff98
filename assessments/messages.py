"""Messages of the engine, looked up by code in the reader's language.

The texts live in each language's catalogue (`assessments/locales/<lang>/interface.yml`, part
`messages`), so the CLI, the exports and the browser show the same words and a translator edits one
file. Placeholders in braces are filled from the error's parameters; every message names what is
wrong and the form that was expected.
"""

from __future__ import annotations

from collections.abc import Mapping

from .languages import REFERENCE, LocaleError, catalogue, languages


def format_message(code: str, params: Mapping[str, object], lang: str) -> str:
    """The message for `code` in `lang`, with `params` filled in.

    An unusable catalogue (a broken or unknown language) must not hide the error being reported:
    the message then comes from the reference language, and the catalogue's own problem follows it.
    """
    try:
        return str(catalogue(lang)["messages"][code]).format(**params)
    except LocaleError as problem:
        if lang == REFERENCE:
            raise
        own = format_message(problem.code, problem.params, REFERENCE)
        return f"{format_message(code, params, REFERENCE)} ({own})"


def known_languages() -> tuple[str, ...]:
    return languages()
