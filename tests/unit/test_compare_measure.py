"""Figures of one measure (``nkterm.compare.measure``): two values of one measure of one subject at
one time, however far apart the rest of the wording. The rule is off by default
(``params.MEASURE_SLOTS``, session 15: held back after the corpus check); these tests switch it on
themselves, so that they test the rule whatever the default. Sentence pairs written for these
tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nkterm.compare import DIFFERS, params, relations
from tests.unit.test_compare_relations import judge


@pytest.fixture(autouse=True)
def measure_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(params, "MEASURE_SLOTS", True)
    relations.clear_caches()
    yield
    relations.clear_caches()


JOBS_A = "Some 1,200 jobs at the Dunmore textile mill may be cut if the merger with Aldwych goes ahead, a union said."
JOBS_B = "Around 1,800 jobs could be lost if the merger goes ahead, according to local newspapers."


def test_two_counts_of_jobs_lost_in_other_words_differ() -> None:
    relation, reason, _shared = judge(JOBS_A, JOBS_B)
    assert relation == DIFFERS, reason
    assert reason == 'figures of one measure differ ("cut/lost"): 1,200 jobs vs 1,800 jobs', reason


def test_the_rule_is_a_switch() -> None:
    params.MEASURE_SLOTS = False  # (the fixture's monkeypatch restores it)
    relation, reason, _shared = judge(JOBS_A, JOBS_B)
    assert relation != DIFFERS, reason


def test_time_left_and_time_remaining_are_one_measure() -> None:
    relation, reason, _shared = judge(
        "Fans were told to leave the stadium in Turin with only four minutes left to play.",
        "The stadium was cleared by police with six minutes of normal time remaining.",
    )
    assert relation == DIFFERS, reason
    assert reason == 'figures of one measure differ ("left/remaining"): four minutes vs six minutes', reason


def test_two_periods_figures_do_not_differ() -> None:
    _relation, reason, _shared = judge(
        "Some 1,200 jobs at the Dunmore textile mill were cut last year, a union said.",
        "Around 1,800 jobs were lost at Dunmore after the merger, according to local newspapers.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_forecast_and_an_outcome_do_not_differ() -> None:
    _relation, reason, _shared = judge(
        "Some 1,200 jobs at the Dunmore textile mill may be cut after the merger, a union said.",
        "Around 1,800 jobs were lost at Dunmore after the merger, according to local newspapers.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_figure_twice_another_is_another_thing() -> None:
    _relation, reason, _shared = judge(
        "Some 1,200 jobs at the Dunmore textile mill may be cut if the merger with Aldwych goes ahead.",
        "Around 3,000 jobs could be lost if the merger goes ahead, according to local newspapers.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_bound_is_no_rival_of_a_value_within_it() -> None:
    _relation, reason, _shared = judge(
        "The merger would create a bank with assets of about $1.8 trillion, the Dunmore board said.",
        "Combining the two lenders would create a bank with assets of more than $1,200bn.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_conversion_in_brackets_measures_what_its_amount_measures() -> None:
    relation, reason, _shared = judge(
        "The Ostend accord would save the poorest countries £2bn a year, the minister said.",
        "The minister said the Ostend accord would save the poorest countries about $2bn (£1.2bn).",
    )
    assert relation == DIFFERS, reason
    assert reason == 'figures of one measure differ ("save"): £2bn vs £1.2bn', reason
