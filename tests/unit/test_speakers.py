"""Speakers found without metadata: one test per pattern of issue 16, on sentences written for
these tests (no people list, no sections)."""

from __future__ import annotations

from nkterm.claims import SpeakerContext, detect
from tests.unit.speaker_cases import claim_with, speaker_of


def test_name_title_at_org_said_colon_and_the_quote_after_it() -> None:
    text = (
        'Nora Lindqvist, head of research at Baltic Grain Traders, said: "Wheat exports will fall by '
        'a fifth this year. Farmers are already cutting back."'
    )
    assert speaker_of(text, "Nora Lindqvist, head") == "Nora Lindqvist"
    assert speaker_of(text, "Farmers are already") == "Nora Lindqvist"
    assert any("speaker: " in c for c in claim_with(text, "Farmers are").cues)


def test_said_name_and_according_to_name() -> None:
    assert speaker_of("Exports rose 4% in March, said Omar Haddad.", "Exports") == "Omar Haddad"
    text = "Exports rose 4% in March, according to the Central Statistics Office."
    assert speaker_of(text, "Exports") == "Central Statistics Office"
    text = '"Prices will keep rising," said trade analyst Ines Moreau.'
    assert speaker_of(text, "Prices") == "Ines Moreau"


def test_head_of_the_subject_phrase_not_the_last_capitalised_word() -> None:
    text = "The chief of the Danish Society for the Study of Ancient Maps said the atlas was a forgery."
    who = speaker_of(text, "The chief")
    assert who is not None and who.startswith("chief of the Danish Society")


def test_time_words_never_join_a_name() -> None:
    assert speaker_of("On Tuesday Mr Okafor denied taking the money.", "denied") == "Mr Okafor"
    assert speaker_of("Yesterday Ms Varga said the bridge was unsafe.", "bridge") == "Ms Varga"


def test_organisations_speak() -> None:
    assert speaker_of("The foreign ministry said the talks had failed.", "talks") == "foreign ministry"
    assert (
        speaker_of("Harbour Freight Ltd said profits fell 12% last year.", "profits") == "Harbour Freight Ltd"
    )


def test_org_a_reacted_and_said_org_b() -> None:
    text = "Northwind Mining reacted angrily and said Eastgate Capital had bought itself trouble."
    assert speaker_of(text, "reacted") == "Northwind Mining"


def test_participle_saying_takes_the_subject_of_the_sentence() -> None:
    text = "Mr Tanaka also left the Reform Party saying he was tired of its leaders."
    assert speaker_of(text, "left") == "Mr Tanaka"


def test_pronoun_to_the_most_recent_compatible_named_speaker() -> None:
    text = (
        'Anders Holm, the defendant, spoke first. "I never saw the accounts," Mr Holm said. '
        '"I trusted my staff," he told the court. Judge Ruth Baker said she would rule on Friday. '
        '"The evidence is thin," she said.'
    )
    assert speaker_of(text, "I trusted") == "Anders Holm"
    assert speaker_of(text, "The evidence") == "Ruth Baker"


def test_short_form_linked_to_the_full_name_found_earlier() -> None:
    text = (
        "Telecoms founder Viktor Ebbersen went on trial on Monday. "
        '"I did not know about the fraud," Mr Ebbersen told the jury.'
    )
    claim = claim_with(text, "I did not know")
    assert claim.speaker == "Viktor Ebbersen"
    assert any("Mr Ebbersen = Viktor Ebbersen" in c for c in claim.cues)


def test_it_said_is_the_organisation_that_spoke_last() -> None:
    text = "The Port Authority said traffic rose 8% in 2024. It said a new berth would open in May."
    assert speaker_of(text, "It said") == "Port Authority"


def test_framed_speech_gives_its_speaker_to_the_whole_run() -> None:
    text = (
        "Chairman Lee Sun-ok made a speech at the harvest meeting. The full text of the speech is as follows:\n\n"
        "Comrades, this year we harvested 20 percent more rice than last year.\n\n"
        "Our farms will grow because every worker is devoted to them.\n"
    )
    for fragment in ("Comrades, this year", "Our farms will grow"):
        claim = claim_with(text, fragment)
        assert claim.speaker == "Lee Sun-ok"
        assert any(c.startswith("speaker: framed speech") for c in claim.cues)


def test_a_quote_after_reported_speech_keeps_its_speaker() -> None:
    text = (
        "After the hearing, Mr Dlamini said a 24-hour closure had no effect.\n\n"
        '"If you close at midnight on a Saturday, nobody notices until Monday."'
    )
    assert speaker_of(text, "If you close") == "Mr Dlamini"


def test_metadata_people_stay_a_hint() -> None:
    text = '"We were told where to stand," Goldberg said.'
    ctx = SpeakerContext(people=("Drew Goldberg",))
    (claim,) = detect(text, speakers=ctx)
    assert claim.speaker == "Drew Goldberg"


def test_no_speaker_for_the_writers_own_statement_or_a_won_title() -> None:
    assert speaker_of("The bridge was built in 1931 by the county.", "bridge") is None
    text = "Anna Berg and Tom Reyes claimed the individual titles at the cross-country championship."
    assert speaker_of(text, "claimed") is None


def test_a_judgement_verb_with_a_short_quoted_label_gives_the_subject() -> None:
    text = (
        'The Greens praised the budget. The Harbour Party branded it a "sticking plaster" for the '
        'ferries. Mayor Ilse Brandt has called the new toll "unjustified".'
    )
    assert speaker_of(text, "The Harbour Party branded") == "Harbour Party"
    chirac = claim_with(text, "Mayor Ilse Brandt has called")
    assert chirac.speaker == "Ilse Brandt"
    assert any("judgement with a quoted label" in cue for cue in chirac.cues)


def test_a_name_given_in_quotes_is_no_judgement() -> None:
    text = 'The ferry is called "Morning Star" and carries 400 people across the bay every day.'
    assert speaker_of(text, "The ferry is called") is None


def test_a_passive_judgement_gives_no_speaker_to_the_thing_judged() -> None:
    # (a sum of money keeps the sentence a claim whatever the learned score: the test is the speaker)
    text = 'A failed council scheme to sell ferry tickets online for £2m has been branded a "disgraceful waste" by auditors.'
    assert speaker_of(text, "A failed council scheme") is None


def test_they_is_the_group_that_spoke_just_before_never_a_named_company() -> None:
    text = (
        "Critics say the bridge toll will cost commuters £300 a year. They said this breaks the "
        "council's promise. Nordwind Ferries said bookings rose by 12%. They said more routes would follow."
    )
    assert speaker_of(text, "They said this breaks") == "Critics"
    assert speaker_of(text, "They said more routes") is None


def test_a_possessor_before_the_name_is_no_speaker() -> None:
    """ "said Org's Name" and "said Name's role Name": the person after the possessive speaks."""
    text = (
        '"We are thrilled to be back on the coast," said Iron Gull\'s frontman Tom Keel. '
        '"No date has been set," said Marlowe\'s agent Jane Prentice.'
    )
    assert speaker_of(text, '"We are thrilled') == "Tom Keel"
    assert speaker_of(text, '"No date has been set') == "Jane Prentice"
    band = '"We sold out in a day," said Glass Harbour\'s Ben Ortiz.'
    assert speaker_of(band, '"We sold out') == "Ben Ortiz"


def test_a_one_word_name_after_a_role_noun_heads_the_subject() -> None:
    text = (
        "Danish security firm Varnish issued a warning about the new worm but said that it did no "
        "damage to phones."
    )
    assert speaker_of(text, "Danish security firm") == "Varnish"


def test_lower_case_critics_and_analysts_speak_after_an_opener() -> None:
    text = "But critics say that the new tariff is confusing and costs families £40 a year."
    assert speaker_of(text, "But critics say") == "critics"


def test_poll_respondents_speak() -> None:
    text = "A total of 53% of those polled said they backed the bridge toll."
    assert speaker_of(text, "A total of 53%") == "those polled"


def test_a_role_before_of_heads_the_subject_not_the_title_after_it() -> None:
    text = "The star of Harbour Lights and Blue Mile said the theatre culture was in decline."
    assert speaker_of(text, "The star of") == "star of Harbour Lights and Blue Mile"


def test_an_agent_at_the_end_of_the_clause_speaks() -> None:
    text = "Singer Mara Quell is to marry producer Dan Holt, the singer's agent has confirmed."
    assert speaker_of(text, "Singer Mara Quell") == "singer's agent"


def test_believes_and_informed_report_a_stance_but_not_believes_in() -> None:
    text = (
        "The Federation of Ferry Operators strongly believes that the new harbour toll will cost "
        "islanders £40m a year."
    )
    assert speaker_of(text, "The Federation") == "Federation of Ferry Operators"
    text = 'A steward informed the crowd the ferry was "running two hours late" because of fog at sea.'
    assert speaker_of(text, "A steward") == "steward"
    text = "Marta Kovacs believes in the harbour plan, which will cost £40m a year."
    assert speaker_of(text, "Marta Kovacs") is None


def test_a_person_of_an_organisation_speaks_not_the_organisation() -> None:
    text = (
        "Lena Okafor of Harbour Watch, which monitors ferry safety, said the crossings were 20% "
        "slower this winter."
    )
    assert speaker_of(text, "Lena Okafor") == "Lena Okafor"
    text = "The Bank of England said inflation would rise to 3% this year."
    assert speaker_of(text, "The Bank") == "Bank of England"


def test_a_name_before_an_unclosed_role_appositive_speaks() -> None:
    text = (
        "Ruth Amsel, spokeswoman for the Northern Ferry Company said 12 crossings were cancelled on Monday."
    )
    assert speaker_of(text, "Ruth Amsel") == "Ruth Amsel"


def test_a_sentence_opener_glued_to_a_name_is_no_part_of_it() -> None:
    # a lost full stop: "according to analysts Gartner More than ..."
    text = (
        "Ferry bookings rose 26% in the third quarter, according to analysts Harbourline More "
        "than 167,000 tickets were sold."
    )
    assert speaker_of(text, "Ferry bookings") == "Harbourline"
    text = (
        'Jurgen van Dijk built the viewer. "We had to rewrite almost all the tools," Me van Dijk '
        "told the BBC on Monday."
    )
    assert speaker_of(text, "We had to") == "Jurgen van Dijk"


def test_a_name_ending_in_ly_is_no_adverb() -> None:
    text = "The ferry company's lawyer Tony Kelly said 40 claims had been filed by passengers."
    assert speaker_of(text, "The ferry") == "Tony Kelly"


def test_a_role_between_commas_is_no_name() -> None:
    text = (
        "Barbara Roche has led the ferry campaign since 2003. Ms Roche, Labour MP for Hornsey and "
        "Wood Green, said 30% of the crossings were cancelled."
    )
    assert speaker_of(text, "Ms Roche") == "Barbara Roche"


def test_a_title_or_a_thing_of_a_place_is_no_person_of_an_organisation() -> None:
    text = "Roman Catholic Archbishop of Cardiff Peter Smith said 20 churches would close."
    assert speaker_of(text, "Roman Catholic") != "Roman Catholic Archbishop"
    text = "The Harbour Book of Records has declared the 17m ferry the fastest on the coast."
    assert speaker_of(text, "The Harbour") in (None, "Harbour Book of Records")


def test_a_sentence_opener_is_no_part_of_a_full_name() -> None:
    text = (
        "Tony Wilson founded the label in 1978. Now Wilson believes the new act will sell 20,000 "
        "records this year."
    )
    assert speaker_of(text, "Now Wilson") == "Tony Wilson"


def test_a_month_name_in_a_person_name_between_commas() -> None:
    text = 'The Shadow Secretary for Ferries, Theresa May, said: "These plans will cost £40m."'
    assert speaker_of(text, "The Shadow") == "Theresa May"
    # a capitalised "-ly" word opening the sentence is still no speaker
    text = "Early estimates from the Harbour Bank put the cost at about $5bn."
    assert speaker_of(text, "Early") is None


def test_more_verbs_invert_after_a_quote() -> None:
    text = '"Bookings have doubled since March," noted ferry manager Ian Mackay.'
    assert speaker_of(text, "Bookings") == "Ian Mackay"
    text = '"We have had 30 offers," confirmed a Harbour Board spokesman.'
    assert speaker_of(text, "We have had") == "Harbour Board spokesman"


def test_a_role_noun_speaks() -> None:
    text = (
        '"At the end of it I didn\'t like having 20 cameras around the house," the Black Sabbath '
        "singer told reporters."
    )
    assert speaker_of(text, "At the end") == "Black Sabbath singer"


def test_a_pronoun_after_a_verb_opening_a_clause_is_no_inversion() -> None:
    text = (
        "Kelly Holmes won two golds in 2004. The grind will only get harder for Holmes, who has "
        'already admitted she "doesn\'t like the training anymore." "You don\'t get 20 chances '
        'in a career," agreed Cram.'
    )
    assert speaker_of(text, "You don't get") is None


def test_he_never_means_a_name_after_the() -> None:
    text = (
        "Ricky Gervais has written an episode of the cartoon The Simpsons. The Simpsons is the best show of "
        'all time. "I have 20 pages done," he said.'
    )
    assert speaker_of(text, "I have 20") == "Ricky Gervais"
    text = (
        "Chris Fox spoke to MPs on Monday. Instead, the new Licensing Act could cut disorder by "
        "30%, he argued."
    )
    assert speaker_of(text, "Instead") == "Chris Fox"


def test_those_polled_for_a_paper_speak_not_the_paper() -> None:
    text = "Almost a quarter (21%) of those polled for the Sunday Harbour Times said fares were too high."
    assert speaker_of(text, "Almost") == "those polled"
