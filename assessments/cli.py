"""Command line: describe a model, score answers, aggregate team codes, compare results, compile a model,
read a survey tool's export of responses.

Contract: results go to stdout; any bad input ends with exit status 2 and exactly one
line on stderr, in the language chosen with --lang. No traceback for bad input, ever.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .batch import batch_json, score_rows, summarise
from .compare import compare, resolve_document
from .describe import describe
from .document import check_against_model, parse_json, read_document
from .errors import AssessmentError
from .languages import REFERENCE, catalogue, languages
from .loader import default_model_path, dump_model_json, load_model
from .messages import format_message
from .pulse import KIND as PULSE_KIND
from .pulse import aggregate_pulse, load_pulse
from .report import (
    CSV_DIALECTS,
    render_batch_markdown,
    render_compare_markdown,
    render_csv,
    render_markdown,
    render_team_csv,
    render_team_markdown,
)
from .scoring import score
from .survey_match import preview, to_codes
from .survey_report import render_preview
from .survey_table import MAX_BYTES, read_table
from .team import aggregate, check_code_list, parse_codes
from .uploads import UploadTooLarge, read_upload
from .versions import older_version_note

MAX_INPUT_BYTES = 5 * 1024 * 1024
DEFAULT_ASSESSMENT = "resistance"
PULSE = "pulse"
STDIN = "-"
# C0 and C1 control characters but tab, line feed and carriage return: ESC (and the C1 CSI, U+009B)
# start terminal sequences that can rewrite the screen or the window title; NUL truncates C strings.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Parser(argparse.ArgumentParser):
    """argparse reports usage errors on one line too, with the same exit status 2."""

    def error(self, message: str) -> NoReturn:
        line = vars(argparse)["_"]("%(prog)s: error: %(message)s\n")  # in the catalogue's words
        self.exit(2, line % {"prog": self.prog, "message": message})


def speak_argparse(lang: str) -> None:
    """argparse's own words (usage:, options, its errors) in `lang`: argparse looks each message up
    through its module's gettext function `_`, which is pointed at the catalogue's `argparse_` texts
    (keyed by the English text, which is argparse's message id)."""
    english, texts = catalogue(REFERENCE)["cli"], catalogue(lang)["cli"]
    words = {english[key]: texts[key] for key in english if key.startswith("argparse_")}
    argparse._ = lambda message: words.get(message, message)  # type: ignore[attr-defined]


def help_language(argv: Sequence[str]) -> str:
    """The language `--lang` asks for, read before parsing so that `--help` speaks it too."""
    for position, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and position + 1 < len(argv):
            value = argv[position + 1]
        if value in languages():
            return value
    return REFERENCE


def build_parser(lang: str = REFERENCE) -> argparse.ArgumentParser:
    h = catalogue(lang)["cli"]  # help texts in the language of the command line
    speak_argparse(lang)
    common = Parser(add_help=False)
    common.add_argument("--lang", choices=languages(), default=REFERENCE, help=h["lang"])
    parser = Parser(prog="python -m assessments", description=h["description"])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    describe_cmd = commands.add_parser("describe", parents=[common], help=h["describe"])
    describe_cmd.add_argument("assessment", nargs="?", default=DEFAULT_ASSESSMENT)
    score_cmd = commands.add_parser("score", parents=[common], help=h["score"])
    score_cmd.add_argument("answers", help=h["score_answers"])
    score_cmd.add_argument("--format", choices=("json", "markdown", *CSV_DIALECTS), default="json")
    score_cmd.add_argument("--assessment", default=DEFAULT_ASSESSMENT, help=h["score_assessment"])
    compile_cmd = commands.add_parser("compile", parents=[common], help=h["compile"])
    compile_cmd.add_argument("assessment", nargs="?", default=DEFAULT_ASSESSMENT)
    compile_cmd.add_argument("-o", "--output", help=h["compile_output"])
    aggregate_cmd = commands.add_parser("aggregate", parents=[common], help=h["aggregate"])
    aggregate_cmd.add_argument("codes", nargs="+", help=h["aggregate_codes"])
    aggregate_cmd.add_argument("--format", choices=("json", "markdown", *CSV_DIALECTS), default="json")
    aggregate_cmd.add_argument("--assessment", default=DEFAULT_ASSESSMENT)
    aggregate_cmd.add_argument(
        "--count-identical",
        action="store_true",
        help=h["aggregate_count_identical"],
    )
    compare_cmd = commands.add_parser("compare", parents=[common], help=h["compare"])
    compare_cmd.add_argument("before", help=h["compare_before"])
    compare_cmd.add_argument("after", help=h["compare_after"])
    compare_cmd.add_argument("--format", choices=("json", "markdown"), default="json")
    import_cmd = commands.add_parser("import", parents=[common], help=h["survey_import"])
    import_cmd.add_argument("file", help=h["survey_file"])
    import_cmd.add_argument(
        "--map", action="append", default=[], metavar=h["survey_map_metavar"], help=h["survey_map"]
    )
    import_cmd.add_argument("--pool", action="store_true", help=h["survey_pool"])
    import_cmd.add_argument("--day", default=None, help=h["survey_day"])
    return parser


def read_input(name: str) -> tuple[str, str]:
    """Return (text, source name); the size limit protects against accidental huge files."""
    source = "<stdin>" if name == STDIN else name
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        elif Path(name).stat().st_size > MAX_INPUT_BYTES:
            data = b"x" * (MAX_INPUT_BYTES + 1)  # never read a file we are going to refuse
        else:
            data = Path(name).read_bytes()
    except FileNotFoundError:
        raise AssessmentError("input.missing_file").at(source) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AssessmentError("input.unreadable", reason=reason).at(source) from None
    if len(data) > MAX_INPUT_BYTES:
        raise AssessmentError("input.too_large", limit=MAX_INPUT_BYTES // (1024 * 1024)).at(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AssessmentError("input.not_utf8").at(source) from None
    return check_controls(text, source), source


def check_controls(text: str, source: str) -> str:
    """Refuse NUL and terminal control characters in any input file, naming the line and character."""
    found = CONTROL.search(text)
    if found is None:
        return text
    line = text.count("\n", 0, found.start()) + 1
    code = "input.nul_byte" if found.group() == "\x00" else "input.control_character"
    raise AssessmentError(code, char=f"U+{ord(found.group()):04X}").at(f"{terminal_safe(source)}:{line}")


def terminal_safe(text: str) -> str:
    """What reaches the terminal: control characters (ESC sequences, NUL...) become "?"."""
    return CONTROL.sub("?", text)


def to_json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)


def run_describe(args: argparse.Namespace) -> str:
    return to_json(describe(load_model(default_model_path(args.assessment)), args.lang))


def run_compile(args: argparse.Namespace) -> str:
    text = dump_model_json(load_model(default_model_path(args.assessment)))
    if args.output is None:
        return text
    try:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise AssessmentError("input.unwritable", reason=error.strerror or type(error).__name__).at(
            args.output
        ) from None
    return ""


def run_batch(args: argparse.Namespace, text: str, source: str) -> str:
    model = load_model(default_model_path(args.assessment))
    entries = score_rows(model, text, source, args.lang)
    if args.format in CSV_DIALECTS:
        return render_csv(entries, args.lang, args.format)
    if args.format == "markdown":
        return render_batch_markdown(entries, summarise(entries), args.lang)
    return to_json(batch_json(entries))


def run_score(args: argparse.Namespace) -> str:
    text, source = read_input(args.answers)
    if source.lower().endswith(".csv"):
        return run_batch(args, text, source)
    try:
        document = read_document(parse_json(text))
        model = load_model(default_model_path(document.assessment))  # type: ignore[arg-type]
        document = check_against_model(document, model)
        result = score(model, document.answers, args.lang)
    except AssessmentError as error:
        raise error.at(source) from None
    print_note(older_version_note(model, document.model_version, args.lang), args.lang)
    if args.format in CSV_DIALECTS:
        return render_csv([("", result)], args.lang, args.format)
    if args.format == "markdown":
        return render_markdown(result, model["title"][args.lang], document.actions)
    return to_json(result)


def print_note(note: dict[str, Any] | None, lang: str) -> None:
    """A version notice on stderr (stdout stays the result): the message, then what changed."""
    if note is None:
        return
    print(format_message("cli.note", {"message": note["message"]}, lang), file=sys.stderr)
    for change in note["changes"]:
        print(format_message("note.changes_heading", change, lang), file=sys.stderr)
        for line in change["summary"]:
            print(f"  - {line}", file=sys.stderr)


def looks_like_code(argument: str) -> bool:
    """A code holds "~"; a name holding one is still read as a file when such a file exists."""
    try:
        return "~" in argument and not Path(argument).is_file()
    except OSError:  # e.g. a name too long for the file system: it can only be a code
        return True


def read_codes(arguments: list[str]) -> list[str]:
    """Codes from the arguments, in their order: codes themselves, files (one code a line), or stdin."""
    codes: list[str] = []
    for argument in arguments:
        if looks_like_code(argument):
            codes += parse_codes(argument)
            continue
        text, source = read_input(argument)
        try:
            codes += parse_codes(text)
        except AssessmentError as error:
            raise error.at(source) from None
    if not codes:
        raise AssessmentError("team.no_codes")
    return check_code_list(codes)


def run_aggregate(args: argparse.Namespace) -> str:
    model = load_model(default_model_path(args.assessment))
    team = aggregate(model, read_codes(args.codes), args.lang, args.count_identical)
    print_note(team["version_note"], args.lang)
    if args.format in CSV_DIALECTS:
        return render_team_csv(team, dialect=args.format)
    if args.format == "markdown":
        return render_team_markdown(team, title=model["title"][args.lang])
    return to_json(team)


def read_comparable(name: str, lang: str) -> tuple[object, str]:
    """A result, aggregate or export from a JSON file, recomputed with its own bundled model."""
    text, source = read_input(name)
    try:
        data = parse_json(text)
        assessment = data.get("assessment") if isinstance(data, dict) else None
        if not isinstance(assessment, str):
            return data, "given"  # `compare` names what is missing
        return resolve_document(load_model(default_model_path(assessment)), data, lang)
    except AssessmentError as error:
        raise error.at(source) from None


def run_compare(args: argparse.Namespace) -> str:
    (before, before_source), (after, after_source) = (
        read_comparable(n, args.lang) for n in (args.before, args.after)
    )
    comparison = {
        **compare(before, after, args.lang),
        "sources": {"before": before_source, "after": after_source},
    }
    if args.format == "markdown":
        return render_compare_markdown(comparison)
    return to_json(comparison)


def read_survey_file(name: str) -> bytes:
    """The export's bytes; a file over the limit is refused before it is read."""
    try:
        return read_upload(name, MAX_BYTES)
    except UploadTooLarge:
        raise AssessmentError("survey.too_large", limit=MAX_BYTES // (1024 * 1024)).at(name) from None
    except FileNotFoundError:
        raise AssessmentError("input.missing_file").at(name) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AssessmentError("input.unreadable", reason=reason).at(name) from None


def parse_map(entries: list[str]) -> dict[int, str | None]:
    """--map 3=question_id, 5=role, 7=none: a column chosen by hand (none: not used)."""
    overrides: dict[int, str | None] = {}
    for entry in entries:
        position, _, target = entry.partition("=")
        if not position.strip().isdigit() or not target.strip():
            raise AssessmentError("survey.bad_map", got=terminal_safe(entry[:40]))
        overrides[int(position)] = None if target.strip().lower() == "none" else target.strip()
    return overrides


def survey_models() -> list[dict[str, Any]]:
    return [load_model(default_model_path(DEFAULT_ASSESSMENT)), load_pulse(default_model_path(PULSE))]


def run_import(args: argparse.Namespace) -> str:
    table = read_table(read_survey_file(args.file), args.file)
    models, overrides = survey_models(), parse_map(args.map)
    if not args.pool:
        shown = preview(models, table, args.lang, overrides)
        model = next(m for m in models if m["id"] == shown["assessment"])
        return render_preview(shown, model["title"][args.lang], args.lang)
    day = args.day or datetime.date.today().isoformat()
    found = to_codes(models, table, args.lang, overrides, day)
    model = next(m for m in models if m["id"] == found["assessment"])
    pool = aggregate_pulse if model.get("kind") == PULSE_KIND else aggregate
    imported = {key: found[key] for key in ("rows_used", "rows_skipped")}
    imported["warnings"] = found["preview"]["warnings"]
    return to_json({**pool(model, found["codes"], args.lang), "import": imported})


COMMANDS = {
    "describe": run_describe,
    "score": run_score,
    "compile": run_compile,
    "aggregate": run_aggregate,
    "compare": run_compare,
    "import": run_import,
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # French text must not depend on the locale; backslashreplace: a lone surrogate from a JSON
            # escape ("\\ud800") echoed in an error message or an owner must not crash with a traceback.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    args = build_parser(help_language(argv or sys.argv[1:])).parse_args(argv)
    try:
        output = COMMANDS[args.command](args)
    except AssessmentError as error:
        message = format_message("cli.error", {"message": error.message(args.lang)}, args.lang)
        # Always one line, and nothing a terminal would interpret (a file name or a code may hold ESC).
        print(terminal_safe(message.replace("\r", " ").replace("\n", " ")), file=sys.stderr)
        return 2
    if output:
        sys.stdout.write(terminal_safe(output if output.endswith("\n") else output + "\n"))
    return 0
