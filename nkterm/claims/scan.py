"""One tokeniser pass over a text, then per-sentence cue matching.

Owns the tokeniser shared by the cue rules and the learned model (so training and runtime see the
same tokens), the phrase trie built from ``lexicon.PHRASES``, and the token rules that need
context: quantities, reporting verbs and their subjects, first-person experience,
generalizations (quantifier + plural noun, superlatives, comparisons) and page furniture.
Pure Python (``re`` only); must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from nkterm.claims import lexicon as lx
from nkterm.claims.evidence import Evidence, Report
from nkterm.claims.senses import sense
from nkterm.claims.subjects import SubjectFinder

# Currency and percent signs, and words: letters and digits joined by inner apostrophes, hyphens
# and dots ("wasn't", "year-old", "news.com.au", "1.13bn"), or by commas and colons between
# digits ("30,000", "10:30"). Run on the lower-cased text, whose offsets equal the original's.
# A space, no-break space or thin space between digit groups ("13 000", "4\u00a0200") is a
# thousands separator when it joins a group of 1-3 digits to groups of exactly three.
TOKEN_RE = re.compile(
    r"[$£€¥%©]|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?![\w,.]\d))+(?![\w])(?:\.\d+)?"
    r"|\w+(?:[.'\-]\w+|(?<=\d)[,:]\d+)*"
)
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
_YEAR_RE = re.compile(r"(?:1[5-9]\d\d|20\d\d)s?")
_BOILERPLATE_START = re.compile(lx.BOILERPLATE_START)
_BOILERPLATE_ANYWHERE = re.compile(lx.BOILERPLATE_ANYWHERE)
_NAME_GAP = frozenset(" '\"“”‘’")  # what may stand between the words of one name (Drew ''Binsky'')

_STOP = lx.words(
    """
    of the a an and or to in on at for by with from is are was were that this it he she they we i
    you who which than as per be been has have had not no its his her their our my your so but if
    then more less about over under up down out into
    """
)
_FUNCTION = _STOP | lx.words(
    """
    will would could can should might may must did do does whom these those when while what how
    why where being never there here just only it's that's
    """
)
_CLAUSE_BREAKS = frozenset({"but", "while", "because", "which", "who", "that", "when", "although"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "at", "from", "inside", "around", "through", "across", "near", "into"}
)
# First words of the phrase cues whose sense the context decides (nkterm.claims.senses)
_SENSE_WORDS = frozenset(
    {"will", "might", "led", "lead", "leads", "leading", "due", "personally", "shall", "should", "ought"}
)
_BARE_REPORTING = frozenset({"say", "tell", "suggest"})
# Verbs that may stand before their subject after a quote ("..." noted coach Mike Ruddock.)
_INVERSION = frozenset(
    {
        "said",
        "says",
        "added",
        "asked",
        "wrote",
        "explained",
        "replied",
        "insisted",
        "noted",
        "admitted",
        "warned",
        "stressed",
        "commented",
        "remarked",
        "argued",
        "declared",
        "conceded",
        "confirmed",
        "observed",
        "responded",
        "countered",
        "joked",
    }
)
# Verbs that give a speaker (a stance or a message passed on: "the BPI strongly believes that",
# "a bandmate informed the crowd") without making the sentence a report: no attributed cue, so the
# claim's kinds and score stay as they were.
_STANCE = frozenset({"believes", "believed", "informed", "informs"})


@dataclass(slots=True)
class Tokens:
    """The tokens of a whole text: offsets, lower-cased forms, and the indices of the tokens that
    can start a cue (so the per-sentence rules skip the other ~75% of tokens)."""

    low: str  # the lower-cased text, same length as the original
    starts: list[int]
    ends: list[int]
    lows: list[str]
    triggers: list[int]


def lower(text: str) -> str:
    """Lower-case ``text`` keeping every offset (a few characters grow when lower-cased: "İ")."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] or c for c in text)
    return low.replace("’", "'")


def tokenize(text: str) -> Tokens:
    low = lower(text)
    # split() with the token pattern as a group alternates [gap, token, gap, token, ..., gap]; the
    # running sum of their lengths gives every offset without building a Match per token.
    parts = _SPLIT_RE.split(low)
    bounds = list(accumulate(map(len, parts)))
    lows: list[str] = parts[1::2]
    trig = _TRIGGERS
    # Tokens sorting before "a" start with a digit, "$" or "%"; a hyphen may hide a number word.
    triggers = [i for i, w in enumerate(lows) if w in trig or w < "a" or "-" in w]
    return Tokens(low, bounds[0:-1:2], bounds[1::2], lows, triggers)


# Phrases are found from their rarest word (the anchor), then compared around it: the scan
# stops at ~30% of the tokens instead of at every "the" and "to".
_Entry = tuple[list[str], int, str, str]  # (phrase words, anchor position, kind, label)
_COMMON_RANK = {w: r for r, w in enumerate(lx.COMMON_WORDS)}


def _anchor(words: list[str]) -> int:
    """Index of the rarest word: an uncommon one (the longest), else the least common."""
    return max(
        range(len(words)),
        key=lambda k: (words[k] not in _COMMON_RANK, _COMMON_RANK.get(words[k], 0), len(words[k])),
    )


def _build_trie() -> dict[str, list[_Entry]]:
    trie: dict[str, list[_Entry]] = {}
    for kind, labels in (*lx.PHRASES.items(), *lx.SIGNAL_PHRASES.items()):
        for label, phrases in labels.items():
            for phrase in phrases:
                words = TOKEN_RE.findall(phrase.lower())
                if words:
                    a = _anchor(words)
                    trie.setdefault(words[a], []).append((words, a, kind, label))
    for entries in trie.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest first: it covers the shorter ones
    return trie


_TRIE = _build_trie()
# First-token dispatch for the context rules, so the scan costs one dict lookup per token.
_RULES: dict[str, int] = {}
_R_REPORT, _R_PARTICIPLE, _R_FIRST, _R_QUANT, _R_SUPER, _R_THAN, _R_NUMWORD, _R_BOILER, _R_STANCE = (
    1,
    2,
    4,
    8,
    16,
    32,
    64,
    128,
    256,
)
for _w in lx.REPORTING_VERBS:
    _RULES[_w] = _RULES.get(_w, 0) | _R_REPORT
for _w in lx.REPORTING_PARTICIPLES:
    _RULES[_w] = _RULES.get(_w, 0) | _R_PARTICIPLE
for _w in lx.FIRST_PERSON_STARTS:
    _RULES[_w] = _RULES.get(_w, 0) | _R_FIRST
for _w in lx.QUANTIFIERS:
    _RULES[_w] = _RULES.get(_w, 0) | _R_QUANT
for _w in lx.SUPERLATIVES:
    _RULES[_w] = _RULES.get(_w, 0) | _R_SUPER
_RULES["than"] = _RULES.get("than", 0) | _R_THAN
for _w in lx.BOILERPLATE_ANCHORS:
    _RULES[_w] = _RULES.get(_w, 0) | _R_BOILER
for _w in lx.NUMBER_WORDS:
    _RULES[_w] = _RULES.get(_w, 0) | _R_NUMWORD
for _w in _STANCE:
    _RULES[_w] = _RULES.get(_w, 0) | _R_STANCE


_TRIGGERS: frozenset[str] = frozenset(_TRIE) | frozenset(_RULES) | lx.MONTHS | lx.CURRENCY_SYMBOLS


def _number_word(low: str) -> str | None:
    """The number word a token is or starts with ("sixty-three" -> "sixty"), else None."""
    if low in lx.NUMBER_WORDS:
        return low
    head, sep, _ = low.partition("-")
    return head if sep and head in lx.NUMBER_WORDS else None


class _SentenceScan:
    """Cue rules over the tokens ``lo..hi`` of one sentence of ``text``."""

    __slots__ = ("ends", "ev", "furniture", "hi", "lo", "lows", "starts", "text")

    def __init__(self, text: str, toks: Tokens, lo: int, hi: int) -> None:
        self.text = text
        self.starts = toks.starts
        self.ends = toks.ends
        self.lows = toks.lows
        self.lo = lo
        self.hi = hi
        self.ev = Evidence()
        self.furniture = False  # holds a word that page furniture is made of

    def run(self, triggers: list[int]) -> Evidence:
        lows, starts, text = self.lows, self.starts, self.text
        skip_until = -1  # last token already consumed by a quantity
        for i in triggers:
            low = lows[i]
            if low < "a" or low[0] in lx.CURRENCY_SYMBOLS:
                if i > skip_until and (low[0].isdigit() or low[0] in lx.CURRENCY_SYMBOLS):
                    skip_until = self._quantity(i)
                continue
            entries = _TRIE.get(low)
            if entries is not None and not (
                low in lx.LOWER_CASE_ONLY and i > self.lo and text[starts[i]].isupper()
            ):
                self._phrases(i, entries)
            rules = _RULES.get(low, 0)
            if i > skip_until and (rules & _R_NUMWORD or ("-" in low and _number_word(low))):
                skip_until = self._number_words(i)
            if not rules:
                if low in lx.MONTHS and text[starts[i]].isupper():
                    self._add("quantity", "date", starts[i], self.ends[i], "[q:date]")
                continue
            if rules & _R_REPORT and not text[starts[i]].isupper():
                self._report(i)
            if rules & _R_PARTICIPLE and i + 1 < self.hi and lows[i + 1] == "that":
                self._add_report(i, None, "none", starts[i])
            if rules & _R_FIRST and text[starts[i]] == "I":
                self._experience(i)
            if rules & _R_QUANT:
                self._quantifier(i)
            if rules & _R_SUPER:
                self._superlative(i)
            if rules & _R_THAN:
                self._comparison(i)
            if rules & _R_BOILER:
                self.furniture = True
            if rules & _R_STANCE and not text[starts[i]].isupper():
                self._stance(i)
        return self.ev

    def _add(self, kind: str, label: str, start: int, end: int, feat: str) -> None:
        self.ev.add(kind, label, self.text[start:end], start, end, feat)

    # -- phrases -------------------------------------------------------------------------------

    def _phrases(self, i: int, entries: list[_Entry]) -> None:
        lows = self.lows
        seen: set[str] = set()
        for words, a, kind, label in entries:
            if kind in seen:
                continue
            first = i - a
            last = first + len(words) - 1
            if len(words) > 1 and (first < self.lo or last >= self.hi or lows[first : last + 1] != words):
                continue
            if len(words) <= 2 and words[0] in _SENSE_WORDS:
                decided = sense(kind, words, lows, self.text, self.starts, first, last, self.lo, self.hi)
                if decided is None:
                    seen.add(kind)  # another sense: no shorter phrase of this kind either
                    continue
                kind, label = decided[0], decided[1] or label
            seen.add(kind)
            self._add(kind, label, self.starts[first], self.ends[last], f"[{kind}:{label}]")
            if kind == "attributed":
                self._according_to(last + 1, first)
            elif kind == "rule":
                self._restriction(first, last)

    # -- quantities ----------------------------------------------------------------------------

    def _quantity(self, i: int) -> int:
        """A number (with its currency, magnitude and unit); returns the last token used."""
        lows, starts, ends, text = self.lows, self.starts, self.ends, self.text
        hi = self.hi
        low = lows[i]
        start = starts[i]
        cat = "number"
        if low[0] in lx.CURRENCY_SYMBOLS:
            if i + 1 < hi and lows[i + 1][0].isdigit() and starts[i + 1] == ends[i]:
                cat = "money"
                i += 1
                low = lows[i]
            else:
                return i
        if "-" in low:  # "25-year-old", "30-day", "2004-05"
            parts = low.split("-")
            if "old" in parts:
                cat = "age"
            elif all(p.isdigit() for p in parts):
                cat = "range"
            else:
                cat = next((lx.UNITS[p] for p in parts[1:] if p in lx.UNITS), cat)
            self._add("quantity", cat, start, ends[i], f"[q:{cat}]")
            return i
        j = i
        k = i + 1
        if k < hi and lows[k] in lx.MAGNITUDES:
            j, k = k, k + 1
        unit = ""
        if k < hi:
            nxt = lows[k]
            gap = text[ends[j] : starts[k]]
            if nxt == "%":
                cat, j = "percentage", k
            elif nxt == "per" and k + 1 < hi and lows[k + 1] == "cent":
                cat, j = "percentage", k + 1
            elif nxt[0].isdigit() and gap.strip() in ("-", "–"):
                cat, j = "range", k
            elif nxt == "to" and k + 1 < hi and lows[k + 1][0].isdigit():
                cat, j = "range", k + 1
            elif nxt in lx.UNITS:
                if cat != "money":
                    cat = lx.UNITS[nxt]
                j = k + 1 if nxt == "percentage" and k + 1 < hi and lows[k + 1] == "points" else k
            elif nxt in lx.MONTHS or (i > self.lo and lows[i - 1] in lx.MONTHS):
                cat = "date"
            elif nxt.isalpha() and nxt not in _STOP and cat == "number" and not _YEAR_RE.fullmatch(low):
                unit, j = nxt, k
                if k + 1 < hi and lows[k + 1].endswith("s") and not nxt.endswith("s"):
                    j = k + 1
        if cat == "number" and not unit and _YEAR_RE.fullmatch(low):
            cat = "date"
        if i > self.lo and lows[i - 1] in ("ages", "aged", "age"):
            start, cat = starts[i - 1], "age"
        if cat == "range" and j + 1 < hi and lows[j + 1] in lx.UNITS:
            j += 1
        label = "number with unit" if unit else cat
        self._add("quantity", label, start, ends[j], f"[q:{cat}]")
        return j

    def _number_words(self, i: int) -> int:
        """A run of number words ("one hundred and sixty-three thousand jobs"); returns the last
        token used, or ``i`` when the word is no quantity ("one of", "the two of us")."""
        lows, hi = self.lows, self.hi
        j = i
        while j + 1 < hi and (
            _number_word(lows[j + 1])
            or (lows[j + 1] in ("and", "a") and j + 2 < hi and _number_word(lows[j + 2]))
        ):
            j += 1
        first = _number_word(lows[i]) or lows[i]
        if i > self.lo and self.text[self.starts[i]].isupper() and self.text[self.starts[i - 1]].isupper():
            return i  # part of a name: "BBC Four", "Formula One", "Air Force One"
        head = lows[j]
        cat = "number"
        unit = ""
        if "-" in head:  # "five-years-old", "three-day"
            parts = head.split("-")[1:]
            if "old" in parts:
                cat = "age"
            elif any(p in lx.FRACTION_PARTS for p in parts):
                cat = "fraction"  # "two-thirds"
            else:
                cat = next((lx.UNITS[p] for p in parts if p in lx.UNITS), "number")
        k = j + 1
        if cat == "number" and k < hi:
            nxt = lows[k]
            if nxt == "per" and k + 1 < hi and lows[k + 1] == "cent":
                cat, j = "percentage", k + 1
            elif nxt in lx.UNITS:
                cat, j = (
                    lx.UNITS[nxt],
                    k + 1 if nxt == "percentage" and k + 1 < hi and lows[k + 1] == "points" else k,
                )
            elif nxt.isalpha() and nxt not in _STOP:
                unit, j = nxt, k
                if k + 1 < hi and lows[k + 1].endswith("s") and not nxt.endswith("s"):
                    j = k + 1
        alone = cat == "number" and not unit and j == i
        if first in lx.WEAK_NUMBER_WORDS and (alone or (unit and j <= i + 2)):
            return i
        if alone and first not in lx.SELF_SUFFICIENT_NUMBERS:
            return i
        label = "number with unit" if unit else cat
        self._add("quantity", label, self.starts[i], self.ends[j], f"[q:{cat}]")
        return j

    # -- reported speech -----------------------------------------------------------------------

    def _finder(self) -> SubjectFinder:
        return SubjectFinder(self.text, self.lows, self.starts, self.ends, self.lo, self.hi)

    def _report(self, i: int) -> None:
        finder = self._finder()
        subj = finder.for_verb(i)
        if subj is None and self.lows[i] in _INVERSION:
            subj = finder.name_after(i + 1, inverted=True)
        if subj is None:
            return
        if self.lows[i] in _BARE_REPORTING and self.text[subj.start : subj.end].lower() in ("i", "we", "you"):
            return  # "what I say" is no report
        self._add_report(i, self.text[subj.start : subj.end], subj.kind, subj.start, subj.how)

    def _stance(self, i: int) -> None:
        """A speaker from a stance verb ("Acme strongly believes that"), never "believes in" nor
        a first or second person ("I believe" is the writer's own)."""
        if i + 1 < self.hi and self.lows[i + 1] in ("in", "to"):
            return
        subj = self._finder().for_verb(i)
        if subj is None:
            return
        who = self.text[subj.start : subj.end]
        if subj.kind == "noun":
            # "A bandmate informed the crowd": whoever informs is a speaker, a common noun too
            k = bisect.bisect_left(self.starts, subj.start, self.lo, self.hi)
            if not (
                self.lows[i].startswith("inform") and k > self.lo and self.lows[k - 1] in ("a", "an", "the")
            ):
                return
            if not who.isalpha() or who.lower() in _FUNCTION:
                return
            kind = "org"
        else:
            kind = subj.kind
        if who.lower() in ("i", "we", "you"):
            return
        verb = self.text[self.starts[i] : self.ends[i]]
        self.ev.reports.append(Report(self.starts[i], self.ends[i], verb, who, kind, subj.start, subj.how))

    def _add_report(self, i: int, subject: str | None, kind: str, subject_start: int, how: str = "") -> None:
        verb = self.text[self.starts[i] : self.ends[i]]
        self.ev.reports.append(Report(self.starts[i], self.ends[i], verb, subject, kind, subject_start, how))
        self._add("attributed", "reporting verb", self.starts[i], self.ends[i], "[attributed:verb]")

    def _according_to(self, k: int, i: int) -> None:
        subj = self._finder().name_after(k, inverted=False)
        if subj is not None:
            phrase = self.text[self.starts[i] : self.ends[k - 1]]
            who = self.text[subj.start : subj.end]
            self.ev.reports.append(
                Report(self.starts[i], self.ends[k - 1], phrase, who, subj.kind, subj.start)
            )

    def _restriction(self, first: int, last: int) -> None:
        """A rule laid on people ("travellers must", "they can only", "Gellman was allowed to"):
        a restriction worth checking, unlike "we must" (a proposal) or "you have to" (advice)."""
        lows, starts, text = self.lows, self.starts, self.text
        j = first - 1
        while j >= self.lo and lows[j] in lx.RULE_SKIP:
            j -= 1
        if j < self.lo:
            return
        w = lows[j]
        if w not in lx.RESTRICTED_SUBJECTS and not (
            # a person's name; a capitalised plural is a people ("the Russians must understand"),
            # whose "must" is rhetoric far more often than a rule
            text[starts[j]].isupper() and w not in lx.NOT_NAMES and w not in _FUNCTION and w[-1] != "s"
        ):
            return
        self._add("rule", "restriction", starts[j], self.ends[last], "[rule:restriction]")

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
                    and set(text[ends[n] : starts[n + 1]]) <= _NAME_GAP
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
            a > self.lo and text[starts[a - 1]].isupper() and set(text[ends[a - 1] : starts[a]]) <= _NAME_GAP
        ):
            a -= 1
        while (
            b + 1 < self.hi
            and text[starts[b + 1]].isupper()
            and set(text[ends[b] : starts[b + 1]]) <= _NAME_GAP
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
            if lows[i] == "every" and k == j and w.isalpha() and w not in _FUNCTION:
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
            if w in _FUNCTION or not w.isalpha():
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


def scan_sentence(text: str, toks: Tokens, lo: int, hi: int) -> Evidence:
    """Cue evidence for the sentence made of tokens ``lo..hi`` (half-open) of ``toks``."""
    if hi <= lo:
        return Evidence()
    trig = toks.triggers
    a = bisect.bisect_left(trig, lo)
    b = bisect.bisect_left(trig, hi, a)
    scan = _SentenceScan(text, toks, lo, hi)
    ev = scan.run(trig[a:b]) if b > a else scan.ev
    start, end = toks.starts[lo], toks.ends[hi - 1]
    ev.question = "?" in text[end : end + 3]
    if "experience" in ev.kinds:
        scan.testimony()
    elif not ev.kinds and not ev.question:
        scan.fact()
    if scan.furniture or toks.lows[lo] in lx.BOILERPLATE_LABELS:
        ev.boilerplate = bool(
            _BOILERPLATE_START.match(toks.low, start, end + 1)
            or _BOILERPLATE_ANYWHERE.search(toks.low, start, end + 1)
        )
    return ev
