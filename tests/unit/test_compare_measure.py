"""Figures of one measure (``nkterm.compare.measure``): two values of one measure of one subject at
one time, however far apart the rest of the wording. The rule is off by default
(``params.MEASURE_SLOTS``, session 15: held back after the corpus check); these tests switch it on
themselves, so that they test the rule whatever the default. Sentence pairs written for these
tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nkterm.compare import DIFFERS, align, params, relations
from nkterm.compare.measure import document_subject
from nkterm.compare.units import passages, unit_of
from nkterm.models import Document
from tests.unit.test_compare_relations import judge


@pytest.fixture(autouse=True)
def measure_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(params, "MEASURE_SLOTS", True)
    relations.clear_caches()
    yield
    relations.clear_caches()


JOBS_A = "Some 1,200 jobs at the Dunmore textile mill may be cut if the merger with Aldwych goes ahead, a union said."
JOBS_B = "Around 1,800 jobs at Dunmore could be lost if the deal goes through, according to local newspapers."


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
        "The Turin stadium was cleared by police with six minutes of normal time remaining.",
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
        "Around 3,000 jobs at Dunmore could be lost if the deal goes through, according to local newspapers.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_bound_is_no_rival_of_a_value_within_it() -> None:
    _relation, reason, _shared = judge(
        "The Dunmore merger would create a bank with assets of about $1.8 trillion, its board said.",
        "Combining Dunmore and Aldwych would create a bank with assets of more than $1,200bn.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_conversion_in_brackets_measures_what_its_amount_measures() -> None:
    relation, reason, _shared = judge(
        "The Ostend accord would save the poorest countries £2bn a year, the minister said.",
        "The minister said the Ostend accord would save the poorest countries about $2bn (£1.2bn).",
    )
    assert relation == DIFFERS, reason
    assert reason == 'figures of one measure differ ("save"): £2bn vs £1.2bn', reason


# -- whose figure (session 16): a figure's subject from its clause, else from its document ---------


def _article(doc_id: str, firm: str, figure: str) -> Document:
    """A short article about ``firm`` whose one sentence with a figure names no one."""
    title = f"{firm} reports record year"
    text = (
        f"{title}\n\nOn Tuesday {firm} said that demand for its new Saloon range had been strong across Europe.\n\n"
        f"{figure}\n\n{firm} also plans to build the saloon at a new plant in Ohio next spring.\n"
    )
    return Document(id=doc_id, text=text, title=title)


CUT = "Some 1,200 jobs at the engine works may be cut if the merger goes ahead, a union said."
LOST = "Around 1,800 jobs at the engine works could be lost if the deal goes through, local newspapers said."


def _measure_reasons(a: Document, b: Document) -> list[str]:
    alignment = align(a, b)
    return [
        p.reason
        for p in (*alignment.pairs, *alignment.also_differs)
        if p.reason.startswith(relations.MEASURE)
    ]


def test_one_firms_two_figures_in_its_two_articles_differ() -> None:
    reasons = _measure_reasons(_article("a", "Harlowe Motors", CUT), _article("b", "Harlowe Motors", LOST))
    assert reasons == ['figures of one measure differ ("cut/lost"): 1,200 jobs vs 1,800 jobs']


def test_two_firms_figures_in_their_own_articles_do_not_differ() -> None:
    # neither sentence names the firm: only the articles tell whose jobs they are
    assert _measure_reasons(_article("a", "Harlowe Motors", CUT), _article("c", "Castellan Cars", LOST)) == []


def test_whom_a_document_is_about() -> None:
    doc = _article("a", "Harlowe Motors", CUT)
    about = document_subject([unit_of(p) for p in passages(doc)])
    # the firm (headline, lead, given three times); not Europe or Ohio (given once), nor Tuesday,
    # nor "Saloon" (written lower-case too)
    assert about == {"harlow", "motor"}


def test_a_figure_whose_passage_names_no_one_has_no_known_subject() -> None:
    # compared on their own, the passages say whose jobs only in one of them
    _relation, reason, _shared = judge(
        JOBS_A,
        "Around 1,800 jobs at the textile mill could be lost if the deal goes through, local newspapers said.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_two_roundings_of_one_amount_do_not_differ() -> None:
    a = "The Ostend accord would save the poorest countries £2.3bn a year, the minister said."
    _relation, reason, _shared = judge(
        a, "The minister said the Ostend accord would save the poorest countries about £2.4bn."
    )
    assert not reason.startswith(relations.MEASURE), reason
    _relation, reason, _shared = judge(
        a, "The minister said the Ostend accord would save the poorest countries about £2.6bn."
    )
    assert reason == 'figures of one measure differ ("save"): £2.3bn vs £2.6bn', reason


def test_a_whole_is_no_rival_of_a_part() -> None:
    _relation, reason, _shared = judge(
        "In 1999 the Ostend assembly removed all but 92 of its 750 hereditary members.",
        "Some 600 hereditary members of the Ostend assembly lost their seats in 1999.",
    )
    assert not reason.startswith(relations.MEASURE), reason


def test_a_level_after_a_rise_is_no_rival_of_a_level() -> None:
    _relation, reason, _shared = judge(
        "Trading in Dunmore shares was suspended at A$4.25, the exchange said.",
        "Shares in Dunmore rose 12% to A$4.76 on news of the offer but shares in Aldwych fell 3.7% to A$5.44.",
    )
    assert not reason.startswith(relations.MEASURE), reason
