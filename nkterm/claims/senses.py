"""Word senses and modality of a few ambiguous cue words, decided by their neighbours.

Owns ``sense()``: given a phrase cue the lexicon matched, it returns the (kind, label) the cue
really signals in its context, or None when the word is used in another sense:

- "will" and "might" as nouns ("renewed their will", "the will of the people", "the surging
  might", "with all his might") are no prediction or hedge;
- "led to the Palace" (led somewhere) and "due to announce" (scheduled) are not causal;
- "personally" is an opinion marker only next to the first person ("I personally think");
  "He personally awarded" is no hedge;
- "shall" with a subject other than I or we is an obligation ("The state shall step up") and so
  a rule; "should" with a future time ("should appear by the end of the decade") is a
  prediction.

Context rules were chosen over a part-of-speech tagger: the ambiguous cue words are few, a tagger
would cost more than the whole scan per sentence, and each rule is tested by sentences in
tests/unit/test_claims_senses.py. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from collections.abc import Sequence

from nkterm.claims.lexicon import words

_DETERMINERS = words(
    """
    the a an their his her its our my your own this that whose
    """
)
_NOUN_MODIFIERS = words(
    """
    free political good ill popular strong iron last military economic naval full great all sheer
    collective people's nation's party's public general
    """
)
_SCHEDULED_VERBS = words(
    """
    be have make take give announce meet start begin end open close hold visit arrive leave face
    appear return sign vote publish release report launch go come speak deliver decide testify
    receive hear finish complete play retire step join become attend stand rule resume unveil
    present reveal travel fly discuss consider undergo marry appoint name set get
    """
)
_FUTURE_TIME = (
    ("by", "the", "end"),
    ("by", "next"),
    ("next", "year"),
    ("next", "month"),
    ("next", "week"),
    ("in", "the", "coming"),
    ("later", "this"),
    ("within",),
    ("soon",),
    ("by", "then"),
)
_FIRST_PERSON = words("i me my i'm i've i'd we our")


def _is_year(w: str) -> bool:
    return len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")


def sense(
    kind: str,
    phrase: Sequence[str],
    lows: Sequence[str],
    text: str,
    starts: Sequence[int],
    first: int,
    last: int,
    lo: int,
    hi: int,
) -> tuple[str, str] | None:
    """The (kind, label) this phrase cue signals here, or None when it is used in another sense.
    ``first``/``last`` are its token indices in ``lows``; ``lo``/``hi`` bound the sentence."""
    prev = lows[first - 1] if first > lo else ""
    nxt = lows[last + 1] if last + 1 < hi else ""
    head = phrase[0] if len(phrase) == 1 else " ".join(phrase)
    if head in ("will", "might"):
        if prev in _DETERMINERS or prev in _NOUN_MODIFIERS or nxt in ("of", "and", ""):
            return None  # a noun: "their will", "the will of", "with all his might"
        if head == "might" and prev.endswith("ing") and len(prev) > 4:
            return None  # "the surging might"
        return kind, "prediction" if head == "will" else "hedge"
    if head in ("led to", "lead to", "leads to", "leading to") and last + 1 < hi:
        k = last + 1
        if lows[k] == "the" and k + 1 < hi:
            k += 1
        if text[starts[k]].isupper():
            return None  # "led to the Palace": taken somewhere
        return kind, "causal"
    if head == "due to" and nxt in _SCHEDULED_VERBS:
        return None  # "due to announce": scheduled
    if head == "personally":
        window = lows[max(lo, first - 2) : min(hi, last + 4)]
        if not any(w in _FIRST_PERSON for w in window):
            return None  # "He personally awarded"
        return kind, "opinion marker"
    if head == "shall":
        if prev in ("i", "we"):
            return "prediction", "prediction"
        return "rule", "obligation"  # "The state shall step up"
    if head in ("should", "ought to"):
        rest = lows[last + 1 : hi]
        for k in range(len(rest)):
            if _is_year(rest[k]) and k > 0 and rest[k - 1] in ("by", "in", "until"):
                return "prediction", "expectation"
            for pattern in _FUTURE_TIME:
                if tuple(rest[k : k + len(pattern)]) == pattern:
                    return "prediction", "expectation"
    return kind, ""
