"""Speakers on news text, session 10 (issue 16): the speaker phrase after an inverted verb.
A body or a person named by a common noun from WordNet, not a hand list ("..., says the
think-tank." -> the organisation that spoke before; '"...," said a clergyman.'); a quote whose own
verb follows it is never given the previous quote's speaker ('"...," whispered the party
official'), and its speaker is a name ending the clause after any words ("said retired miner and
father of three Bill Hart"). Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_the_think_tank_after_an_inverted_verb_is_the_body_that_spoke() -> None:
    text = (
        "The Institute for Fiscal Work said on Monday that wages would rise. "
        "Pay rises will slow next year, says the think-tank."
    )
    assert speaker_of(text, "Pay rises") == "Institute for Fiscal Work"


def test_a_body_noun_with_no_organisation_before_is_an_honest_role() -> None:
    text = "Pay rises will slow next year, says the think-tank."
    assert speaker_of(text, "Pay rises") == "think-tank"


def test_a_person_noun_after_an_inverted_verb_speaks() -> None:
    text = '"The roof will not last another winter," said the archdeacon.'
    assert speaker_of(text, '"The roof') == "archdeacon"


def test_a_name_ending_the_clause_after_any_words_speaks_the_quote() -> None:
    text = (
        '"We will win," said Ann Rowe, the union leader. '
        '"It was a shock to all of us," said retired miner and father of three Bill Hart.'
    )
    assert speaker_of(text, '"It was a shock') == "Bill Hart"


def test_a_quote_with_its_own_verb_never_inherits_the_last_speaker() -> None:
    text = (
        '"We will win," said Ann Rowe, the union leader. '
        '"He is not finished yet," whispered one of the older men in the hall as the votes came in.'
    )
    assert speaker_of(text, '"He is not') != "Ann Rowe"


def test_a_quote_run_without_a_verb_still_continues() -> None:
    text = '"We will win," said Ann Rowe, the union leader. "Nobody can stop us now."'
    assert speaker_of(text, '"Nobody') == "Ann Rowe"


def test_a_known_speaking_noun_keeps_its_own_rule() -> None:
    text = (
        "Acme Holdings said on Monday that profits rose. "
        "But the government says the existing powers run out soon and must be replaced."
    )
    assert speaker_of(text, "But the government") == "government"
