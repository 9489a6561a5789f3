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
from nkterm.compare.similarity import make_weights, shared_keys
from nkterm.compare.subject import _act_keys, actor_of, another_actor, object_share, rest_share, same_actor
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


# session 16 (actobj): the claim's own actor in another act - what the object of the claim's act and
# the claim besides its actor's name say (``object_share``, ``rest_share``: features the LOSO reads)
BRANDO = (
    "Film star Marlon Brando is said to have repeatedly turned down his best-loved role in The Godfather."
)


def _shared(claim: str, passage: str) -> tuple[Unit, Unit, list[tuple[float, str, str]]]:
    a, b = _unit(claim), _unit(passage)
    weigh = make_weights([a, b], None)
    return a, b, shared_keys(a, b, weigh)[1]


def test_the_act_is_its_verbs_and_their_object() -> None:
    verbs, objects = _act_keys(_unit(BRANDO))  # no verb of saying, no adverb in -ly
    assert (verbs, objects) == (["turn"], ["role"])
    verbs, objects = _act_keys(_unit("Mr Bush has pledged to introduce a tough federal budget next year."))
    assert len(verbs) == 2 and "budget" in objects  # "pledged to introduce": two verbs


@pytest.mark.parametrize(
    ("passage", "share"),
    [
        # the same verb of another object: another act of the claim's actor
        ("Marlon Brando turned down his best actor Oscar for The Godfather in 1973.", 0.0),
        ("Brando turned down the role in The Godfather twice, his friend says.", 1.0),
    ],
)
def test_the_object_share_tells_another_act_of_one_verb(passage: str, share: float) -> None:
    claim, unit, shared = _shared(BRANDO, passage)
    assert same_actor(claim, unit)
    assert object_share(claim, unit, shared) == share


def test_a_claim_without_an_object_has_nothing_to_tell_by() -> None:
    claim, unit, shared = _shared("Mr Kettle has resigned.", "Mr Kettle resigned on Friday.")
    assert object_share(claim, unit, shared) == 1.0


def test_the_rest_share_leaves_out_the_actors_name_only() -> None:
    claim, unit, shared = _shared(
        BRANDO, "Marlon Brando turned down his best actor Oscar for The Godfather in 1973."
    )
    # the passage shares "Marlon Brando" (the actor: not counted), "Godfather" (a name, counted),
    # "turned" and "best": not the claim's "said", "repeatedly", "loved", "role", "film", "star"
    assert 0.0 < rest_share(claim, unit, shared) < 0.6
    claim, unit, shared = _shared(BRANDO, "Marlon Brando died in 2004 at the age of 80.")
    assert {key for _w, _label, key in shared} == {"brando", "@marlon brando"}
    assert rest_share(claim, unit, shared) == 0.0  # only the actor's name


def test_the_found_model_reads_the_object_of_a_real_candidate(index: Index) -> None:
    ids = {s.path: s.id for s in index.summaries()}
    start = CLAIM_DOC.index(CLAIM)
    gathered = corroboration.gather(index, ids["claim.txt"], Passage(start, start + len(CLAIM), CLAIM))
    assert gathered is not None
    events = corroboration.event_words(gathered.query, gathered.claim_units)
    [kettle] = [c for c in gathered.candidates if c.other.title == "Kettle blow for Rovers"]
    values = corroboration.features(kettle, gathered.query, events, gathered.candidates)
    assert values["object"] == 1.0  # "miss the whole of the Lantern Cup": all shared
    assert 0.5 < values["rest"] < 1.0  # all but "Tom Ravell" and "winger"
