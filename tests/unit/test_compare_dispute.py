"""A passage that disputes the other's own words (``nkterm.compare.dispute``): an accusation
quoted inside its denial is a conflict, whoever denies; sentence pairs written for these
tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

from nkterm.compare import AGREES, DIFFERS
from nkterm.compare.dispute import dispute_conflict
from nkterm.compare.results import Passage
from nkterm.compare.units import Unit, unit_of
from tests.unit.test_compare_relations import judge

ACCUSATION = (
    "The opposition leader said it was shameful that any minister should tell students "
    "that cheating in exams was harmless fun."
)
DENIAL = (
    "The minister said the opposition had spread a distortion by claiming that he 'should tell "
    "students that cheating in exams was harmless fun'."
)


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


def test_an_accusation_quoted_inside_its_denial_differs() -> None:
    reason = dispute_conflict(_unit(ACCUSATION), _unit(DENIAL))
    assert reason.startswith("opposite polarity: B disputes"), reason
    assert "cheating in exams was harmless fun" in reason
    relation, why, _shared = judge(ACCUSATION, DENIAL)
    assert relation == DIFFERS, why


def test_a_run_after_the_cue_needs_no_quotation() -> None:
    a = "The report says the regional office destroyed tax records before the audit began."
    b = "The agency rejected claims that the regional office destroyed tax records before the audit."
    assert "destroyed tax records" in dispute_conflict(_unit(a), _unit(b))


def test_words_further_on_are_the_disputed_statement_s_setting_not_the_act() -> None:
    # who pressured whom is disputed, not the falsified accounts that both mention
    a = "On his first day in the witness box, the former treasurer admitted falsifying the charity's annual accounts."
    b = "The chairman rejected allegations that he pressured the treasurer into falsifying the charity's annual accounts."
    assert dispute_conflict(_unit(a), _unit(b)) == ""
    quoted = b.replace("into falsifying", "into 'falsifying").replace("accounts.", "accounts'.")
    assert dispute_conflict(_unit(a), _unit(quoted)) != ""  # quoted, the words are the other's own


def test_a_shared_name_is_no_disputed_proposition() -> None:
    a = "No date has been set, but Foreign Secretary Jane Orwell has suggested the vote will come late."
    b = "Several backbenchers rejected Foreign Secretary Jane Orwell's plan for an early vote."
    assert dispute_conflict(_unit(a), _unit(b)) == ""


def test_the_other_passage_negating_the_words_too_is_no_dispute() -> None:
    a = "The minister does not want to tell students that cheating in exams was harmless fun."
    assert dispute_conflict(_unit(a), _unit(DENIAL)) == ""


def test_two_disputes_of_one_claim_agree_rather_than_differ() -> None:
    a = "The agency rejected claims that the regional office destroyed tax records before the audit."
    b = "The agency has denied that the regional office destroyed tax records before the audit."
    assert dispute_conflict(_unit(a), _unit(b)) == ""
    relation, why, _shared = judge(a, b)
    assert relation == AGREES, why


def test_a_pronoun_that_disputes_is_left_to_testimony_unless_it_quotes() -> None:
    charged = "Prosecutors charged Petrov with fraud, money laundering and tax evasion after a long inquiry."
    he_denied = (
        "He denied the charges of fraud, money laundering and tax evasion, his lawyer Ivan Kolev said."
    )
    assert dispute_conflict(_unit(he_denied), _unit(charged)) == ""  # "he" may be the lawyer
    the_firm = he_denied.replace("He denied", "The firm denied")
    assert dispute_conflict(_unit(the_firm), _unit(charged)) != ""
