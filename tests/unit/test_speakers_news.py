"""Speakers on news text, session 6 (issue 16): the forms a name takes (post-nominals, peerage
titles, initials), the verbs of thinking and forecasting that report what someone said, a role
after a quote, and a quote paragraph whose speaker is named just before it. Sentences written
for these tests; no people list, no sections."""

from __future__ import annotations

from nkterm.claims import detect
from tests.unit.speaker_cases import claim_with, speaker_of


def test_a_post_nominal_is_no_part_of_the_name() -> None:
    text = (
        "In the Commons, Labour backbencher Harriet Quayle MP said an inquiry was needed into the sale. "
        'She said: "The public deserve to know who profited from this deal."'
    )
    assert speaker_of(text, "Harriet Quayle MP said") == "Harriet Quayle"
    assert speaker_of(text, "The public deserve") == "Harriet Quayle"
    text = "The ruling was flawed, said Marcus Webb QC, who represented the family."
    assert speaker_of(text, "The ruling") == "Marcus Webb"


def test_a_peerage_title_links_to_the_full_name() -> None:
    text = (
        "Former cabinet minister Margaret Ellery has criticised the plans. "
        "Baroness Ellery, who sat in the Commons for 20 years, said the reforms would weaken the "
        "upper house. Lady Ellery said she believed the timetable was far too short."
    )
    assert speaker_of(text, "Baroness Ellery, who sat") == "Margaret Ellery"
    assert speaker_of(text, "Lady Ellery said") == "Margaret Ellery"


def test_sir_takes_the_whole_name_that_follows() -> None:
    text = (
        "Metropolitan Police Commissioner Sir Ronald Hastings said knife crime had fallen by a "
        "tenth. Sir Ronald added that patrols would be doubled in the spring."
    )
    assert speaker_of(text, "Metropolitan Police") == "Ronald Hastings"
    assert speaker_of(text, "Sir Ronald added") == "Ronald Hastings"


def test_thinks_and_forecasts_report_what_someone_said() -> None:
    text = "Film critic Joanna Pratt, from the Boston Herald, thinks the picture will win best film."
    assert speaker_of(text, "thinks") == "Joanna Pratt"
    text = "Looking ahead, Alpine Foods forecasts sales growth of 5% for next year."
    assert speaker_of(text, "forecasts") == "Alpine Foods"
    # not when nobody speaks: "the forecasts" is a noun
    text = "The forecasts show growth of 5% for next year, the highest since 2001."
    assert speaker_of(text, "The forecasts") is None


def test_is_warning_and_has_warned_report_speech() -> None:
    text = "Security firm Sandline is warning about a new virus that spreads by e-mail attachments."
    assert speaker_of(text, "is warning") == "Sandline"
    text = "The Bank of England has warned that house prices could fall by 10% next year."
    assert speaker_of(text, "has warned") == "Bank of England"


def test_a_role_after_a_quote_is_the_person_named_just_before() -> None:
    text = (
        "Graham Pell praised his Scotland side after they beat Italy 30-12 in Rome.\n\n"
        '"We had to be patient in the first half," said the national team coach. '
        '"The forwards did everything I asked of them."'
    )
    assert speaker_of(text, "We had to be patient") == "Graham Pell"
    assert speaker_of(text, "The forwards did") == "Graham Pell"
    # with nobody named before, the role itself speaks
    text = '"We had to be patient in the first half," said the national team coach.'
    assert speaker_of(text, "We had to be patient") == "national team coach"


def test_a_role_saying_after_its_quote_is_the_person_named_before() -> None:
    text = (
        "Helen Marsh has dismissed reports that she will leave the company this year.\n\n"
        '"I am going nowhere," the chief executive told the BBC. It claims sales rose by 4%.'
    )
    assert speaker_of(text, "I am going nowhere") == "Helen Marsh"
    # "it" is an organisation that spoke, never a person's role
    assert speaker_of(text, "It claims") is None


def test_an_opening_phrase_is_no_person_for_a_later_he() -> None:
    text = (
        "Producer Ray Dunne said the band owed everything to its singer. "
        "Without Tom Marlow, it is hard to imagine the sound of the band. "
        '"There will never be another voice like his," he said.'
    )
    assert speaker_of(text, "There will never") == "Ray Dunne"


def test_a_quote_paragraph_belongs_to_the_person_named_just_before_it() -> None:
    text = (
        '"It was a special night for all of us," said Owen Price. "The crowd carried us home."\n\n'
        "Winger Dafydd Rees was keen not to talk about the championship. "
        '"Nobody in the squad is thinking about a title. We have a hard game in Dublin next."'
    )
    assert speaker_of(text, "Nobody in the squad") == "Dafydd Rees"
    assert speaker_of(text, "The crowd carried") == "Owen Price"


def test_initials_link_to_the_name_they_stand_for() -> None:
    text = (
        "Profits at mortgage lender Hartley & Finch rose 8% last year. "
        "H&F said the buy-to-let market had slowed. But H&F - which lends to landlords - "
        "said rents were still rising."
    )
    assert speaker_of(text, "H&F said") == "Hartley & Finch"
    assert speaker_of(text, "But H&F") == "Hartley & Finch"
    text = (
        "The case went to the Court of Arbitration for Sport in Lausanne. "
        "CAS said a ruling would be made within a month."
    )
    assert speaker_of(text, "CAS said") == "Court of Arbitration for Sport"
    assert any("CAS = Court of Arbitration for Sport" in c for c in claim_with(text, "CAS said").cues)
    # initials never stand for a name written only after them
    text = "CAS said a ruling would be made within a month, the Court of Arbitration for Sport added."
    assert speaker_of(text, "CAS said") == "CAS"


def test_a_name_before_a_role_and_a_dash_aside_speaks() -> None:
    text = (
        "Tomas Ek, chief executive of Melodia - a service which sells music downloads - believes "
        "advertisers should stop paying pirate sites."
    )
    assert speaker_of(text, "Tomas Ek") == "Tomas Ek"
    text = "But Norvik - which has a fifth of the market - said sales were rising."
    assert speaker_of(text, "But Norvik") == "Norvik"


def test_said_opening_a_sentence_is_no_part_of_the_name() -> None:
    text = 'Said Fenwick: "When this chance came along I could not turn it down."'
    assert speaker_of(text, "When this chance") == "Fenwick"


# Guards: cases the rules above first got wrong on BBC articles outside the labelled sets.


def test_a_title_inside_a_phrase_and_letters_after_a_role_are_kept() -> None:
    text = "Lawyers for Mr Dale and Mr Okoro denied that the pair were involved."
    assert speaker_of(text, "Lawyers") == "Lawyers for Mr Dale and Mr Okoro"
    text = 'The Salford MP told the BBC: "The threat is real and it is growing."'
    assert speaker_of(text, "The threat is real") == "Salford MP"


def test_a_lower_case_head_after_a_capitalised_modifier_is_no_progressive_report() -> None:
    text = (
        "Anti-fraud organisations are warning about e-mails that ask for bank details, which "
        "cost banks £20m last year."
    )
    assert speaker_of(text, "Anti-fraud") is None


def test_for_a_named_person_is_the_view_of_that_person() -> None:
    text = (
        "For Richard Vane, who worked on the project, the need for a new search grew out of "
        'frustration. "I could not find anything I wanted," he said.'
    )
    assert speaker_of(text, "I could not find") == "Richard Vane"
    text = 'For the Green Party, Anna Lutz called the target "hopelessly timid". "It helps nobody."'
    assert speaker_of(text, "It helps nobody") == "Anna Lutz"


def test_two_people_are_no_antecedent_of_she() -> None:
    text = (
        "The actress flew in from Los Angeles on Monday. Ida Stone and Carl Berg were also "
        'nominated. "It is lovely to be home," she told reporters.'
    )
    assert speaker_of(text, "It is lovely") != "Ida Stone and Carl Berg"


def test_a_team_named_before_is_no_person_for_a_role() -> None:
    text = (
        "Bayern have left their striker at home.\n\n"
        '"He has back pain and could not train," the spokesman said.'
    )
    assert speaker_of(text, "He has back pain") == "spokesman"


def test_the_object_of_a_verb_is_no_subject_before_a_quote() -> None:
    text = (
        'Graham Moss said Walter Reid was the ideal man. "He would be perfect," Moss told the BBC. '
        "The Scottish Football Association has appointed Tom Byrne as caretaker. "
        '"He knows the players and he knows the game."'
    )
    assert speaker_of(text, "He knows the players") == "Graham Moss"


def test_added_a_score_is_no_speech() -> None:
    text = "Hughes crossed for a second try and Larkin again added the extras."
    assert all(c.speaker is None for c in detect(text))
    text = "Moore added a third goal in the 80th minute to seal the win for Leeds."
    assert all(c.speaker is None for c in detect(text))
    # but "added" before a clause still reports speech
    text = "Larkin added the team would be stronger after the break."
    assert speaker_of(text, "Larkin added") == "Larkin"


def test_maintained_a_thing_is_no_speech() -> None:
    text = "Stephen Jones added four conversions as Wales maintained their superb start."
    assert all(c.speaker is None for c in detect(text))
    text = "Wales maintained that the try should have stood."
    assert speaker_of(text, "maintained") == "Wales"


def test_a_role_after_a_quote_is_who_spoke_in_the_sentence_before() -> None:
    text = (
        "Tony Blair has had his chance and has failed, Michael Howard has said.\n\n"
        '"Britain is heading in the wrong direction," the Conservative leader said.'
    )
    assert speaker_of(text, "Britain is heading") == "Michael Howard"
    text = (
        "A spokesman for Michael Howard said Mr Jackson's views were very different.\n\n"
        '"He believes students should pay tuition fees," the spokesman said.'
    )
    assert speaker_of(text, "He believes students") == "spokesman"


def test_an_age_after_a_quote_is_the_person_in_focus() -> None:
    text = (
        "Sprinter Jason Gardner won the 60m in 6.56 seconds on Sunday. The time was a season's best.\n\n"
        '"You will see me in Madrid," said the 22-year-old.'
    )
    assert speaker_of(text, "You will see me") == "Jason Gardner"


def test_words_after_a_quote_keep_it_from_the_sentence_before() -> None:
    text = (
        "Pop Weekly printed a story about the singer on Monday. "
        '"Until you face what is going on, you will remain a tabloid," the star blogged.'
    )
    assert speaker_of(text, "Until you face") != "Pop Weekly"


def test_a_contraction_opening_a_quoted_sentence_is_no_name() -> None:
    text = (
        'Nathalie Dupin lost in the first round. "I will rest now. It\'s a long season."\n\n'
        '"I might play some doubles events," she added.'
    )
    assert speaker_of(text, "I might play") == "Nathalie Dupin"


def test_more_verbs_invert_after_a_quote_in_the_past() -> None:
    text = '"He is one of the best players in the world," acknowledged Williams.'
    assert speaker_of(text, "He is one") == "Williams"


def test_forecasts_as_a_noun_gives_no_speaker() -> None:
    text = "Growth was 6% in the past three years, ahead of IMF forecasts, while inflation fell."
    assert speaker_of(text, "Growth was") is None


def test_an_expansion_keeps_a_possessive_that_is_part_of_the_name() -> None:
    text = (
        "Standard & Poor's raised the rating on Monday. S&P said the country's finances were sound. "
        "The European Union's list was cut. The European Union met in June. The EU said it agreed."
    )
    assert speaker_of(text, "S&P said") == "Standard & Poor's"
    assert speaker_of(text, "The EU said") == "European Union"


def test_a_new_inversion_needs_the_name_to_end_its_clause() -> None:
    text = "The figures follow data from website Homefinder which suggested owners must cut prices."
    assert speaker_of(text, "The figures") != "owners"
    text = "Gordon Brown has appealed for unity after reports claimed Mr Blair went back on a pledge."
    assert speaker_of(text, "Gordon Brown") != "Mr Blair"
    text = '"Simon is a world class player," said team-mate Chris Paterson.'
    assert speaker_of(text, "Simon is") == "Chris Paterson"


# Causes first seen in held-out 4's first run (so that set is no longer unseen for them).


def test_a_person_of_an_organisation_after_an_inverted_verb() -> None:
    text = '"Things are getting worse," said Alan Brisk of Dunmore & Hale\'s in Chicago.'
    assert speaker_of(text, "Things are") == "Alan Brisk"
    text = '"The council lets us use the archive," explained Dr Nina Okafor of Telecorp, who runs it.'
    assert speaker_of(text, "The council") == "Nina Okafor"


def test_it_is_the_company_that_spoke_before() -> None:
    text = (
        "Shares in Telmara rose 4%. Telmara said it was seeing more demand for its phones. "
        "It said it would double the number of its hotspots by June."
    )
    assert speaker_of(text, "It said it would double") == "Telmara"
    # a surname is a person, never "it"
    text = "Mr Tom Hale said the plan was sound. Hale said it would work. It said the figures were wrong."
    assert speaker_of(text, "It said the figures") != "Hale"


def test_it_is_no_word_that_only_opens_sentences_nor_a_modifier() -> None:
    text = (
        "Rivals said the commission was too timid. Even Labour said so. Analysts at Telmara agree. "
        "The report was published in May. Even without changes, it said, parties must find donors."
    )
    assert speaker_of(text, "Even without") != "Even"
    text = (
        "A Treasury spokesperson dismissed the claims, saying the plans were affordable. "
        "It said oil prices would have a limited effect."
    )
    assert speaker_of(text, "It said oil") != "Treasury"


def test_an_adverb_between_subject_and_verb() -> None:
    text = "Mr Dunne instead hailed the council's record on schools, saying results had improved by 8%."
    assert speaker_of(text, "Mr Dunne") == "Mr Dunne"
    text = "Ms Varga now claims the bridge was never inspected."
    assert speaker_of(text, "Ms Varga") == "Ms Varga"


def test_initials_known_as_a_name_written_after_them() -> None:
    text = (
        '"The chart show is an institution," says DM, also known as Dan Marsh. '
        '"People still tune in every week," DM added.'
    )
    assert speaker_of(text, "The chart show") == "Dan Marsh"
    assert speaker_of(text, "People still") == "Dan Marsh"


def test_it_is_never_a_plural_group() -> None:
    text = (
        "Analysts say the service will take a tenth of the market by 2010. "
        "It even suggests that homes with no computer could be reached."
    )
    assert speaker_of(text, "It even suggests") != "Analysts"
