"""Reading a file the person dropped on a page: the worker wrote its bytes into Pyodide's file system.

Shared by the survey reader (survey_bridge.py) and the usage-report reader (usage_report.py), which
each name the problem in their own message. Standard library only: it runs in Pyodide.
"""

from __future__ import annotations

import os
import stat


class UploadTooLarge(Exception):
    """The file is over the caller's limit; it was not read."""


def read_upload(path: object, limit: int) -> bytes:
    """The bytes of a regular file, its size checked before reading and never more than `limit` read
    whatever the file system says. OSError when there is no such file (or `path` is not a path)."""
    if not isinstance(path, str) or not path or "\x00" in path:
        raise FileNotFoundError(path)
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise IsADirectoryError(path)
    if info.st_size > limit:
        raise UploadTooLarge(path)
    with open(path, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise UploadTooLarge(path)
    return data
