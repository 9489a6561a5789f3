"""Dates given by reference and slots of a sentence's opening phrase (``nkterm.compare.slots``:
``refer_dates``, ``_one_slot``), a bare magnitude against a counted one (``number_slot``), and
a refusal that is no assertion (``relations.denial_conflict``); passages written for these
tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

import pytest

from nkterm.compare import DIFFERS, align
from nkterm.compare.relations import denial_conflict
from nkterm.compare.results import Passage
from nkterm.compare.slots import date_slot, number_slot, refer_dates
from nkterm.compare.units import Unit, unit_of
from nkterm.models import Document
from tests.unit.test_compare_relations import _idf, judge

STORY_A = (
    "In early October a flood of bogus requests was aimed at the council's booking site. "
    "The flood made the site unusable for about six hours. "
    "About the same time the council's web team started using the services of a company called "
    "Lattice that helps sites handle busy days."
)
STORY_B = (
    "On 21 October, the council's booking site began using the services of a company called Lattice "
    "to keep its pages up."
)


def _units(text: str) -> list[Unit]:
    """The sentences of ``text`` as units, in order (split on ". ")."""
    out, start = [], 0
    for sentence in text.split(". "):
        end = start + len(sentence) + (0 if sentence.endswith(".") else 1)
        out.append(unit_of(Passage(start, end, text[start:end])))
        start += len(sentence) + 2
    return out


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


def test_a_date_by_reference_is_the_earlier_sentence_s_date() -> None:
    units = _units(STORY_A)
    refer_dates(units)
    assert units[2].context_date is not None
    assert units[2].context_date[2:] == ("october", 1, 10, "")  # "early October", two sentences back
    assert units[1].context_date is None  # no reference: no date
    assert (
        date_slot(units[2], _unit(STORY_B))
        == "dates differ: About the same time [early October] vs 21 October"
    )


@pytest.mark.usefixtures("loose_slot_rules")
def test_align_finds_the_date_conflict_given_by_reference() -> None:
    a = Document(id="a", path="a.txt", title="a", text=STORY_A)
    b = Document(id="b", path="b.txt", title="b", text=STORY_B)
    pairs = align(a, b, idf=_idf(STORY_A, STORY_B)).pairs  # type: ignore[arg-type]
    assert [(p.relation, p.reason) for p in pairs if p.b.text == STORY_B] == [
        (DIFFERS, "dates differ: About the same time [early October] vs 21 October")
    ]


def test_the_day_before_shifts_one_day_and_a_span_has_no_day_before() -> None:
    units = _units("The talks opened in Oslo on 12 March. The day before, the envoys met the mediators.")
    refer_dates(units)
    assert units[1].context_date is not None and units[1].context_date[2:] == ("march", 11, 11, "")
    units = _units("The talks ran in Oslo on 12-14 March. The day before, the envoys met the mediators.")
    refer_dates(units)
    assert units[1].context_date is None
    # a reference further back than REFERENCE_REACH passages finds nothing
    far = "The talks opened in Oslo on 12 March. It rained. It snowed. It cleared. The day before, they met."
    units = _units(far)
    refer_dates(units)
    assert units[-1].context_date is None


def test_an_opening_date_slots_the_whole_sentence_but_needs_two_shared_words() -> None:
    # "On 3 May," is a clause of its own: no word next to it; the sentence it opens shares
    # "services", "company", "called" with the words next to the other date
    a = _unit("On 3 May, the council's booking site began using the services of a company called Lattice.")
    b = _unit(
        "The council's booking site started using the services of a company called Lattice in late May."
    )
    assert date_slot(a, b) == "dates differ: 3 May vs late May"
    other = _unit("On 3 May, the council's booking site was attacked by bogus requests.")
    assert date_slot(other, b) == ""  # nothing next to "late May" in that sentence: two events
    inside = _unit(
        "The council said on 3 May that its booking site had begun using the services of a company."
    )
    assert date_slot(inside, b) == ""  # a date inside its sentence dates its clause only


@pytest.mark.usefixtures("loose_slot_rules")
def test_a_bare_magnitude_and_a_counted_one_are_one_slot() -> None:
    a = "Deliveries totalled 3.9 million parcels across the region during 2004, the company said."
    b = "Overall, the firm saw regional deliveries rise 8% to 4.7 million in 2004, helped by online shopping."
    slot = number_slot(_unit(a), _unit(b))
    assert slot is not None and (slot[0].written, slot[1].written) == ("3.9 million parcels", "4.7 million")
    relation, reason, _shared = judge(a, b)
    assert relation == DIFFERS, reason
    # the movement's own amount is not a level: "rise 8% by 4.7 million" is no value of the total
    assert number_slot(_unit(a), _unit(b.replace("to 4.7 million", "by 4.7 million"))) is None
    # a bare number far from the other's is another thing
    assert number_slot(_unit(a), _unit(b.replace("4.7 million", "470 million"))) is None


def test_declining_an_offer_is_a_refusal_not_an_assertion() -> None:
    a = _unit("Officials said Norway and Chile have declined the offer of a loan from the bank.")
    b = _unit("The minister said Chile has rejected the offer of a loan from the bank.")
    assert denial_conflict(a, b) == ""
    asserted = _unit("The minister said Chile has accepted the offer of a loan from the bank.")
    assert denial_conflict(asserted, b) != ""
