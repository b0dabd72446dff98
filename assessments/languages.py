"""The languages of the site and their catalogues: a language is a folder of files.

`assessments/locales/<lang>/` holds `interface.yml` (the language's notation, the engine's messages,
the export strings and the page strings) and one `<model id>.yml` per questionnaire (its texts).
The site data keeps its texts the same way in `docs/locales/<lang>/`. A text file mirrors the keys of
the structure it translates; lists of items are keyed by their `id` (or `version`). English is the
reference: every other language must have exactly its keys, and `merge_texts` puts the texts of
every language back into the structure as `{lang: text}` nodes, naming the file, key and language
of any gap.

Standard library only. In CPython the catalogues are read from YAML on first use (PyYAML, imported
lazily like the model loader); in a browser the page's worker installs the one catalogue it needs
(`install_catalogue`), compiled to JSON at build time.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
CATALOGUE_FILE = "interface.yml"
REFERENCE = "en"
# What the engine reads of a catalogue; the `ui` part only serves the pages at build time.
ENGINE_PARTS = (
    "language",
    "messages",
    "labels",
    "report",
    "team_report",
    "compare_report",
    "result_csv_columns",
)
# Page strings the engine also reads: the survey kit's role question, recognised in an export's header.
ENGINE_UI_KEYS = ("team_role_label", "pulse_role_label")
# Keys a language may add to the reference's: `theme`, Material's language code when Material has no
# translation under the language's own code (a language file says which interface it borrows).
OPTIONAL_KEYS = ("language.theme",)

Catalogue = dict[str, Any]

_catalogues: dict[str, Catalogue] = {}
_installed: list[str] = []


class LocaleError(ValueError):
    """A language file that cannot be used: `code` and `params` index the message catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def order_languages(codes: Iterable[str]) -> tuple[str, ...]:
    """The reference language first (it is the site's root), then the others by code."""
    unique = set(codes)
    return tuple(sorted(unique, key=lambda code: (code != REFERENCE, code)))


def languages() -> tuple[str, ...]:
    """Every language of the site: the folders with a catalogue, or those a browser installed."""
    if _installed:
        return order_languages(_installed)
    if not LOCALES_DIR.is_dir():
        return ()
    return order_languages(p.name for p in LOCALES_DIR.iterdir() if (p / CATALOGUE_FILE).is_file())


def install_catalogue(lang: str, catalogue: Catalogue) -> None:
    """Give the engine a compiled catalogue (the browser has no YAML reader and no locales folder)."""
    _catalogues[lang] = catalogue
    if lang not in _installed:
        _installed.append(lang)


def catalogue(lang: str) -> Catalogue:
    """The catalogue of `lang`, read and checked against the reference language on first use."""
    if lang not in _catalogues:
        if _installed or lang not in languages():
            raise LocaleError("locale.unknown_language", got=lang, known=", ".join(languages()))
        _catalogues[lang] = read_catalogue(lang)
    return _catalogues[lang]


def engine_catalogue(lang: str) -> Catalogue:
    """The parts of a language's catalogue the engine reads in the browser (the bundle sent with a model)."""
    parts = {part: catalogue(lang)[part] for part in ENGINE_PARTS}
    return parts | {"ui": {key: catalogue(lang)["ui"][key] for key in ENGINE_UI_KEYS}}


def read_catalogue(lang: str) -> Catalogue:
    files = {code: LOCALES_DIR / code / CATALOGUE_FILE for code in {REFERENCE, lang}}
    trees = {code: read_text_file(path) for code, path in files.items()}
    check_keys(trees[REFERENCE], trees[lang], lang, str(files[lang]), str(files[REFERENCE]))
    return dict(trees[lang])


def language_info(lang: str) -> dict[str, str]:
    """The notation of a language: locale tags, decimal separator, percent and interval patterns."""
    return dict(catalogue(lang)["language"])


def read_text_file(path: Path) -> Mapping[str, Any]:
    """One language file as a mapping; a missing or malformed file names itself."""
    import yaml  # Only CPython reads YAML; a browser gets compiled JSON.

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LocaleError("locale.missing_file", file=str(path)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise LocaleError("locale.yaml_syntax", file=where, problem=getattr(error, "problem", "")) from None
    if not isinstance(data, dict):
        raise LocaleError("locale.not_mapping", file=str(path))
    return data


def is_leaf(node: object) -> bool:
    """A text: a string, or a list of strings (bullet points)."""
    return isinstance(node, str) or (isinstance(node, list) and all(isinstance(x, str) for x in node))


def check_keys(reference: object, other: object, lang: str, file: str, reference_file: str) -> None:
    """`other` has exactly the keys of `reference`, each with a non-empty text of the same shape."""
    for key_path, expected, got in pair_leaves(reference, other, ""):
        if got is None:
            raise LocaleError(
                "locale.missing_text", file=file, key=key_path, lang=lang, reference=reference_file
            )
        if expected is None and key_path in OPTIONAL_KEYS and isinstance(got, str) and got.strip():
            continue
        if expected is None:
            raise LocaleError("locale.unknown_key", file=file, key=key_path, reference=reference_file)
        if not is_leaf(got) or not has_text(got):
            raise LocaleError(
                "locale.missing_text", file=file, key=key_path, lang=lang, reference=reference_file
            )
        if isinstance(expected, list) and (not isinstance(got, list) or len(got) != len(expected)):
            raise LocaleError("locale.list_length", file=file, key=key_path, expected=len(expected))


def has_text(leaf: object) -> bool:
    items = leaf if isinstance(leaf, list) else [leaf]
    return bool(items) and all(isinstance(item, str) and item.strip() for item in items)


def pair_leaves(reference: object, other: object, prefix: str) -> Iterable[tuple[str, object, object]]:
    """Walk two text trees together, yielding (key path, reference leaf, other leaf) with None for a gap."""
    if isinstance(reference, dict) and isinstance(other, dict):
        for key in [*reference, *(k for k in other if k not in reference)]:
            path = f"{prefix}.{key}" if prefix else str(key)
            yield from pair_leaves(reference.get(key), other.get(key), path)
    elif isinstance(reference, dict) and other is not None and not isinstance(other, dict):
        yield prefix, reference, None
    else:
        yield prefix, reference, other


def merge_texts(base: object, files: Mapping[str, Path], source: str = "") -> object:
    """The structure `base` with every language's texts put back as `{lang: text}` nodes.

    `files` maps each language to its text file; the reference language's keys are the ones every
    language must have. Lists of items in `base` are matched by `item_key` (`id`, `name` or `version`).
    `source` names the structure file in the message about a key it does not have.
    """
    trees = {lang: read_text_file(path) for lang, path in files.items()}
    for lang, tree in trees.items():
        check_keys(trees[REFERENCE], tree, lang, str(files[lang]), str(files[REFERENCE]))
    merged = copy.deepcopy(base)
    for lang, tree in trees.items():
        graft(merged, tree, lang, str(files[lang]), "", source)
    return merged


def graft(node: object, tree: Mapping[str, Any], lang: str, file: str, prefix: str, source: str) -> None:
    """Put the texts of `tree` into the matching places of `node`."""
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if is_leaf(value) and isinstance(node, dict) and isinstance(node.get(key, {}), dict):
            node.setdefault(key, {})[lang] = copy.deepcopy(value)
            continue
        target = find_child(node, str(key))
        if target is None or is_leaf(value):
            raise LocaleError("locale.unknown_key", file=file, key=path, reference=source)
        graft(target, value, lang, file, path, source)


def find_child(node: object, key: str) -> object:
    """The mapping value, or the list item whose `id` (else `name`, else `version`) is `key`."""
    if isinstance(node, dict):
        child = node.get(key)
        return child if isinstance(child, (dict, list)) else None
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and key == item_key(item):
                return item
    return None


def item_key(item: Mapping[str, Any]) -> str:
    """How a language file names an item of a list: its `id`, else its `name`, else its `version`."""
    for field in ("id", "name", "version"):
        if field in item:
            return str(item[field])
    return ""
