"""Speakers on news text, session 9 (issue 16): short forms of an organisation named earlier
("Veltrax" for Veltrax Networks, initials after a bracketed short form), a subject closed by a
bracketed short form, "X quoted Y as saying" (Y speaks, not the paper), a royal title before
a first name, and a quoted term inside reported speech (the speaker before it speaks). Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_a_one_word_short_form_is_the_organisation_it_opens() -> None:
    text = (
        "Telecoms equipment maker Veltrax Networks has cut 3,500 jobs. "
        "The cuts will cost $300m. "
        "Veltrax said the move would save $1bn a year from 2006."
    )
    assert speaker_of(text, "Veltrax said") == "Veltrax Networks"
    assert "Veltrax = Veltrax Networks" in speaker_cue(text, "Veltrax said")


def test_the_company_and_it_after_a_short_form_are_the_full_name() -> None:
    text = (
        "Telecoms equipment maker Veltrax Networks has cut 3,500 jobs. "
        "In a long-delayed filing, Veltrax said it had restated its accounts for 2003. "
        "The company also said it would sell its plant in Cork. "
        "It said the sale would be completed by March."
    )
    assert speaker_of(text, "The company also said") == "Veltrax Networks"
    assert speaker_of(text, "It said the sale") == "Veltrax Networks"


def test_a_short_form_two_organisations_open_stays_as_written() -> None:
    text = (
        "Shares in Halvorsen Foods fell 4% on Monday. "
        "Halvorsen Bank said its profits had risen by a third. "
        "Halvorsen said it was pleased with the results."
    )
    assert speaker_of(text, "Halvorsen said") == "Halvorsen"


def test_a_surname_is_never_read_as_an_organisation_short_form() -> None:
    text = (
        "Prime Minister Tony Blair met Blair Government officials on Monday. "
        "Blair said the plan would work within two years."
    )
    assert speaker_of(text, "Blair said") == "Tony Blair"


def test_a_bracketed_short_form_closes_the_subject_between_commas() -> None:
    text = (
        "Canada's biggest rail freight group, Northern Pacific Rail & Port Corp (NPRPC), says it is in "
        "talks to buy a 26% stake in a port. NPRPC said the talks were going well."
    )
    assert speaker_of(text, "Canada's biggest") == "Northern Pacific Rail & Port Corp"
    assert speaker_of(text, "NPRPC said") == "Northern Pacific Rail & Port Corp"


def test_the_person_a_paper_quoted_as_saying_speaks() -> None:
    text = (
        "Interior Minister Hamid Oroz visited the border on Monday. "
        "The local Gulf News said the visit had caused uproar. "
        '"Our reforms have created a new generation of border guards," Gulf News quoted Mr Oroz as saying. '
        '"I am proud that this year 40 new posts will open."'
    )
    assert speaker_of(text, '"Our reforms') == "Hamid Oroz"
    assert speaker_of(text, '"I am proud') == "Hamid Oroz"
    assert speaker_of(text, "The local Gulf News") == "Gulf News"


def test_quoted_as_saying_before_reported_speech() -> None:
    text = "The daily Gulf News quoted Hamid Oroz as saying the border would stay closed until spring."
    assert speaker_of(text, "The daily") == "Hamid Oroz"


def test_a_passive_reported_as_saying_gives_its_subject_not_the_sentence_opener() -> None:
    text = (
        "Women will join the diplomatic service for the first time this year, Foreign Minister "
        "Prince Hamid Al-Rashid has been reported as saying."
    )
    assert speaker_of(text, "Women will") == "Hamid Al-Rashid"
    text = "The border will stay closed until spring, Interior Minister Hamid Oroz was quoted as saying."
    assert speaker_of(text, "The border") == "Hamid Oroz"


def test_a_royal_title_before_a_first_name_is_the_full_name_written_before() -> None:
    text = (
        "Foreign Minister Prince Hamid Al-Rashid opened the talks on Monday. "
        '"We will not sign this year," Prince Hamid said.'
    )
    assert speaker_of(text, '"We will not sign') == "Hamid Al-Rashid"


def test_a_quoted_term_in_reported_speech_keeps_the_speaker_of_the_sentence() -> None:
    text = (
        'Green spokesman Tom Varley meanwhile said instead of the "bonfire of red tape" New Labour had '
        "promised, the number of agencies had grown by 40."
    )
    assert speaker_of(text, "Green spokesman") == "Tom Varley"
    assert "a quoted term" in speaker_cue(text, "Green spokesman")
