"""Smoke runs of the evaluation benchmarks as a user runs them (``python -m benchmarks.segment_eval``,
``python -m benchmarks.speakers_eval``) in real subprocesses, on the seeds and on texts written
here: never /work/shared (``NKTERM_BBC`` points nowhere or at a folder of this test)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "data" / "segment_boundaries.tsv"


def _run(module: str, *args: str, bbc: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NKTERM_BBC": str(bbc)}
    cmd = [sys.executable, "-m", module, *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_every_labelled_boundary_of_the_seeds_is_found_and_no_other(tmp_path: Path) -> None:
    rows = [line.split("\t") for line in LABELS.read_text("utf-8").splitlines()]
    seeds = [f for f in rows if f[0] == "seeds"]
    # every seed is labelled, exhaustively (set "all": a sentence start at an unlisted place is a false split)
    assert {f[1] for f in seeds} == {p.name for p in SEEDS.glob("*.txt")}
    assert {f[4] for f in seeds} == {"all"}
    boundaries = sum(f[3] == "1" for f in seeds)
    assert boundaries >= 20 and any(f[3] == "0" for f in seeds)
    run = _run("benchmarks.segment_eval", "--only", "nkterm", "--show-errors", bbc=tmp_path / "no-bbc")
    # a label whose text no longer starts at its offset stops the run ("labels out of date")
    assert run.returncode == 0, run.stderr
    assert "only the seeds' rows are scored" in run.stdout
    assert f"{len(seeds)} labelled positions: {boundaries} boundaries" in run.stdout
    expected = f"precision 1.000  recall 1.000  F1 1.000  (right {boundaries}, missed 0, false splits 0)"
    assert re.search(rf"^nkterm +{re.escape(expected)}$", run.stdout, re.M), run.stdout


TEXT = (
    "Headline here\n\nThe firm said profits rose 4%. Analysts were surprised.\n\n"
    "Mr Blair said the plan would work. Nortel said profits rose. The sky is blue today.\n"
)


def test_speaker_cases_by_anchor_or_offset_and_names_matched_by_their_last_word(tmp_path: Path) -> None:
    (tmp_path / "bbc").mkdir()
    (tmp_path / "bbc" / "a.txt").write_text(TEXT, "utf-8")

    def case(speaker: str | None, **where: object) -> dict[str, object]:
        return {"source": "bbc", "path": "a.txt", "speaker": speaker, **where}

    cases = [
        case("firm", anchor="The firm said"),  # "The firm" given: titles and articles dropped
        case("Somebody Else", offset=TEXT.index("Analysts")),  # an offset names its sentence
        case("Tony Blair", anchor="Mr Blair said"),  # "Mr Blair": the same last word
        case("Nortel Networks", anchor="Nortel said"),  # "Nortel": not the same last word
        case(None, anchor="The sky is"),  # no speaker given, none labelled: right
        case("firm", offset=TEXT.index("The sky")),  # a speaker labelled, none given: wrong
        # cases that point nowhere: each named, the others still scored, exit 2
        case("x", offset=len(TEXT)),
        case("x", offset=-1),
        case("x", offset=TEXT.index(" Analysts")),
        case("x", anchor="not in the text"),
        case("x"),
    ]
    (tmp_path / "cases.yaml").write_text(yaml.safe_dump(cases), "utf-8")
    run = _run(
        "benchmarks.speakers_eval",
        *("--corpus", str(tmp_path / "bbc"), "--cases", str(tmp_path / "cases.yaml"), "--show-errors"),
        bbc=tmp_path / "bbc",
    )
    assert run.returncode == 2, run.stderr
    not_found = re.findall(r"^a\.txt: sentence not found: (.*)$", run.stderr, re.M)
    assert not_found == [str(len(TEXT)), "-1", str(TEXT.index(" Analysts")), "'not in the text'", "None"]
    assert "5 case(s) not found in their documents" in run.stderr
    assert "development set: 6 cases (5 with a speaker, 1 the writer's own)" in run.stdout
    assert "precision 0.667 (2/3)  recall 0.400 (2/5)" in run.stdout
    assert (
        re.findall(r"^a\.txt: .*$", run.stdout, re.M)
        == [
            "a.txt: 'Analysts were surprised. Mr Blair said the plan': gold 'Somebody Else', given None",  # 8 words
            "a.txt: 'Nortel said': gold 'Nortel Networks', given 'Nortel'",
            "a.txt: 'The sky is blue today.': gold 'firm', given None",
        ]
    )
