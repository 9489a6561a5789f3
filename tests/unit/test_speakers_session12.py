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
