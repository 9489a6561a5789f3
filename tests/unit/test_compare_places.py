"""Session 20: two places in one sentence's two versions (``places.place_slot``), a pronoun
against a name (``relations._referent_unknown``), and figures of two states told by their ranks.
Sentence pairs written for these tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

import pytest

from nkterm.compare import AGREES, DIFFERS, RELATED_ONLY
from nkterm.compare.apart import prizes_apart
from nkterm.compare.places import place_slot, places
from nkterm.compare.results import Passage
from nkterm.compare.units import Unit, unit_of
from tests.unit.test_compare_relations import judge

FINAL_A = "Italy's only other World Cup of rugby league came in 1998, when they beat Fiji in Turin."
FINAL_B = "Italy's only other World Cup of rugby league came six years ago in Genoa, when they beat Fiji."


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


def test_two_cities_in_one_sentences_two_versions_conflict() -> None:
    assert place_slot(_unit(FINAL_A), _unit(FINAL_B)) == "places differ: Turin vs Genoa"
    relation, reason, _shared = judge(FINAL_A, FINAL_B)
    assert relation == DIFFERS, reason
    assert "Turin vs Genoa" in reason


@pytest.mark.parametrize(
    "other",
    [
        "in Italy",  # a country may hold the city
        "in Europe",  # so may a continent
        "in March",  # a month is a time, not a place
        "in Turin's old stadium",  # the same place, said otherwise
    ],
)
def test_a_place_that_may_hold_the_other_or_no_place_is_no_conflict(other: str) -> None:
    b = FINAL_B.replace("in Genoa", other)
    assert place_slot(_unit(FINAL_A), _unit(b)) == ""
    relation, reason, _shared = judge(FINAL_A, b)
    assert relation != DIFFERS, reason


def test_two_countries_conflict_and_a_country_inside_a_region_does_not() -> None:
    a = "The summit of finance ministers was held in Brazil last week, officials said."
    assert (
        place_slot(_unit(a), _unit(a.replace("Brazil", "Argentina"))) == "places differ: Brazil vs Argentina"
    )
    assert place_slot(_unit(a), _unit(a.replace("Brazil", "South America"))) == ""
    assert place_slot(_unit(a), _unit(a.replace("in Brazil", "in the US"))) != ""
    assert place_slot(_unit(a.replace("Brazil", "the US")), _unit(a.replace("Brazil", "North America"))) == ""


def test_places_reads_names_after_prepositions_of_place_only() -> None:
    text = (
        "In Lisbon the talks stalled; at Christmas they met near Porto and in New York, in Mr Costa's words."
    )
    assert places(text) == ["Lisbon", "Porto", "New York"]


def test_two_places_outside_near_identical_wording_are_not_one_proposition() -> None:
    a = "The band played to a crowd of 20,000 fans in Manchester on Saturday night."
    b = "On Saturday night 20,000 fans watched the band at a sold-out concert in Leeds."
    relation, reason, _shared = judge(a, b)
    assert relation != AGREES, reason
    assert relation != DIFFERS, reason  # two places of two concerts, not one conflict


def test_a_rank_given_of_it_is_not_a_conflict_with_a_named_ones() -> None:
    tail = "in a series of 12 reissues to mark the 50th anniversary of the singer's death."
    named = f"Buddy Holly's Rave On, which entered the chart at number four, is the seventh {tail}"
    relation, reason, _shared = judge(named, f"It is the sixth {tail}")
    assert relation != DIFFERS, reason
    # the same sentence naming the single it is about conflicts
    relation, reason, _shared = judge(named, f"Rave On is the sixth {tail}")
    assert relation == DIFFERS, reason


def test_figures_whose_ranks_differ_too_are_two_states() -> None:
    a = "Comedy Big Top entered the box office chart in first place after opening at Easter, taking $15.2m (£8m)."
    b = "Comedy Big Top slipped down the box office chart to third place after taking $9.1m (£4.8m)."
    relation, reason, _shared = judge(a, b)
    assert relation == RELATED_ONLY, reason
    assert "two states" in reason
    # the same figures with one rank are one slot's two values
    relation, reason, _shared = judge(
        a,
        b.replace(
            "slipped down the box office chart to third place", "entered the box office chart in first place"
        ),
    )
    assert relation == DIFFERS, reason


def test_two_prizes_named_by_best_are_two_propositions() -> None:
    a = "Quiet drama Lowlands was named the best film of the year by the Boston Film Critics Society."
    b = "Quiet drama Lowlands was named best screenplay and best drama by the Boston critics."
    relation, reason, _shared = judge(a, b)
    assert relation == RELATED_ONLY, reason
    assert "different prizes" in reason
    # the same prize, written "film" and "movie", is one
    assert (
        prizes_apart(
            _unit(a), _unit(b.replace("best screenplay and best drama", "the best movie of the year"))
        )
        == ""
    )
    # "a personal best" names no prize
    assert prizes_apart(_unit("She ran a personal best of 7.12 seconds to win."), _unit(a)) == ""
