"""Speakers on news text, session 10 (issue 16): a noun read as a verb of saying gives no speaker
("rebuttals and counter claims.", "The Fenwick reports said"), and a document made by someone
speaks for itself ("A survey by Hostel Ltd suggests" -> survey). Sentences written for these
tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_a_list_of_nouns_ending_in_a_verb_form_is_the_writers() -> None:
    text = (
        "The novel has sold four million copies. "
        "It has spawned an industry of guides on how to read it, rebuttals and counter claims. "
        "A film of it is planned."
    )
    assert speaker_of(text, "It has spawned") is None


def test_one_subject_with_its_verb_at_the_end_still_speaks() -> None:
    text = "Sales fell by 4% in the last quarter, the retail association says."
    assert speaker_of(text, "Sales fell") == "retail association"


def test_a_plural_noun_before_said_is_no_verb() -> None:
    text = "The Fenwick reports said that the TV industry faced losses of £2bn a year."
    assert speaker_of(text, "The Fenwick reports") != "Fenwick"


def test_a_document_by_someone_speaks_for_itself() -> None:
    text = "A survey by Hostel Ltd suggests that many men now shop online at work."
    assert speaker_of(text, "A survey") == "survey"


def test_a_person_after_by_with_no_document_still_speaks() -> None:
    text = 'The award was presented on Monday. "It is a great honour," said Ann Rowe, cheered by fans.'
    assert speaker_of(text, '"It is a great') == "Ann Rowe"
