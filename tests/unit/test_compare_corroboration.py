"""Corroboration's found rules (session 13): a passage that shares one of the claim's numbers,
written in digits, is found from ``NUMBER_FOUND_MIN`` instead of ``FOUND_MIN``; the reason shown
says which number. Sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import nkterm.compare.corroboration as corroboration
from nkterm.compare import Passage, corroboration_report
from nkterm.compare.corroboration import bare_small, event_words, found_verdict, shared_number
from nkterm.compare.params import FOUND_MIN, NUMBER_FOUND_MIN
from nkterm.compare.similarity import make_weights, shared_keys
from nkterm.compare.units import Unit, unit_of
from nkterm.index import Index

CLAIM = (
    "Quayline has agreed to pay Brantor 1.55bn euros to leave a shipping alliance that could have "
    "forced it to buy the Dutch port operator outright."
)
# what the weights are counted over: the claim, the passages compared, and sentences of other stories
OTHERS = (
    "The board met in Rotterdam on Friday.",
    "Cranes stood idle at the docks.",
    "Rain fell over the harbour for most of the week and the ferries ran late.",
    "Dock workers went on strike in the spring.",
)


def _units(*texts: str) -> list[Unit]:
    return [unit_of(Passage(0, len(t), t)) for t in texts]


def _verdict(claim: str, passage: str) -> tuple[float, tuple[bool, str]]:
    query, unit, *_rest = units = _units(claim, passage, *OTHERS)
    sim, shared = shared_keys(query, unit, make_weights(units, None))
    return sim, found_verdict(sim, shared)


def test_a_passage_sharing_the_claims_amount_is_found_below_the_usual_bar() -> None:
    passage = "Analysts expect Quayline to pay 1.55bn euros for leaving the alliance, after a week of talks about cranes."
    sim, verdict = _verdict(CLAIM, passage)
    assert NUMBER_FOUND_MIN is not None
    assert NUMBER_FOUND_MIN <= sim < FOUND_MIN
    assert verdict == (True, "shares the claim's number 1.55bn euros")


def test_the_same_passage_without_the_amount_is_only_weakly_related() -> None:
    passage = "Analysts expect Quayline to pay a large sum for leaving the alliance, after a week of talks about cranes."
    sim, verdict = _verdict(CLAIM, passage)
    assert sim < FOUND_MIN
    assert verdict == (False, "")


def test_a_year_or_a_number_word_is_not_a_shared_number() -> None:
    # "in 2004" says too little to tell two events apart; "Six Nations" is a name, not a count
    claim = "Bath prop Duncan Hale has been added to the squad to face Ireland in the Six Nations in 2004."
    passage = "Fellow prop Matt Crane starts on the bench against Ireland in the Six Nations in 2004."
    query, unit, *_rest = units = _units(claim, passage, *OTHERS)
    _sim, shared = shared_keys(query, unit, make_weights(units, None))
    assert {label for _w, label, key in shared if key.startswith("#")} == {"2004", "Six Nations"}
    assert shared_number(shared) is None
    # written in digits, a count is one
    claim_30 = claim.replace("the squad", "the 30-man squad")
    query, unit, *_rest = units = _units(
        claim_30, passage.replace("on the bench", "in the 30-man squad"), *OTHERS
    )
    _sim, shared = shared_keys(query, unit, make_weights(units, None))
    assert shared_number(shared) == "30-man"


def test_corroboration_says_which_number_found_a_passage(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {
        "claim.txt": f"Harbour deal\n{CLAIM}\nThe board met in Rotterdam on Friday.\n",
        "number.txt": "Port talks end\nThe firm will pay 1.55bn euros to leave the alliance, and could have been "
        "forced to buy the operator.\nCranes stood idle at the docks.\n",
        "words.txt": "Dock strike\nDock workers went on strike in the spring.\n"
        "Rain fell over the harbour for most of the week and the ferries ran late.\n",
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
    index = Index(corpus, tmp_path / "index")
    index.update()
    ids = {s.path: s.id for s in index.summaries()}
    start = texts["claim.txt"].index(CLAIM)
    report = corroboration_report(index, ids["claim.txt"], Passage(start, start + len(CLAIM), CLAIM))
    index.close()
    [found] = report.found
    assert found.doc_id == ids["number.txt"]
    assert found.similarity < FOUND_MIN
    assert found.reason.startswith("shares the claim's number 1.55bn euros; ")
    assert not report.nothing


# Session 14, corroboration round: a figure without a unit below BARE_NUMBER_MIN is no shared
# number (corroboration 6: four passages found by the "6" and "7" of tennis scores).
SCORE_CLAIM = "Second seed Arlo Venn won his second career title with a 7-5 6-3 win over Pell Drax in Marlow."


def _shared(claim: str, passage: str) -> list[tuple[float, str, str]]:
    query, unit, *_rest = units = _units(claim, passage, *OTHERS)
    return shared_keys(query, unit, make_weights(units, None))[1]


def test_the_games_of_a_tennis_score_are_no_shared_number() -> None:
    passage = "The top seed was a strong favourite for the title but went down 7-6 6-3 to Kiro Stam."
    shared = _shared(SCORE_CLAIM, passage)
    assert {label for _w, label, key in shared if key.startswith("#")} == {"6", "7"}
    assert shared_number(shared) is None
    assert NUMBER_FOUND_MIN is not None
    assert found_verdict(NUMBER_FOUND_MIN, shared) == (False, "")


def test_a_bare_figure_of_ten_or_more_and_a_small_one_with_a_unit_are_shared_numbers() -> None:
    claim = "Winger Tom Haldane will captain Wales as he wins his 50th cap against Hungary."
    passage = "Haldane is expected to recover in time to earn his 50th cap at the stadium."
    assert shared_number(_shared(claim, passage)) == "50"
    claim = "Winger Tom Haldane scored 3 goals as Wales beat Hungary in Cardiff on Wednesday."
    passage = "Haldane, who scored 3 goals against Hungary, was named man of the match."
    assert shared_number(_shared(claim, passage)) == "3 goals"


def test_bare_small_reads_the_number_key() -> None:
    assert bare_small("#6 ") and bare_small("#3 ")
    assert not bare_small("#50 ") and not bare_small("#3 goal") and not bare_small("#8e+08 pounds")


# Session 14, corroboration round: the claim's event words - its words (no name, no year) that
# few candidate documents use - tell its event from its story's other steps.
EVENT_CLAIM = (
    "The athletics federation will appeal against the acquittal of sprinters Kostas Derenis and "
    "Maria Tholou on doping charges."
)
STORY = (
    ("Kostas Derenis and Maria Tholou are yet to answer doping charges from the federation.",),
    ("Sprinters Kostas Derenis and Maria Tholou face federation doping charges after missing tests.",),
    (
        "The federation will appeal against the acquittal of Kostas Derenis and Maria Tholou on doping charges.",
    ),
)


def test_event_words_are_the_claims_words_few_candidates_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corroboration, "EVENT_DOCS", 1)
    query = unit_of(Passage(0, len(EVENT_CLAIM), EVENT_CLAIM))
    documents = [_units(*texts) for texts in STORY]
    events = event_words(query, documents)
    assert events == {"appeal", "acquitt"}  # "doping", "charges", "federation": every candidate's
    # the names in one candidate only: still no event words
    others = [_units("The federation brought doping charges against two other athletes.")] * 2
    events = event_words(query, [*others, documents[2]])
    assert {"appeal", "acquitt"} <= events and not events & query.names
    # one candidate: no word stands out from the story's, none is an event word
    assert event_words(query, [documents[2]]) == frozenset()


def test_a_passage_sharing_the_event_words_is_found_below_the_usual_bar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(corroboration, "EVENT_DOCS", 1)
    query = unit_of(Passage(0, len(EVENT_CLAIM), EVENT_CLAIM))
    documents = [_units(*texts) for texts in STORY]
    events = event_words(query, documents)
    units = [query, *(u for d in documents for u in d)]
    weigh = make_weights(units, None)
    step, other = documents[2][0], documents[0][0]
    raw_step, shared_step = shared_keys(query, step, weigh)
    raw_other, shared_other = shared_keys(query, other, weigh)
    monkeypatch.setattr(corroboration, "EVENT_FOUND_MIN", min(raw_step, raw_other))
    monkeypatch.setattr(corroboration, "FOUND_MIN", 1.0)
    found, reason = found_verdict(0.0, shared_step, raw_step, events)
    assert found and reason.startswith("shares the claim's event words ")
    assert found_verdict(0.0, shared_other, raw_other, events) == (False, "")
    monkeypatch.setattr(corroboration, "EVENT_FOUND_MIN", None)
    assert found_verdict(0.0, shared_step, raw_step, events) == (False, "")
