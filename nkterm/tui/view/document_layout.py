"""How a document is laid out for the reader: its title block, section labels and wrapped
paragraphs, and ``prepare``, which does it all off the UI thread.

Pure functions over plain data (no Textual import), run in the document-loading worker; the
view calls ``layout_document`` again only when its width changes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from nkterm.analysis import undetected_language
from nkterm.models import Claim, Document, Span
from nkterm.render import safe
from nkterm.tui.view.textlayout import Decor, Sentences, WrappedText, wrap


@dataclass(frozen=True)
class Prepared:
    """A document ready for the view: loaded, made safe to show, laid out at ``wrapped.width``."""

    doc: Document
    claims: tuple[Claim, ...]
    display: str
    sentences: Sentences
    wrapped: WrappedText
    hits: tuple[Span, ...] = ()
    query: str | None = None
    words: int | None = None
    claims_loaded: bool = True  # False: a long document's claims are still on their way


GUTTER = 6  # cursor mark, check-worthy mark, three kind symbols, a space
MAX_TEXT_WIDTH = 100  # cells: longer lines are hard to read, so wide panes keep a margin
PRESEGMENT_CHARS = 60_000  # shorter documents are segmented into sentences while loading


def text_width(pane_width: int) -> int:
    return max(10, min(MAX_TEXT_WIDTH, pane_width - GUTTER - 1))


def claims_line(claims: tuple[Claim, ...] | None, text: str = "") -> str:
    """The header line about claims; it says when the text is in a language the detector does
    not read (it reads English)."""
    language = undetected_language(text)
    if claims is None:
        return "claims: loading…"
    if not claims:
        return f"claims are not detected in {language} text" if language else "no claims found"
    strong = sum(1 for c in claims if c.check_worthy)
    unread = f" · not detected in its {language} text" if language else ""
    return f"{len(claims)} claims, {strong} check-worthy{unread} · [ ] walk them · L legend"


def layout_document(
    doc: Document, display: str, claims: tuple[Claim, ...] | None, width: int, words: int | None = None
) -> WrappedText:
    """The document's lines at ``width``: a title block, section labels, the paragraphs.
    ``words``: the word count if known (counting 100,000 words takes ~12 ms)."""
    meta = [f"{doc.source}, from {doc.source_from}" if doc.source and doc.source_from else doc.source]
    if doc.place:
        meta.append(doc.place)
    if doc.date:
        meta.append(
            f"{doc.date.isoformat()}, from {doc.date_from}" if doc.date_from else doc.date.isoformat()
        )
    if not doc.source:
        meta.insert(0, doc.path or doc.id)
    meta = [m for m in meta if m]
    meta.append(f"{words if words is not None else doc.word_count:,} words")
    if doc.people:
        meta.append("people: " + ", ".join(doc.people))
    header = [
        Decor(safe(" ".join(doc.title.split())), "title"),
        Decor(safe(" · ".join(meta)), "meta"),
        Decor(claims_line(claims, doc.text), "claims"),
    ]
    paragraphs = doc.paragraphs
    starts = [p.start for p in paragraphs]
    before: dict[int, list[Decor]] = {}
    for section in doc.sections:
        if not (section.label or section.voice or section.kind != "body"):
            continue
        p = bisect.bisect_left(starts, section.start)
        if p < len(paragraphs):
            label = [section.label or section.kind]
            if section.kind not in ("body", section.label):
                label.append(f"({section.kind})")
            if section.voice:
                label.append(f"voice: {section.voice}")
            before.setdefault(p, []).append(Decor(safe("§ " + " ".join(" ".join(label).split())), "section"))
    for part in doc.parts:
        if part.kind == "page" and part.start > 0:  # a chapter or heading opens with its own title
            p = bisect.bisect_left(starts, part.start)
            if p < len(paragraphs):
                before.setdefault(p, []).append(Decor(safe(f"— {part.label} —"), "section"))
    return wrap(display, paragraphs, width, header=header, before=before)


def prepare(
    doc: Document,
    claims: list[Claim] | None,
    width: int,
    hits: tuple[Span, ...] = (),
    query: str | None = None,
    *,
    words: int | None = None,
) -> Prepared:
    """Everything the view needs, computed off the UI thread. ``claims=None``: they come later
    (``DocumentView.set_claims``), so a long document shows its text first."""
    display = safe(doc.text).replace("\t", " ")
    ordered = None if claims is None else tuple(sorted(claims, key=lambda c: (c.start, c.end)))
    sentences = Sentences(display, doc.paragraphs)
    sentences.prepare(PRESEGMENT_CHARS)
    wrapped = layout_document(doc, display, ordered, text_width(width), words)
    return Prepared(
        doc,
        ordered or (),
        display,
        sentences,
        wrapped,
        tuple(sorted(hits, key=lambda s: s.start)),
        query,
        words=words,
        claims_loaded=ordered is not None,
    )
