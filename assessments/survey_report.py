"""A survey export's preview as readable text (the CLI's `import` without `--pool`), in one language."""

from __future__ import annotations

from typing import Any

from .messages import format_message

Model = dict[str, Any]


def line(code: str, lang: str, **params: object) -> str:
    return format_message(f"survey.preview_{code}", params, lang)


def column_lines(column: Model, lang: str) -> list[str]:
    status = column["status"]
    base = {"position": column["position"], "header": " ".join(column["header"].split())}
    if status in ("identity", "unmatched", "ignored"):
        return [line(status, lang, **base)]
    counts = {"matched": column["matched_cells"], "empty": column["empty_cells"]}
    if status == "role":
        lines = [line("role", lang, **base, **counts)]
    elif "option" in column:
        lines = [line("option", lang, **base, question=column["question"], option=column["option"], **counts)]
    else:
        lines = [line("matched", lang, **base, question=column["question"], **counts)]
    if column["unmatched"]:
        values = ", ".join(f'"{entry["value"]}" ×{entry["count"]}' for entry in column["unmatched"])
        lines.append(line("values", lang, values=values))
    return lines


def render_preview(preview: Model, title: str, lang: str) -> str:
    encoding = f", {preview['encoding']}" if preview["encoding"] else ""
    summary = {"source": preview["source"], "format": preview["format"], "encoding": encoding}
    lines = [
        line("summary", lang, **summary, rows=preview["rows"], title=title, version=preview["model_version"])
    ]
    lines += [text for column in preview["columns"] for text in column_lines(column, lang)]
    missing = [q["id"] for q in preview["questions"] if q["column"] is None]
    if missing:
        lines.append(line("missing", lang, questions=", ".join(missing)))
    lines += [line("warning", lang, message=warning["message"]) for warning in preview["warnings"]]
    lines.append(line("hint", lang))
    return "\n".join(lines) + "\n"
