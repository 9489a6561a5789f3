"""Page furniture is not prose: datelines, end marks, headlines, captions, comment sections,
recurring lines, quoted titles. Agency-style articles written for these tests."""

from __future__ import annotations

from nkterm.claims import detect
from nkterm.claims.furniture import furniture_spans, recurring_lines

AGENCY = """Farm output hits record

Pyongyang, August 16 (KCNA) -- Farmers in South Hwanghae Province harvested 4,200 tonnes of maize this season, the provincial committee said.

The committee praised the workers of the Chongsan cooperative farm.

-0-
"""


def texts_of(text: str) -> list[str]:
    return [text[c.start : c.end] for c in detect(text)]


def test_dateline_is_cut_off_and_the_sentence_after_it_stays() -> None:
    claims = detect(AGENCY)
    first = next(c for c in claims if "Farmers" in AGENCY[c.start : c.end])
    assert AGENCY[first.start : first.end].startswith("Farmers in South Hwanghae")
    assert not any("August 16" in cue or "Pyongyang" in cue for cue in first.cues)
    assert "quantity" in first.kinds  # the 4,200 tonnes, not the date of the dateline


def test_end_mark_and_headline_are_no_claims() -> None:
    spans = texts_of(AGENCY)
    assert not any("-0-" in s for s in spans)
    assert not any("Farm output hits record" in s for s in spans)


def test_captions_credits_and_comment_sections_are_no_claims() -> None:
    text = (
        "Officials said 3,000 homes were flooded in the northern county last week.\n\n"
        "Photo: Flooded streets in the county town / Reuters\n\n"
        "Rescue teams reached the last villages on Sunday, the police said.\n\n"
        "Comments (2)\n\n"
        "Jim wrote: The government ignored 50 warnings about the river.\n\n"
        "Sue wrote: This happens every year.\n"
    )
    spans = texts_of(text)
    assert any(s.startswith("Officials said") for s in spans)
    assert any(s.startswith("Rescue teams") for s in spans)
    assert not any("Photo" in s or "50 warnings" in s or "every year" in s for s in spans)


def test_recurring_lines_are_learned_and_skipped() -> None:
    footer = "Copyright 2024 Example News Agency. All rights reserved."
    texts = [f"Story {i}: the mayor said {i} roads were closed.\n\n{footer}\n" for i in range(12)]
    texts += ["A story with no footer: 40 people were hurt, police said.\n"] * 3
    lines = recurring_lines(texts)
    assert "copyright 2024 example news agency. all rights reserved" in lines
    assert not any("roads were closed" in line for line in lines)
    with_skip = [c for c in detect(texts[0], recurring=lines)]
    assert not any("Copyright" in texts[0][c.start : c.end] for c in with_skip)
    assert any("Copyright" in texts[0][c.start : c.end] for c in detect(texts[0]))
    assert furniture_spans(texts[0], lines)


def test_quoted_titles_of_works_are_no_quotes() -> None:
    claims = detect('The children sang "Song of General Kim Il Sung" at the rally on Monday.')
    assert not any("quote" in c.kinds for c in claims)
    claims = detect('The band played the song "we shall not be moved by anyone" twice.')
    assert not any("quote" in c.kinds for c in claims)
    claims = detect('"We shall not be moved by anyone," the strikers said.')
    assert any("quote" in c.kinds for c in claims)
