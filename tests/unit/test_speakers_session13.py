"""Speakers on news text, session 13 (issue 16): verbs of saying read by their form, not only by
a table. Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_a_verb_of_saying_in_the_plural_present_gives_its_plural_subject() -> None:
    text = "The two companies estimate that the scanners will be on sale by the spring of 2006."
    assert speaker_of(text, "The two companies") == "two companies"
    assert '"two companies estimate"' in speaker_cue(text, "The two companies")
    text = "Most port analysts agree that the new terminal will take 40% of the trade by 2008."
    assert speaker_of(text, "Most port analysts") == "port analysts"
    text = "But rail experts predict it will take at least a decade to clear the 12,000 repairs."
    assert speaker_of(text, "But rail experts") == "rail experts"
    text = "Critics now insist the £3bn scheme was never tested on a single hospital ward."
    assert speaker_of(text, "Critics now insist") == "Critics"


def test_a_base_form_is_no_verb_of_saying_after_a_modal_a_causative_or_a_name() -> None:
    text = "Few nurses would seriously argue that the 12-hour shift is safe for patients in 2005."
    assert speaker_of(text, "Few nurses") is None
    text = "The chain has won its fight to make three suppliers reveal their prices for 2004."
    assert speaker_of(text, "The chain has won") is None
    text = "A later New South Wales state inquiry looked at the 40 claims filed in 2003."
    assert speaker_of(text, "A later New") is None
    text = "Most of the 300 miners claim benefits worth £40 a week since the pit closed in 2003."
    assert speaker_of(text, "Most of the 300") is None  # "claim benefits": a noun after it


def test_a_definite_role_no_one_is_written_with_is_the_person_in_focus_who_spoke() -> None:
    text = (
        "Tory MP Gavin Hale said the 4% rise in council tax would hit 3m pensioners. "
        "The rebel leader argued that the party had ignored its own members for 10 years."
    )
    assert speaker_of(text, "The rebel leader") == "Gavin Hale"
    assert "the person in focus" in speaker_cue(text, "The rebel leader")


def test_a_spokesman_or_a_person_who_never_spoke_stays_a_role() -> None:
    text = (
        "Health minister Joan Pike said 300 wards would close by 2006. "
        "The spokesman said the figure of 300 wards was an estimate."
    )
    assert speaker_of(text, "The spokesman said") == "spokesman"
    text = (
        "Ann Reese published her novel Cold Harbour in 2003. It sold 40,000 copies. "
        "The director said the film of the book would be shot in 2006."
    )
    assert speaker_of(text, "The director said") == "director"  # not the book in focus


def test_a_role_after_a_quote_is_named_in_the_cue_as_written() -> None:
    # the cue names the role the text wrote, never the person twice or "None"
    text = (
        "Striker Tomas Rada joined Rovers from Sparta Prague for £3m on Friday. "
        '"I am very happy to be here at last," the 21-year-old told the club website.'
    )
    assert speaker_of(text, '"I am very happy') == "Tomas Rada"
    assert "(the 21-year-old = Tomas Rada," in speaker_cue(text, '"I am very happy')
    text = (
        "Coach Mike Dunne named 12 new caps in his squad of 30 on Monday. "
        '"They have earned their chance," the coach said.'
    )
    assert "(the coach = Mike Dunne," in speaker_cue(text, '"They have earned')


def test_a_quote_followed_by_a_subject_and_any_verb_is_that_subjects() -> None:
    text = (
        "Farm minister Ada Okoro said the 3% levy was fair. Pig farmer Piet Mulder disagreed. "
        '"It will cost each of us £4,000 a year," Mr Mulder grumbled.'
    )
    assert speaker_of(text, '"It will cost') == "Piet Mulder"
    assert 'quote attributed by "Mr Mulder grumbled"' in speaker_cue(text, '"It will cost')


def test_a_pronoun_and_any_verb_after_a_quote_only_when_nothing_else_says_who() -> None:
    text = (
        "On the edge of Leeds, 91-year-old Edna Marsh tends 40 rows of leeks every morning. "
        '"I think it is the cold air that keeps me going," she laughs.'
    )
    assert speaker_of(text, '"I think it is') == "Edna Marsh"
    # "he" after a quote that continues a run is the run's speaker, not a film named before
    text = (
        "The festival drew stars such as Tom Vane and Ada Okoro. Vane, whose film Red Harbour is in "
        "competition for the festival's awards, said he had wondered whether to come. "
        '"I asked myself whether I should come," the British actor said. "I thought it might be in '
        'bad taste. But then I spoke to the organisers. "Now I am here I am very glad. I like it '
        'here," he continued.'
    )
    assert speaker_of(text, '"Now I am here') == "Tom Vane"


def test_a_role_of_one_club_or_party_is_not_the_person_the_text_ties_to_another() -> None:
    text = (
        "Dan Prior has stepped up his row with Tom Hale by claiming the Leeds United manager "
        "broke the 2003 pact. Hale said on Saturday that the 2-0 defeat was a disgrace. "
        "The Arsenal boss said the pact had been dead since the 1-1 draw in 2004."
    )
    assert speaker_of(text, "The Arsenal boss") == "Arsenal boss"
    # the same role of the club the text ties him to is still his
    leeds = text.replace("The Arsenal boss", "The Leeds boss")
    assert speaker_of(leeds, "The Leeds boss") == "Tom Hale"
    text = (
        "New Home Secretary Jane Bolt has vowed to keep the 10% cut in police numbers. "
        "Ms Bolt said the cut would save £40m a year. "
        "The Green leader said the cut was a mistake that would cost 4,000 jobs."
    )
    assert speaker_of(text, "The Green leader") == "Green leader"


def test_a_role_is_never_a_band_the_text_names() -> None:
    text = (
        "Later the rock band Blue Harbour said the tour had made £1m for 3,000 fans. "
        "The Factory Records founder said the band never saw a penny of the £1m."
    )
    assert speaker_of(text, "The Factory Records") == "Factory Records founder"


def test_a_name_between_commas_speaks_after_a_noun_no_rule_reads_as_a_speaker() -> None:
    text = "His sister, Maria, said the 2004 fire had destroyed 300 homes in the valley."
    assert speaker_of(text, "His sister") == "Maria"


def test_a_stray_comma_between_a_named_subject_and_its_verb_of_saying() -> None:
    text = "The club's lawyer Peter Ambrose, said that the £2m fine would be appealed in 2005."
    assert speaker_of(text, "The club's lawyer") == "Peter Ambrose"
    # a participle after the comma is no verb of saying: "recalled in place of"
    text = "Peter Ambrose, recalled in place of Ian Black, scored 2 goals in the last 10 minutes."
    assert speaker_of(text, "Peter Ambrose") is None


def test_a_name_between_dashes_that_brackets_shorten_speaks() -> None:
    text = (
        "At least one group - Campaign for Better Rail Transport (CBRT) - has claimed that 4,000 "
        "jobs will go by 2006. Most of the 300 depots could close within 10 years, it warned."
    )
    assert speaker_of(text, "At least one") == "Campaign for Better Rail Transport"
    assert speaker_of(text, "Most of the 300") == "Campaign for Better Rail Transport"


def test_a_definite_body_or_document_after_its_verb_ends_the_clause() -> None:
    text = (
        "Rail World magazine tested 40 trains in 2004. "
        "But using the wrong ticket could mean trouble for travellers, warned the magazine."
    )
    assert speaker_of(text, "But using the wrong") == "Rail World"
    text = "Most of the 300 stations will close by 2008, suggests the research, which covered 12 lines."
    assert speaker_of(text, "Most of the 300") == "research"
    # the bare present of an inverted verb that must end its clause ("suggested" -> "suggests")
    text = "Ticket sales fell 12% in the year to March 2004, reports the Rail Gazette."
    assert speaker_of(text, "Ticket sales") == "Rail Gazette"
    text = "The plant was seized by the government which claims the steel giant owes more than $2bn in taxes."
    assert speaker_of(text, "The plant was seized") != "steel giant owes more"
