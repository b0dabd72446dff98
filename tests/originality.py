"""Originality check: no sentence of the two source articles carries over, verbatim or reworded closely.

The articles themselves never enter the repository. `make seed-fingerprints SEEDS=../shared/seeds` runs
this module on the folder that holds them and writes `tests/fixtures/seed-fingerprints.json`: for each
sentence of each article, the salted and truncated SHA-256 of its word trigrams, plus the hashes of
every run of 8 words. The build test (`tests/build/test_originality.py`) compares the project's own
texts against that file, so it runs in every clone and reads nothing outside the repository.

Words are folded before hashing, so that small edits do not hide a copy: lower case, accents and
punctuation removed, apostrophes split ("l'IA" gives "l", "ia"), and each word cut to its first
six letters, a crude stem that makes "valorisez" match "valoriser" and "victories" match "victory".

A sentence of ours is a **near copy** of a seed sentence when at least `NEAR_SHARE` of its trigrams
are trigrams of that one seed sentence (and at least `NEAR_MIN` trigrams are shared, so a three-word
stock phrase is not an alarm). A **verbatim run** is any 8 consecutive words shared with a seed.

Usage: python -m tests.originality SEEDS_FOLDER [OUTPUT_FILE]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINTS = ROOT / "tests" / "fixtures" / "seed-fingerprints.json"

SALT = "ai-adoption-playbook/originality/v1"
HASH_CHARS = 10  # 40 bits: no accidental match in practice, and no text stored.
STEM = 6  # letters kept of each word
GRAM = 3  # near copies are measured on word trigrams
RUN = 8  # a verbatim run is 8 consecutive words
NEAR_SHARE = 0.5  # share of a sentence's trigrams found in one seed sentence...
NEAR_MIN = 2  # ...with at least this many trigrams shared...
NEAR_SEED_SHARE = 0.4  # ...and this share of the seed sentence's own trigrams (a stock phrase is not a copy)
WORD_CHARS = 3  # 12 bits per content word: many words share each hash, so the bag cannot be read back
BAG_SHARE = 0.6  # reworded copy: share of a sentence's content words found in one seed sentence...
BAG_MIN = 4  # ...with at least this many content words shared
FORMAT = {
    "salt": SALT,
    "hash_chars": HASH_CHARS,
    "word_chars": WORD_CHARS,
    "stem": STEM,
    "gram": GRAM,
    "run": RUN,
}
# Words too common to say anything about a copy (English and French; folded and stemmed like the text).
COMMON_WORDS = """
a about after again ai all also an and any are as at be because been before being between but by can could
do does doesn don each even every for from had has have he her here his how i if in into is it its just less
let more most much my no not now of on once one only or other our out own rather same she should so some such
than that the their them then there these they this those through to too under until up us very was we were
what when where which while who whom why will with without would you your
a ai alors au aux avec c ca ce ceci cela celle celui ces cet cette chaque ci comme d dans de des donc du elle
elles en encore est et etre eux ia il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne
ni nos notre nous on ou par pas peu plus pour qu que quel quelle qui s sa sans se ses si son sont sur t ta te
tes toi ton tous tout toute toutes tres tu un une vos votre vous y
"""
STOPWORDS = frozenset(word[:STEM] for word in COMMON_WORDS.split())

MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|https?://\S+|\{[:#.][^}]*\}|`[^`]*`")
BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?|>)")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+|\s*\|\s*|\n")
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s+")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """One sentence of ours that repeats a seed: where it is, what it says, and how much it shares."""

    where: str
    sentence: str
    kind: str  # "near copy" or "verbatim run"
    share: float

    def describe(self) -> str:
        return f"{self.where}: {self.kind} ({self.share:.0%}): {self.sentence[:160]}"


def fold_words(text: str) -> list[str]:
    """Words of a text, folded for comparison: lower case, no accents, apostrophes split, stemmed."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [word[:STEM] for word in re.findall(r"[^\W_]+", text)]


def grams(words: list[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]


def hash_gram(gram: tuple[str, ...], salt: str = SALT, chars: int = HASH_CHARS) -> str:
    return hashlib.sha256(f"{salt}\x1f{' '.join(gram)}".encode()).hexdigest()[:chars]


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain or Markdown text: paragraphs joined, then cut at . ! ? … | and block starts."""
    text = MARKUP.sub(" ", MACRO.sub(" ", FRONT_MATTER.sub("", text)))
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip() or BLOCK_START.match(line):
            blocks.append(" ".join(current))
            current = []
        current.append(line.strip())
    blocks.append(" ".join(current))
    blocks = [LIST_NUMBER.sub("", block) for block in blocks]
    pieces = (piece.strip(" -*#>|") for block in blocks for piece in SENTENCE_END.split(block))
    return [piece for piece in pieces if piece]


@dataclass(frozen=True)
class Sentence:
    """A sentence as hashes only: its word trigrams, and its content words (12-bit hashes)."""

    trigrams: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str, salt: str = SALT) -> Sentence:
        words = fold_words(text)
        content = {(w,) for w in words if w not in STOPWORDS and not w.isdigit()}
        return cls(
            frozenset(hash_gram(g, salt) for g in grams(words, GRAM)),
            frozenset(hash_gram(w, salt, WORD_CHARS) for w in content),
        )


@dataclass(frozen=True)
class Fingerprints:
    """What the repository keeps of the seeds: each seed sentence as hashes, and hashes of 8-word runs."""

    sentences: list[Sentence]
    runs: frozenset[str]
    salt: str = SALT

    @classmethod
    def of_texts(cls, texts: Iterable[str], salt: str = SALT) -> Fingerprints:
        sentences: list[Sentence] = []
        runs: set[str] = set()
        for text in texts:
            runs |= {hash_gram(g, salt) for g in grams(fold_words(text), RUN)}
            # An article is plain text, one paragraph or heading per line.
            lines = (sentence for line in text.splitlines() for sentence in split_sentences(line))
            sentences += [s for s in (Sentence.of(line, salt) for line in lines) if s.trigrams]
        return cls(sentences, frozenset(runs), salt)

    @classmethod
    def load(cls, path: Path = FINGERPRINTS) -> Fingerprints:
        data = json.loads(path.read_text(encoding="utf-8"))
        stale = {k: (data.get(k), v) for k, v in FORMAT.items() if data.get(k) != v}
        if stale:
            raise ValueError(f"{path}: made with other settings {stale}; run `make seed-fingerprints`")
        sentences = [
            Sentence(frozenset(s["trigrams"].split()), frozenset(s["words"].split()))
            for seed in data["seeds"]
            for s in seed["sentences"]
        ]
        return cls(sentences, frozenset(data["runs"].split()), data["salt"])

    def as_json(self) -> list[dict[str, str]]:
        return [
            {"trigrams": " ".join(sorted(s.trigrams)), "words": " ".join(sorted(s.words))}
            for s in self.sentences
        ]


def invert(sets: Iterable[frozenset[str]]) -> dict[str, list[int]]:
    """Which sets (by position) hold each hash."""
    found: dict[str, list[int]] = {}
    for number, hashes in enumerate(sets):
        for digest in hashes:
            found.setdefault(digest, []).append(number)
    return found


class Detector:
    """Finds the sentences of a text that repeat a seed, from the seeds' fingerprints only."""

    def __init__(self, fingerprints: Fingerprints) -> None:
        self.fingerprints = fingerprints
        self.seed_trigrams = invert(s.trigrams for s in fingerprints.sentences)
        self.seed_words = invert(s.words for s in fingerprints.sentences)

    def near_copy_share(self, sentence: Sentence) -> float:
        """Share of the sentence's trigrams found in the one seed sentence it repeats most (0 if none)."""
        best = 0.0
        counts = Counter(n for digest in sentence.trigrams for n in self.seed_trigrams.get(digest, []))
        for number, shared in counts.items():
            seed = self.fingerprints.sentences[number]
            if shared >= NEAR_MIN and shared / len(seed.trigrams) >= NEAR_SEED_SHARE:
                best = max(best, shared / len(sentence.trigrams))
        return best

    def reworded_share(self, sentence: Sentence) -> float:
        """Share of the sentence's content words found in the one seed sentence it shares most with."""
        counts = Counter(n for digest in sentence.words for n in self.seed_words.get(digest, []))
        shared = max(counts.values(), default=0)
        return shared / len(sentence.words) if shared >= BAG_MIN else 0.0

    def verbatim_runs(self, text: str) -> Iterator[str]:
        words = fold_words(MARKUP.sub(" ", MACRO.sub(" ", text)))
        for gram in grams(words, RUN):
            if hash_gram(gram, self.fingerprints.salt) in self.fingerprints.runs:
                yield " ".join(gram)

    def findings(self, where: str, text: str) -> list[Finding]:
        found = [Finding(where, run, "verbatim run", 1.0) for run in self.verbatim_runs(text)]
        for words in split_sentences(text):
            sentence = Sentence.of(words, self.fingerprints.salt)
            near, bag = self.near_copy_share(sentence), self.reworded_share(sentence)
            if near >= NEAR_SHARE:
                found.append(Finding(where, words, "near copy", near))
            elif bag >= BAG_SHARE:
                found.append(Finding(where, words, "reworded copy", bag))
        return found


def strings_in(data: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a YAML document, with a path like `phases[2].title.fr`."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from strings_in(value, f"{path}[{number}]")


def texts_of(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) pairs of a project file: a whole Markdown/HTML file, or each string of a YAML file."""
    relative = path.relative_to(ROOT).as_posix()
    if path.suffix in (".yml", ".yaml"):
        for key, text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield f"{relative} {key}", text
    else:
        yield relative, path.read_text(encoding="utf-8")


def project_texts() -> list[Path]:
    """Every file of ours that readers see: pages, templates, the model, figures, legal and UI strings."""
    patterns = ["docs/**/*.md", "docs/**/*.yml", "docs/**/*.txt", "docs/**/*.html"]
    patterns += ["assessments/locales/**/*.yml", "macros/*.yml", "overrides/**/*.html"]
    return sorted({p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()})


def write_fingerprints(seeds: Path, output: Path = FINGERPRINTS) -> int:
    """Fingerprint every `*.txt` and `*.md` file of the seeds folder; return the number of sentences."""
    files = sorted(p for p in seeds.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        raise SystemExit(f"error: no .txt or .md article in {seeds}")
    seeds_out = []
    runs: set[str] = set()
    for number, file in enumerate(files):
        prints = Fingerprints.of_texts([file.read_text(encoding="utf-8")])
        runs |= prints.runs
        seeds_out.append({"seed": number, "sentences": prints.as_json()})
    document = {**FORMAT, "seeds": seeds_out, "runs": " ".join(sorted(runs))}
    output.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return sum(len(s["sentences"]) for s in seeds_out)


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    if not Path(argv[0]).is_dir():
        print(f"error: no folder {argv[0]}: give the folder of the source articles", file=sys.stderr)
        return 2
    output = Path(argv[1]) if len(argv) == 2 else FINGERPRINTS
    count = write_fingerprints(Path(argv[0]), output)
    print(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}: {count} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
