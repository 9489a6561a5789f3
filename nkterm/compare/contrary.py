"""Opposite states of one participant (``contrary_conflict``): one passage says that something
is in a state ("work was halted", "he quit", "the rules are unclear") and the other that the
same thing is in the contrary state ("is continuing work", "he remains in post", "very clear
rules") - in other words, so that no word of one is negated in the other.

The states are pairs of contrary word groups (``CONTRARY_WORDS``: stopped / going on, left /
stayed, complied / defied, ...), written from ordinary English, not from labelled sentences. A
negation just before a state word turns it into its contrary ("did not resign" stays, "refusing
to obey" defies); a state under a modal or a condition ("could be halted", "if work stops") is
no state and is left out, and so is a passage that tells a change ("is now illegal", "no
longer", "until": two times, not two accounts of one). The participant is what both states are
about: the same name before both state words (``actors.actor_before``: "Doug Smith quit" / "Mr
Smith did not resign"), or two content words near both (``params.CONTRARY_WINDOW`` on each side,
in its sentence), one of them not a name and one not a common word ("work was halted on ... the
Three Gorges Dam" / "is continuing work on the ... Three Gorges Dam"); a name near a state need
not be who is in it, and the words of a state group are not participants.

On (``params.CONTRARY_STATES``): session 13's leave-one-set-out chose it in 14 of 15 folds and
tied in the fold of the set that suggested it (no left-out split changes either way); on 1,169
unlabelled document pairs it fires once, rightly (docs/compare.md).

Measured and left out (docs/compare.md, session 13): the evaluation axes rise / fall, win / lose
and support / oppose read the same way (two results of two matches), and a word one passage
negates that the other asserts on the same participant ("not infect" / "infected": 2 right, 20
wrong over the labelled splits).

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.analysis import analyze
from nkterm.compare import params
from nkterm.compare.actors import actor_before
from nkterm.compare.meanings import MEANING
from nkterm.compare.slots import time_frame
from nkterm.compare.units import Unit
from nkterm.compare.words import ATTRIBUTION_WORDS, COMMON_STEMS, FUNCTION_WORDS, stem

PREFIX = "opposite states"  # every reason of this module starts so (``relations`` bars it apart)

# state -> (word forms of one side, of the contrary side); forms, not stems: "cleared" (of a
# charge) is not "clear", "left" (foot) is not "quit". "form+next|next": only before one of those
# words ("stood down", not "stood at 92.9%"; "remains in post", not "remains unclear"); "^form": a
# word that says a state only after a verb "to be" ("hunting is now illegal", not "illegal movies",
# "legal action")
CONTRARY_WORDS: dict[str, tuple[str, str]] = {
    "stopped/going on": (
        "halt halts halted halting stop stops stopped stopping suspend suspends suspended suspending "
        "^frozen cancel cancels cancelled canceled cancelling ^scrapped ^abandoned ^shelved ^shut",
        "continue continues continued continuing resume resumes resumed resuming proceed proceeds "
        "proceeded proceeding restart restarts restarted ^ongoing",
    ),
    "left/stayed": (
        "quit quits quitting resign resigns resigned resigning resignation departed sacked ousted "
        "stood+down step+down steps+down stepped+down",
        "remain+in|at|as|on|until remains+in|at|as|on|until remained+in|at|as|on|until "
        "stay+in|at|as|on|until stays+in|at|as|on|until stayed+in|at|as|on|until",
    ),
    "complied/defied": (
        "comply complies complied complying obey obeys obeyed obeying abide abided",
        "defy defies defied defying flout flouts flouted flouting disobey disobeys disobeyed ignore "
        "ignores ignored ignoring",
    ),
    "clear/unclear": ("^clear", "^unclear ^uncertain"),
    "open/closed": ("opened reopened reopen reopens", "^closed"),
    "alive/dead": ("^alive", "^dead died killed"),
    "allowed/banned": (
        "^allowed ^permitted ^legal ^lawful",
        "^banned ^barred ^forbidden ^prohibited ^illegal ^unlawful",
    ),
    "accepted/refused": ("accept accepts accepted accepting", "refuse refuses refused refusing"),
}

_NEGATED_BEFORE_RE = re.compile(
    r"(\bnot|\bnever|\bno longer|n't|\brefus(?:e|es|ed|ing) to|\bfail(?:s|ed|ing)? to|\bdeclin(?:e|es|ed|ing) to)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_MODAL_BEFORE_RE = re.compile(
    r"\b(?:would|could|should|may|might|must|will|shall|needs? to|if|unless|whether|threaten(?:s|ed)? to|orders? to|"
    r"calls? to|plans? to|wants? to|willing to|to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_COPULA_BEFORE_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|become|became|becomes|'s|remains?|remained)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
# words that make a state one step of a change ("now illegal after the ban came into force" /
# "the last day that hunting is legal": two times, not two accounts of one)
_CHANGE_RE = re.compile(
    r"\b(?:now|no longer|any ?more|since|until|till|again|last day|first day|first time|from now)\b",
    re.IGNORECASE,
)
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:a|an|the|its|his|her|their|this|that|these|those|our|any)\s+$", re.IGNORECASE
)
# words of time place a state, they are not who or what is in it ("halted last month" / "is
# continuing, the council said last month")
_TIME_WORDS = frozenset(
    stem(w)
    for w in ("day", "week", "weekend", "month", "year", "earlier", "later", "today", "yesterday", "tonight")
)
_JOINS = frozenset(["and", "but", "or", "then", "yet"])  # a negation does not reach past these
_SENTENCE_END_RE = re.compile(r"[.!?;](?:\s|$)")
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


# state, side, the words one of which must follow (or none), whether a verb "to be" must come before
_Side = tuple[str, int, frozenset[str], bool]


def _sides() -> dict[str, _Side]:
    """word form -> (its state, its side, the next words it needs, whether it needs a verb "to be"
    before it)."""
    sides: dict[str, _Side] = {}
    for state, (one, other) in CONTRARY_WORDS.items():
        for sign, words in ((1, one), (-1, other)):
            for entry in words.split():
                word, _plus, needs = entry.partition("+")
                after = frozenset(needs.split("|")) if needs else frozenset()
                sides.setdefault(word.lstrip("^"), (state, sign, after, word.startswith("^")))
    return sides


# state, side, as written, who is in it (``actors.actor_before``: "" if no name), other words
# near it, the stems near it as written
_State = tuple[str, int, str, str, frozenset[str], dict[str, str]]


@functools.lru_cache(maxsize=8192)
def states(text: str) -> tuple[_State, ...]:
    """The states ``text`` asserts: (state, side, the words as written, who is in it, the
    content words near it, those words as written). Memoised."""
    sides = _SIDES
    found = [(m, sides[m.group(0).lower()]) for m in _WORD_RE.finditer(text) if m.group(0).lower() in sides]
    if not found or _CHANGE_RE.search(text):
        return ()  # ("is now illegal", "no longer", "until": one step of a change, not a standing state)
    tokens = analyze(text)
    out = []
    for m, (state, side, needs, copula) in found:
        if needs:
            after = _WORD_RE.search(text, m.end())
            if after is None or after.group(0).lower() not in needs:
                continue
        before = text[max(0, m.start() - 40) : m.start()]
        if copula and not _COPULA_BEFORE_RE.search(before):
            continue
        negation = _NEGATED_BEFORE_RE.search(before)
        refusal = negation is not None and negation.group(1)[:1].lower() in "rfd"  # "refusing to obey"
        if not refusal and _MODAL_BEFORE_RE.search(before):
            continue  # what may be, is ordered, planned or aimed at ("to stop the sale") is no state
        if _DETERMINER_BEFORE_RE.search(before):
            continue  # "a banned drug", "the closed factory": what a thing is called, not said of it
        written = m.group(0)
        between = before[negation.end(1) :].split() if negation else []
        if negation and not any(w.lower() in sides or w.lower() in _JOINS for w in between):
            side, written = -side, before[negation.start() :] + written
        words, shown = _near(text, tokens, m.start(), m.end(), sides)
        actor, actor_written = actor_before(text, m.start())
        shown[actor] = actor_written
        out.append((state, side, " ".join(written.split()), actor, words, shown))
    return tuple(out)


def _near(
    text: str, tokens: list[tuple[str, int, int]], start: int, end: int, sides: dict[str, _Side]
) -> tuple[frozenset[str], dict[str, str]]:
    """(the content stems within ``params.CONTRARY_WINDOW`` content words of the state word at
    ``start``-``end``, in its sentence, names marked "@" and other words by their meaning
    (``meanings``); each as written)."""
    head = max((e.end() for e in _SENTENCE_END_RE.finditer(text, 0, start)), default=0)
    tail_end = _SENTENCE_END_RE.search(text, end)
    tail = tail_end.start() if tail_end else len(text)
    content = [
        (term, s, e)
        for term, s, e in tokens
        if head <= s < tail
        and (s < start or s >= end)
        and text[s:e].lower() not in FUNCTION_WORDS
        and text[s:e].lower() not in ATTRIBUTION_WORDS
        and text[s:e].lower() not in sides
        and term not in _TIME_WORDS
        and not time_frame(text[s:e])  # (months, weekdays, years)
    ]
    before = [c for c in content if c[1] < start][-params.CONTRARY_WINDOW :]
    after = [c for c in content if c[1] >= end][: params.CONTRARY_WINDOW]
    words: set[str] = set()
    shown: dict[str, str] = {}
    for term, s, e in (*before, *after):
        name = text[s].isupper() and bool(text[head:s].strip(" \"'“‘("))  # (not a sentence's first word)
        if name:
            term = "@" + term  # a name alone: see ``_participant``
        elif term not in COMMON_STEMS:  # (a common word stays itself: it is no evidence there)
            term = MEANING.get(term, term)
        words.add(term)
        shown.setdefault(term, text[s:e])
    return frozenset(words), shown


def _participant(x: _State, y: _State) -> str:
    """Who or what both states are of, as the first passage writes it, or "": the same name
    before both state words, or two other content words near both."""
    if x[3] and x[3] == y[3]:
        return x[5][x[3]]
    words = sorted(x[4] & y[4], key=lambda w: (w.startswith("@"), w))
    # a name near both states may be only the owner of what is in them ("leave to remain in the
    # UK made by Kimberly Quinn's nanny" / "Kimberly Quinn ... resign"): a thing must be shared too
    if (
        len(words) >= 2
        and any(not w.startswith("@") for w in words)
        and any(w.startswith("@") or w not in COMMON_STEMS for w in words)
    ):
        return ", ".join(x[5][k] for k in words[:3])
    return ""


def contrary_conflict(a: Unit, b: Unit) -> str:
    """Why the two passages give one participant contrary states, or "" (module docstring)."""
    if not params.CONTRARY_STATES:
        return ""
    states_a = states(a.passage.text)
    states_b = states(b.passage.text) if states_a else ()
    for x in states_a:
        if any(z[0] == x[0] and z[1] != x[1] for z in states_a):
            continue  # a passage that says both ("halted, then resumed") opposes nothing
        for y in states_b:
            if y[0] != x[0] or y[1] == x[1] or any(z[0] == y[0] and z[1] != y[1] for z in states_b):
                continue
            who = _participant(x, y)
            if who:
                return f'{PREFIX} of {who}: "{x[2]}" vs "{y[2]}"'
    return ""


_SIDES = _sides()


def clear_caches() -> None:
    """Forget the memoised states of passages."""
    states.cache_clear()
