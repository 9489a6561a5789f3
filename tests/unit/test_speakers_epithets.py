"""Speakers on news text, session 8 (issue 16), after held-out 7's blind run (so these causes
are seen): a person described by age, caps, birthplace or nationality ("The 66-year-old
criticised", "the Uruguayan-born researcher", "The American forensics expert said") is the
person in focus; an adverb between a subject and its verb ("Ed Davey meanwhile said") does not
hide the subject. Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_cue, speaker_of


def test_an_age_subject_is_the_person_in_focus() -> None:
    text = (
        "Sprinter Dwayne Okoro has been fined 2,000 euros for missing a drugs test. "
        "The 29-year-old criticised the 2,000 euros fine as far too harsh for a first offence."
    )
    assert speaker_of(text, "The 29-year-old") == "Dwayne Okoro"
    assert "the 29-year-old = Dwayne Okoro" in speaker_cue(text, "The 29-year-old")
    text = (
        "Author Mia Laurent won a £5,000 prize in 2004. The 31-year-old, who won bronze in 2000, said "
        "during the festival that a knee injury had cost her 20 days of work."
    )
    assert speaker_of(text, "The 31-year-old") == "Mia Laurent"


def test_a_role_described_by_nationality_or_birthplace_is_the_person_in_focus() -> None:
    text = (
        "Professor Tomas Ferreira runs a 40-student course at Leeds. The Brazilian geology expert "
        "said there were roughly 300 unmapped faults in the region."
    )
    assert speaker_of(text, "The Brazilian") == "Tomas Ferreira"
    text = (
        'Games designer Lena Varga has built 12 games for campaigns. "We are only starting," added '
        "the Hungarian-born designer, who has 3 more planned."
    )
    assert speaker_of(text, "We are only") == "Lena Varga"


def test_a_role_with_no_description_stays_the_role() -> None:
    # no nationality, age or birthplace: "the geology expert" is not taken for the focus
    text = (
        "Professor Tomas Ferreira runs a 40-student course at Leeds. A geology expert said there "
        "were roughly 300 unmapped faults in the region."
    )
    assert speaker_of(text, "A geology expert") == "geology expert"


def test_an_adverb_between_subject_and_verb() -> None:
    text = "Lib Dem spokesman Ed Davey meanwhile said 40 new agencies had been set up since 1997."
    assert speaker_of(text, "Lib Dem") == "Ed Davey"
    text = "Mr Brown meanwhile insisted his £2bn spending plans were affordable."
    assert speaker_of(text, "Mr Brown") == "Mr Brown"


def test_a_first_name_is_the_one_full_name_that_opens_with_it() -> None:
    # the full name may be written after the first name; the surname is also written alone
    text = (
        "His wife Greta, who called the police, said 3 rings were taken from her bedside table. "
        "At a press conference, Greta Lindholm listed 9 stolen items. Lindholm said she was angry."
    )
    assert speaker_of(text, "His wife") == "Greta Lindholm"
    assert "Greta = Greta Lindholm" in speaker_cue(text, "His wife")


def test_a_first_name_shared_by_two_full_names_stays_as_written() -> None:
    text = (
        "Greta Lindholm and Greta Moss both ran. Lindholm won and Moss came 2nd. "
        "Greta said 40 runners had started the race."
    )
    assert speaker_of(text, "Greta said") == "Greta"


def test_no_product_or_organisation_is_a_full_name_of_a_first_word() -> None:
    # "Kestrel DS" is no person: its last word is all capitals; "Kestrel Football Union" is an
    # organisation
    text = "Kestrel said 15 games would be ready for the Kestrel DS, which sells for £99."
    assert speaker_of(text, "Kestrel said") == "Kestrel"
