"""Speakers on news text, session 10 (issue 16): an office written capitalised is the person in
apposition beside it ("The Bishop of Durham, the Rt Rev Dr X, described"), and the same office
later ("the Bishop said", "according to the Bishop") is that person, as is a "he said" after it;
an apposition never closed by its comma ("Jo Hale, editor of Gamesworld.com told") is the person.
Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of

_BISHOP = (
    "A novel about the early church is nonsense, a clergyman has said. "
    "The Bishop of Wetherby, the Rt Rev Dr Alan Marsh, described the novel as a fine thriller. "
    "Despite enjoying the plot, the Bishop said there was no evidence for it. "
    "Much good evidence supports the older account, according to the Bishop. "
    '"The records are astonishingly good," he said.'
)


def test_an_office_is_the_person_in_apposition_beside_it() -> None:
    assert speaker_of(_BISHOP, "The Bishop of Wetherby") == "Alan Marsh"
    assert "Bishop of Wetherby = Alan Marsh" in speaker_cue(_BISHOP, "The Bishop of Wetherby")


def test_the_office_later_is_the_person_named_in_apposition_before() -> None:
    assert speaker_of(_BISHOP, "Despite enjoying") == "Alan Marsh"


def test_according_to_the_office_is_its_holder_and_he_said_follows_him() -> None:
    assert speaker_of(_BISHOP, "Much good evidence") == "Alan Marsh"
    assert speaker_of(_BISHOP, '"The records') == "Alan Marsh"


def test_an_office_whose_holder_was_named_in_commas_before() -> None:
    text = (
        "The service will be led by the Archbishop of Eastport, Dr Ruth Okafor, on Sunday. "
        'The Archbishop of Eastport said: "I am pleased to be asked."'
    )
    assert speaker_of(text, "The Archbishop of Eastport said") == "Ruth Okafor"


def test_an_office_with_no_holder_named_stays_the_office() -> None:
    text = (
        "The cathedral will close for a month of repairs. "
        "The Bishop of Wetherby said the work was long overdue and would cost £2m."
    )
    assert speaker_of(text, "The Bishop of Wetherby said") == "Bishop of Wetherby"


def test_a_name_in_apposition_to_another_office_is_not_this_ones_holder() -> None:
    text = (
        "The Dean of Wetherby, the Very Rev John Hale, opened the fair. "
        "Later the Bishop said the fair had raised £5,000 for the roof."
    )
    assert speaker_of(text, "Later the Bishop said") != "John Hale"


def test_an_apposition_without_its_closing_comma_is_the_persons() -> None:
    text = (
        '"It is very encouraging for the firm," Jo Hale, editor of Gamesworld.com told BBC News. '
        "Will Davies, senior research fellow at the Institute for Work told the BBC the plan was sound."
    )
    assert speaker_of(text, '"It is very') == "Jo Hale"
    assert speaker_of(text, "Will Davies") == "Will Davies"


def test_a_subject_after_an_opening_phrase_with_a_comma_is_not_an_apposition() -> None:
    text = (
        "The Bishop of Wetherby, the Rt Rev Dr Alan Marsh, wrote a letter. "
        "Writing in the Northern Echo, the Bishop said the book was absurd."
    )
    assert speaker_of(text, "Writing in the") == "Alan Marsh"


def test_a_clause_after_a_name_in_commas_is_no_apposition() -> None:
    text = (
        "Glasgow architect, Ian Barr, became the first Scot to be confirmed as a victim of the storm. "
        "His family said they were devastated."
    )
    assert speaker_of(text, "Glasgow architect") != "Ian Barr"


def test_a_title_and_surname_is_the_name_written_after_that_title_before() -> None:
    text = (
        "The ruling was handed down by Harbour County Superior Court Judge Ellen Marsh on Friday. "
        "In making her ruling, Judge Marsh said the trade secrets outweighed the public interest."
    )
    assert speaker_of(text, "In making") == "Ellen Marsh"


def test_a_title_and_surname_with_no_longer_name_before_stays_as_written() -> None:
    text = "In making her ruling, Judge Marsh said the trade secrets outweighed the public interest."
    assert speaker_of(text, "In making") == "Judge Marsh"
