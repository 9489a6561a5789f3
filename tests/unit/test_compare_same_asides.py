"""The session-16 "same" guards on sentence pairs written for these tests: one thing ranked
differently is no "same", nor are two passages that share only what subordinate parts of both
say (docs/compare.md, the `same` row); what one passage says in its main clause stays "same"."""

from __future__ import annotations

from nkterm.compare import AGREES, RELATED_ONLY
from nkterm.compare.clauses import subordinate_spans
from tests.unit.test_compare_relations import judge


def _parts(text: str) -> list[str]:
    return sorted(text[s:e].strip(" -") for s, e in subordinate_spans(text))


def test_another_rank_of_the_same_noun_is_two_states_not_one() -> None:
    relation, reason, _shared = judge(
        "Top of the North American box office for a second week was the thriller Red Harbour.",
        "The thriller Red Harbour has topped the North American box office for the third week in a row.",
    )
    assert relation == RELATED_ONLY
    assert "ranks differ: second vs third (week)" in reason


def test_the_same_rank_in_other_words_agrees() -> None:
    relation, _reason, _shared = judge(
        "Top of the North American box office for a second week was the thriller Red Harbour.",
        "The thriller Red Harbour has topped the North American box office for a second week.",
    )
    assert relation == AGREES


def test_a_detail_shared_only_in_both_asides_is_not_the_same_proposition() -> None:
    relation, reason, _shared = judge(
        "The singer was speaking to reporters amid fresh rumours of a rift with her producer.",
        "Fans have criticised the singer and her producer amid renewed rumours of a rift between the two.",
    )
    assert relation == RELATED_ONLY
    assert "said only in asides of both" in reason


def test_what_one_side_says_in_its_main_clause_stays_the_same() -> None:
    # each shared part is an aside on one side only: the other asserts it
    relation, _reason, _shared = judge(
        "Alvarez Motors, which reported a net loss over the year, owns 30% of the Spanish truck maker Pegaso.",
        "The Spanish truck maker Pegaso - in which Alvarez Motors owns a 30% stake - reported a net loss over the year.",
    )
    assert relation == AGREES


def test_subordinate_parts_are_relative_clauses_parentheses_and_circumstances() -> None:
    assert _parts("Nissan - in which Renault owns a 44% stake - contributed 1.7bn euros.") == [
        "in which Renault owns a 44% stake",
        "in which Renault owns a 44% stake",
    ]
    assert _parts("Mr Ghosn will run Renault, which owns 44% of Nissan, from April.") == [
        "which owns 44% of Nissan"
    ]
    assert _parts("Peel died after suffering a heart attack in Peru (aged 65).") == [
        "(aged 65)",
        "after suffering a heart attack in Peru",
    ]
    # a dash before "and" joins a second main clause; a sentence's opening word frames its main clause
    assert _parts('GM swapped a 6% stake for 20% of Fiat - and gave Fiat a "put option".') == []
    assert _parts("After the vote, the party said it would appeal.") == []
