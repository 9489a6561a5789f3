"""Speakers on news text, session 13, third round (issue 16): faults held-out 14 showed. Sentences
written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_a_gerund_opening_a_sentence_is_no_speaker() -> None:
    text = (
        'Cutting red tape is second nature to the former director, who mocks "lazy box tickers" '
        'and in 2004 coined the phrase "paperati", as an amalgam of "paper" and "literati".'
    )
    assert speaker_of(text, "Cutting red tape") is None
    # a surname ending in -ing that the text writes after a first name is still a name
    text = (
        "Coach Tom Fleming took over in 2003. "
        'Fleming is second nature to the side, which mocks "lazy box tickers" after 12 wins.'
    )
    assert speaker_of(text, "Fleming is") == "Tom Fleming"


def test_a_he_never_means_a_run_of_two_phrases_joined_by_the() -> None:
    text = (
        "Home Secretary Ann Cole told MPs the UK would keep its veto on 25 March. "
        "She argued closer ties with Europe would cut the 40,000 claims a year."
    )
    assert speaker_of(text, "She argued") == "Ann Cole"


def test_a_gerund_phrase_opening_a_sentence_is_skipped_to_its_subject() -> None:
    text = 'Looking ahead, Mr Dorn forecast growth for 2006 "with a margin in the upper teens".'
    assert speaker_of(text, "Looking ahead") == "Mr Dorn"
    text = "Having said that, the 12 new stores will open by March, as planned in 2004."
    assert speaker_of(text, "Having said that") is None


def test_a_nationality_after_a_quote_is_the_person_in_focus() -> None:
    text = (
        "Director Tom Hale has said the film will take four years, until 2009. "
        '"It is a long way off," said the New Zealander.'
    )
    assert speaker_of(text, '"It is a long') == "Tom Hale"


def test_a_he_after_a_nationality_subject_is_the_person_named_before_it() -> None:
    text = (
        "Pablo Ruiz has added to talk of a £3m move to Madrid in 2005. The Spaniard believed he "
        'was talking to Madrid director Luis Prado when he called his team-mates "bad people". '
        '"I wish I was playing for Madrid," the 21-year-old told a radio station. '
        "The striker joined Rovers from Seville for £17m in 2004. "
        '"I am not happy," he added.'
    )
    assert speaker_of(text, '"I am not happy') == "Pablo Ruiz"


def test_an_honour_epithet_as_a_subject_is_the_person_in_focus_never_a_group() -> None:
    text = (
        "Britain's Jo Marsh won the 60m in 6.56 seconds in Leipzig in 2005. "
        'The world indoor champion said the race "went perfectly" after a bad night.'
    )
    assert speaker_of(text, "The world indoor champion") == "Jo Marsh"
    text = (
        "Investment bank Carter Lowe found that prices rose 11% in 2004. "
        "The Spaniard said the rise would slow by 2006."
    )
    assert speaker_of(text, "The Spaniard said") != "Carter Lowe"


def test_initials_are_the_one_longer_name_the_text_writes_as_an_organisation() -> None:
    text = (
        "Trust in online banking fell by 12% in 2004, said security firm QXT. "
        "Few people use the 40 new tokens. "
        "Many companies, like QXT Digital, have tried to sell them since 2003."
    )
    assert speaker_of(text, "Trust in online") == "QXT Digital"
    # a longer name written with no organisation noun before it: a part, not the firm
    text = (
        "Phone company QXT says 4,000 lines were hit by fraud in 2004. "
        'Jo Hale, managing director for QXT Retail, said "we do look at every bill".'
    )
    assert speaker_of(text, "Phone company QXT") == "QXT"
