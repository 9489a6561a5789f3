"""Spans -> ``rich.text.Text``: the one place document text becomes something a terminal shows.

Shared by the CLI and the Textual widgets. Document text and metadata are never parsed as
markup: they go into ``Text`` objects, after ``safe`` has made control characters, escape
sequences and bidi overrides visible. ``safe`` keeps the length of the string, so every
character offset computed on the raw text still points at the same character. Styles here are
names (``claim.quantity``) resolved by the CLI's theme; the TUI styles the same spans from its
stylesheet. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import re

from rich.style import StyleType
from rich.text import Text
from rich.theme import Theme

from nkterm.models import CLAIM_KINDS, Claim, Document, Hit

# A kind is never shown by colour alone: each has a short tag and a one-cell symbol.
KIND_TAGS: dict[str, str] = {
    "quantity": "NUM",
    "quote": "QUO",
    "attributed": "ATT",
    "experience": "EXP",
    "generalization": "GEN",
    "causal": "CAU",
    "prediction": "PRE",
    "rule": "RUL",
    "hedge": "HDG",
    "fact": "FCT",
}
KIND_SYMBOLS: dict[str, str] = {
    "quantity": "#",
    "quote": "\u201c",
    "attributed": "@",
    "experience": "I",
    "generalization": "\u2200",
    "causal": "\u21d2",
    "prediction": "\u2197",
    "rule": "!",
    "hedge": "~",
    "fact": "\u22a2",  # ⊢ "asserts"
}
KIND_DESCRIPTIONS: dict[str, str] = {
    "quantity": "numbers, statistics, dates, durations, money",
    "quote": "direct speech",
    "attributed": "reported speech, 'according to'",
    "experience": "first-person testimony",
    "generalization": "sweeping or comparative statements",
    "causal": "cause and effect",
    "prediction": "about the future",
    "rule": "obligations and prohibitions",
    "hedge": "qualifiers and caveats",
    "fact": "a named thing's state or record, when no other kind fires",
}
assert set(KIND_TAGS) == set(CLAIM_KINDS) == set(KIND_SYMBOLS)

CLI_THEME = Theme(
    {
        "claim.quantity": "bold cyan",
        "claim.quote": "green",
        "claim.attributed": "yellow",
        "claim.experience": "magenta",
        "claim.generalization": "bold blue",
        "claim.causal": "red",
        "claim.prediction": "bright_blue",
        "claim.rule": "bold red",
        "claim.hedge": "italic bright_black",
        "claim.fact": "white",
        "claim.strong": "underline",
        "hit": "reverse bold",
        "meta": "dim",
        "title": "bold",
    }
)

# C0 controls (but tab and newline), DEL, C1 controls; bidi embeddings, overrides, isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"  # C1 controls and bidi controls: one visible replacement character


def safe(text: str) -> str:
    """``text`` with every character that could drive the terminal replaced by a visible one.

    Length-preserving: offsets into the original text stay valid."""
    return _CONTROL.sub(_visible, text)


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def safe_line(text: str) -> str:
    """``safe`` for a one-line field (a title, an id, a name in a list or a table row): tabs
    and line breaks become spaces, so a row stays one row. A zero-width joiner becomes a
    zero-width space: Rich measures "a\u200db" as one cell (a joined grapheme) where a
    terminal draws two, which would shift the rest of the row. Length-preserving too."""
    return safe(_BREAKS.sub(" ", text)).replace("\u200d", "\u200b")


def one_line(text: str) -> str:
    """``safe_line`` with every run of whitespace made one space and the ends trimmed: a title,
    a quote or a speaker shown on one line of a list or a dialog (not length-preserving)."""
    return " ".join(safe_line(text).split())


def primary_kind(claim: Claim) -> str:
    return claim.kinds[0] if claim.kinds else "quantity"


def kind_tags(claim: Claim) -> str:
    return " ".join(f"{KIND_SYMBOLS[k]}{KIND_TAGS[k]}" for k in claim.kinds if k in KIND_TAGS)


def claim_text(doc: Document, claim: Claim) -> Text:
    """One claim for the CLI: offsets, tags, speaker and score, the text, the cues."""
    out = Text()
    out.append(f"{claim.start}-{claim.end} ", style="meta")
    out.append(f"[{kind_tags(claim)}]", style=f"claim.{primary_kind(claim)}")
    out.append(f"  score {claim.score:.2f}", style="claim.strong" if claim.check_worthy else "meta")
    if claim.check_worthy:
        out.append(" check-worthy", style="bold")
    if claim.speaker:
        out.append("  speaker: ")
        out.append(safe_line(claim.speaker), style="bold")
    out.append("\n  ")
    out.append(safe(" ".join(doc.text[claim.start : claim.end].split())))
    if claim.cues:
        out.append("\n  because: ", style="meta")
        out.append(safe("; ".join(claim.cues)), style="meta")
    return out


def hit_text(hit: Hit) -> Text:
    """One search result for the CLI: title, id and score, then the snippet with hits marked."""
    out = Text()
    out.append(safe_line(hit.title), style="title")
    out.append(f"  {safe_line(hit.id)}  score {hit.score:.2f}  {len(hit.hits)} hit(s)", style="meta")
    out.append("\n  ")
    snippet = Text(safe(hit.snippet))
    for span in hit.snippet_spans:
        snippet.stylize("hit", span.start, span.end)
    out.append_text(snippet)
    return out


def document_text(doc: Document, claims: list[Claim], *, check_worthy_only: bool = False) -> Text:
    """The whole document with claims styled by kind and tagged inline."""
    out = Text(safe(doc.text))
    for claim in claims:
        if check_worthy_only and not claim.check_worthy:
            continue
        style = f"claim.{primary_kind(claim)}"
        if claim.check_worthy:
            style += " underline"
        out.stylize(style, claim.start, claim.end)
    return out


def explanation(
    out: Text,
    reason: str,
    shared_terms: tuple[str, ...],
    *,
    reason_style: StyleType,
    meta: StyleType,
    joint: str,
) -> Text:
    """Append why two passages were matched to ``out`` (a comparison's pair, a corroboration's
    result; in the reader and the CLI alike): the reason (if any, then ``joint``: "  " on one
    row, a line break in the CLI's report) and the terms they share that the reason does not
    name already ("same topic: North Korea, people" was followed by "shared: North Korea,
    people"). The reason and the terms are each made safe and kept on one line."""
    rest = [term for term in shared_terms if not _names(reason, term)]
    if reason:
        out.append(one_line(reason), style=reason_style)
        if rest:
            out.append(joint, style=meta)
    if rest:
        out.append("also shared: " if len(rest) < len(shared_terms) else "shared: ", style=meta)
        out.append(one_line(", ".join(rest)))
    return out


def _names(reason: str, term: str) -> bool:
    """Whether ``reason`` names ``term`` as a whole (case kept: "korea" is not "North Korea")."""
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", reason) is not None
