"""Speakers on news text, session 14 (issue 16, the faults held-out 15's blind run showed): works
that are no people, roles tied to the person they mean, documents and groups that speak, quote
runs given to the speaker and not to the person quoted about. Sentences written for these tests;
no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_a_work_s_title_is_no_speaker_and_no_one_she_means() -> None:
    text = (
        'Director Mia Holt said her documentary Harbour was "the hardest thing I have made". '
        "Shot over 3 winters, Harbour tells the story of 12 fishermen who lost their boats in 2001. "
        '"I wanted the men to speak for themselves," she explains.'
    )
    assert speaker_of(text, "Shot over 3 winters") is None
    assert speaker_of(text, '"I wanted the men') == "Mia Holt"


def test_a_quote_about_the_person_the_last_speaker_named_is_the_speaker_s() -> None:
    text = (
        "After the race, team boss Karl Weber warned that driver Luca Moretti needed a rest. "
        "Moretti, 23, was named rookie of the year in 2004 but has not won since March. "
        '"It is his first season at this level and he has done 40 races. '
        '"I do not think he has been at his best for 2 months," he said.'
    )
    assert speaker_of(text, '"It is his first season') == "Karl Weber"
    assert speaker_of(text, '"I do not think') == "Karl Weber"


def test_the_clause_a_tail_reports_holds_no_one_the_he_means() -> None:
    text = (
        "Opposition leader Tom Briggs attacked the plan in a speech on Monday. "
        "Mr Pryce's first job was to cut the 12% deficit, he said."
    )
    assert speaker_of(text, "Mr Pryce's first job") == "Tom Briggs"


def test_documents_and_plural_groups_speak() -> None:
    text = 'The 12-page lawsuit said the firm had "ignored 300 complaints" since 2002.'
    assert speaker_of(text, "The 12-page lawsuit") == "lawsuit"
    text = "A study of the 400 schools said that class sizes had risen by 8% since 2001."
    assert speaker_of(text, "A study of the 400") == "study"
    text = "Rival parties have accused the council of hiding a £40m loss in 2004."
    assert speaker_of(text, "Rival parties") == "rival parties"
    assert "a group" in speaker_cue(text, "Rival parties")


def test_a_noun_after_a_preposition_or_a_count_is_no_speaker() -> None:
    text = "The bank named in the lawsuit denied any wrongdoing over the $40m loans made in 2003."
    assert speaker_of(text, "The bank named") != "lawsuit"
    text = "It will protect the two million commuters estimated to use the 30 bridges each year."
    assert speaker_of(text, "It will protect") is None


def test_a_definite_person_noun_is_the_person_in_focus_who_spoke() -> None:
    text = (
        "Dale Ferris is suing the club over the 2003 stand collapse. "
        "He said the fall had left him unable to work for 18 months. "
        "The retired engineer said the club had ignored 4 warnings."
    )
    assert speaker_of(text, "The retired engineer") == "Dale Ferris"


def test_an_office_goes_to_the_one_person_the_text_titles_with_no_other_office() -> None:
    text = (
        "Jane Orme has said she will keep working with Paul Grant during his 2nd term. "
        "Mr Grant won 54% of the vote, Ms Orme said. "
        'The prime minister also urged both countries to "work as one". '
        '"Not just President Grant but all of us must act on the 3 crises now."'
    )
    assert speaker_of(text, "The prime minister also") == "Jane Orme"


def test_an_indefinite_role_is_the_speaker_the_next_sentence_names_first() -> None:
    text = (
        "A Dutch engineer has suggested that 40% of the dykes could be raised by 2010. "
        "The cost would be less than €2bn, said Mr Van Loon."
    )
    assert speaker_of(text, "A Dutch engineer") == "Van Loon"
    assert "named next" in speaker_cue(text, "A Dutch engineer")
    text = (
        "A senior economist has warned that 30% of the loans could fail by 2006. "
        "The banks have ignored the risk, said Ms Clara Dunn."
    )
    assert speaker_of(text, "A senior economist") == "Clara Dunn"
    text = (
        "A senior economist has warned that 30% of the loans could fail by 2006. "
        "The banks have ignored the risk for 3 years. "
        "Ms Clara Dunn said the figure was 40%."
    )
    assert speaker_of(text, "A senior economist") == "senior economist"  # only the next sentence
    text = (
        "A senior economist has warned that 30% of the loans could fail by 2006. "
        "Opposition leader Ed Marsh said the figure was 40%."
    )
    assert speaker_of(text, "A senior economist") == "senior economist"  # a role of his own


def test_a_subject_with_an_infinitive_is_no_speaker() -> None:
    text = "They are there to check official reports of 300 sites and to test 40 samples a year."
    assert speaker_of(text, "They are there") is None


def test_it_after_a_conjunction_is_the_body_that_opens_its_sentence() -> None:
    text = (
        "The Pensions Research Trust said 2m people retire with no savings. "
        "The government has refused to raise the limit, because it says it would cost £3bn."
    )
    assert speaker_of(text, "The government has refused") == "government"


def test_a_document_closing_an_inverted_subject_speaks_with_its_body() -> None:
    text = '"Failure to act will cost 300 jobs by 2006," said a union statement.'
    assert speaker_of(text, '"Failure to act') == "union statement"


def test_a_plural_name_after_the_takes_a_plural_verb_of_saying() -> None:
    text = "The Greens argue they were the only party to cost their 40 pledges in 2004."
    assert speaker_of(text, "The Greens argue") == "Greens"


def test_a_name_in_apposition_to_an_opening_role_is_the_subject_he_means() -> None:
    text = (
        "An agency spokesman said 3,000 visits were made in 2004. "
        "Senior engineer at the agency, Omar Saleh, wants to bring 3D maps to the 900 sites. "
        '"We could walk through the plant on a laptop in 2006," he said.'
    )
    assert speaker_of(text, '"We could walk') == "Omar Saleh"


def test_they_is_the_party_or_group_that_opened_the_sentence_before() -> None:
    text = (
        "The Greens have published what they say are the full costs of their 12 pledges. "
        "Now they say a 1p rise in income tax would pay for 3,000 nurses."
    )
    assert speaker_of(text, "The Greens have published") == "Greens"
    assert speaker_of(text, "Now they say") == "Greens"
    text = (
        "Rival parties have accused the council of hiding a £40m loss in 2004. "
        "They say the 3 audits were never published."
    )
    assert speaker_of(text, "They say the 3 audits") == "rival parties"
