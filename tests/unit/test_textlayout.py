"""The document view's layout, without Textual: wrapping by cells and sentences on demand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from nkterm.models import Span
from nkterm.render import safe
from nkterm.text import paragraphs, sentences
from nkterm.tui.view.textlayout import LONG_PARAGRAPH, Decor, Sentences, split_sentences, wrap
from tests.counts import examples

WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)


@pytest.mark.slow
@settings(max_examples=examples(200), deadline=None)
@given(text=WORDS, width=st.integers(min_value=1, max_value=60))
def test_wrapping_keeps_every_word_in_order_and_within_the_width(text: str, width: int) -> None:
    display = safe(text)
    paras = paragraphs(text)
    wrapped = wrap(display, paras, width, header=[Decor("A title that is long", "title")])
    text_lines = [i for i in range(len(wrapped)) if i not in wrapped.decor]
    assert wrapped.starts == sorted(wrapped.starts) and wrapped.ends == sorted(wrapped.ends)
    shown = []
    for i in text_lines:
        piece = display[wrapped.starts[i] : wrapped.ends[i]]
        # a line is never wider than the width, unless it is one character that is
        assert cell_len(piece) <= width or len(piece) == 1, (piece, width)
        shown.append(piece)
    # nothing is lost: the words of the text, in order
    assert "".join("".join(shown).split()) == "".join(
        "".join(display[p.start : p.end] for p in paras).split()
    )
    for p, para in enumerate(paras):  # each paragraph starts on its own line
        assert wrapped.starts[wrapped.para_lines[p]] == para.start


def test_line_of_finds_the_line_showing_an_offset() -> None:
    text = "one two three four five six seven\n\neight nine ten"
    wrapped = wrap(text, paragraphs(text), 10, header=[Decor("Title", "title")])
    for offset, word in ((0, "one"), (14, "four"), (35, "eight")):
        line = wrapped.line_of(offset)
        assert line not in wrapped.decor
        assert word in text[wrapped.starts[line] : wrapped.ends[line]]


def test_sentences_are_found_per_paragraph_and_match_the_core_segmenter() -> None:
    text = "First one. Second one here.\nA new paragraph! And its end?\n"
    found = Sentences(text, paragraphs(text))
    spans = [found.span((p, i)) for p in range(2) for i in range(len(found.of(p)))]
    assert spans == list(sentences(text))
    assert found.locate(12) == (0, 1)
    assert found.next((0, 1)) == (1, 0)
    assert found.previous((1, 0)) == (0, 1)
    assert found.next(found.last()) is None and found.previous(found.first()) is None


def test_a_giant_paragraph_is_split_cheaply_but_completely() -> None:
    text = "Word word word. " * (LONG_PARAGRAPH // 10)
    para = Span(0, len(text.rstrip()))
    spans = split_sentences(text, para)
    assert len(spans) == LONG_PARAGRAPH // 10
    assert all(text[s.start : s.end] == "Word word word." for s in spans)
