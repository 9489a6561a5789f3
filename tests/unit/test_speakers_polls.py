"""Speakers on news text, session 11 (issue 16): the respondents of a poll are the head of the
phrase after a share ("87% of the 1,000 adults quizzed by ICM for BBC News 24 said" -> adults,
never the pollster nor the number in brackets); a study that finds speaks ("The poll found that",
"..., a survey has found.", "An investigation commissioned by Acme found that"), a document
before its participle and maker speaks for itself ("a new poll conducted for the BBC suggests");
"played down" and "queried whether" report speech. Sentences written for these tests; no people
list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_the_respondents_after_a_share_speak_not_the_pollster() -> None:
    text = (
        "Voters have lost faith in the parties, the figures suggest. "
        "And 81% of the 1,200 adults quizzed by Ipsos for Channel News 24 said politicians broke 38 promises."
    )
    assert speaker_of(text, "And 81%") == "adults"


def test_a_share_in_brackets_is_skipped() -> None:
    text = (
        "Shoppers are wary of new tags in shops. "
        "Just under two-thirds of respondents (64%) said the tags could track them after 3 visits."
    )
    assert speaker_of(text, "Just under") == "respondents"


def test_most_respondents_speak() -> None:
    text = "Prices rose by 4% last year. Most respondents also said their pay had fallen by 2% since 2003."
    assert speaker_of(text, "Most respondents") == "respondents"


def test_a_count_is_no_share_of_respondents() -> None:
    text = (
        "The embargo covered 40 export licences last year. "
        "And only two of the licences denied under the embargo would have been granted under the 2004 code."
    )
    assert speaker_of(text, "And only two") is None


def test_a_possessive_is_no_group_of_respondents() -> None:
    text = (
        "The minister produced the party's pledge card from 1997, claiming Labour has met all of its "
        "promises to 20 million voters."
    )
    assert speaker_of(text, "The minister produced") != "its"


def test_a_poll_that_found_speaks() -> None:
    text = "The poll found that 62% of people in 13 countries believed the economy was going downhill."
    assert speaker_of(text, "The poll found") == "poll"
    assert "(a finding)" in speaker_cue(text, "The poll found")


def test_a_survey_that_has_found_at_the_end_speaks() -> None:
    text = "High Street sales fell by 3% in January, the worst month for 10 years, a survey has found."
    assert speaker_of(text, "High Street") == "survey"


def test_a_person_who_found_something_is_no_finding() -> None:
    text = "Ms Okafor found 300 letters in the attic of the house in 2004, the biggest haul in 10 years."
    assert speaker_of(text, "Ms Okafor") is None


def test_a_body_that_found_things_is_no_finding() -> None:
    text = "Police found 300 letters in the attic of the house in 2004, the biggest haul in 10 years."
    assert speaker_of(text, "Police found") is None


def test_a_committee_that_found_that_speaks() -> None:
    text = "The select committee found that 40% of the money had been spent on consultants since 2001."
    assert speaker_of(text, "The select committee") == "select committee"


def test_an_investigation_commissioned_by_a_firm_found() -> None:
    text = (
        "An investigation commissioned by Harbour Oil found that its finance chief had to share "
        "responsibility for 20% of the losses."
    )
    assert speaker_of(text, "An investigation") == "investigation"


def test_a_poll_conducted_for_a_broadcaster_is_the_speaker_not_the_broadcaster() -> None:
    text = "Eight out of 10 voters do not trust politicians, a new poll conducted for the Daily Courier suggests."
    assert speaker_of(text, "Eight out of") == "poll"


def test_played_down_reports_speech() -> None:
    text = (
        "Everton defender David Moyle has played down talk of European football, despite his team "
        "lying second in the league with 12 games left."
    )
    assert speaker_of(text, "Everton defender") == "David Moyle"


def test_played_by_an_actor_is_no_judgement_in_the_passive() -> None:
    text = (
        "The story of the label was told in the 2002 film 24 Hour Party People, in which Wilson was "
        "played by Steve Coogan."
    )
    assert speaker_of(text, "The story") is None


def test_queried_whether_reports_speech() -> None:
    text = "Some analysts also queried whether the bank had overpaid by $3bn for the Korean lender."
    assert speaker_of(text, "Some analysts") == "analysts"
