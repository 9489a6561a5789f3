"""Speakers on news text, session 11 (issue 16): people in the plural and bodies of people
(WordNet nouns, ``personnouns``) head a subject phrase and speak ("Some delegates even spoke of",
"The couple, who married last year, claimed", "the band said"), after a determiner or a
quantifier or at the sentence's start; never the object of a preposition ("talks with the
producers revealed", "their daughters described by Sharon", "Lawyers for the alleged spammers
said"), a count ("the one million seafarers estimated to be") nor a body that in news is a thing ("The US economy added 337,000 jobs").
Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_plural_people_after_a_quantifier_speak() -> None:
    text = "Some delegates even spoke of the next election being like 1970, when the party won 330 seats."
    assert speaker_of(text, "Some delegates") == "delegates"


def test_a_body_of_people_after_its_determiner_speaks() -> None:
    text = "The couple, who married in Los Angeles last September, claimed staff sold 40 photographs of them."
    assert speaker_of(text, "The couple") == "couple"


def test_people_after_a_preposition_are_not_the_subject() -> None:
    text = (
        "Carib chief Charles Williams said talks with the producers revealed there was "
        '"a strong element of cannibalism in the script", which runs to 120 pages.'
    )
    assert speaker_of(text, "Carib chief") == "Charles Williams"


def test_a_count_of_people_is_no_subject_of_a_participle() -> None:
    text = "It aims to guarantee the welfare of the one million seafarers estimated to be at sea in 2005."
    assert speaker_of(text, "It aims") != "million seafarers"


def test_people_after_a_preposition_before_a_passive_participle_are_no_speakers() -> None:
    text = (
        "Also taken was a sapphire bought for their daughters described by the family as "
        '"one of the only 24-carat sapphires in the world".'
    )
    assert speaker_of(text, "Also taken") is None


def test_the_head_before_its_tail_speaks_not_the_people_in_the_tail() -> None:
    text = "Lawyers for the alleged spammers said the lawsuit was groundless and would cost 3m dollars."
    assert speaker_of(text, "Lawyers for") == "Lawyers"


def test_a_body_that_is_a_thing_in_news_is_no_speaker() -> None:
    text = "The US economy added 337,000 jobs in October, a seven-month high."
    assert speaker_of(text, "The US economy") is None
