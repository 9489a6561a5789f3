"""One tokeniser pass over a text, then per-sentence cue matching.

Owns the tokeniser shared by the cue rules and the learned model (so training and runtime see the
same tokens), the phrase trie built from ``lexicon.PHRASES``, the dispatch of tokens to the rules
that need context, and those rules' first families: phrases (with their senses), reporting verbs
and their subjects, rules laid on people, page furniture. Quantities live in ``quantity_rules``;
first person, testimony, facts and generalizations in ``statement_rules``; the state they share
in ``scanstate``. Pure Python (``re`` only); must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from nkterm.claims import lexicon as lx
from nkterm.claims.evidence import Evidence, Report
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.quantity_rules import QuantityRules, number_word
from nkterm.claims.scanstate import FUNCTION, Tokens, lower
from nkterm.claims.senses import sense
from nkterm.claims.speechverbs import VERBS
from nkterm.claims.statement_rules import StatementRules
from nkterm.claims.subjects import SubjectFinder

# Currency and percent signs, and words: letters and digits joined by inner apostrophes, hyphens
# and dots ("wasn't", "year-old", "news.com.au", "1.13bn"), or by commas and colons between
# digits ("30,000", "10:30"). Run on the lower-cased text, whose offsets equal the original's.
# A space, no-break space or thin space between digit groups ("13 000", "4\u00a0200") is a
# thousands separator when it joins a group of 1-3 digits to groups of exactly three.
# The word part is possessive (``\w++ ... *+``): nothing after it can fail, so giving back
# characters never finds another token, and not recording where it could costs ~30% less.
# Written for the regex engine (the same tokens as ``[$£€¥%©]|\d{1,3}(?:[ \u00a0\u2009\u202f]
# \d{3}(?![\w,.]\d))+(?![\w])(?:\.\d+)?|\w++(?:[.'\-]\w++|(?<=\d)[,:]\d++)*+``, held to it by
# tests/unit/test_claims_fast.py): ``\w`` as ``[0-9_a-z\w]`` and ``\d`` as ``[0-9\d]`` test the
# ASCII characters of the lower-cased text in a bitmap before the Unicode category (which costs
# an alphanumeric lookup per character), and the first character is taken by one set, which the
# engine skips to in C between tokens, the alternatives after it told apart by a look-behind
# (a sign; a digit, which may open a spaced number; any word character). The text's split:
# -10% instructions (callgrind, 100 BBC texts, 121.3M -> 109.1M; the first-character set alone
# -6.6%), ~1% of a document's detection.
_W = r"[0-9_a-z\w]"
_D = r"[0-9\d]"
TOKEN_RE = re.compile(
    rf"[0-9_a-z\w$£€¥%©](?:(?<=[$£€¥%©])"
    rf"|(?<={_D}){_D}{{0,2}}(?:[ \u00a0\u2009\u202f]{_D}{{3}}(?![0-9_a-z\w,.]{_D}))+(?!{_W})(?:\.{_D}+)?"
    rf"|{_W}*+(?:[.'\-]{_W}++|(?<={_D})[,:]{_D}++)*+)"
)
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
_BOILERPLATE_START = re.compile(lx.BOILERPLATE_START)
_BOILERPLATE_ANYWHERE = re.compile(lx.BOILERPLATE_ANYWHERE)

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
        # the present tense of features ("...," argues Richards.)
        "argues",
        "adds",
        "insists",
        "explains",
        "notes",
        "warns",
        "admits",
        "claims",
        "acknowledged",
        "revealed",
        "recalled",
        "claimed",
        "suggested",
        "announced",
    }
)
# Inverted only when the name ends the clause: "suggested owners must", "claimed Mr Blair went
# back", "suggested he had" are no inversions
_PAST_STRICT = ("acknowledged", "revealed", "recalled", "claimed", "suggested", "announced", "reported")
# ... and their present, read by form and kept when the verb table knows it ("suggests", "announces")
_STRICT_INVERSION = frozenset(_PAST_STRICT) | (
    frozenset(v[:cut] + "s" for v in _PAST_STRICT for cut in (-1, -2)) & frozenset(VERBS)
)
_INVERSION = _INVERSION | _STRICT_INVERSION
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)")
# Verbs that give a speaker (a stance or a message passed on: "the BPI strongly believes that",
# "a bandmate informed the crowd") without making the sentence a report: no attributed cue, so the
# claim's kinds and score stay as they were.
# "thinks" and "forecasts" (session 6): "critic Bob Strauss thinks ...", "Nestle forecasts growth".
_STANCE = frozenset({"believes", "believed", "informed", "informs", "thinks", "forecasts"})
# What a player adds that is no speech ("added the extras", "added a second try")
_SCORES = lx.words(
    """
    extras conversion conversions try tries penalty penalties goal goals points runs wickets
    drop-goal
    """
)
# A progressive reporting verb ("Spamhaus is warning about ..."): speech without "that" after it.
_PROGRESSIVE = frozenset({"is", "are", "was", "were"})


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
# (phrase words, anchor position, kind, label, last position, a neighbour of the anchor): the
# neighbour word is compared before the whole phrase (most candidate phrases fail on it)
_Entry = tuple[list[str], int, str, str, int, int]
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
                    near = a - 1 if a else min(1, len(words) - 1)
                    trie.setdefault(words[a], []).append((words, a, kind, label, len(words) - 1, near))
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
# What a trigger word asks for, in one lookup: its phrases (or None) and its rule bits, with two
# more bits for a word whose phrases count only in lower case and for a month name
_LOWER_ONLY, _MONTH = 1 << 10, 1 << 11
_RULE_BITS = _LOWER_ONLY - 1
_DISPATCH: dict[str, tuple[list[_Entry] | None, int]] = {
    w: (
        _TRIE.get(w),
        _RULES.get(w, 0)
        | (_LOWER_ONLY if w in lx.LOWER_CASE_ONLY else 0)
        | (_MONTH if w in lx.MONTHS else 0),
    )
    for w in _TRIGGERS
}
_NOTHING: tuple[list[_Entry] | None, int] = (None, 0)


_RELATIVES = frozenset({"who", "which", "that"})


def _participle_subject(written: str, kind: str) -> bool:
    """A subject "..., arguing that" takes: a noun phrase, "he"/"she"/"they", or a name of two
    words or more ("President Lula", "European Union"; never "Tory", "Any": one capitalised word
    is as often a modifier)."""
    if kind == "pronoun":
        return written.lower() in ("he", "she", "they")
    return kind == "noun" or (kind in ("name", "org") and len(written.split()) >= 2)


class _SentenceScan(QuantityRules, StatementRules):
    """Cue rules over the tokens ``lo..hi`` of one sentence of ``text``: phrases, reported speech
    and rules laid on people here; quantities, first person, facts and generalizations in the
    mixins."""

    __slots__ = ()

    def run(self, triggers: list[int]) -> Evidence:
        lows, starts, text = self.lows, self.starts, self.text
        skip_until = -1  # last token already consumed by a quantity
        for i in triggers:
            low = lows[i]
            if low < "a" or low[0] in lx.CURRENCY_SYMBOLS:
                if i > skip_until and (low[0].isdigit() or low[0] in lx.CURRENCY_SYMBOLS):
                    skip_until = self._quantity(i)
                continue
            entries, rules = _DISPATCH.get(low, _NOTHING)
            if entries is not None and not (
                rules & _LOWER_ONLY and i > self.lo and text[starts[i]].isupper()
            ):
                self._phrases(i, entries)
            if i > skip_until and (rules & _R_NUMWORD or ("-" in low and number_word(low))):
                skip_until = self._number_words(i)
            if not rules & _RULE_BITS:
                if rules & _MONTH and text[starts[i]].isupper():
                    self._add("quantity", "date", starts[i], self.ends[i], "[q:date]")
                continue
            if rules & _R_REPORT and not text[starts[i]].isupper():
                self._report(i)
            if rules & _R_PARTICIPLE:
                if i + 1 < self.hi and lows[i + 1] == "that":
                    self._participle(i)
                elif i > self.lo + 1 and lows[i - 1] in _PROGRESSIVE:
                    self._progressive(i)
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

    # -- phrases -------------------------------------------------------------------------------

    def _phrases(self, i: int, entries: list[_Entry]) -> None:
        lows = self.lows
        seen: set[str] = set()
        for words, a, kind, label, span, near in entries:
            if kind in seen:
                continue
            first = i - a
            last = first + span
            if span and (
                first < self.lo
                or last >= self.hi
                or lows[first + near] != words[near]
                or lows[first : last + 1] != words
            ):
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

    # -- reported speech -----------------------------------------------------------------------

    def _finder(self) -> SubjectFinder:
        return SubjectFinder(self.text, self.lows, self.starts, self.ends, self.lo, self.hi)

    def _report(self, i: int) -> None:
        if self.lows[i] in ("added", "adds") and self._scored(i):
            return  # "Larkin again added the extras", "added a third goal": a score, not speech
        if (
            self.lows[i] in ("maintained", "maintains")
            and i + 1 < self.hi
            and self.lows[i + 1] in ("their", "its", "his", "her", "our")
        ):
            return  # "Wales maintained their superb start": kept, not said
        finder = self._finder()
        subj = finder.for_verb(i)
        if subj is None and self.lows[i] in _INVERSION:
            subj = finder.name_after(i + 1, inverted=True)
            if (
                subj is not None
                and self.lows[i] in _STRICT_INVERSION
                and not _CLAUSE_END.match(self.text, subj.end, self.ends[self.hi - 1] + 1)
            ):
                return
        if subj is None:
            return
        if self.lows[i] in _BARE_REPORTING and self.text[subj.start : subj.end].lower() in ("i", "we", "you"):
            return  # "what I say" is no report
        self._add_report(i, self.text[subj.start : subj.end], subj.kind, subj.start, subj.how)

    def _participle(self, i: int) -> None:
        """ "..., arguing that": the clause's subject is the sentence's ("Executive ministers raised
        an appeal arguing that", session 14, second round); none found, a report without one."""
        subj = None
        lows = self.lows
        if lows[i] not in lx.REPORTING_VERBS and not any(
            lows[k] in lx.REPORTING_VERBS or lows[k] in _RELATIVES for k in range(self.lo, i)
        ):  # ("he said, noting that": the report's; "lawyers who have been arguing": a relative's)
            subj = self._finder().for_verb(i)
            if subj is not None and not _participle_subject(self.text[subj.start : subj.end], subj.kind):
                subj = None
        if subj is None:
            self._add_report(i, None, "none", self.starts[i])
            return
        self._add_report(i, self.text[subj.start : subj.end], subj.kind, subj.start, subj.how)

    def _scored(self, i: int) -> bool:
        """ "added" followed by a score ("the extras", "a third goal", "14 points") within three
        words, with no clause between ("added that a second goal ..." is speech)."""
        for k in range(i + 1, min(self.hi, i + 4)):
            w = self.lows[k]
            if w in _SCORES:
                return self.text[self.ends[i] : self.starts[k]].strip(" ") == "" or all(
                    self.lows[m] not in ("that", "he", "she", "it", "they", "we", "i")
                    for m in range(i + 1, k)
                )
            if w == "that" or not self.text[self.ends[k - 1] : self.starts[k]].isspace():
                return False
        return False

    def _progressive(self, i: int) -> None:
        """ "Spamhaus is warning about ...": a report when the subject ends right before "is"
        (never "Anti-fraud organisations are warning": "Anti-fraud" is no subject)."""
        subj = self._finder().for_verb(i)
        if subj is None or subj.kind == "noun" or subj.end != self.ends[i - 2]:
            return  # (a plural noun subject, "Security firms are warning", stays unread: session 14)
        self._add_report(i, self.text[subj.start : subj.end], subj.kind, subj.start, subj.how)

    def _stance(self, i: int) -> None:
        """A speaker from a stance verb ("Acme strongly believes that"), never "believes in" nor
        a first or second person ("I believe" is the writer's own)."""
        if i + 1 < self.hi and self.lows[i + 1] in ("in", "to"):
            return
        if self.lows[i] == "forecasts" and (
            i + 1 >= self.hi or not self.text[self.ends[i] : self.starts[i + 1]].isspace()
        ):
            return  # "ahead of IMF forecasts, while ...": a noun
        subj = self._finder().for_verb(i)
        if subj is None:
            return
        who = self.text[subj.start : subj.end]
        if subj.kind == "noun" and who.lower() in DOCUMENT_NOUNS:
            kind = "noun"  # "Its mid-year economic review forecasts growth of": a document's view
        elif subj.kind == "noun":
            # "A bandmate informed the crowd": whoever informs is a speaker, a common noun too
            k = bisect.bisect_left(self.starts, subj.start, self.lo, self.hi)
            if not (
                self.lows[i].startswith("inform") and k > self.lo and self.lows[k - 1] in ("a", "an", "the")
            ):
                return
            if not who.isalpha() or who.lower() in FUNCTION:
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
            text[starts[j]].isupper() and w not in lx.NOT_NAMES and w not in FUNCTION and w[-1] != "s"
        ):
            return
        self._add("rule", "restriction", starts[j], self.ends[last], "[rule:restriction]")


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
