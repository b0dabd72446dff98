"""Build layer: no sentence of the source articles carries over, verbatim or reworded closely.

The articles stay outside the repository; `tests/fixtures/seed-fingerprints.json` holds only salted
hashes of their word trigrams and content words (see `tests/originality.py` for the rules and
thresholds). Every text a reader sees is checked: pages, toolkit templates, the model's texts, the
figures, legal and interface strings. The first tests show on a sample of our own that the detector
catches what it should and lets a clean sentence through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import originality
from tests.originality import FINGERPRINTS, ROOT, Detector, Fingerprints

# A sample of our own (not a seed): the detector is built from its fingerprints only.
SAMPLE = """Quarterly reviews keep the whole team honest about what the new assistant really changed.
Nobody should be judged on how often they open a tool that was chosen without them.
Pour aller plus loin, lisez la suite."""
SAMPLE_DETECTOR = Detector(Fingerprints.of_texts([SAMPLE]))


def kinds(text: str, detector: Detector = SAMPLE_DETECTOR) -> list[str]:
    return [finding.kind for finding in detector.findings("sample", text)]


def test_a_verbatim_run_of_eight_words_is_caught() -> None:
    assert "verbatim run" in kinds("As we said, the whole team honest about what the new assistant does.")


def test_a_near_copy_with_small_edits_is_caught() -> None:
    # Case and accents folded, a word dropped and one added: most trigrams survive, no run of 8 does.
    assert kinds(
        "QUARTERLY réviews keep the team honest about what the new assistant has really changed"
    ) == ["near copy"]


def test_a_reworded_copy_is_caught() -> None:
    # Same content words in another order and construction: no trigram survives, the words do.
    assert kinds("Nobody should be judged by a tool chosen without them on how often they open it.") == [
        "reworded copy"
    ]


def test_a_clean_sentence_and_a_stock_phrase_pass() -> None:
    assert kinds("Each quarter, the team says plainly what the assistant did and did not change.") == []
    assert kinds("Nobody should be surprised.") == []


def test_the_fingerprints_of_a_folder_round_trip(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    output = tmp_path / "prints.json"
    assert originality.main([str(tmp_path / "seeds"), str(output)]) == 0
    loaded = Detector(Fingerprints.load(output))
    assert kinds(
        "Quarterly reviews keep the team honest about what the new assistant has really changed", loaded
    )
    assert SAMPLE.split()[3] not in output.read_text(encoding="utf-8"), "no word of the text is stored"


def test_the_fingerprint_file_is_in_the_repository() -> None:
    """Fails (never skips) without the file: regenerate it with `make seed-fingerprints SEEDS=…`."""
    assert FINGERPRINTS.is_file(), (
        f"{FINGERPRINTS.relative_to(ROOT)} is missing: run `make seed-fingerprints`"
    )
    prints = Fingerprints.load()
    assert len(prints.sentences) > 100
    assert len(prints.runs) > 1000


@pytest.fixture(scope="module")
def seeds() -> Detector:
    return Detector(Fingerprints.load())


def test_every_kind_of_reader_facing_file_is_checked() -> None:
    checked = {p.relative_to(ROOT).as_posix() for p in originality.project_texts()}
    expected = {
        "docs/en/index.md",
        "docs/fr/causes.md",
        "docs/locales/fr/figures.yml",
        "docs/locales/en/legal.yml",
        "assessments/locales/fr/interface.yml",
    }
    expected |= {"assessments/locales/en/resistance.yml", "overrides/main.html"}
    assert expected <= checked


@pytest.mark.parametrize("path", originality.project_texts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_sentence_of_a_seed_carries_over(path: Path, seeds: Detector) -> None:
    findings = [
        f.describe() for where, text in originality.texts_of(path) for f in seeds.findings(where, text)
    ]
    assert not findings, "repeats a source article; write it in your own words:\n" + "\n".join(findings)
