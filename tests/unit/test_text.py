from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nkterm.spans import Span
from nkterm.text import _fill_gaps, paragraphs, sentences
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


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_a_question_or_exclamation_inside_a_sentence_does_not_end_it() -> None:
    text = (
        '"Will 8Mbps be enough?" he asked. A report by Which? magazine found it. '
        "He was in Wham! along with Andrew. Is it true?' said Ann."
    )
    assert _split(text) == [
        '"Will 8Mbps be enough?" he asked.',
        "A report by Which? magazine found it.",
        "He was in Wham! along with Andrew.",
        "Is it true?' said Ann.",
    ]


def test_sentences_ending_in_a_number_or_a_paper_name_end_there() -> None:
    text = 'The firm owes about $12.05bn. "Eventually, it will pay," he told The Sun. The end.'
    assert _split(text) == [
        "The firm owes about $12.05bn.",
        '"Eventually, it will pay," he told The Sun.',
        "The end.",
    ]


def test_abbreviations_initials_and_lists_do_not_end_a_sentence() -> None:
    text = "Mr. Brown met George W. Bush in the U.S. capital. J Robinson (capt); M Cueto, J Noon; C Hodgson."
    assert _split(text) == [
        "Mr. Brown met George W. Bush in the U.S. capital.",
        "J Robinson (capt); M Cueto, J Noon; C Hodgson.",
    ]


def test_a_brand_in_lower_case_may_start_a_sentence_and_closing_quotes_stay() -> None:
    text = "Sales rose 4%. iPod sales doubled. He said 'they are just people ... '"
    assert _split(text) == ["Sales rose 4%.", "iPod sales doubled.", "He said 'they are just people ... '"]


def test_closing_marks_left_between_sentences_join_the_sentence_before() -> None:
    # what Punkt never leaves on BBC nor the seeds, the gap filler still does: a sentence that
    # stops before its closing quote and bracket gets them; a gap of spaces stays out
    text = 'He left.") Then  she came. '
    first_end = text.index(".") + 1
    second = text.index("Then")
    para = Span(0, len(text.rstrip()))
    got = _fill_gaps([0, second], [first_end, para.end], para, text)
    assert [text[s.start : s.end] for s in got] == ['He left.")', "Then  she came."]
