"""The reader's sentence cursor (``nkterm.tui.view.document_cursor``) as plain Python: every
move over a real laid-out document, with a ``ScrollState`` for the view; no Textual."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.models import Claim, Document, Span
from nkterm.text import paragraphs, sentences
from nkterm.tui.view.document_cursor import DocumentCursor
from nkterm.tui.view.document_layout import GUTTER, Prepared, prepare, text_width
from nkterm.tui.view.viewport import ScrollState
from tests.counts import examples

PANE = 80  # cells: text_width(80) = 73
HEIGHT = 20


def _text(paras: int = 30, per: int = 4) -> str:
    return "\n\n".join(
        " ".join(f"Paragraph {p} sentence {i} tells how the river rose in the night." for i in range(per))
        for p in range(paras)
    )


def _claims(text: str) -> tuple[Claim, ...]:
    """A claim on the second sentence of every third paragraph; every other one check-worthy."""
    out = []
    paras, spans = paragraphs(text), sentences(text)
    for n, p in enumerate(range(0, len(paras), 3)):
        inside = [s for s in spans if paras[p].start <= s.start < paras[p].end]
        if len(inside) < 2:
            continue
        span = inside[1]
        out.append(Claim(span.start, span.end, ("quantity",), 0.8 if n % 2 == 0 else 0.2))
    return tuple(out)


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(id=doc_id, text=text, title="A generated report")


def _cursor(
    text: str | None = None,
    *,
    height: int = HEIGHT,
    pane: int = PANE,
    claims: tuple[Claim, ...] | None = None,
    hits: tuple[Span, ...] = (),
    **show: object,
) -> tuple[DocumentCursor, ScrollState]:
    text = _text() if text is None else text
    view = ScrollState(height)
    model = DocumentCursor(view)
    claims = _claims(text) if claims is None else claims
    model.show(prepare(_doc(text), list(claims), pane, hits), pane, **show)  # type: ignore[arg-type]
    return model, view


def _on_screen(model: DocumentCursor, view: ScrollState) -> bool:
    first, last = model.cursor_lines
    return view.top <= first and last < view.top + view.height


# -- opening -----------------------------------------------------------------------------------


def test_a_document_opens_at_the_top_on_its_first_sentence() -> None:
    text = _text()
    model, view = _cursor(text)
    assert model.ready and model.cursor == sentences(text)[0]
    assert view.top == 0 and view.lines == len(model.wrapped or ()) > HEIGHT
    assert model.moves == 1
    assert model.where() == "paragraph 1 of 30 · 0% into the text"
    assert model.wrapped is not None and model.wrapped.width == text_width(PANE)


def test_an_empty_document_has_no_cursor_and_every_move_is_a_no_op() -> None:
    model, view = _cursor("", claims=())
    assert not model.ready and model.cursor_lines == (-1, -1) and model.moves == 1
    for move in (
        model.next_sentence,
        model.previous_sentence,
        model.to_top,
        model.to_bottom,
        lambda: model.page(1),
        lambda: model.half_page(-1),
        lambda: model.paragraph(1),
        lambda: model.goto_offset(5),
        lambda: model.click(4, 10),
        lambda: model.place(0, 3),
    ):
        move()
    assert model.moves == 1 and view.top == 0
    assert not model.step_claim(1) and not model.step_hit(1) and not model.begin_selection()
    assert model.passage() is None and model.where() == "" and model.marked_lines() == set()


def test_a_saved_position_reopens_where_it_was() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    model.goto_offset(spans[50].start)
    cursor, top = model.cursor, model.top_offset
    again, again_view = _cursor(text, target="saved", cursor=cursor.start, top=top)
    assert again.cursor == cursor and again_view.top == view.top
    # saved at another size: the cursor is brought into view
    small, small_view = _cursor(text, height=5, target="saved", cursor=spans[80].start, top=top)
    assert small.cursor == spans[80] and _on_screen(small, small_view)


# -- j / k -------------------------------------------------------------------------------------


def test_j_and_k_walk_every_sentence_and_the_view_follows() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    seen = [model.cursor]
    for _ in range(len(spans) - 1):
        model.next_sentence()
        seen.append(model.cursor)
        assert _on_screen(model, view)
        _first, last = model.cursor_lines
        # two lines of context below the cursor while there is text below it
        assert last + 2 < view.top + view.height or view.top == view.max_top
    assert seen == list(spans)
    model.next_sentence()  # past the last: the view goes to the end, the cursor stays
    assert model.cursor == spans[-1] and view.top == view.max_top
    back = [model.cursor]
    for _ in range(len(spans) - 1):
        model.previous_sentence()
        back.append(model.cursor)
        assert _on_screen(model, view)
    assert back == list(reversed(spans))
    model.previous_sentence()
    assert model.cursor == spans[0] and view.top == 0


def test_j_goes_a_line_at_a_time_through_a_sentence_taller_than_the_view() -> None:
    long = "This sentence " + "goes on and on " * 40 + "until it ends."
    text = f"A first short sentence. {long} A last one."
    model, view = _cursor(text, height=8, pane=30)
    spans = sentences(text)
    model.next_sentence()
    assert model.cursor == spans[1]
    first, last = model.cursor_lines
    assert last - first + 1 > view.height
    tops = []
    while model.cursor == spans[1]:
        tops.append(view.top)
        model.next_sentence()
    assert tops == list(range(tops[0], last - view.height + 2)), "one line per j until its end shows"
    assert model.cursor == spans[2]
    model.previous_sentence()  # back onto it: its first line at the top
    assert model.cursor == spans[1] and view.top == first
    model.next_sentence()
    model.next_sentence()
    assert model.cursor == spans[1] and view.top == first + 2
    model.previous_sentence()  # its start is above the view: k scrolls back a line first
    assert model.cursor == spans[1] and view.top == first + 1


def test_j_after_scrolling_away_puts_the_cursor_on_the_screen_first() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    view.scroll_to(40)  # the wheel, say: the cursor is above the view now
    model.next_sentence()
    assert _on_screen(model, view) and model.cursor.start >= model.wrapped.starts[40]  # type: ignore[union-attr]
    assert model.cursor in spans
    view.scroll_to(0)
    model.previous_sentence()
    assert _on_screen(model, view)


# -- pages and ends ----------------------------------------------------------------------------


def test_pages_move_the_view_and_put_the_cursor_on_its_first_sentence() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    model.page(1)
    assert view.top == HEIGHT - 2
    wrapped = model.wrapped
    assert wrapped is not None
    starting = [s for s in spans if view.top <= wrapped.line_of(s.start) < view.top + HEIGHT]
    assert model.cursor == starting[0]
    while view.top < view.max_top:
        model.page(1)
        assert _on_screen(model, view)
    model.page(1)  # at the end already: the cursor goes to the last sentence
    assert model.cursor == spans[-1]
    model.page(-1)
    assert view.top == view.max_top - (HEIGHT - 2) and _on_screen(model, view)
    model.to_top()
    model.half_page(1)
    assert view.top == HEIGHT // 2 and _on_screen(model, view)
    model.half_page(-1)
    assert view.top == 0
    model.page(-1)  # at the top already: the first sentence
    assert model.cursor == spans[0]


def test_g_and_shift_g_go_to_the_ends() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    model.to_bottom()
    assert model.cursor == spans[-1] and view.top == view.max_top > 0
    model.to_top()
    assert model.cursor == spans[0] and view.top == 0


def test_braces_move_by_paragraph() -> None:
    text = _text()
    paras = paragraphs(text)
    model, _view = _cursor(text)
    model.paragraph(1)
    model.paragraph(1)
    assert model.cursor.start == paras[2].start
    model.next_sentence()
    model.paragraph(-1)  # inside a paragraph: its start
    assert model.cursor.start == paras[2].start
    model.paragraph(-1)  # at its start: the previous one
    assert model.cursor.start == paras[1].start
    model.to_bottom()
    model.paragraph(1)  # the last paragraph: its last sentence
    assert model.cursor == sentences(text)[-1]


# -- claims and hits ---------------------------------------------------------------------------


def test_brackets_walk_the_claims_and_w_keeps_the_check_worthy_ones() -> None:
    text = _text()
    claims = _claims(text)
    model, view = _cursor(text)
    walked = []
    while model.step_claim(1):
        walked.append(model.claim)
        assert model.cursor.start <= model.claim.start < model.cursor.end  # type: ignore[union-attr]
        assert _on_screen(model, view)
    assert walked == list(claims)
    assert model.step_claim(-1) and model.claim == claims[-2]
    model.set_check_worthy_only(True)
    model.to_top()
    strong = []
    while model.step_claim(1):
        strong.append(model.claim)
    assert strong == [c for c in claims if c.check_worthy] and len(strong) < len(claims)
    model.set_check_worthy_only(False)
    model.to_top()
    assert model.neighbour_claim(-1) is None and not model.step_claim(-1)


def test_the_claim_at_the_cursor_follows_the_sentence() -> None:
    text = _text()
    claims = _claims(text)
    model, _view = _cursor(text)
    assert model.claim is None
    model.next_sentence()  # the second sentence of the first paragraph holds a claim
    assert model.claim == claims[0]
    model.next_sentence()
    assert model.claim is None


def test_hits_are_walked_from_the_cursor_and_open_the_document_on_the_first_or_last() -> None:
    text = _text()
    hits = tuple(Span(m, m + 5) for m in (text.index("Paragraph 7 "), text.index("Paragraph 20 ")))
    model, _view = _cursor(text, hits=hits, target="first-hit")
    assert model.hit == 0 and model.cursor.start <= hits[0].start < model.cursor.end
    assert model.step_hit(1) and model.hit == 1
    assert not model.step_hit(1), "no hit after the last: the screen tries the next document"
    model.to_top()
    model.next_sentence()  # a sentence move drops the current hit: n goes on from the cursor
    assert model.hit is None and model.step_hit(1) and model.hit == 0
    last, _ = _cursor(text, hits=hits, target="last-hit")
    assert last.hit == 1
    assert last.set_hits((), None) and not last.step_hit(-1)


# -- selection and bookmarks -------------------------------------------------------------------


def test_v_selects_a_passage_that_the_cursor_extends_and_b_bookmarks_it() -> None:
    text = _text()
    spans = sentences(text)
    model, _view = _cursor(text)
    model.next_sentence()
    model.next_sentence()  # the third sentence
    assert model.begin_selection() and model.selecting
    model.next_sentence()
    model.next_sentence()
    assert model.selection() == Span(spans[2].start, spans[4].end)
    mark = model.selection_mark()
    assert mark is not None and (mark.start, mark.end, mark.role) == (
        spans[2].start,
        spans[4].end,
        "selection",
    )
    passage = model.passage()
    assert passage is not None and (passage.start, passage.end) == (spans[2].start, spans[4].end)
    assert passage.sentences == 3 and passage.claim is None
    model.to_top()  # backwards past where it began: the selection runs from the cursor
    assert model.selection() == Span(spans[0].start, spans[2].end)
    assert model.cancel_selection() and not model.cancel_selection()
    assert model.selection() is None and model.selection_mark() is None


def test_b_bookmarks_the_claim_at_the_cursor_else_its_sentence_without_blanks() -> None:
    text = _text()
    claims = _claims(text)
    model, _view = _cursor(text)
    sentence = model.passage()
    assert sentence is not None and sentence.claim is None and sentence.sentences == 1
    assert (
        text[sentence.start : sentence.end] == text[sentences(text)[0].start : sentences(text)[0].end].strip()
    )
    model.goto_claim(claims[1])
    claim = model.passage()
    assert claim is not None and claim.claim == claims[1]
    assert (claim.start, claim.end) == (claims[1].start, claims[1].end)


# -- the view's size ---------------------------------------------------------------------------


def test_a_narrower_pane_lays_the_text_out_again_and_keeps_the_cursor_in_view() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    model.goto_offset(spans[60].start)
    top_text = model.top_offset
    assert model.resize(PANE) is False  # same width: nothing to do
    view.height = 12
    assert model.resize(40)
    assert model.wrapped is not None and model.wrapped.width == text_width(40)
    assert view.lines == len(model.wrapped)
    assert model.cursor == spans[60] and _on_screen(model, view)
    assert model.cursor_lines == model.wrapped.lines_of(spans[60])
    assert model.top_offset >= top_text  # it scrolled down to the cursor, not back up
    view.height = HEIGHT
    assert model.resize(120)
    assert model.cursor == spans[60] and _on_screen(model, view)


def test_a_hidden_view_follows_the_cursor_once_shown() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text, height=0, pane=0)  # a narrow layout shows the list only
    model.goto_offset(spans[70].start)
    assert model.follow_pending and view.top == 0
    view.height = HEIGHT
    model.resize(0)  # same width (0 is not laid out): only the pending follow
    assert not model.follow_pending and _on_screen(model, view)


def test_claims_loaded_after_the_text_update_the_header_and_the_claim_at_the_cursor() -> None:
    text = _text()
    claims = _claims(text)
    view = ScrollState(HEIGHT)
    model = DocumentCursor(view)
    model.show(prepare(_doc(text), None, PANE), PANE)
    assert model.wrapped is not None
    header = [d.text for d in model.wrapped.decor.values() if d.role == "claims"]
    assert header == ["claims: loading…"]
    model.next_sentence()
    assert model.claim is None
    assert model.set_claims(tuple(reversed(claims)))
    assert model.claim == claims[0] and model.shown.claims == list(claims)
    assert next(d.text for d in model.wrapped.decor.values() if d.role == "claims").startswith("10 claims")


# -- the pointer and the comparison ------------------------------------------------------------


def test_a_click_puts_the_cursor_on_the_sentence_under_it() -> None:
    text = _text()
    model, view = _cursor(text)
    wrapped = model.wrapped
    assert wrapped is not None
    line = wrapped.para_lines[3]
    column = 30
    model.click(line - view.top, GUTTER + column)
    assert model.cursor.start <= wrapped.starts[line] + column < model.cursor.end
    moves = model.moves
    model.click(0, GUTTER + 1)  # the title: no move
    assert model.moves == moves


def test_place_puts_a_passage_at_a_row_as_near_as_the_ends_allow() -> None:
    text = _text()
    spans = sentences(text)
    model, view = _cursor(text)
    assert model.place(spans[40].start, 5) == 5
    assert model.row_of(spans[40].start) == 5 and model.cursor == spans[40]
    assert model.place(spans[0].start, 10) == model.row_of(spans[0].start) < 10  # the top
    assert model.place(spans[-1].start, 0) > 0 and view.top == view.max_top  # the end


# -- any moves ---------------------------------------------------------------------------------


@functools.cache
def _any_keys_document() -> tuple[str, Prepared, frozenset[Span]]:
    text = _text(paras=12, per=3) + "\n\n" + "A long one " * 50 + "ends here."
    hits = (Span(text.index("Paragraph 4 "), text.index("Paragraph 4 ") + 9),)
    return text, prepare(_doc(text), list(_claims(text)), PANE, hits), frozenset(sentences(text))


MOVES = ("j", "k", "page", "pageup", "d", "u", "g", "G", "}", "{", "]", "[", "n", "N", "wide", "narrow")


@settings(max_examples=examples(150), deadline=None)
@given(
    keys=st.lists(st.sampled_from(MOVES), max_size=40),
    height=st.integers(min_value=1, max_value=30),
    pane=st.integers(min_value=12, max_value=130),
)
def test_after_any_keys_the_cursor_is_a_sentence_and_on_screen_when_it_moved(
    keys: list[str], height: int, pane: int
) -> None:
    _text, prepared, spans = _any_keys_document()
    view = ScrollState(height)
    model = DocumentCursor(view)
    model.show(prepared, pane)  # laid out again at this width; segmented once for all examples
    first = min(spans, key=lambda s: s.start)
    act = {
        "j": model.next_sentence,
        "k": model.previous_sentence,
        "page": lambda: model.page(1),
        "pageup": lambda: model.page(-1),
        "d": lambda: model.half_page(1),
        "u": lambda: model.half_page(-1),
        "g": model.to_top,
        "G": model.to_bottom,
        "}": lambda: model.paragraph(1),
        "{": lambda: model.paragraph(-1),
        "]": lambda: model.step_claim(1),
        "[": lambda: model.step_claim(-1),
        "n": lambda: model.step_hit(1),
        "N": lambda: model.step_hit(-1),
        "wide": lambda: model.resize(130),  # the pane's width changes: laid out again
        "narrow": lambda: model.resize(30),
    }
    for key in keys:
        moves = model.moves
        relaid = act[key]()
        assert model.cursor in spans, key
        assert 0 <= view.top <= view.max_top and view.lines == len(model.wrapped or ())
        # moved, laid out again, or brought onto the screen; except at the very top, where g
        # and k show the title block, which may fill a very low view
        at_top = view.top == 0 and model.cursor == first
        if (model.moves != moves or relaid is True or key in "jk") and not at_top:
            top_line, bottom_line = model.cursor_lines
            assert bottom_line >= view.top and top_line < view.top + view.height, (
                key,
                model.cursor_lines,
                view,
            )
