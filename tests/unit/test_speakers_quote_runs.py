"""Quote runs, session 11 (issue 16): a quote closed before the full stop ('... of politicians".')
ends its sentence, so the report of the next sentence is not its attribution; a quote that
follows someone else's reported speech is that speaker's, not a continuation of an earlier run;
a reporting verb of the cue rules ("concluded") after the closing mark attributes its run.
Sentences written for these tests; no people list, no sections."""

from __future__ import annotations

from tests.unit.speaker_cases import speaker_of


def test_a_quote_closed_before_the_full_stop_is_not_the_next_sentences() -> None:
    text = (
        'Lib Dem spokesman Mark Penrose said the war had hit trust in politicians hard. "Issues of '
        'war and peace do have a very damaging effect on the credibility of 600 politicians". '
        "Tom Bellamy, who won his seat in 1997, said politicians often failed to see themselves as others did."
    )
    assert speaker_of(text, '"Issues of') == "Mark Penrose"


def test_a_quote_after_another_speakers_report_is_no_continuation() -> None:
    text = (
        'Former minister Jane Corran said there was a "real problem of trust" in 2004. '
        "Lib Dem spokesman Mark Penrose said the war had hit trust in politicians hard.\n\n"
        '"Issues of war and peace do have a very damaging effect on the credibility of 600 politicians."'
    )
    assert speaker_of(text, '"Issues of') == "Mark Penrose"


def test_a_quote_run_goes_on_over_a_paragraph_without_a_new_report() -> None:
    text = (
        '"We have been patient for 10 years," said union leader Jane Corran.\n\n'
        '"Issues of pay do have a very damaging effect on 600 of our members."'
    )
    assert speaker_of(text, '"Issues of') == "Jane Corran"


def test_a_run_attributed_by_a_role_goes_on_as_its_person() -> None:
    text = (
        "Mike Rudd paid tribute to his side after the 20-10 win over France. "
        '"I did not have to tell them anything at half-time," said the national team coach.\n\n'
        '"They decided they did not want to lose 3 games in a row."'
    )
    assert speaker_of(text, '"They decided') == "Mike Rudd"


def test_concluded_after_the_closing_mark_attributes_the_quote() -> None:
    text = (
        "The robot was on show at the museum for 3 days. "
        '"If you think of a robot as a companion, you can think of 20 years into the future," '
        "concluded Professor Kerstin Dahl."
    )
    assert speaker_of(text, '"If you think') == "Kerstin Dahl"
