"""Whom a corroboration candidate is about (session 16, ``nkterm.compare.subject``): a passage
that says a like thing of another actor ("Phil Vickery has been ruled out of the rest of the Six
Nations" for "Jonny Wilkinson looks set to miss the whole of the Six Nations") is not found by the
rules, and `w` says whom it is about. Sentences and documents written for the tests, indexed by a
real Whoosh index in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import nkterm.compare.corroboration as corroboration
from nkterm.compare import Passage
from nkterm.compare.params import MIN_CORPUS_DOCS
from nkterm.compare.subject import actor_of, another_actor, same_actor
from nkterm.compare.units import Unit, unit_of
from nkterm.index import Index
from tests.unit.test_compare_story import (
    TOPICS,
)  # filler documents' words: corpus statistics need 50 documents


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


CLAIM = "Harbour Rovers winger Tom Ravell looks set to miss the whole of the Lantern Cup with a broken arm."


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (CLAIM, "Ravell"),
        ("Prop Dan Kettle has been ruled out of the rest of the Lantern Cup.", "Kettle"),
        ("Brantor's shares have risen on talk of a takeover.", "Brantor"),
        # an object is not who acts: "with Mr Sullivan"
        ("Mr Ebbers relationship with Mr Sullivan is key to the case.", "Ebbers"),
        # a title before a name: "Quayline boss Anna Berg", not "boss"
        ("Former Quayline boss Anna Berg was directly involved in the fraud.", "Berg"),
        # a pronoun, a role, a sentence's first word alone: no one named
        ("He said the weakness of the case was plain.", ""),
        ("The chip is reported to be up to 10 times faster.", ""),
        ("Speculation is mounting that the bid will be raised.", ""),
    ],
)
def test_the_actor_is_the_name_before_the_first_verb(text: str, actor: str) -> None:
    assert actor_of(_unit(text))[1] == actor


def test_a_like_fact_of_another_player_is_about_another_actor() -> None:
    claim = _unit(CLAIM)
    other = _unit(
        "Rovers prop Dan Kettle has been ruled out of the rest of the Lantern Cup with a broken arm."
    )
    assert another_actor(claim, other) == ("Kettle", "Ravell")
    assert not same_actor(claim, other)


@pytest.mark.parametrize(
    "passage",
    [
        "Tom Ravell is expected to miss the rest of the Lantern Cup after breaking his arm.",  # the claim's actor
        "Coach Ian Moor said Ravell would miss the Lantern Cup.",  # ...named in the passage too
        "He has been ruled out of the rest of the Lantern Cup with a broken arm.",  # no one named
        "Harbour Rovers have lost their winger for the Lantern Cup.",  # the passage's actor is in the claim
    ],
)
def test_a_passage_naming_the_claims_actor_or_no_other_is_not_about_another(passage: str) -> None:
    assert another_actor(_unit(CLAIM), _unit(passage)) == ("", "")


# the corroboration path: a corpus large enough for corpus statistics (``MIN_CORPUS_DOCS``)
CLAIM_DOC = f"Ravell out of Lantern Cup\n{CLAIM}\n\nThe winger was hurt in training on Tuesday.\n"
OTHER_PLAYER_DOC = (
    "Kettle blow for Rovers\n"
    "Harbour Rovers prop Dan Kettle looks set to miss the whole of the Lantern Cup with a broken arm.\n\n"
    "The prop was hurt in a tackle on Saturday.\n"
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    tmp = tmp_path_factory.mktemp("subject")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "claim.txt").write_text(CLAIM_DOC, "utf-8")
    (corpus / "kettle.txt").write_text(OTHER_PLAYER_DOC, "utf-8")
    for k in range(MIN_CORPUS_DOCS + 4):
        words = TOPICS[k % len(TOPICS)].split()
        (corpus / f"other{k:02d}.txt").write_text(
            f"Note {k} on {words[0]}\nThe {words[0]} club met about the {words[1]} and {words[2]} in week {k}.\n"
            f"Everyone praised the {words[3]} and the {words[4]}.\n",
            "utf-8",
        )
    built = Index(corpus, tmp / "index")
    built.update()
    yield built
    built.close()


def _report(index: Index) -> corroboration.CorroborationReport:
    ids = {s.path: s.id for s in index.summaries()}
    start = CLAIM_DOC.index(CLAIM)
    return corroboration.corroboration_report(
        index, ids["claim.txt"], Passage(start, start + len(CLAIM), CLAIM)
    )


def test_the_rules_do_not_find_a_passage_about_another_player(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corroboration, "FOUND_PROBABILITY", None)  # the rules alone
    report = _report(index)
    assert report.nothing
    [weak] = [w for w in report.weak if w.title == "Kettle blow for Rovers"]
    assert weak.passage.text.startswith("Harbour Rovers prop Dan Kettle looks set to miss")
    assert weak.reason.endswith("; about another actor: Kettle, not Ravell")
    # without the veto the rules find it: the words are the claim's
    monkeypatch.setattr(corroboration, "ANOTHER_ACTOR_VETO", False)
    report = _report(index)
    assert [c.title for c in report.found] == ["Kettle blow for Rovers"]
    assert "about another actor" not in report.found[0].reason
