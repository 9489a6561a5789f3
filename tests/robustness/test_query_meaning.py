"""Queries that used to mean something else than a Lucene user expects, or cost seconds.

Found by an attack (issue 15): ``market -oil`` returned the documents of ``market oil``,
``oil || gas`` those of ``oil AND gas``, ``nkterm search -oil`` was a usage error, and a range
of words (``[a TO z]``) took 1.5-1.8 s of CPU at 2,225 BBC documents. A real index of a small
corpus written here, and ``nkterm`` as a command line runs it (in-process: argument parsing
and output are what is tested, tests/cli_inprocess.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nkterm.index import Index
from tests.cli_inprocess import run_nkterm
from tests.robustness.conftest import nkterm_env, record

TEXTS = {
    "oil-market": "The oil market fell today. Oil prices were low.",
    "gas-market": "The gas market rose today after the cold winter.",
    "football": "Football results of the day: three goals.",
    "oil-and-gas": "Oil and gas together moved the energy market.",
    "anti-nuclear": "An anti-nuclear march went through the city.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lucene") / "corpus"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index(corpus: Path) -> Iterator[Index]:
    ix = Index(corpus, corpus.parent / "index")
    ix.update()
    yield ix
    ix.close()


def ids(index: Index, text: str) -> set[str]:
    result = index.search(text, limit=50)
    assert result.error is None, (text, result.error)
    return {hit.id for hit in result.hits}


LUCENE = [
    # (Lucene spelling, the same query in nkterm's words)
    ("market -oil", "market NOT oil"),
    ("market !oil", "market NOT oil"),
    ("oil || gas", "oil OR gas"),
    ("oil && gas", "oil AND gas"),
    ("+oil gas", "oil AND gas"),
    ("+market -gas -oil", "market NOT gas NOT oil"),
    ("(oil || gas) -football", "(oil OR gas) NOT football"),
    ('-"oil market" market', 'market NOT "oil market"'),
]


@pytest.mark.parametrize(("lucene", "words"), LUCENE)
def test_lucene_operators_mean_what_lucene_means(index: Index, lucene: str, words: str) -> None:
    assert ids(index, lucene) == ids(index, words)
    record("queries: Lucene operators (-x, +x, !x, &&, ||)")


def test_the_minus_sign_excludes(index: Index) -> None:
    assert ids(index, "market -oil") == {"gas-market"}
    assert ids(index, "oil || gas") == {"oil-market", "gas-market", "oil-and-gas"}
    assert ids(index, "market oil") == {"oil-market", "oil-and-gas"}
    # a hyphen inside a word is not an operator
    assert ids(index, "anti-nuclear") == {"anti-nuclear"}


def test_a_purely_negative_query_is_every_document_without_the_words(index: Index) -> None:
    assert ids(index, "-oil") == {"gas-market", "football", "anti-nuclear"}
    assert ids(index, "NOT oil NOT gas") == {"football", "anti-nuclear"}
    assert ids(index, "!market") == {"football", "anti-nuclear"}


def test_nkterm_search_accepts_a_query_starting_with_a_minus(corpus: Path, tmp_path: Path) -> None:
    env = nkterm_env(corpus, corpus.parent / "index-cli", tmp_path)
    for args, expected in [
        (["search", "-oil", "--json"], {"gas-market", "football", "anti-nuclear"}),
        (["search", "--json", "-nuclear"], {"oil-market", "gas-market", "football", "oil-and-gas"}),
        (["search", "-n", "1", "-oil"], None),
        (["--corpus", str(corpus), "search", "-oil -gas", "--json"], {"football", "anti-nuclear"}),
    ]:
        run = run_nkterm(*args, env=env)
        assert run.returncode == 0, (args, run.stderr)
        if expected is not None:
            assert {line.split('"')[3] for line in run.stdout.splitlines() if '"id"' in line} == expected
        else:
            assert "1 of 3 result(s)" in run.stderr
    unknown = run_nkterm("search", "--bogus", "oil", env=env)
    assert unknown.returncode == 2 and "unrecognized arguments: --bogus" in unknown.stderr
    record("queries: CLI queries starting with '-'", 5)


WORD_RANGES = [
    "[a TO z]",
    "{* TO zzzz}",
    "body:[0 TO ~]",
    "{a TO}",
    "title:[a TO b]",
    "body:>a",
    "oil OR [a TO z]",
]


@pytest.mark.parametrize("text", WORD_RANGES)
def test_ranges_of_words_are_refused_with_a_message(index: Index, text: str) -> None:
    result = index.search(text)
    assert result.error is not None and "ranges work on dates only" in result.error
    assert index.hits_in("oil-market", text) == ()
    record("queries: ranges of words refused")


def test_date_ranges_still_work(corpus: Path, tmp_path: Path) -> None:
    (corpus.parent / "dated").mkdir(exist_ok=True)
    dated = corpus.parent / "dated"
    for year in (2011, 2015):
        (dated / f"y{year}.txt").write_text(f"---\ndate: {year}-05-01\n---\nA market report.\n", "utf-8")
    ix = Index(dated, tmp_path / "index")
    ix.update()
    try:
        assert ids(ix, "date:[2010 TO 2012]") == {"y2011"}
        assert ids(ix, "market date:>2014") == {"y2015"}
    finally:
        ix.close()


def _cpu(call: Callable[[], object]) -> float:
    start = time.thread_time()
    call()
    return time.thread_time() - start


def test_a_misspelt_word_repeated_is_corrected_once(index: Index) -> None:
    # benchmarks/query_kinds.py at BBC size: a phrase of "koryo tours" x 150 took 1.8 s of CPU,
    # "did you mean" looking up the same two words for each of their 300 places
    once = '"markat togther"'
    repeated = '"' + " ".join(["markat togther"] * 120) + '"'
    assert index.suggest(once) == '"market together"'
    assert index.suggest(repeated) == '"' + " ".join(["market together"] * 120) + '"'
    single = min(_cpu(lambda: index.suggest(once)) for _ in range(3))
    many = min(_cpu(lambda: index.suggest(repeated)) for _ in range(3))
    assert many < 10 * single + 0.02, f"{many:.3f} s for 240 words, {single:.4f} s for 2"
    record("queries: repeated misspelt words corrected once")
