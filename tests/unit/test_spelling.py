"""The in-memory spelling list (issue 18): the words of the corpus with their document counts, kept
exact as documents are added, changed and removed, saved per index generation, rebuilt when
its file is missing or stale; fuzzy words and "did you mean" use it. Real indexes in temp
folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkterm.index import Index
from nkterm.search.whoosh.spelling import SPELLING_FILE, Spelling, from_bodies, load, words_of


def _write(corpus: Path, name: str, text: str) -> None:
    corpus.mkdir(exist_ok=True)
    (corpus / name).write_text(text, "utf-8")


def _exact(index: Index) -> dict[str, int]:
    """The list made from scratch from what the index holds."""
    bodies = [index.document(s.id).text for s in index.summaries()]
    return from_bodies(bodies).counts


def test_within_and_closest_follow_edits_prefix_and_counts() -> None:
    s = Spelling()
    s.add(["government", "governments", "govern"])
    s.add(["government", "parliament"])
    s.add(["movement"])
    assert s.df("government") == 2 and s.df("nothing") == 0
    assert s.within("goverment", 1, prefix=1) == ["government"]
    assert s.within("goverment", 2, prefix=1) == ["government", "governments"]
    assert s.within("overnment", 1, prefix=1) == []  # the first letter must match
    assert s.within("overnment", 1, prefix=0) == ["government"]
    assert s.within("govern", 0) == ["govern"]  # the word itself, as Whoosh's terms_within
    assert s.closest("goverment") == "government"
    assert s.closest("governmen") == "government"  # one edit: "government" (2 docs) over nothing else
    assert s.closest("parlament") == "parliament"
    assert s.closest("zzzz") is None
    with pytest.raises(ValueError, match="longer than"):
        s.within("kor", 1, prefix=4)
    s.remove(["government", "government", "movement"])
    assert s.df("government") == 0 and "movement" not in s.counts and len(s) == 3


def test_words_of_is_what_the_index_searches_unstemmed() -> None:
    words = words_of("The Governments of P'yŏngyang and Seoul met; the talks ended.")
    assert "governments" in words and "government" not in words  # not stemmed
    assert "pyongyang" in words  # folded, as the index folds
    assert "the" not in words and "and" not in words  # stop words are never searched


def test_the_list_stays_exact_through_adds_changes_and_removals(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", "Parliament debated the budget.\n")
    _write(corpus, "b.txt", "The parliament voted on rice imports.\n")
    index = Index(corpus, tmp_path / "ix")
    index.update()
    assert index.spelling().counts == _exact(index)
    assert index.spelling().df("parliament") == 2
    _write(corpus, "b.txt", "Fishermen sold squid in Wonsan harbour.\n")  # changed
    _write(corpus, "c.txt", "Wonsan has a harbour and a budget.\n")  # added
    index.update()
    spelling = index.spelling()
    assert spelling.counts == _exact(index)
    assert spelling.df("parliament") == 1 and spelling.df("wonsan") == 2 and spelling.df("rice") == 0
    (corpus / "a.txt").unlink()  # removed
    index.update()
    assert index.spelling().counts == _exact(index) and index.spelling().df("parliament") == 0
    # another process (a fresh Index) reads the saved list of this generation
    again = Index(corpus, tmp_path / "ix")
    assert again.spelling().counts == _exact(index)
    saved = json.loads((tmp_path / "ix" / SPELLING_FILE).read_text("utf-8"))
    assert saved["generation"] == again.generation()


def test_a_missing_or_stale_list_is_rebuilt_and_a_merge_carries_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(4):
        _write(corpus, f"d{i}.txt", f"Report {i}: the goverment of Kaesong spoke of {i} bridges.\n")
    index = Index(corpus, tmp_path / "ix")
    index.update()
    directory = tmp_path / "ix"
    exact = _exact(index)
    (directory / SPELLING_FILE).unlink()  # a run killed between its commit and the list
    assert Index(corpus, directory).spelling().counts == exact
    (directory / SPELLING_FILE).write_text('{"generation": 0, "words": {"stale": 1}}', "utf-8")
    fresh = Index(corpus, directory)
    assert fresh.spelling().counts == exact and load(directory, fresh.generation()) is not None
    (directory / SPELLING_FILE).write_text("{not json", "utf-8")
    assert Index(corpus, directory).spelling().counts == exact
    before = index.generation()
    assert index.optimize()
    assert index.generation() != before
    assert load(directory, index.generation()) is not None  # carried over: no rebuild after a merge


def test_fuzzy_words_and_did_you_mean_use_the_list(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", "The government of Kaesong announced a budget.\n")
    _write(corpus, "b.txt", "A governor visited the government offices.\n")
    _write(corpus, "c.txt", "Cover stories about overseas workers.\n")
    index = Index(corpus, tmp_path / "ix")
    index.update()
    # the typed word is matched against words as written, not against stems ("gover")
    assert {h.id for h in index.search("goverment~").hits} == {"a", "b"}
    assert index.search("goverment").hits == ()
    assert index.suggest("goverment") == "government"
    assert index.suggest("Kaesnog budget") == "Kaesong budget"
    assert index.suggest("government") is None


def test_a_writer_holds_the_only_list_and_searches_meanwhile_see_the_committed_one(tmp_path: Path) -> None:
    """The writer changes a copy of the list and the index lets go of its own (one list in
    memory during a large build, not two); a search meanwhile reads the committed list from
    its file, never the writer's uncommitted words; the commit hands the writer's list over."""
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", "Parliament debated the budget.\n")
    index = Index(corpus, tmp_path / "ix")
    index.update()
    committed = index.spelling()
    writer = index.writer(2.0)
    try:
        writer.delete("a")
        assert index._spelling is None  # the index's copy let go (the writer holds its own)
        meanwhile = index.spelling()  # read again from the file
        assert meanwhile is not committed and meanwhile.counts == committed.counts
        assert meanwhile.df("parliament") == 1
        writer.commit(merge=False)
    except BaseException:
        writer.cancel()
        raise
    assert index.spelling().df("parliament") == 0 and index.spelling().df("budget") == 0
