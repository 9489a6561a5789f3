"""Speakers on news text, session 14 second round (issue 16, the faults held-out 16 and the pooled
blind runs showed): subjects the verb tables missed, indefinite bodies named next, a "he said"
after a party-and-office name, an age before a role. Sentences written for these tests; no
people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_a_plural_of_bodies_with_capitalised_modifiers_speaks_as_a_group() -> None:
    text = "Budget airlines have criticised the new fees, arguing that 40% of fares would go."
    assert speaker_of(text, "Budget airlines") == "budget airlines"
    text = "Regional bus operators criticised the 12% rise, saying it was too steep."
    assert speaker_of(text, "Regional bus") == "regional bus operators"
    text = "Chinese trade officials played down the 9% fall, arguing that exports were strong."
    assert speaker_of(text, "Chinese trade officials") == "chinese trade officials"


def test_a_participle_takes_the_sentence_subject_only_without_a_report_before() -> None:
    text = "Council leaders raised an objection arguing that 300 homes were too many."
    assert speaker_of(text, "Council leaders raised") == "council leaders"
    text = "Mr Olsen made the remarks to lawyers who have been arguing that the 2003 deal was void."
    assert speaker_of(text, "Mr Olsen made the remarks") is None


def test_a_document_forecasts_and_a_judge_rules() -> None:
    text = "Its annual spending review forecasts growth of 4.5% in 2005."
    assert speaker_of(text, "Its annual spending review") == "review"
    text = "Judge Lord Barr, sitting with 2 other judges, ruled that the 2001 law was unfair."
    assert speaker_of(text, "Judge Lord Barr") == "Lord Barr"
    text = "Mr Dunn used a speech to say that taxes would rise by 3%."
    assert speaker_of(text, "Mr Dunn used") == "Mr Dunn"
    text = "Mr Dunn snapped back that the 3% figure was wrong."
    assert speaker_of(text, "Mr Dunn snapped") == "Mr Dunn"


def test_issuing_a_warning_is_saying_it() -> None:
    text = (
        "Web traffic could double in 2005, warns network firm Netcore. "
        "It issued the warning after a study of 40 networks."
    )
    assert speaker_of(text, "It issued the warning") == "Netcore"


def test_an_indefinite_body_is_the_organisation_the_next_sentence_opens_with() -> None:
    text = (
        "A Swiss bank has said it will pay $5m to 200 former staff. "
        "Halder Bank will put the money in a fund run by a charity."
    )
    assert speaker_of(text, "A Swiss bank") == "Halder Bank"
    text = (
        "A Swiss bank has said it will pay $5m to 200 former staff. "
        "Officials will put the money in a fund run by a charity."
    )
    assert speaker_of(text, "A Swiss bank") == "Swiss bank"


def test_he_after_a_party_and_office_name_is_the_person_named_last() -> None:
    text = (
        "Union lawyer Sam Reid said 300 cases were waiting. "
        "Welsh Liberal Party Health Minister Alan Price said the ruling was a disaster. "
        'He said: "We were warned about this in 2003."'
    )
    assert speaker_of(text, "Welsh Liberal Party") == "Alan Price"
    assert speaker_of(text, 'He said: "We were warned') == "Alan Price"
    text = "House prices rose 2% in May, the Office of the Deputy Prime Minister said."
    assert speaker_of(text, "House prices rose") != "Prime Minister"


def test_an_age_between_the_and_a_role_keeps_it_definite() -> None:
    text = (
        "Tom Keane has admitted that his club have little chance of winning the cup. "
        "The 27-year-old Rovers captain spoke out ahead of Tuesday's game, which he will miss."
    )
    assert speaker_of(text, "The 27-year-old Rovers") == "Tom Keane"
    assert "the person in focus" in speaker_cue(text, "The 27-year-old Rovers")
