"""Speakers on news text, session 11 (issue 16): after an inverted verb, a person named in
apposition to an organisation's role ("said RNID technology director, Guido Gybels.") speaks,
not the organisation; a person named first and described after ("said Robbie Bach, senior vice
president, Microsoft home division.") stays the speaker; a short form defined in brackets stands
for every word written before the bracket ("Royal National Institute for Deaf People (RNID)").
Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_a_name_in_apposition_to_an_organisations_role_speaks() -> None:
    text = (
        '"There are no technical reasons for charging 7 times the cost of a call," said RNID '
        "technology director, Guido Gybels."
    )
    assert speaker_of(text, '"There are') == "Guido Gybels"


def test_a_person_described_after_the_name_stays_the_speaker() -> None:
    text = (
        '"This is a step we are taking despite the rarity of 14 incidents," said Robbie Bach, '
        "senior vice president, Microsoft home and entertainment division."
    )
    assert speaker_of(text, '"This is') == "Robbie Bach"


def test_according_to_an_agency_is_not_the_name_after_its_comma() -> None:
    text = (
        "And, according to Tass news agency, Gazprom did not make a single bid at the 246bn rouble auction."
    )
    assert speaker_of(text, "And, according") != "Gazprom"


def test_a_short_form_in_brackets_stands_for_the_whole_name_before_it() -> None:
    text = (
        "The service is piloted by the Royal National Institute for Deaf People (RNID) in 3 cities. "
        "The RNID says the UK is lagging behind 12 other countries."
    )
    assert speaker_of(text, "The RNID says") == "Royal National Institute for Deaf People"
