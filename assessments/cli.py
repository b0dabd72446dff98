"""Command line: describe a model, score answers, compile a model for the browser.

Contract: results go to stdout; any bad input ends with exit status 2 and exactly one
line on stderr, in the language chosen with --lang. No traceback for bad input, ever.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from .batch import batch_json, score_rows, summarise
from .describe import describe
from .document import check_against_model, parse_json, read_document
from .errors import AssessmentError
from .loader import default_model_path, dump_model_json, load_model
from .messages import LANGS, format_message
from .report import render_batch_markdown, render_csv, render_markdown
from .scoring import score

MAX_INPUT_BYTES = 5 * 1024 * 1024
DEFAULT_ASSESSMENT = "resistance"
STDIN = "-"


class Parser(argparse.ArgumentParser):
    """argparse reports usage errors on one line too, with the same exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="en", help="language of texts and errors")
    parser = Parser(prog="python -m assessments", description="Score AI-resistance self-assessments.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    describe_cmd = commands.add_parser("describe", parents=[common], help="print the questionnaire as JSON")
    describe_cmd.add_argument("assessment", nargs="?", default=DEFAULT_ASSESSMENT)
    score_cmd = commands.add_parser("score", parents=[common], help="score a JSON answer file or a CSV batch")
    score_cmd.add_argument("answers", help="JSON answer file, '-' for stdin, or a .csv file")
    score_cmd.add_argument("--format", choices=("json", "markdown", "csv"), default="json")
    score_cmd.add_argument("--assessment", default=DEFAULT_ASSESSMENT, help="model for CSV input")
    compile_cmd = commands.add_parser("compile", parents=[common], help="print the compiled model as JSON")
    compile_cmd.add_argument("assessment", nargs="?", default=DEFAULT_ASSESSMENT)
    compile_cmd.add_argument("-o", "--output", help="write to this file instead of stdout")
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
        return data.decode("utf-8-sig"), source
    except UnicodeDecodeError:
        raise AssessmentError("input.not_utf8").at(source) from None


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
    if args.format == "csv":
        return render_csv(entries, args.lang)
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
    if args.format == "csv":
        return render_csv([("", result)], args.lang)
    if args.format == "markdown":
        return render_markdown(result, model["title"][args.lang], document.actions)
    return to_json(result)


COMMANDS = {"describe": run_describe, "score": run_score, "compile": run_compile}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # French text must not depend on the locale
    args = build_parser().parse_args(argv)
    try:
        output = COMMANDS[args.command](args)
    except AssessmentError as error:
        message = format_message("cli.error", {"message": error.message(args.lang)}, args.lang)
        print(message.replace("\r", " ").replace("\n", " "), file=sys.stderr)  # always one line
        return 2
    if output:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0
