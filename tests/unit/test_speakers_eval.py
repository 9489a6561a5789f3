"""benchmarks/speakers_eval.py: a case names its sentence by an anchor or by a character offset
(held-out 7 stores offsets only, never article text)."""

from __future__ import annotations

from benchmarks.speakers_eval import case_position, same_speaker

TEXT = "Headline here\n\nThe firm said profits rose 4%. Analysts were surprised."


def test_a_case_by_anchor_or_by_offset() -> None:
    start = TEXT.index("Analysts")
    assert case_position(TEXT, {"anchor": "Analysts were"}) == start
    assert case_position(TEXT, {"offset": start}) == start


def test_an_offset_outside_the_text_or_on_a_space_is_no_sentence() -> None:
    assert case_position(TEXT, {"offset": len(TEXT)}) is None
    assert case_position(TEXT, {"offset": -1}) is None
    assert case_position(TEXT, {"offset": TEXT.index(" Analysts")}) is None
    assert case_position(TEXT, {"anchor": "not in the text"}) is None
    assert case_position(TEXT, {}) is None


def test_names_match_by_their_last_word() -> None:
    assert same_speaker("Mr Blair", "Tony Blair")
    assert not same_speaker("Nortel", "Nortel Networks")
    assert same_speaker(None, None) and not same_speaker("firm", None)
