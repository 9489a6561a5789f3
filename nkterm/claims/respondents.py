"""The respondents of a poll or survey as the subject of a reporting verb (issue 16, session 11).

"87% of the 1,000 adults quizzed by ICM for BBC News 24 said", "Just under three-quarters of
respondents (73%) said", "More than half of 2,000 people surveyed said", "Most respondents also
said": the share of a group speaks, and the group is the head of the phrase after "of" (adults,
respondents, people), not the pollster named after the participle nor the number in brackets.

The phrase must open with a share (a number, a percentage, a fraction, "half", "most", "a
majority") so that "people said" alone or "the shares of 2,000 firms rose" are no respondents;
the head is a plural noun written in lower case. Called by ``subjects.SubjectFinder.for_verb``
with the last token before the verb. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from nkterm.claims.evidence import Subject
from nkterm.claims.lexicon import words
from nkterm.claims.subjectwords import DETERMINERS, POLLED
from nkterm.claims.verbsubjects import SubjectFinder

# The participle after the respondents ("adults quizzed by ICM", "people surveyed")
ASKED = POLLED | words("quizzed asked")
# Words of a share: "87%", "three-quarters", "half", "a majority", "most", "fifty nine percent"
# ("two of the licences denied" is a count, no share: a bare number never opens one)
_SHARE = words(
    """
    % percent per cent half majority minority most many some all none third thirds quarter quarters
    fifth fifths tenth tenths out
    """
)
# Between the participle and the verb: who asked, for whom ("by ICM for BBC News 24")
_AGENT = words("by for the of and on behalf")
_MOST = words("most many")


def _plural(low: str) -> bool:
    """A plural noun: "people", or a word in -s that is no determiner or pronoun ("its", "this")."""
    if low == "people":
        return True
    return (
        low.isalpha()
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in DETERMINERS
    )


def _share(low: str) -> bool:
    return low in _SHARE or low.endswith(("-quarters", "-thirds", "-fifths"))


def respondents(f: SubjectFinder, j: int) -> Subject | None:
    """The group that speaks when token ``j`` ends a share of respondents, else None."""
    lows, lo = f.lows, f.lo
    m = j
    low = lows[m]
    if (
        low != "%"
        and low not in ASKED
        and not low.endswith("s")
        and low != "people"
        and ASKED.isdisjoint(lows[max(lo, m - 10) : m])
    ):
        return None  # (most subjects: a name, no share and no participle before the verb)
    if lows[m] == "%" and ")" in f.gap(m):  # "respondents (73%) said": the bracket is skipped
        k = m
        while k > lo and "(" not in f.gap(k - 1) and j - k < 4:
            k -= 1
        if k <= lo or "(" not in f.gap(k - 1):
            return None
        m = k - 1
    elif not f.gap(m).isspace():
        return None
    if lows[m] not in ASKED and not _plural(lows[m]):
        # "adults quizzed by ICM for BBC News 24 said": back over the agent to the participle
        if ASKED.isdisjoint(lows[max(lo, m - 10) : m]):
            return None  # (most subjects: a name, no participle before it)
        k = m
        while k > lo and m - k < 10 and (f.upper(k) or lows[k][:1].isdigit() or lows[k] in _AGENT):
            k -= 1
        if lows[k] not in ASKED or k == m:
            return None
        m = k
    if lows[m] in ASKED:
        m -= 1
    if m < lo or not _plural(lows[m]) or f.upper(m):
        return None
    s = m  # the group's phrase: "the 1,000 adults", "2,000 people"
    if s - 1 >= lo and lows[s - 1][:1].isdigit():
        s -= 1
    if s - 1 >= lo and lows[s - 1] == "the":
        s -= 1
    q = s - 1
    if q >= lo and lows[q] in _MOST and s == m:
        return Subject("org", f.starts[m], f.ends[m], "respondents of a share")  # "Most respondents"
    if q - 1 < lo or lows[q] != "of" or not _share(lows[q - 1]):
        return None
    return Subject("org", f.starts[m], f.ends[m], "respondents of a share")
