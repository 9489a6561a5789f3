"""Speakers on news text, session 8 (issue 16): an organisation referred to by a common noun
("the charity", "the trade weekly", "the firm") or by "it" is the organisation named before it
and compatible with the noun; a document speaks for itself ("research suggests"). Sentences
written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import claim_with, speaker_cue, speaker_of


def test_the_charity_is_the_organisation_whose_director_spoke() -> None:
    text = (
        "Carers Link executive director Ruth Amsel criticised the new grants. "
        '"Nobody asked the carers," she said. '
        "The charity recommends a weekly allowance of £95 for every carer."
    )
    assert speaker_of(text, "The charity recommends") == "Carers Link"
    assert "the charity = Carers Link" in speaker_cue(text, "The charity recommends")


def test_the_noun_heading_the_name_of_the_organisation() -> None:
    text = (
        "Last week, the Moorland Alliance said 40 shoots would go ahead in March. "
        "The alliance said the new rules were impossible to enforce."
    )
    assert speaker_of(text, "The alliance said") == "Moorland Alliance"


def test_the_noun_described_where_the_organisation_is_named() -> None:
    text = (
        "Ticket sales fell 12% in May, according to the trade weekly Stage Ledger. "
        "Touring shows were hit hardest, according to the trade weekly."
    )
    assert speaker_of(text, "Touring shows") == "Stage Ledger"


def test_the_firm_is_the_company_that_spoke_before() -> None:
    text = (
        "Drug maker Veltrix said it had bought a rival for $2bn. "
        "The deal makes it the second largest maker of generic drugs. "
        "The firm said about 300 jobs could go in the merger."
    )
    assert speaker_of(text, "The firm said") == "Veltrix"


def test_the_company_is_never_a_public_body_or_a_bare_acronym() -> None:
    # the only names before "the company" are a government office and an acronym that did not
    # speak: the noun stays the speaker
    text = (
        "The Office of Fair Trading opened an inquiry into the HIV drug prices in June. "
        "The company said it would co-operate fully with the inquiry."
    )
    assert speaker_of(text, "The company said") == "company"


def test_a_noun_with_no_organisation_before_it_stays_the_noun() -> None:
    text = "The charity said donations had fallen by a third since the spring."
    assert speaker_of(text, "The charity said") == "charity"
    text = "The bank said it would cut 400 jobs in its branches by the end of the year."
    assert speaker_of(text, "The bank said") == "bank"


def test_a_role_word_opening_a_sentence_is_no_organisation() -> None:
    text = (
        "Chief executive Anna Berg stepped down in May. "
        "The company said the board had accepted her resignation."
    )
    assert speaker_of(text, "The company said") == "company"


def test_it_is_the_document_that_opened_the_sentence_before() -> None:
    text = (
        "Small studios struggle to find investors, research has suggested. "
        "The report also looked at the training of new producers. "
        "It said most of them were squeezed out by bigger firms."
    )
    assert speaker_of(text, "Small studios") == "research"
    assert speaker_of(text, "It said most") == "report"
    assert "it = the report" in speaker_cue(text, "It said most")


def test_it_is_the_named_group_that_opened_the_sentence_before() -> None:
    text = (
        "The Halcyon group went into administration after a cash crisis. "
        "In May it had warned of losses of £6m for the year."
    )
    assert speaker_of(text, "In May it had warned") == "Halcyon"


def test_it_is_still_the_organisation_that_spoke_last() -> None:
    text = (
        "The report on the shares of Telmara was published in March. "
        "Telmara said sales had risen 4% in the quarter. It said prices would rise in the summer."
    )
    assert speaker_of(text, "It said prices") == "Telmara"


def test_a_quoted_term_after_a_document_is_no_speech_of_the_document() -> None:
    text = (
        "Support for the plan has fallen in two years, a poll suggests. "
        'Those "neither for nor against" rose by 11%.'
    )
    assert speaker_of(text, "Support for the plan") == "poll"
    assert claim_with(text, "Those").speaker is None


def test_a_verb_of_communication_from_wordnet_before_a_that_clause() -> None:
    # "hinted", "conceded", "agreed" are no reporting verbs of the cue rules nor on the closed
    # speech-act list: the WordNet-derived verbs give their subject before a that-clause
    text = "The central bank hinted that rates would rise again before the summer."
    assert speaker_of(text, "hinted") == "central bank"
    assert "a speech act" in speaker_cue(text, "hinted")
    text = "After a long debate, the panel agreed that the museum should stay open on Sundays."
    assert speaker_of(text, "agreed") == "panel"


def test_a_verb_of_communication_before_an_object_is_no_speech() -> None:
    # the same verbs before an object are as often acts: no speaker
    # (each sentence is a claim: claim_with fails when none holds the verb)
    assert (
        claim_with("US operator Sprint ordered a broadband upgrade for its network.", "ordered").speaker
        is None
    )
    assert (
        claim_with("Celtic brushed aside Clyde to reach the semi-final on Sunday.", "brushed").speaker is None
    )
    assert (
        claim_with("Traders ignored the effects of the storm on global supplies.", "ignored").speaker is None
    )


def test_a_quantifier_opening_a_sentence_is_no_speaker_of_its_quote() -> None:
    text = 'Any new settlement must "protect the poorest families" in the region.'
    assert claim_with(text, "Any new").speaker is None
    # a name opening the sentence still speaks its quote
    text = 'Sarah Quayle called the settlement "a betrayal of the poorest families".'
    assert speaker_of(text, "Sarah Quayle") == "Sarah Quayle"


def test_an_organisation_named_before_its_descriptor_speaks() -> None:
    text = "The Radio Kestrel news station said the talks had collapsed on Friday."
    assert speaker_of(text, "The Radio") == "Radio Kestrel"
    # a place before a company is no name of one
    text = "The South Yorkshire company said the pit would close in the spring."
    assert speaker_of(text, "The South") == "South Yorkshire company"
    # a demonym before the descriptor is no name
    text = "The South Korean news agency said the talks had collapsed on Friday."
    assert speaker_of(text, "The South") == "South Korean news agency"


def test_a_document_or_organisation_noun_in_the_speech_act_frame() -> None:
    text = "The research recommended that 40% of the £2m fund should go to small studios."
    assert speaker_of(text, "recommended") == "research"
    text = "The Moorland Alliance held a meeting in May. The alliance welcomed the ruling on Tuesday."
    assert speaker_of(text, "welcomed") == "Moorland Alliance"
    # any other common noun is no speaker of a speech act
    text = "The weather dismissed any hope of a 20% rise in visitors to the festival."
    assert claim_with(text, "dismissed").speaker is None


def test_no_time_word_opener_or_speaking_noun_is_an_organisation() -> None:
    # "In December, the bank said": the apposition after "December" is the noun itself
    text = "Loans fell to 79,000 from 82,000 in December, the bank said."
    assert speaker_of(text, "Loans") == "bank"
    text = (
        "Prosecutors said the fraud had cost investors $2bn. "
        "After agents raided its offices in March, the company said 40% of its accounts were wrong."
    )
    assert speaker_of(text, "After agents") == "company"


def test_the_newspaper_is_the_paper_that_spoke_just_before() -> None:
    text = (
        "Earlier this week, the local Gulf Times said 40 clinics had closed. "
        "The newspaper said most of the staff had left the country."
    )
    assert speaker_of(text, "The newspaper said") == "Gulf Times"
    # an acronym that spoke is no paper
    text = "The IMF said growth would slow to 2%. The paper said the cut was expected."
    assert speaker_of(text, "The paper said") == "paper"


def test_according_to_research() -> None:
    text = "Viewers in the UK lead the trend of downloading 24 shows, according to research."
    assert speaker_of(text, "Viewers") == "research"
