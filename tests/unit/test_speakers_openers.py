"""Speakers on news text, session 12, second round (issue 16): a sentence's first word that the
text writes in lower case is no part of the name after it ("Once Okafor served first"), a
clipped name is the text's own full form ("Rur Inds" -> "Rural Independents"), and an office never
written as a title is the one person named without an office. Sentences written for these tests."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_a_sentence_opener_the_text_writes_in_lower_case_is_no_first_name() -> None:
    text = (
        "Lena Okafor reached the final in Lisbon on Sunday. "
        "Once Okafor served first, the match turned once and for all. "
        '"I was nervous at the start," said Okafor.'
    )
    assert speaker_of(text, '"I was nervous') == "Lena Okafor"


def test_a_first_name_the_text_also_writes_inside_a_sentence_stays() -> None:
    text = (
        "Will Barden won the race in Leeds on Sunday, and he will race again in May. "
        "The crowd cheered Will as he crossed the line. "
        '"I was nervous at the start," said Barden.'
    )
    assert speaker_of(text, '"I was nervous') == "Will Barden"


def test_a_clipped_party_name_is_the_text_s_full_form() -> None:
    text = (
        "The Rural Independents will stand in 30 seats, their leader said on Monday. "
        "The Rur Inds say council tax would fall by 4% under their plans."
    )
    assert speaker_of(text, "The Rur Inds say") == "Rural Independents"


def test_a_title_and_a_surname_are_no_clipped_name() -> None:
    text = (
        "Mirela Costa, an engineer in Porto, tests bridges. "
        "Professor Costa said 12% of bridges needed repair. "
        "Prof Costa said the share had doubled since 1999."
    )
    assert speaker_of(text, "Prof Costa said") == "Mirela Costa"


def test_an_office_never_written_as_a_title_is_the_one_person_named_without_one() -> None:
    text = (
        "Maria Lenk has said income tax will not rise before 2008. "
        "Opposition leader Tom Garvey said it would, but Ms Lenk denied it to Mr Garvey. "
        "The prime minister said the plan would cost £3bn."
    )
    assert speaker_of(text, "The prime minister said") == "Maria Lenk"


def test_an_office_stays_a_role_when_two_people_have_no_office() -> None:
    text = (
        "Maria Lenk and Paul Ostrow have clashed over income tax. "
        "Ms Lenk and Mr Ostrow met on Monday. "
        "The prime minister said the plan would cost £3bn."
    )
    assert speaker_of(text, "The prime minister said") == "prime minister"


def test_a_former_office_is_no_one_named_without_an_office() -> None:
    text = (
        "Maria Lenk has said income tax will not rise before 2008. "
        "Ms Lenk spoke in Leeds. "
        "The former cabinet secretary said the plan would cost £3bn."
    )
    assert speaker_of(text, "The former cabinet") != "Maria Lenk"
