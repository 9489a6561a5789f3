"""Corroboration's story evidence (session 15): how close a candidate article is to the claim's
(``story``), candidate documents drawn from the claim's document's key terms too
(``corroboration.gather``), and the found model's one extra passage with a reason a reader
understands (``corroboration.found_by_model``). Documents written for the tests, indexed by a
real Whoosh index in a temporary folder."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import nkterm.compare.corroboration as corroboration
from nkterm.compare import Passage
from nkterm.compare.corroboration import event_words, features, found_by_model, found_note, gather
from nkterm.compare.found_model import Gathered, probability
from nkterm.compare.params import MIN_CORPUS_DOCS
from nkterm.compare.story import closeness, story_vectors, term_counts
from nkterm.index import Index

CLAIM = "Quayline has agreed to pay Brantor a large sum to leave the shipping alliance."
CLAIM_DOC = (
    "Quayline quits alliance\n"
    f"{CLAIM}\n\n"
    "The Maasvlakte container terminal, which Brantor runs, handled record tonnage at the Rotterdam harbour.\n\n"
    "Harbour board chairman Pieter Vrolijk said the Maasvlakte terminal would keep its dock cranes busy.\n"
)
# the claim's story told in other words: none of the claim's rare words (Quayline, Brantor,
# shipping, alliance), its document's (Maasvlakte, terminal, harbour board, Vrolijk) instead
STORY_DOC = (
    "Terminal keeps cranes busy\n"
    "The Maasvlakte container terminal agreed to pay a large sum to its partner to leave, harbour board chairman "
    "Pieter Vrolijk said, and its dock cranes would stay busy at the Rotterdam harbour.\n"
)
TOPICS = (
    "orchard apples harvest farmers cider",
    "violin concert orchestra symphony conductor",
    "glacier climbers summit expedition ropes",
    "bakery bread flour ovens pastry",
    "comet telescope astronomers orbit observatory",
    "marathon runners stadium finish medal",
)


def _corpus(tmp_path: Path) -> Path:
    """The claim's document, the story's, and enough documents of other things for corpus IDF
    (``MIN_CORPUS_DOCS``): one in six says "agreed to pay a large sum" and "leave", so those
    words are too common for the claim's candidate query to ask for them, and still weigh."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "claim.txt").write_text(CLAIM_DOC, "utf-8")
    (corpus / "story.txt").write_text(STORY_DOC, "utf-8")
    for k in range(MIN_CORPUS_DOCS + 4):
        words = TOPICS[k % len(TOPICS)].split()
        deal = "agreed to pay a large sum" if k % 6 == 0 else "paid"
        text = (
            f"Note {k} on {words[0]}\n"
            f"The {words[0]} club {deal} for the {words[1]} and {words[2]} before they go in week {k}.\n"
            f"Everyone praised the {words[3]} and the {words[4]}"
            f"{', and nobody would leave' if k % 6 == 0 else ''}.\n"
        )
        (corpus / f"other{k:02d}.txt").write_text(text, "utf-8")
    return corpus


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    tmp = tmp_path_factory.mktemp("story")
    built = Index(_corpus(tmp), tmp / "index")
    built.update()
    yield built
    built.close()


@contextmanager
def _index_with(tmp_path: Path, text: str) -> Iterator[Index]:
    """The test corpus and one more document (``text``: its title line first), indexed."""
    corpus = _corpus(tmp_path)
    (corpus / "extra.txt").write_text(text, "utf-8")
    built = Index(corpus, tmp_path / "index")
    built.update()
    try:
        yield built
    finally:
        built.close()


def _claim_span(index: Index) -> tuple[str, Passage]:
    ids = {s.path: s.id for s in index.summaries()}
    start = CLAIM_DOC.index(CLAIM)
    return ids["claim.txt"], Passage(start, start + len(CLAIM), CLAIM)


def _gathered(index: Index) -> tuple[str, Passage, Gathered, frozenset[str]]:
    """The claim, its candidates and its event words."""
    doc_id, claim = _claim_span(index)
    gathered = gather(index, doc_id, claim)
    assert gathered is not None
    return doc_id, claim, gathered, event_words(gathered.query, gathered.claim_units)


def test_an_article_of_the_same_story_is_closer_than_one_of_other_things() -> None:
    texts = [
        CLAIM_DOC,
        STORY_DOC,
        "Orchard apples\nThe orchard farmers agreed to pay for the cider harvest.\n",
    ]
    counts = [term_counts(t) for t in texts]
    n = len(texts) + 1
    idf = {t: math.log(n / (1 + sum(t in c for c in counts))) + 1 for c in counts for t in c}
    claim, story, other = story_vectors(texts, lambda terms: {t: idf[t] for t in terms})
    assert closeness(claim, claim) == pytest.approx(1.0)
    assert closeness(claim, story) > 0.25
    assert closeness(claim, other) < 0.1
    assert closeness(claim, story) == pytest.approx(closeness(story, claim))


def test_dates_and_scores_tell_no_story_apart() -> None:
    assert "2004" not in term_counts("The 2004 final ended 19-13 in Cardiff.")
    assert "cardiff" in term_counts("The 2004 final ended 19-13 in Cardiff.")


def test_the_claims_document_proposes_an_article_its_rare_words_miss(index: Index) -> None:
    doc_id, claim = _claim_span(index)
    story_id = next(s.id for s in index.summaries() if s.path == "story.txt")
    gathered = gather(index, doc_id, claim)
    assert gathered is not None and gathered.corpus
    [story] = [c for c in gathered.candidates if c.other.id == story_id]
    assert story.claim_rank is None  # the claim's own words do not find it...
    assert story.story_rank == 0  # ...its document's key terms do, first
    others = [c.story for c in gathered.candidates if c.other.id != story_id]
    assert all(story.story > s for s in others)
    assert found_note(story).startswith(f"same story as the claim's article ({story.story:.2f}); shares ")


def test_the_model_finds_at_most_one_passage_the_rules_do_not(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id, claim, gathered, events = _gathered(index)
    assert found_by_model(gathered, events) == []  # neither the rules nor the model at its threshold
    best = max(
        gathered.candidates,
        key=lambda c: probability(features(c, gathered.query, events, gathered.candidates)),
    )
    p = probability(features(best, gathered.query, events, gathered.candidates))
    monkeypatch.setattr(corroboration, "FOUND_PROBABILITY", p)
    [(found, reason)] = found_by_model(gathered, events)
    assert found is best and found.other.title == "Terminal keeps cranes busy"
    assert reason.startswith("same story as the claim's article")
    assert reason.endswith(f"likely relevant (probability {p:.2f}, from its article and rank)")
    report = corroboration.corroboration_report(index, doc_id, claim)
    assert [c.doc_id for c in report.found] == [found.other.id]
    assert report.found[0].reason.startswith("same story as the claim's article")
    monkeypatch.setattr(corroboration, "FOUND_PROBABILITY", None)
    assert found_by_model(gathered, events) == []


def test_the_weakly_related_come_likeliest_first_each_saying_its_articles_story(tmp_path: Path) -> None:
    # a timetable shares more of the claim's words (0.32) than the story's article does (0.29),
    # and is about something else: `w` lists the story's passage first, and each says why (session
    # 16: not what the claim says Quayline does - "to leave the shipping alliance" - either: a
    # passage that says so shares the object of the claim's act, which the found model reads)
    ferry = "Ferry timetable\nThe Quayline ferries of the shipping alliance sail from the quay at noon on Sundays.\n"
    with _index_with(tmp_path, ferry) as built:
        doc_id, claim = _claim_span(built)
        report = corroboration.corroboration_report(built, doc_id, claim)
        assert report.nothing
        titles = [w.title for w in report.weak]
        assert titles[:2] == ["Terminal keeps cranes busy", "Ferry timetable"]
        assert report.weak[1].similarity > report.weak[0].similarity, "not in similarity order"
        # ...and the story's passage might discuss the claim (probability >= NOTHING_PROBABILITY)
        assert report.weak[0].reason.startswith("might discuss it (probability 0.")
        assert "; shares words only: " in report.weak[0].reason
        assert "shares words only: " in report.weak[1].reason
        assert re.search(r"; same story as the claim's article \(0\.\d\d\)$", report.weak[0].reason)


def test_nothing_found_says_so_outright_only_when_no_weak_passage_might_discuss_it(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # session 17: "no passage in the corpus discusses this" was wrong for a third of the claims
    # it was said of; when a weakly related passage is likely enough (NOTHING_PROBABILITY), the
    # answer says the corpus may discuss the claim after all, and which passages might
    doc_id, claim, gathered, events = _gathered(index)
    probs = sorted(
        (probability(features(c, gathered.query, events, gathered.candidates)), c.other.title)
        for c in gathered.candidates
    )
    p_best, best_title = probs[-1]
    p_next = probs[-2][0] if len(probs) > 1 else 0.0
    assert best_title == "Terminal keeps cranes busy" and p_best > p_next
    monkeypatch.setattr(corroboration, "NOTHING_PROBABILITY", (p_best + p_next) / 2)
    report = corroboration.corroboration_report(index, doc_id, claim)
    assert report.nothing and report.might == 1
    assert report.summary() == "no passage clearly discusses this; 1 weakly related passage might"
    assert report.weak[0].title == best_title
    assert report.weak[0].reason.startswith(
        f"might discuss it (probability {p_best:.2f}); shares words only: "
    )
    assert not any(w.reason.startswith("might") for w in report.weak[1:])
    data = report.to_dict()
    assert data["nothing_found"] is True and data["weak_might_discuss"] == 1
    monkeypatch.setattr(corroboration, "NOTHING_PROBABILITY", p_best + 0.01)
    report = corroboration.corroboration_report(index, doc_id, claim)
    assert report.might == 0 and report.summary() == "no passage in the corpus discusses this"
    assert not any(w.reason.startswith("might") for w in report.weak)


def test_across_a_corpus_the_rules_find_a_passage_only_from_their_similarity_floor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # session 17 (RULES_FOUND_MIN): below the floor a passage the rules would find is left to
    # the model; here the model is off, so it is only weakly related - and listed first
    wire = "Quayline deal\nQuayline agreed to pay Brantor a large sum so that it could leave the shipping alliance.\n"
    with _index_with(tmp_path, wire) as built:
        doc_id, claim = _claim_span(built)
        monkeypatch.setattr(corroboration, "FOUND_PROBABILITY", None)
        monkeypatch.setattr(corroboration, "RULES_FOUND_MIN", None)
        report = corroboration.corroboration_report(built, doc_id, claim)
        [found] = report.found
        assert found.title == "Quayline deal"
        monkeypatch.setattr(corroboration, "RULES_FOUND_MIN", found.similarity + 0.01)
        report = corroboration.corroboration_report(built, doc_id, claim)
        assert report.nothing and report.weak[0].title == "Quayline deal"
        monkeypatch.setattr(corroboration, "RULES_FOUND_MIN", found.similarity - 0.01)
        assert [c.title for c in corroboration.corroboration_report(built, doc_id, claim).found] == [
            "Quayline deal"
        ]


# a near-copy of the claim's article: its counterpart of the claim (found by the rules) and another
# sentence of it, which the model would take for its closeness to the claim's article
COPY_DOC = (
    "Quayline leaves the alliance\n"
    f"{CLAIM}\n\n"
    "Quayline said the alliance had cost it dearly over the years at the Rotterdam harbour.\n\n"
    "The Maasvlakte container terminal, which Brantor runs, handled record tonnage at the Rotterdam harbour.\n"
)


def test_the_model_finds_no_other_passage_of_a_document_whose_counterpart_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        corroboration, "FOUND_PROBABILITY", 0.0
    )  # the model's likeliest other passage, always
    with _index_with(tmp_path, COPY_DOC) as index:
        copy_id = next(s.id for s in index.summaries() if s.path == "extra.txt")
        _doc_id, _claim, gathered, events = _gathered(index)
        found = found_by_model(gathered, events)
        assert found[0][0].other.id == copy_id and found[0][0].unit.passage.text.strip() == CLAIM  # the rules
        assert [c.other.id for c, _note in found[1:]] != [copy_id]  # the model: another document
        monkeypatch.setattr(corroboration, "EXTRA_ELSEWHERE", False)
        anywhere = found_by_model(gathered, events)
        assert [c.other.id for c, _note in anywhere] == [copy_id, copy_id]  # its next sentence, likeliest
