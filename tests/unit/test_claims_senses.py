"""Word senses and modality decided by context (nkterm.claims.senses), on sentences written for
these tests."""

from __future__ import annotations

import pytest

from nkterm.claims import detect
from nkterm.claims.scan import scan_sentence, tokenize


def cues(sentence: str) -> list[str]:
    toks = tokenize(sentence)
    return [c[1] for c in scan_sentence(sentence, toks, 0, len(toks.lows)).cues]


def kinds(sentence: str) -> set[str]:
    return {k for c in detect(sentence) for k in c.kinds}


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The workers renewed their will to rebuild the dam.", "prediction"),
        ("It was the will of the people.", "prediction"),
        ("The surging might of the navy was on show.", "hedge"),
        ("She pushed with all her might.", "hedge"),
        ("The delegates were led to the Palace of Culture.", "causal"),
        ("The minister is due to announce the budget on Friday.", "causal"),
        ("He personally awarded the medals to the winners.", "hedge"),
    ],
)
def test_another_sense_is_no_cue(sentence: str, absent: str) -> None:
    assert absent not in kinds(sentence)
    assert not any(c.startswith((f"{absent}:", "opinion marker:")) for c in cues(sentence))


@pytest.mark.parametrize(
    ("sentence", "kind", "cue"),
    [
        ("The harvest will be late this year.", "prediction", 'prediction: "will"'),
        ("Prices might rise again.", "hedge", 'hedge: "might"'),
        ("The drought led to a famine.", "causal", 'causal: "led to"'),
        ("The match was cancelled due to the storm.", "causal", 'causal: "due to"'),
        ("I personally think the plan is fine.", "hedge", 'opinion marker: "personally"'),
        ("The state shall step up its support for farms.", "rule", 'obligation: "shall"'),
        ("Products should appear by the end of the decade.", "prediction", 'expectation: "should"'),
        ("You should carry your passport at all times.", "rule", 'rule: "should"'),
        ("We shall overcome.", "prediction", 'prediction: "shall"'),
    ],
)
def test_the_sense_decides_the_kind(sentence: str, kind: str, cue: str) -> None:
    assert cue in cues(sentence)
    assert kind in kinds(sentence)


def test_bbc_four_is_no_quantity_but_four_children_is() -> None:
    assert "quantity" not in kinds("The film will be shown on BBC Four.")
    assert "quantity" in kinds("Four children were rescued from the river.")


def test_a_capitalised_number_word_before_a_capitalised_word_is_a_name() -> None:
    assert "quantity" not in kinds("Work goes on at the Three Gorges Dam on the Yangtze.")
    assert "quantity" not in kinds("Wales won the Six Nations title in Cardiff.")
    # a new sentence inside a quote, or a number word in lower case, is still a number
    assert "quantity" in kinds('The officer said: "Two Britons were hurt in the blast."')
    assert "quantity" in kinds("The officer said two Britons were hurt in the blast.")


def test_index_points_are_no_percentage_but_percentage_points_are() -> None:
    """ "24,997 points" on a stock index is a number with a unit; "two percentage points" is a
    percentage, the whole phrase shown."""
    index = detect("The main share index closed at 24,997 points on Friday.")[0]
    assert not any(c.startswith("percentage") for c in index.cues), index.cues
    assert any(c.startswith('number with unit: "24,997 points"') for c in index.cues), index.cues
    rate = detect("Interest rates rose by two percentage points last year.")[0]
    assert any(c == 'percentage: "two percentage points"' for c in rate.cues), rate.cues
