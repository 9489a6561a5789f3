from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nkterm.text import paragraphs, sentences
from tests.conftest import SEEDS


def test_sentences_of_a_seed_are_exact_slices_ending_in_punctuation() -> None:
    text = (SEEDS / "000_365e0b41eb302e4a.txt").read_text("utf-8")
    spans = sentences(text)
    got = [text[s.start : s.end] for s in spans]
    assert got[0] == "A travel blogger has gone inside North Korea to find out how its people tick."
    assert '"That is absolutely false.' in got
    # the closing quote belongs to its sentence
    assert 'It was all me."' in got
    assert got[-1] == "Music: Ben Sound & Audio Autix"


def test_paragraphs_follow_lines_and_blank_lines() -> None:
    text = "Title\n\nFirst para here.\nSecond line para.\n\n  Indented third.  \n"
    got = [text[s.start : s.end] for s in paragraphs(text)]
    assert got == ["Title", "First para here.", "Second line para.", "Indented third."]


def test_sentences_never_cross_paragraphs() -> None:
    text = "No full stop here\nNext paragraph starts. And goes on."
    got = [text[s.start : s.end] for s in sentences(text)]
    assert got == ["No full stop here", "Next paragraph starts.", "And goes on."]


@given(st.text(max_size=400))
def test_any_text_gives_ordered_spans_inside_it(text: str) -> None:
    spans = sentences(text)
    last = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= last
        last = span.end
        assert text[span.start : span.end].strip()
