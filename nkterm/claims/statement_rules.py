"""First-person experience and testimony, facts, and generalizations (quantifier + plural noun,
superlatives, comparisons) in one sentence. A mixin of ``scan``'s sentence scan. Pure Python;
must not import textual or whoosh.
"""

from __future__ import annotations

import bisect

from nkterm.claims import lexicon as lx
from nkterm.claims.scanstate import FUNCTION, NAME_GAP, ScanState

_CLAUSE_BREAKS = frozenset({"but", "while", "because", "which", "who", "that", "when", "although"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "at", "from", "inside", "around", "through", "across", "near", "into"}
)


class StatementRules(ScanState):
    """First person, testimony, fact and generalization rules of the sentence scan."""

    __slots__ = ()

    # -- first person, generalizations ---------------------------------------------------------

    def _experience(self, i: int) -> None:
        lows, hi = self.lows, self.hi
        perfect = lows[i] in ("i've", "i'd")
        j = i + 1
        while j < hi and lows[j] in lx.ADVERBS:
            j += 1
        aux = -1
        if not perfect and j < hi and lows[j] in lx.EXPERIENCE_AUX:
            perfect, aux, j = True, j, j + 1
            while j < hi and lows[j] in lx.ADVERBS:
                j += 1
        if j >= hi:
            return
        verb = lows[j]
        if not (
            verb in lx.EXPERIENCE_VERBS
            or (
                verb.endswith("ed")
                and len(verb) > 4
                and verb not in ("indeed", "proceed", "succeed", "exceed")
            )
            or (perfect and verb.endswith("en") and len(verb) > 3)
        ):
            if aux < 0 or lows[aux] != "had":
                return
            j = aux  # "I had the ability": "had" is the verb
        self._add("experience", "first person", self.starts[i], self.ends[j], "[experience:i]")

    def testimony(self) -> None:
        """First-person experience with a quantity or a place ("I lived and taught English in
        Seoul for 18 months", "I recently spent 3 days in Pyongyang"): a record of fact rather
        than a feeling. The place is a capitalised name after "in", "to", "from"... in the same
        clause as the first-person verb."""
        ev = self.ev
        exp = next(((s, e) for k, _, s, e in ev.cues if k == "experience"), None)
        if exp is None:
            return
        s, e = exp
        lows, starts, ends, text = self.lows, self.starts, self.ends, self.text
        for kind, cue, qs, qe in ev.cues:
            if kind == "quantity" and qs > s and not cue.startswith("trend"):
                self._add_testimony(s, e, qs, qe)
                return
        k = bisect.bisect_left(starts, e, self.lo, self.hi)
        while k + 1 < self.hi and lows[k] not in _CLAUSE_BREAKS and not text[ends[k] : starts[k + 1]].strip():
            if lows[k] in _PLACE_PREPOSITIONS and text[starts[k + 1]].isupper() and lows[k + 1] != "i":
                n = k + 1
                while (
                    n + 1 < self.hi
                    and text[starts[n + 1]].isupper()
                    and set(text[ends[n] : starts[n + 1]]) <= NAME_GAP
                ):
                    n += 1
                self._add_testimony(s, e, starts[k + 1], ends[n])
                return
            k += 1

    def _add_testimony(self, s: int, e: int, what_start: int, what_end: int) -> None:
        text = self.text
        # "I travelled to North Korea" in full; "I lived … 18 months" when far apart
        quoted = f"{text[s:e]} … {text[what_start:what_end]}" if what_start > e + 5 else text[s:what_end]
        self.ev.add("experience", "testimony", quoted, s, max(e, what_end), "[experience:testimony]")

    def fact(self) -> None:
        """The fallback kind: a named thing and a verb of state or record ("Senator Obama voted
        against ...", "Georgia and Ukraine are both major gateways"). Not for first or second
        person subjects (experience has its own kind) nor for picture captions."""
        lows, starts, ends, text, lo, hi = self.lows, self.starts, self.ends, self.text, self.lo, self.hi
        first = lows[lo]
        if first in lx.CAPTION_STARTS or (
            first in ("this", "these") and lo + 1 < hi and lows[lo + 1] in lx.FACT_STATE_VERBS
        ):
            return
        names = [
            k
            for k in range(lo + 1, hi)
            if text[starts[k]].isupper() and lows[k] not in lx.FACT_NOT_SUBJECTS and lows[k][0].isalpha()
        ]
        if not names:
            return
        for v in range(lo, hi):
            w = lows[v]
            if w in lx.FACT_STATE_VERBS:
                feat = "[fact:record]" if w[0] == "h" else "[fact:state]"
            elif w in lx.FACT_PAST_VERBS or (w.endswith("ed") and len(w) > 4 and w not in lx.NOT_PAST):
                feat = "[fact:record]"
            else:
                continue
            if v > lo and text[starts[v]].isupper():
                continue  # part of a name: "the United States"
            j = v - 1
            while j >= lo and lows[j] in lx.FACT_ADVERBS:
                j -= 1
            if j < lo:
                continue
            if lows[j] in lx.FACT_NOT_SUBJECTS:
                return
            if feat == "[fact:record]" and lows[j] in lx.FACT_DETERMINERS:
                continue  # "a failed abortion": an adjective
            break
        else:
            return
        j = self._name_run(j)[0] if text[starts[j]].isupper() else j  # "Senator Obama voted"
        # Quote the subject and its verb, and a name after the verb ("He voted … Gulf War"), or
        # before it when the subject is no name ("Hong Kong … he has").
        parts = [(j, v)]
        after = next((k for k in names if k > v), None)
        if after is not None:
            parts.append(self._name_run(after))
        elif not (text[starts[j]].isupper() and lows[j] not in lx.NOT_NAMES):
            parts.insert(0, self._name_run(names[-1]))
        a, d = parts[0][0], parts[-1][1]
        quoted = " … ".join(text[starts[x] : ends[y]] for x, y in parts)
        self.ev.add("fact", "fact", quoted, starts[a], ends[d], feat)

    def _name_run(self, k: int) -> tuple[int, int]:
        """The capitalised words around token ``k`` that make one name (first, last)."""
        starts, ends, text = self.starts, self.ends, self.text
        a = b = k
        while (
            a > self.lo and text[starts[a - 1]].isupper() and set(text[ends[a - 1] : starts[a]]) <= NAME_GAP
        ):
            a -= 1
        while (
            b + 1 < self.hi
            and text[starts[b + 1]].isupper()
            and set(text[ends[b] : starts[b + 1]]) <= NAME_GAP
        ):
            b += 1
        return a, b

    def _quantifier(self, i: int) -> None:
        lows, hi = self.lows, self.hi
        j = i + 1
        hops = 0
        while j < hi and lows[j] in lx.DETERMINERS and hops < 2:
            j, hops = j + 1, hops + 1
        for k in (j, j + 1):
            if k >= hi:
                return
            w = lows[k]
            if lows[i] == "every" and k == j and w.isalpha() and w not in FUNCTION:
                break
            if w in lx.NOT_GENERAL_NOUNS:
                return
            if w in lx.PLURAL_NOUNS or (
                len(w) > 3
                and w.endswith("s")
                and w.isalpha()
                and w[-2] not in "su'"
                and w not in lx.NOT_PLURAL
            ):
                break
            if w in FUNCTION or not w.isalpha():
                return
        else:
            return
        if lows[i] == "most" and hops == 0 and k == j and i > self.lo and lows[i - 1] == "the":
            return  # "the most X" is a superlative, handled there
        self._add(
            "generalization", "generalization", self.starts[i], self.ends[k], "[generalization:quantifier]"
        )

    def _superlative(self, i: int) -> None:
        if i == self.lo:
            return
        before, w = self.lows[i - 1], self.lows[i]
        if before not in lx.SUPERLATIVE_BEFORE or (w == "best" and before != "the"):
            return  # "tried my best"
        end = self.ends[i + 1] if w in ("most", "least") and i + 1 < self.hi else self.ends[i]
        self._add("generalization", "superlative", self.starts[i - 1], end, "[generalization:superlative]")

    def _comparison(self, i: int) -> None:
        lows = self.lows
        if i + 1 < self.hi and lows[i + 1][0].isdigit():
            return  # "more than 30,000" bounds a quantity
        for j in range(i - 1, max(self.lo, i - 6) - 1, -1):
            w = lows[j]
            if w in ("rather", "other"):
                return
            if w in lx.COMPARATIVES:
                quoted = f"{self.text[self.starts[j] : self.ends[j]]} … than"
                self.ev.add(
                    "generalization",
                    "comparison",
                    quoted,
                    self.starts[j],
                    self.ends[i],
                    "[generalization:comparison]",
                )
                return
