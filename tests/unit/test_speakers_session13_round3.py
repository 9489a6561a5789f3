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
