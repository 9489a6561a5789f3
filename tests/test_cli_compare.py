"""``nkterm compare`` and ``nkterm corroborate`` as a user types them (run in-process as a command
line runs them, on a real index)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_inprocess import run_nkterm
from tests.conftest import BLOGGER, PHOTO


def nkterm(*args: str, corpus: Path, index: Path) -> subprocess.CompletedProcess[str]:
    """The command run in this process (tests/cli_inprocess.py), output not a terminal."""
    return run_nkterm(*args, "--corpus", str(corpus), "--index", str(index), env={"COLUMNS": "120"})


@pytest.fixture
def index_dir(seed_index_dir: Path) -> Path:
    """The seeds' index, current (a copy of the session's): the command reads it as it is."""
    return seed_index_dir


def test_compare_json_shape(seed_corpus: Path, tmp_path: Path) -> None:
    # no index yet: the command builds it first, as on a user's first run
    run = nkterm("compare", BLOGGER, PHOTO, "--json", corpus=seed_corpus, index=tmp_path / "new-index")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["a"], data["b"]) == (BLOGGER, PHOTO)
    assert set(data) >= {"a", "b", "pairs", "only_a", "only_b", "independence"}
    assert data["independence"] == {"independent": True, "reasons": [], "shingle_overlap": 0.0}
    texts = {
        BLOGGER: (seed_corpus / f"{BLOGGER}.txt").read_text("utf-8"),
        PHOTO: (seed_corpus / f"{PHOTO}.txt").read_text("utf-8"),
    }
    assert data["pairs"], "the two seeds share claims"
    for pair in data["pairs"]:
        assert set(pair) >= {"a", "b", "similarity", "relation", "meaning", "reason", "shared_terms"}
        meaning = {"agrees": "same", "differs": "conflicts", "related": "related"}
        assert meaning[pair["relation"]] == pair["meaning"]
        assert pair["reason"]  # every pair says why it has its relation
        assert isinstance(pair["changes_a"], list) and isinstance(pair["changes_b"], list)
        assert isinstance(pair["similarity"], float) and 0 < pair["similarity"] <= 1
        assert pair["shared_terms"] and all(isinstance(t, str) for t in pair["shared_terms"])
        for side, doc_id in (("a", BLOGGER), ("b", PHOTO)):
            passage = pair[side]
            assert set(passage) >= {"start", "end", "text"}
            assert texts[doc_id][passage["start"] : passage["end"]] == passage["text"]
    sims = [p["similarity"] for p in data["pairs"]]
    assert sims == sorted(sims, reverse=True)
    for key, doc_id in (("only_a", BLOGGER), ("only_b", PHOTO)):
        assert data[key]
        for passage in data[key]:
            assert texts[doc_id][passage["start"] : passage["end"]] == passage["text"]
    assert any("Koryo Tours" in p["a"]["text"] and "Koryo Tours" in p["b"]["text"] for p in data["pairs"])


def test_compare_prints_a_side_by_side_report_when_piped(seed_corpus: Path, index_dir: Path) -> None:
    run = nkterm("compare", BLOGGER, PHOTO, corpus=seed_corpus, index=index_dir)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Travel blogger Drew Binsky" in out and "PHOTOS: A Glimpse" in out
    # the reason names the shared terms; they are not listed again on a "shared:" line
    assert "RELATED  similarity 0.32  same topic: Koryo Tours, North Korea\n" in out
    assert "shared: " not in out
    assert "independent accounts (different sources, no shared text)" in out
    assert "pair(s): " in out and " agree, " in out and " related; " in out
    assert "Only in A" in out and "Only in B" in out
    # two columns side by side: a line carrying the start of both Koryo Tours sentences
    assert any("I recently spent 3 days" in line and "When in 2011" in line for line in out.splitlines())
    assert "\x1b[" not in out  # no colour codes in a pipe


def test_compare_lists_the_terms_its_reason_does_not_name(tmp_path: Path) -> None:
    """The report said "same topic: X, Y" then "shared: X, Y" (the reader no longer did): the
    CLI now draws the reader's explanation (nkterm.render.explanation), so the terms the
    reason names are not repeated and the rest follow as "also shared"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Trip one\n\nThe delegation toured the Juche Tower with Koryo Tours guides before dinner in Pyongyang.\n"
    )
    (corpus / "b.txt").write_text(
        "Trip two\n\nOn Tuesday the Koryo Tours guides showed the delegation around the Juche Tower "
        "before a late dinner in central Pyongyang.\n"
    )
    run = nkterm("compare", "a", "b", corpus=corpus, index=tmp_path / "index")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith(" 1. AGREES")]
    reason = lines[at].split("  ", 2)[2]
    assert reason.startswith("same proposition: ") and "Koryo Tours" in reason, reason
    named = reason.removeprefix("same proposition: ").split(", ")
    assert lines[at + 1].startswith("    also shared: "), lines[at : at + 2]
    rest = lines[at + 1].removeprefix("    also shared: ").split(", ")
    assert not set(named) & set(rest), (named, rest)
    assert {"Juche Tower", "dinner", "guides"} <= set(named) | set(rest)
    assert "tours" not in named + rest, "a word of the name Koryo Tours is not listed beside it"
    # the corroboration of the same sentence: one explanation line, its terms said once
    run = nkterm("corroborate", "a", "20", "--weak", corpus=corpus, index=tmp_path / "index")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith(" 1. ")]
    named = lines[at + 1].strip().split(": ", 1)[1].split(", ")  # "shares words only: ..."
    assert "Koryo Tours" in named, lines[at : at + 3]
    assert lines[at + 2].startswith("    also shared: "), lines[at : at + 3]
    assert not set(named) & set(lines[at + 2].removeprefix("    also shared: ").split(", "))


def test_compare_never_lets_document_text_drive_the_terminal(seed_corpus: Path, index_dir: Path) -> None:
    path = seed_corpus / f"{BLOGGER}.txt"
    path.write_text(
        path.read_text("utf-8").replace("Koryo Tours and", "Koryo Tours [bold]\x1b[31m and"), "utf-8"
    )
    run = nkterm("compare", BLOGGER, PHOTO, corpus=seed_corpus, index=index_dir)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout
    assert "Koryo Tours [bold]\u241b[31m and" in run.stdout  # markup shown as text, ESC made visible


@pytest.mark.parametrize("args", [("compare", BLOGGER, "nope"), ("compare", "nope", PHOTO, "--json")])
def test_compare_unknown_id_is_one_line_and_exit_2(
    args: tuple[str, ...], seed_corpus: Path, index_dir: Path
) -> None:
    run = nkterm(*args, corpus=seed_corpus, index=index_dir)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip() == "nkterm: no document 'nope'; `nkterm docs` lists the ids"


def test_corroborate_json(seed_corpus: Path, index_dir: Path) -> None:
    text = (seed_corpus / f"{BLOGGER}.txt").read_text("utf-8")
    offset = text.index("Koryo Tours")
    run = nkterm("corroborate", BLOGGER, str(offset), "--json", corpus=seed_corpus, index=index_dir)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["doc"] == BLOGGER
    claim = data["claim"]
    assert claim["start"] <= offset < claim["end"] and text[claim["start"] : claim["end"]] == claim["text"]
    # the photo essay names Koryo Tours for another man's trip: only a weak match
    assert data["nothing_found"] is True and data["found"] == data["results"] == []
    assert data["summary"] == "no passage in the corpus discusses this"
    best = data["weak"][0]
    assert best["doc"] == PHOTO and "Koryo Tours" in best["passage"]["text"]
    assert (best["relation"], best["meaning"]) == ("weakly related", "weak")


def test_corroborate_says_when_weakly_related_passages_might_discuss_the_claim(tmp_path: Path) -> None:
    # a corpus with corpus statistics (tests/unit/test_compare_story.py's): no passage is found,
    # and the story's article, in other words, is likely enough that the plain "no passage in
    # the corpus discusses this" would mislead (session 17, NOTHING_PROBABILITY)
    from tests.unit.test_compare_story import CLAIM, CLAIM_DOC, _corpus

    corpus = _corpus(tmp_path)
    start = CLAIM_DOC.index(CLAIM)
    args = ("corroborate", "claim", str(start))
    run = nkterm(*args, "--json", corpus=corpus, index=tmp_path / "index")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["nothing_found"] is True and data["found"] == []
    assert data["weak_might_discuss"] >= 1
    might = data["weak_might_discuss"]
    assert data["summary"] == (
        f"no passage clearly discusses this; {might} weakly related passage{'s' if might > 1 else ''} might"
    )
    assert data["weak"][0]["title"] == "Terminal keeps cranes busy"
    assert data["weak"][0]["reason"].startswith("might discuss it (probability ")
    run = nkterm(*args, corpus=corpus, index=tmp_path / "index")
    assert data["summary"] in run.stdout and "--weak lists them" in run.stdout
    assert run.stderr.strip() == f"nkterm: {data['summary']}"


def test_corroborate_plain_and_explicit_span(seed_corpus: Path, index_dir: Path) -> None:
    text = (seed_corpus / f"{PHOTO}.txt").read_text("utf-8")
    start = text.index("Guides were present")
    end = text.index("photographing.", start) + len("photographing.")
    run = nkterm("corroborate", PHOTO, str(start), str(end), corpus=seed_corpus, index=index_dir)
    assert run.returncode == 0, run.stderr
    assert f"Claim {PHOTO} {start}-{end}" in run.stdout
    assert "no passage in the corpus discusses this" in run.stdout
    assert "weakly related word matches: --weak lists them" in run.stdout
    assert "must stick to their tour group" not in run.stdout
    run = nkterm("corroborate", PHOTO, str(start), str(end), "--weak", corpus=seed_corpus, index=index_dir)
    assert "WEAKLY RELATED" in run.stdout and "must stick to their tour group" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("corroborate", "nope", "5"), "no document 'nope'"),
        (("corroborate", BLOGGER, "999999"), "is past the end of"),
        (("corroborate", BLOGGER, "50", "10"), "END must be after START"),
    ],
)
def test_corroborate_bad_input(
    args: tuple[str, ...], message: str, seed_corpus: Path, index_dir: Path
) -> None:
    run = nkterm(*args, corpus=seed_corpus, index=index_dir)
    assert run.returncode == 2
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_default_threshold_matches_the_core() -> None:
    from nkterm.cli.compare import DEFAULT_THRESHOLD
    from nkterm.compare import THRESHOLD

    assert DEFAULT_THRESHOLD == THRESHOLD


def test_compare_shows_a_conflict_beside_the_pairs(tmp_path: Path) -> None:
    # the denial's near-identical version takes it in the one-to-one pairs; the accusation it
    # denies is still shown as differing, in the report and in the JSON
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    denial = "Mr Hartley rejected allegations that he ordered finance chief Tom Sayer to falsify the accounts of Castellan."
    accusation = "Tom Sayer told the jury that Mr Hartley ordered him to falsify the accounts of Castellan."
    (corpus / "trial-a.txt").write_text(
        f"Hartley denies ordering fraud\n\nSpeaking in court, {denial}\n"
        "The trial in Leeds is expected to last two more weeks.\nCastellan collapsed in 2003 with debts of £900m.\n",
        "utf-8",
    )
    (corpus / "trial-b.txt").write_text(
        f"Finance chief accuses Hartley\n\nSpeaking in court on Monday, {denial}\n{accusation}\n"
        "Shares in the firm were suspended in 2003.\n",
        "utf-8",
    )
    run = nkterm("compare", "trial-a", "trial-b", corpus=corpus, index=tmp_path / "index")
    assert run.returncode == 0, run.stderr
    assert "1 pair(s): 1 agree, 0 differ, 0 related; 1 more conflict(s) beside the pairs;" in run.stdout
    also = run.stdout[run.stdout.index("Also differs (1)") :]
    assert "DIFFERS" in also and "contradicting testimony about Hartley: denial only in A" in also
    assert "Tom Sayer told the jury" in also.split("Only in A")[0]
    data = json.loads(
        nkterm("compare", "trial-a", "trial-b", "--json", corpus=corpus, index=tmp_path / "index").stdout
    )
    assert [(p["b"]["text"], p["meaning"]) for p in data["also_differs"]] == [(accusation, "conflicts")]
