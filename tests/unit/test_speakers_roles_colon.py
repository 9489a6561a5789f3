"""Speakers on news text, session 9 (issue 16): roles never written with a title ("the chancellor"
-> the one person the text names, else an honest role speaker), role words of any kind between an
organisation and a person after an inverted verb, and headline-style speech with no verb after a
colon or a dash; a subject after "said" that ends the sentence. Sentences written for these tests; no
people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_an_untitled_office_is_the_one_person_the_text_names() -> None:
    text = (
        "Margaret Okoye has issued a rallying cry to party members in Hull. "
        "The chancellor said the vote would give a clear choice between investment and cuts."
    )
    assert speaker_of(text, "The chancellor said") == "Margaret Okoye"
    assert "the one person named" in speaker_cue(text, "The chancellor said")


def test_an_untitled_office_stays_a_role_when_two_people_are_named() -> None:
    text = (
        "Margaret Okoye has outlined her plans, with the help of Alan Pryce, an ally of the party leader. "
        "The chancellor said the vote would give a clear choice between investment and cuts."
    )
    assert speaker_of(text, "The chancellor said") == "chancellor"


def test_an_untitled_office_is_not_the_person_its_sentence_names() -> None:
    text = (
        "Margaret Okoye has outlined the themes of the next campaign. "
        "The premier insisted Ms Okoye will have a key role in the campaign, and praised her record."
    )
    assert speaker_of(text, "The premier insisted") == "premier"


def test_a_title_after_the_is_a_role_subject_and_its_holder_where_titled() -> None:
    text = (
        "Chancellor Margaret Okoye will publish the budget on Wednesday. "
        "The chancellor meanwhile insisted her spending plans of £3bn were affordable."
    )
    assert speaker_of(text, "The chancellor meanwhile") == "Margaret Okoye"
    text = "The mayor meanwhile insisted the £3bn tram line would open by 2008."
    assert speaker_of(text, "The mayor") == "mayor"


def test_role_words_of_any_kind_between_an_organisation_and_a_person() -> None:
    text = '"He is so clean cut and soft-spoken," said Ohio state archivist Jody Marren.'
    assert speaker_of(text, '"He is so') == "Jody Marren"
    text = '"The restatement was a monumental task," said Veltrax president and chief executive Bill Owain.'
    assert speaker_of(text, '"The restatement') == "Bill Owain"


def test_a_name_before_a_colon_speaks_when_its_surname_is_written_alone() -> None:
    text = (
        "Charles Kemp spoke in Leeds on Monday, and Mr Kemp was cheered. "
        "Charles Kemp: The poorest 20% pay more of their income in council tax than the richest."
    )
    assert speaker_of(text, "Charles Kemp: The poorest") == "Charles Kemp"
    assert "speech after a colon" in speaker_cue(text, "Charles Kemp: The poorest")


def test_a_heading_before_a_colon_is_no_speaker() -> None:
    text = "Key Points Summary: the plan will cost £3bn and take five years to finish."
    assert speaker_of(text, "Key Points") is None
    text = "Arsenal: Lehmann, Lauren, Toure, Cole. Subs Not Used: Eboue, Taylor. Subs Not Used: Cudicini, Bridge."
    assert all(speaker_of(text, f) is None for f in ("Subs Not Used: Eboue", "Subs Not Used: Cudicini"))


def test_a_possessor_of_a_saying_noun_before_a_colon_or_dash_speaks() -> None:
    text = "Sue Rahman met the ministers. Ms Rahman's verdict: the plan will cost 3,000 jobs in Wales."
    assert speaker_of(text, "Ms Rahman's verdict") == "Sue Rahman"
    text = "Sue Rahman met the ministers on Monday. Her answer - more nurses and 2,000 new beds by 2008."
    assert speaker_of(text, "Her answer") == "Sue Rahman"


def test_a_subject_after_said_that_ends_the_sentence_wins_over_names_before_the_comma() -> None:
    text = (
        "New episodes of Lost, Desperate Housewives and Six Feet Under appear on file-sharing networks "
        "within hours of their US broadcast, said a report."
    )
    assert speaker_of(text, "New episodes") == "report"
    text = "Security and prosperity would be the key themes of the UK's term in July, said Mr Strand."
    assert speaker_of(text, "Security and") == "Mr Strand"
    text = "Lawyer Louise Carter, who represents Mr Abbasi, said the government should have acted sooner."
    assert (speaker_of(text, "Lawyer Louise") or "").endswith("Louise Carter")  # never "the government"


def test_lower_case_role_words_of_any_kind_before_a_name_after_said() -> None:
    text = '"This is a momentous day," said asbestosis sufferer Barney Banks, who leads a victims group.'
    assert speaker_of(text, '"This is') == "Barney Banks"
    text = '"It has been a fantastic few weeks," said 20-year-old politics student Nick Vane.'
    assert speaker_of(text, '"It has been') == "Nick Vane"
