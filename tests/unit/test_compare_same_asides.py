"""The session-16 "same" guards on sentence pairs written for these tests: one thing ranked
differently is no "same", nor are two passages sharing under 30% of what they say besides names
and numbers, nor two passages that share only what subordinate parts of both
say, set off by commas, dashes or brackets (docs/compare.md, the `same` row); what one passage
says in its main clause stays "same"."""

from __future__ import annotations

import pytest

from nkterm.compare import AGREES, RELATED_ONLY, params
from nkterm.compare.clauses import ordinals_apart, subordinate_spans
from nkterm.compare.results import Passage
from nkterm.compare.units import unit_of
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


def test_the_same_names_and_date_with_little_else_shared_are_related() -> None:
    # a quarter of what they say besides names and numbers: one remains in doubt, the other is unfit
    relation, reason, _shared = judge(
        "Nadal's participation in the Melbourne Open on 17 January also remains in doubt.",
        "Nadal is now unlikely to be fit in time for the Melbourne Open on 17 January.",
    )
    assert relation == RELATED_ONLY
    assert reason.startswith("same names, different things said (25%")


def test_a_rank_the_other_side_also_gives_is_not_another_rank() -> None:
    def ranks(a: str, b: str) -> str:
        return ordinals_apart(unit_of(Passage(0, len(a), a)), unit_of(Passage(0, len(b), b)))

    first = "She won her first Grand Slam title since 2003 on Saturday."
    assert ranks(first, "She claimed her seventh Grand Slam title, and her first since 2003.") == ""
    assert (
        ranks(first, "She claimed her seventh Grand Slam title on Saturday.")
        == "ranks differ: first vs seventh (grand)"
    )


def test_a_detail_shared_only_in_both_asides_is_not_the_same_proposition() -> None:
    relation, reason, _shared = judge(
        "The singer was speaking to reporters on Monday, amid fresh rumours of a rift with her producer.",
        "Fans have criticised the singer's record label, amid renewed rumours of a rift with her producer.",
    )
    assert relation == RELATED_ONLY
    assert "said only in asides of both" in reason


def test_a_clause_not_set_off_is_part_of_what_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    # a relative clause saying which woman is meant, an "after" clause without a comma: the
    # main clauses' own content, so the pairs stay "same" (paraphrases below session 19's
    # params.AGREES_MIN: the bar set back to the pairing's to test the clauses alone)
    monkeypatch.setattr(params, "AGREES_MIN", params.SAME_MIN)
    for a, b in (
        (
            "It tells the story of a young woman who ages dramatically after falling under a witch's spell.",
            "The film is about a young girl who is trapped in an old woman's body after being put under a spell by a witch.",
        ),
        (
            "The singer cancelled the rest of her tour after a throat infection forced her off stage in Glasgow.",
            "She has called off the rest of her tour, her record label said, after a throat infection in Glasgow.",
        ),
    ):
        assert judge(a, b)[0] == AGREES


def test_two_lists_of_names_have_no_main_clause_to_differ() -> None:
    relation, _reason, _shared = judge(
        "J Smith; A Jones, B Brown (capt), C Green; D White.",
        "Jack Smith (Leeds), Alan Jones (Hull), Bob Brown (Leeds, capt), Carl Green (York), Dan White (Bath).",
    )
    assert relation == AGREES


def test_what_one_side_says_in_its_main_clause_stays_the_same() -> None:
    # each shared part is an aside on one side only: the other asserts it
    relation, _reason, _shared = judge(
        "Alvarez Motors, which reported a net loss over the year, owns 30% of the Spanish truck maker Pegaso.",
        "The Spanish truck maker Pegaso - in which Alvarez Motors owns a 30% stake - reported a net loss over the year.",
    )
    assert relation == AGREES


def test_subordinate_parts_are_the_parts_set_off_from_the_main_clause() -> None:
    assert _parts("Nissan - in which Renault owns a 44% stake - contributed 1.7bn euros.") == [
        "in which Renault owns a 44% stake",
        "in which Renault owns a 44% stake",
    ]
    assert _parts("Mr Ghosn will run Renault, which owns 44% of Nissan, from April.") == [
        "which owns 44% of Nissan"
    ]
    assert _parts("Blair changed his mind in June, after Cabinet allies intervened (the book says).") == [
        "(the book says)",
        "after Cabinet allies intervened",
    ]
    # not set off: a relative clause saying which thing is meant, an adverbial clause without a
    # comma; a dash before "and" joins a second main clause; an opening word frames the main clause
    assert _parts("Peel died after suffering a heart attack in Peru.") == []
    assert _parts("MPs debate a bill which critics claim would allow euthanasia.") == []
    assert _parts('GM swapped a 6% stake for 20% of Fiat - and gave Fiat a "put option".') == []
    assert _parts("After the vote, the party said it would appeal.") == []
