"""Speakers on news text, session 12 (issue 16): documents that find in every position ("The trials
found", "..., the study of 3,200 households found.", "The panel test of 40 kettles discovered",
"It found that" after a document opened a sentence). Sentences written for these tests; no
people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_plural_documents_that_found_speak() -> None:
    text = "The two surveys found that 70% of the new kettles failed within 2 years, against 12% of the old ones."
    assert speaker_of(text, "The two surveys") == "surveys"


def test_a_test_that_found_speaks() -> None:
    text = "The laboratory test found that 14 of the 30 helmets cracked at a speed of 20 mph."
    assert speaker_of(text, "The laboratory") == "test"


def test_a_document_whose_of_phrase_holds_the_subject_speaks() -> None:
    text = "Energy bills rose by 9% over the winter, the study of 3,200 households found."
    assert speaker_of(text, "Energy bills") == "study"
    assert "(a finding)" in speaker_cue(text, "Energy bills")


def test_a_document_with_a_long_of_phrase_that_discovered_speaks() -> None:
    text = "The panel test of 40 electric kettles discovered that 11 models used 30% more power than claimed."
    assert speaker_of(text, "The panel test") == "test"


def test_it_after_a_document_finds() -> None:
    text = (
        "The annual report into rail fares was published on Monday. "
        "It found that 45% of passengers paid more than £20 a week for tickets."
    )
    assert speaker_of(text, "It found") == "report"


def test_a_person_of_a_group_who_found_is_no_finding() -> None:
    text = "One of the 12 divers found a 300-year-old cannon on the seabed off Cornwall in 2004."
    assert speaker_of(text, "One of the") is None


def test_a_role_is_the_one_person_the_text_states_holds_it() -> None:
    text = (
        "Quickfly faces a court case over its name. Founder Marta Oyelaran-Kent has pledged to fight it. "
        "The airline's founder also said she planned to add 3 new routes to 40 cities next year."
    )
    assert speaker_of(text, "The airline's founder") == "Marta Oyelaran-Kent"


def test_a_role_stated_after_the_description_is_its_holder() -> None:
    text = (
        "Ticket touts broke 3 laws on internet sales. "
        "The Ohio trade minister said the touts had sold 4,000 tickets for £2m. "
        '"Touting must stop," said Dennis Okafor, Ohio trade minister announcing the case.'
    )
    assert speaker_of(text, "The Ohio trade minister said") == "Dennis Okafor"


def test_a_role_held_by_two_people_is_no_one() -> None:
    text = (
        "The chairman said profits had risen by 12% to £40m over the year. "
        "Chairman Ivo Rask of Ardent and chairman Lena Holm of Brio met on Monday."
    )
    assert speaker_of(text, "The chairman said") == "chairman"


def test_another_party_s_leader_is_no_holder() -> None:
    text = (
        "Labour leader Colin Abara spoke first. "
        "The Green leader argued there were 2 million voters who felt let down by both parties."
    )
    assert speaker_of(text, "The Green leader") != "Colin Abara"


def test_the_opening_role_is_the_person_the_next_sentences_introduce() -> None:
    text = (
        "Rail firms must cut fares\n\n"
        "Brisk Rail could cut 4,000 jobs over the next three years, its chairman has said.\n\n"
        "The Leeds-based firm is due to merge with Northline in May. "
        "However, Ruth Ambler has told staff the merged firm will have to shed 10% of its jobs."
    )
    assert speaker_of(text, "Brisk Rail could") == "Ruth Ambler"


def test_a_role_later_in_the_text_is_no_one_named_next() -> None:
    text = (
        "Tom Reyes and Ann Brook met in Paris on Monday to discuss the 3% tax. "
        "The premier said the tax would raise £2bn a year. "
        "Economist Joan Petrie said that was unlikely."
    )
    assert speaker_of(text, "The premier said") != "Joan Petrie"


def test_the_aged_demonym_is_the_person_in_focus() -> None:
    text = (
        "Leeds manager Hugo Santerre has signed a new 3-year contract. "
        'The 61-year-old Belgian told the club\'s website: "I am very happy here after 10 years."'
    )
    assert speaker_of(text, "The 61-year-old") == "Hugo Santerre"


def test_a_clipped_name_is_the_text_s_full_form() -> None:
    text = (
        "The Social Greens have unveiled plans to build 50,000 homes. "
        "The Soc Greens say the homes would cost 5% less than today's prices."
    )
    assert speaker_of(text, "The Soc Greens say") == "Social Greens"


def test_it_after_initials_is_the_full_name() -> None:
    text = (
        "Growth will slow to 2% next year, the Northern Chamber of Trade (NCT) has said. "
        "The outlook was uncertain, the NCT noted. "
        "Lower interest rates had helped confidence by 5%, it said."
    )
    assert speaker_of(text, "Lower interest") == "Northern Chamber of Trade"


def test_it_after_a_definite_company_is_the_company() -> None:
    text = (
        "Dutch mining group Tarnfield Holdings is buying a 20% stake in a Welsh quarry for £3m. "
        "Output from its Scottish and English quarries fell by 12% to 3 million tonnes, the group said. "
        "This was helped by the positive impact of 40 new machines in Wales, it said."
    )
    assert speaker_of(text, "This was helped") == "Tarnfield Holdings"


def test_a_title_and_a_surname_are_no_clipped_name() -> None:
    text = (
        "Anil Varma, a chemist at Leeds, studies drug trials. "
        "Professor Varma said 30% of trials failed. "
        "Prof Varma said the figure had risen by 5% since 2001."
    )
    assert speaker_of(text, "Prof Varma said") == "Anil Varma"


def test_the_main_clause_pronoun_speaks_not_the_party_in_the_reported_clause() -> None:
    text = (
        "Mr Okoro argues the state is too big. "
        "And he says the Greens would cut 5% from the budget in 2 years."
    )
    assert speaker_of(text, "And he says") == "Mr Okoro"


def test_the_writer_s_spelling_beats_one_in_someone_s_quote() -> None:
    text = (
        "Yuri Dalakov, 50, claims he was betrayed by the state after 20 years. "
        '"They took what Juri Dalakov had and left him," Mr Pine said. '
        "Mr Dalakov said he was paid £30 a week."
    )
    assert speaker_of(text, "Mr Dalakov said") == "Yuri Dalakov"


def test_a_speech_act_in_the_progressive_speaks() -> None:
    text = "The mill was moved in 1990 and county officials are now demanding that it be moved again by 2006."
    assert speaker_of(text, "The mill") == "county officials"


def test_calling_for_is_a_speech_act() -> None:
    text = "Now Ms Adeyemi is calling for the council to pay £2m to move the hall to the town centre."
    assert speaker_of(text, "Now Ms Adeyemi") == "Ms Adeyemi"


def test_calling_someone_is_no_speech_act() -> None:
    text = "Ms Adeyemi is calling the council every day about the £2m hall, which closed in 2004."
    assert speaker_of(text, "Ms Adeyemi") is None


def test_a_role_is_the_one_person_named_so_far() -> None:
    text = (
        'The Greens would stand up for "forgotten voters", Ana Ruiz pledged on Monday. '
        "The Green leader argued there were 2 million people who felt let down by both parties."
    )
    assert speaker_of(text, "The Green leader") == "Ana Ruiz"


def test_a_spokesman_is_never_the_one_person_named_so_far() -> None:
    text = (
        'The Greens would stand up for "forgotten voters", Ana Ruiz pledged on Monday. '
        "The spokesman said there were 2 million people who felt let down by both parties."
    )
    assert speaker_of(text, "The spokesman") == "spokesman"


def test_he_is_never_a_magazine() -> None:
    text = (
        "A survey by Gadget Weekly magazine tested 40 kettles. "
        '"Buy the cheap ones," said Omar Haddad, chief tester at Gadget Weekly. '
        "According to Gadget Weekly, a kettle costs £3 a year to run. "
        '"They last 10 years," he said.'
    )
    assert speaker_of(text, '"They last') == "Omar Haddad"


def test_the_newspaper_is_the_name_written_before_newspaper() -> None:
    text = (
        "The Coastal Herald newspaper reported on Monday that 300 jobs would go by 2006. "
        "The firm's shares fell by 4% to 120p. "
        "Profits fell by £2m in the year, the newspaper said."
    )
    assert speaker_of(text, "Profits fell") == "Coastal Herald"


def test_a_document_whose_of_phrase_ends_in_a_name_speaks() -> None:
    text = "The group test of 50 home routers for PCs discovered that 12 leaked data within 3 days of use."
    assert speaker_of(text, "The group test") == "test"


def test_it_is_the_last_noun_of_the_opening_subject() -> None:
    text = (
        "The magazine test found that 40% of the 50 inks faded within 2 years. "
        "It recommended avoiding cheap inks not produced by printer makers because 30% of them faded in 6 months."
    )
    assert speaker_of(text, "It recommended") == "test"
