"""Numbers: one quantity each, with value, unit and precision (nkterm.claims.numbers), and one
quantity cue each in detection."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.claims import detect
from nkterm.claims.numbers import Quantity, quantities
from tests.counts import examples


@pytest.mark.parametrize(
    ("text", "written", "value", "unit", "precision"),
    [
        ("More than 13 000 children left.", "13 000 children", 13000, "children", 1000),
        ("It weighed 4 200 tonnes.", "4 200 tonnes", 4200, "tonnes", 100),
        ("It weighed 4,200 tonnes.", "4,200 tonnes", 4200, "tonnes", 100),
        ("It weighed 4\u00a0200 tonnes.", "4\u00a0200 tonnes", 4200, "tonnes", 100),
        ("It weighed 4\u2009200 tonnes.", "4\u2009200 tonnes", 4200, "tonnes", 100),
        ("It cost $9.37bn last year.", "$9.37bn", 9.37e9, "dollars", 1e7),
        ("Sales hit 1.55bn euros.", "1.55bn euros", 1.55e9, "euros", 1e7),
        ("He was five-years-old.", "five-years-old", 5, "years old", 1),
        ("Prices rose 76% in a year.", "76%", 76, "%", 1),
        ("Two million people voted.", "Two million people", 2e6, "people", 1e6),
    ],
)
def test_one_quantity_each(text: str, written: str, value: float, unit: str, precision: float) -> None:
    (q,) = quantities(text)
    assert text[q.start : q.end] == written
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.precision == pytest.approx(precision)


def test_a_year_next_to_a_number_stays_two_numbers() -> None:
    assert [q.value for q in quantities("In 2004 200 people came.")] == [2004, 200]


def test_agreement_within_precision() -> None:
    rounded = Quantity(0, 1, 4200, "tonnes", 100)
    exact = Quantity(0, 1, 4213, "tonnes", 1)
    assert rounded.agrees(exact)
    assert not rounded.agrees(Quantity(0, 1, 4400, "tonnes", 100))
    assert not rounded.agrees(Quantity(0, 1, 4200, "dollars", 100))


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 13 000 children left the areas by train.",
        "More than 13\u00a0000 children left the areas by train.",
        "It cost $9.37bn in 2004.",
    ],
)
def test_detection_sees_one_number(sentence: str) -> None:
    (claim,) = detect(sentence)
    numbers = [c for c in claim.cues if c.startswith(("number", "money", "measure"))]
    assert len(numbers) == 1, claim.cues


# --- the look-aheads that open the number patterns change no match ------------------------------

_CHARS = st.sampled_from(
    [*"0123456789 ,.-–%$£€¥kmbnKMBNtT", "one", "Two", "ſix", "eleven ", "bn", "per cent"]
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.one_of(_CHARS, st.text(max_size=3)), max_size=30).map("".join))
def test_the_patterns_match_exactly_what_they_match_without_their_look_ahead(text: str) -> None:
    from nkterm import numbers

    for pattern, ahead in ((numbers._NUMERIC, "(?=[$£€¥\\d])"), (numbers._WORDS, "(?=[zotfsen])")):
        assert ahead in pattern.pattern
        plain = re.compile(pattern.pattern.replace(ahead, "", 1), pattern.flags)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ]
