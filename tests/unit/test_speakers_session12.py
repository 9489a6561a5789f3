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
