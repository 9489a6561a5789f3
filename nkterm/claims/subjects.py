"""The subject of a reporting verb, read from the tokens of one sentence.

Owns the phrase rules behind a speaker found without metadata:

- the head of the subject phrase, not the last capitalised word: "the chief of the Swiss Group
  for the Study of the Juche Idea said" is the chief, not "Juche Idea";
- time words never join a name: "on Tuesday Mr X denied" is Mr X;
- an appositive between subject and verb is skipped: "Jane Doe, head of research at Acme,
  said" is Jane Doe;
- organisations and roles speak: "the foreign ministry said", "a company spokesman said",
  "analysts said";
- a verb joined to an earlier one ("Acme reacted angrily and said Beta had ...") and a participle
  ("Mr X also left the party saying ...") take the subject of the sentence, not the nearest
  capitalised word;
- "said Mr X" only when the name ends the clause ("..., said Mr X." / "said Mr X, the chief"),
  not "said Beta had bought itself trouble".

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from nkterm.claims import lexicon as lx
from nkterm.claims.evidence import Subject
from nkterm.claims.inverted import name_after
from nkterm.claims.namewords import NOT_IN_NAME, TITLE_WORDS, is_org
from nkterm.claims.orgrefs import plural_body
from nkterm.claims.respondents import respondents
from nkterm.claims.speechverbs import VERBS as SPEECH_VERBS
from nkterm.claims.subjectwords import (
    ADVERB_SKIP,
    AGED,
    AUXILIARIES,
    CLAUSE_OPENERS,
    CONNECT,
    DASHES,
    DETERMINERS,
    HONOURS,
    ING_REPORTING,
    JOIN,
    NAME_GAP,
    NEVER_NAME,
    NOT_TITLE_HEADS,
    OF_TITLES,
    PHRASE_OPENERS,
    POLLED,
    QUOTED_AS,
    ROLES,
    SPEAKING_NOUNS,
    TIME_WORDS,
    WON,
)
from nkterm.claims.verbsubjects import (
    apposed_name,
    apposed_person,
    checked,
    dashed_name,
    head_with_tail,
    opening_gerund,
    plural_people,
    unopened_apposition,
)

# What a speaker uses to say something ("used a speech to say", "took the opportunity to warn")
_PLATFORMS = lx.words(
    "speech speeches address statement interview article column letter appearance opportunity chance"
    " occasion conference briefing lecture"
)
# Verbs after a name that the noun lists also hold ("does" as the plural of "doe")
_NOT_HEADS = AUXILIARIES | lx.words("does do did says means needs")
_USED = lx.words("used uses using took takes taking seized seizes")


class SubjectFinder:
    """Finds subjects in the tokens ``lo..hi`` of one sentence."""

    __slots__ = ("ends", "hi", "lo", "lows", "starts", "text")

    def __init__(
        self, text: str, lows: Sequence[str], starts: Sequence[int], ends: Sequence[int], lo: int, hi: int
    ) -> None:
        self.text, self.lows, self.starts, self.ends, self.lo, self.hi = text, lows, starts, ends, lo, hi

    def gap(self, k: int) -> str:
        """Text between token k and token k + 1."""
        return self.text[self.ends[k] : self.starts[k + 1]]

    def upper(self, k: int) -> bool:
        return self.text[self.starts[k]].isupper()

    def for_verb(self, i: int) -> Subject | None:
        """The subject of the reporting verb at token ``i``, checked by ``verbsubjects.checked``
        (a noun read as a verb has none; "A survey by X" is the document; an apposition never
        closed by its comma is the person before it)."""
        return checked(self, i, self._for_verb)

    def _for_verb(self, i: int) -> Subject | None:
        lows = self.lows
        if lows[i] in ING_REPORTING:
            quoted = self._quoted_as(i)
            if quoted is not None:
                return quoted
            return self.sentence_subject(i, "subject of the sentence")
        if lows[i] == "claimed" and any(w in WON for w in lows[i + 1 : min(self.hi, i + 4)]):
            return None  # "claimed the individual titles": won, not said
        used = self._platform_before(i)
        if used is not None:
            # "Mr Kennedy used a speech to say", "she took the opportunity to warn": the one who
            # used it speaks (session 14, second round)
            subj = self.phrase_ending(used - 1) if used > self.lo and self.gap(used - 1).isspace() else None
            if subj is not None:
                return Subject(subj.kind, subj.start, subj.end, "subject of the sentence")
        j = i - 1
        while (
            j >= self.lo
            # "Gellman has also said", "the BPI strongly believes" (never "Tony Kelly said")
            and (
                lows[j] in lx.SUBJECT_SKIP
                or lows[j] in ADVERB_SKIP
                or (lows[j].endswith("ly") and len(lows[j]) > 4 and not (j > self.lo and self.upper(j)))
            )
            and self.gap(j).isspace()
        ):
            j -= 1
        if j < self.lo:
            return None
        polled = respondents(self, j)  # "87% of the 1,000 adults quizzed by ICM said": adults
        if polled is not None:
            return polled
        gap = self.gap(j)
        if (
            gap.strip() == ")"
            and j > self.lo
            and self.gap(j - 1).strip() == "("
            and self.text[self.starts[j]].isupper()
        ):
            j, gap = j - 1, " "  # "The Association of Directors of Social Services (ADSS) said"
        elif (
            gap.replace(" ", "") == "),"
            and j > self.lo
            and self.gap(j - 1).strip() == "("
            and self.text[self.starts[j]].isupper()
        ):
            # "India's biggest firm, Oil & Natural Gas Corp (ONGC), says": the short form in
            # brackets closes the subject between commas
            j, gap = j - 1, ", "
        if lows[j] in JOIN and gap.isspace():
            return self.sentence_subject(j, "subject of the sentence")
        if gap.strip() == "," and not any(c in gap for c in "\"“”'‘’"):
            after = (
                self.name_after(i + 1, inverted=True)
                if i + 1 < self.hi and lows[i] in ("said", "says") and self.gap(i).isspace()
                else None
            )
            if after is not None and self._token_at(after.end) >= self.hi:
                # "New episodes of Lost, Desperate Housewives and ... appear online, said a
                # report.": the subject after the verb ends the sentence; no appositive before it
                return after
            # "A crestfallen France coach, Bernard Laporte, simply observed"
            named = self.phrase_ending(j)
            if named is not None and named.kind == "name":
                k = self._token_at(named.start)
                between = self.text[named.start : named.end].split()
                if (
                    k > self.lo
                    and "," in self.gap(k - 1)
                    and len(between) >= 2
                    # "Ms Roche, Labour MP for Hornsey and Wood Green, said": a role, not a name
                    and not any(w.lower() in TITLE_WORDS or w.lower() in ROLES for w in between)
                ):
                    return Subject("name", named.start, named.end, "named between commas")
            # "The men's solicitor Matthew Knight, said that": a comma that closes nothing
            return self._appositive(j) or unopened_apposition(self, j, i)
        if gap.strip() in DASHES and gap[:1].isspace():
            return self._appositive(j, "-–—")  # "But B&B - which has a 22% share - said"
        if gap.replace(" ", "") in (")-", ")–", ")—") and "(" in self.text[self.ends[j - 1] : self.starts[j]]:
            # "At least one consumer group - Consumers Against ... (Caspian) - has claimed": the
            # name the brackets shorten, else the subject before the dashes
            return dashed_name(self, j - 1) or self._appositive(j - 1, "-–—")
        if not gap.isspace():
            return None
        subj = self.phrase_ending(j)
        if subj is not None and subj.kind == "org":
            named = self._name_before_role(self._token_at(subj.start))
            if named is not None:
                return named
        return subj

    def _group_after(self, end: int, before: int) -> int | None:
        """The plural of people or bodies (token) right after the capitalised words ending at
        ``end``, or after one lower-case modifier more ("Japanese government officials")."""
        h = end + 1
        if h >= before or not self.gap(end).isspace() or self.upper(h) or self.lows[h] in _NOT_HEADS:
            return None  # ("Vargas does not": a verb, never the plural of "doe")
        if plural_body(self.lows[h]):
            return h
        if (
            h + 1 < before
            and self.gap(h).isspace()
            and not self.upper(h + 1)
            and plural_body(self.lows[h + 1])
        ):
            return h + 1 if self.lows[h].isalpha() and self.lows[h] not in lx.NOT_NAMES else None
        return None

    def _platform_before(self, i: int) -> int | None:
        """The token of "used" in "used a speech to" / "took the opportunity to" right before the
        verb at token ``i``; None when there is none."""
        lows, lo = self.lows, self.lo
        if i - 3 < lo or lows[i - 1] != "to" or lows[i - 2] not in _PLATFORMS:
            return None
        return next((m for m in range(i - 3, max(lo, i - 5) - 1, -1) if lows[m] in _USED), None)

    def _quoted_as(self, i: int) -> Subject | None:
        """``X quoted Y as saying``, ``Y was quoted as saying``, ``Y has been reported as saying``:
        Y speaks (not the paper that quoted, nor the subject of the sentence)."""
        lows, a = self.lows, i - 1
        if a - 2 < self.lo or lows[a] != "as" or not self.gap(a).isspace() or not self.gap(a - 1).isspace():
            return None
        j = a - 1
        if lows[j] in QUOTED_AS:  # the passive: the subject before the auxiliaries speaks
            k = j - 1
            while k >= self.lo and lows[k] in AUXILIARIES and self.gap(k).isspace():
                k -= 1
            if k == j - 1 or k < self.lo or not self.gap(k).isspace():
                return None  # "as quoted as saying" / no auxiliary: no passive
            subj = self.phrase_ending(k)
        else:
            if lows[j] in ("him", "her"):  # "quoted him as saying"
                subj = Subject("pronoun", self.starts[j], self.ends[j])
            else:
                subj = self.phrase_ending(j)
            if subj is not None:
                k = self._token_at(subj.start) - 1
                if k < self.lo or lows[k] not in QUOTED_AS or not self.gap(k).isspace():
                    return None
        if subj is None or subj.kind not in ("name", "org", "pronoun"):
            return None
        return Subject(subj.kind, subj.start, subj.end, "quoted as saying")

    def _name_before_role(self, h: int) -> Subject | None:
        """``Name, spokeswoman for the Acme Company said`` (the appositive never closed): the name
        that opens the sentence before the role, when it has two words or more."""
        if h <= self.lo or self.upper(h) or "," not in self.gap(h - 1):
            return None
        if self.lows[h] not in SPEAKING_NOUNS and self.lows[h] not in ROLES:
            return None
        named = self.phrase_ending(h - 1)
        if named is None or named.kind != "name" or self._token_at(named.start) != self.lo:
            return None
        if len(self.text[named.start : named.end].split()) < 2:
            return None
        return Subject("name", named.start, named.end, "named before the role")

    def _appositive(self, j: int, marks: str = ",") -> Subject | None:
        """``Name, title at Org, said``: the name before the earlier comma (or dash: "But B&B -
        which has a 22% share - said")."""
        for k in range(j, max(self.lo, j - 26), -1):
            gap = self.text[self.ends[k - 1] : self.starts[k]]
            if any(c in gap for c in '"“”‘.'):
                return None
            if any(c in gap for c in marks):
                subj = self.phrase_ending(k - 1)
                if marks != "," and subj is not None and subj.kind == "org":
                    # "Paul Myers, chief executive of Wippit - a service ... - believes"
                    subj = self._appositive(k - 1) or subj
                if subj is not None and subj.kind in ("name", "org"):
                    return Subject(subj.kind, subj.start, subj.end, "appositive skipped")
                if marks == "," and (subj is None or subj.kind == "noun"):
                    return apposed_name(self, k, j)  # "His mother, Giselle, said"
                return None
        return None

    def phrase_ending(self, j: int) -> Subject | None:
        """The subject phrase whose last word is token ``j``."""
        lows, starts, ends = self.lows, self.starts, self.ends
        low = lows[j]
        if low in lx.PRONOUNS_SINGULAR or low in lx.PRONOUNS_OTHER:
            return Subject("pronoun", starts[j], ends[j])
        if (not low[0].isalpha() and not AGED.fullmatch(low)) or low in TIME_WORDS:
            return None  # (but "The 66-year-old criticised" has a subject)
        if self.upper(j) or "." in low:
            if low in lx.NOT_NAMES and low not in SPEAKING_NOUNS:
                return Subject("noun", starts[j], ends[j])
            k = self._name_start(j)
            if k == j == self.lo and opening_gerund(self, starts[j], ends[j]):
                return None  # "Having said that, ...", "Following claims that ..." (session 13)
            polled = self._polled_for(k)
            if polled is not None:
                return polled
            # "the chief of the Swiss Group ...": the head is the common noun before "of"
            head = self._head_before_of(k)
            if head is not None:
                return Subject("org", starts[head], ends[j])
            if k - 2 >= self.lo and lows[k - 1] in ("of", "at", "from", "in") and self.upper(k - 2):
                person = self._name_start(k - 2)
                if (
                    k - 2 > person
                    and (  # "Ashok Vishwanathan of Operation Black Vote"
                        lows[k - 1] != "in"
                        or (
                            lows[person - 1] not in DETERMINERS
                            and not is_org(self.text[starts[person] : ends[k - 2]])
                        )
                    )
                ):  # ("The BBC's David Willey in Rome says", never "the Royal Society in London")
                    return Subject("name", starts[person], ends[k - 2])
            if lows[k] in lx.NOT_NAMES:
                return Subject("org", starts[k], ends[j]) if low in SPEAKING_NOUNS else None
            if (
                lows[k] in ROLES
                and k + 1 < j
                and lows[k + 1] == "for"
                and k > self.lo
                and lows[k - 1] == "the"
            ):
                return Subject("org", starts[k], ends[j])  # "The MP for Ealing North": a role, no name
            before_of = self.person_of(k, j)
            if before_of is not None:
                return before_of
            return Subject("name", starts[k], ends[j])
        if (low in lx.NOT_NAMES and low not in SPEAKING_NOUNS) or low in lx.SUBJECT_SKIP:
            return None
        # poll respondents: "those polled said", "53% of those surveyed said"
        if low in POLLED and j - 1 >= self.lo and lows[j - 1] == "those":
            return Subject("org", starts[j - 1], ends[j])
        # a common noun: its phrase back to the determiner ("the foreign ministry")
        k = j
        while k - 1 >= self.lo and self.gap(k - 1).isspace():
            w = lows[k - 1]
            if w in DETERMINERS or w.endswith(("'s", "s'")):
                if w.endswith(("'s", "s'")):
                    k -= 1
                    k = self._name_start(k) if self.upper(k) else k
                break
            if not w.isalpha() or w in lx.NOT_NAMES or w in TIME_WORDS or w in CONNECT:
                break
            k -= 1
        if (
            low in SPEAKING_NOUNS
            or low in ROLES
            or AGED.fullmatch(low)
            # people in the plural or a body of people (WordNet): "Some delegates even spoke of",
            # "The couple, who married last year, claimed" (session 11)
            or plural_people(self, k, low)
            # a title the name rules know ("Chancellor Gordon Brown") written as a definite role:
            # "the chancellor insisted", "the mayor said" (a role speaker, or its holder)
            or (low in TITLE_WORDS and low not in NOT_TITLE_HEADS and k > self.lo and lows[k - 1] == "the")
            # a definite honour: "The Oscar winner said" (session 13)
            or (low in HONOURS and k > self.lo and lows[k - 1] == "the")
        ):
            head = self._head_before_of(k)
            return Subject("org", starts[head if head is not None else k], ends[j])
        h = k - 2  # "the director of public prosecutions said": the head before "of"
        if h >= self.lo and lows[k - 1] == "of" and (lows[h] in SPEAKING_NOUNS or lows[h] in ROLES):
            while h - 1 >= self.lo and lows[h - 1].isalpha():
                if lows[h - 1] in DETERMINERS:
                    h -= 1
                    break
                if self.upper(h - 1) or lows[h - 1] in lx.NOT_NAMES or lows[h - 1] in CONNECT:
                    break
                h -= 1
            if lows[h] in DETERMINERS:
                return Subject("org", starts[h], ends[j])
        return head_with_tail(self, k) or Subject("noun", starts[j], ends[j])

    def _polled_for(self, k: int) -> Subject | None:
        """``those polled for the Sunday Times said``: the respondents speak, not the paper."""
        lows, m = self.lows, k - 1
        while m >= self.lo and self.upper(m):
            m -= 1  # "the Sunday Times": a time word stops the name chain
        if m >= self.lo and lows[m] == "the":
            m -= 1
        if m - 2 < self.lo or lows[m] not in ("for", "by") or lows[m - 1] not in POLLED:
            return None
        if lows[m - 2] != "those":
            return None
        return Subject("org", self.starts[m - 2], self.ends[m - 1])

    def person_of(self, k: int, j: int) -> Subject | None:
        """``Lena Okafor of Harbour Watch``: the person before "of", when two or more capitalised
        words with no organisation or title word stand there ("Bank of England" stays whole)."""
        lows = self.lows
        m = next((m for m in range(k + 1, j) if lows[m] == "of" and not self.upper(m)), None)
        if m is None or m - 1 <= k or (k > self.lo and lows[k - 1] in DETERMINERS):
            return None  # "The Guinness Book of Records" is no person
        if any(
            not self.upper(x) or lows[x] in NOT_IN_NAME or lows[x] in ROLES or lows[x] in OF_TITLES
            for x in range(k, m)
        ):
            return None  # "Roman Catholic Archbishop of Cardiff" is a title
        name = self.text[self.starts[k] : self.ends[m - 1]]
        if is_org(name):
            return None
        return Subject("name", self.starts[k], self.ends[m - 1])

    def _name_start(self, j: int) -> int:
        """First token of the capitalised name ending at ``j`` ("Swiss Group for the Study of the
        Juche Idea"); time words, sentence openers and function words never join it."""
        lows = self.lows
        k = j
        while k - 1 >= self.lo:
            w = lows[k - 1]
            gap = self.gap(k - 1)
            if not (gap == "" or set(gap) <= NAME_GAP) or w.endswith(("'s", "s'")):
                break  # "ONGC's Mr Raha": the possessor is no part of the name
            if self._name_part(k - 1):
                k -= 1
                continue
            # connectors inside a name: "Group for the Study of the Juche Idea"
            m = k - 1
            while m >= self.lo and lows[m] in CONNECT and not self.upper(m) and self.gap(m).isspace():
                m -= 1
            if self.lo <= m < k - 1 and self._name_part(m) and self.gap(m).isspace():
                k = m
                continue
            break
        return k

    def _name_part(self, m: int) -> bool:
        """A capitalised word that can be part of a name: no time word, and no sentence opener
        ("But", "However") at the start of the sentence."""
        w = self.lows[m]
        if not (self.upper(m) and w[0].isalpha()) or w in TIME_WORDS:
            return False
        if m == self.lo and (w in CLAUSE_OPENERS or w in lx.SUBJECT_SKIP):
            return False  # "Later Mr Blair told"
        if w in NEVER_NAME:
            return False  # "Me den Hartog told" (a typing slip for "Mr")
        return not (w in lx.NOT_NAMES and (m == self.lo or w in DETERMINERS or len(w) <= 3))

    def _token_at(self, pos: int) -> int:
        """The first token of the sentence that starts at or after ``pos`` (``hi`` if none): a
        binary search (a walk from the sentence's start made a 1,000,000-character sentence
        quadratic)."""
        return bisect_left(self.starts, pos, self.lo, self.hi)

    def chain_end(self, k: int) -> int:
        """Last token of the capitalised name starting at ``k``."""
        lows = self.lows
        j = k
        while (
            j + 1 < self.hi
            and set(self.gap(j)) <= NAME_GAP
            and not lows[j].endswith("'s")
            and (self.upper(j + 1) or (lows[j + 1] in CONNECT and j + 2 < self.hi and self.upper(j + 2)))
            and lows[j + 1] not in NEVER_NAME
        ):
            j += 1
        return j

    def _head_before_of(self, k: int) -> int | None:
        """For a name starting at ``k`` preceded by "chief of (the)", the index of "chief"
        (with its determiner's phrase), else None."""
        lows = self.lows
        m = k - 1
        if m >= self.lo and lows[m] == "the":
            m -= 1
        if m < self.lo or lows[m] not in ("of", "at", "for"):
            return None
        h = m - 1
        if h < self.lo or self.upper(h) or (lows[h] not in SPEAKING_NOUNS and lows[h] not in ROLES):
            return None
        while (
            h - 1 >= self.lo
            and lows[h - 1].isalpha()
            and lows[h - 1] not in lx.NOT_NAMES
            and not self.upper(h - 1)
            and lows[h - 1] not in CONNECT
        ):
            if lows[h - 1] in DETERMINERS:
                break
            h -= 1
        return h

    def sentence_subject(self, before: int, how: str) -> Subject | None:
        """The subject of the sentence (its first name, pronoun or speaking noun phrase),
        skipping openers such as "But", "On Tuesday," or "However,"."""
        lows = self.lows
        k, viewpoint = self.opening(before)
        while (
            k < before
            and (lows[k] in CLAUSE_OPENERS or lows[k] in TIME_WORDS)
            and not (self.upper(k) and lows[k] not in lx.NOT_NAMES and lows[k] not in TIME_WORDS)
        ):
            k += 1
        # the subject phrase ends before the first lower-case word that is no part of it
        end = k
        while (
            end + 1 < before
            and self.gap(end).isspace()
            and (self.upper(end + 1) or lows[end + 1] in CONNECT or (lows[end] in DETERMINERS))
        ):
            if lows[end + 1] in TIME_WORDS:
                break
            end += 1
        while end > k and lows[end] in CONNECT:
            end -= 1
        if end >= before:
            return None
        r = end + 1
        while (
            r < before
            and r <= end + 3
            and lows[r].isalpha()
            and not self.upper(r)
            and lows[r] not in CONNECT
            and lows[r] not in lx.NOT_NAMES
            and lows[r] not in AUXILIARIES  # "The SFA has appointed Tommy Burns": a verb
            and lows[r] not in SPEECH_VERBS  # "Mr Blunkett told MPs the UK would" (session 13)
        ):
            r += 1
        if r > end + 1 and r < before and self.upper(r) and self.gap(r - 1).isspace():
            last = self.chain_end(r)
            if last < before and (last > r or lows[r - 1] in SPEAKING_NOUNS or lows[r - 1] in ROLES):
                end = last  # "Welsh legend Mervyn Davies", "Finnish security firm F-Secure"
        head = self._group_after(end, before)
        if head is not None:
            # "Executive ministers raised an appeal arguing", "Low-cost airlines have criticised
            # ..., saying", "Japanese government officials played down": the capitalised words
            # are the modifiers of a plural of people or bodies, not a name (session 14, 2nd round)
            return Subject("noun", self.starts[head], self.ends[head], how)
        subj = self.phrase_ending(end)
        if subj is None or subj.kind == "noun":
            # a common-noun subject: "the ministry reacted ... and said"
            for e in range(k, min(before, k + 5)):
                if lows[e] in SPEAKING_NOUNS and not self.upper(e):
                    subj = self.phrase_ending(e)
                    break
        if viewpoint > self.lo and (
            subj is None
            or subj.kind not in ("name", "pronoun")
            or self.text[subj.end - 2 : subj.end] in ("'s", "’s")  # "Yahoo's decision was"
        ):
            subj = self.phrase_ending(viewpoint)
            if subj is not None and subj.kind != "name":
                subj = None
        if (
            subj is None
            or subj.kind == "noun"
            or (subj.kind == "name" and opening_gerund(self, subj.start, subj.end))
        ):
            return None
        if subj.kind == "org" or (subj.kind == "name" and " " in self.text[subj.start : subj.end]):
            person = apposed_person(self, subj, before)  # "The Secretary of State ..., Tessa Jowell, has"
            if person is not None:
                return Subject("name", person.start, person.end, how)
        return Subject(subj.kind, subj.start, subj.end, how)

    def opening(self, before: int) -> tuple[int, int]:
        """(first token after an opening adverbial up to its comma, the token before that comma
        when the adverbial is "For <Name>, ..." else -1): "On Tuesday, ...", "In a statement,
        ...", "For Richard Tateson, who ..., the need grew" (the person the view is of). The
        opener is asked about once, not once per word: ~9 sentences in 10 open otherwise."""
        lo = self.lo
        if self.lows[lo] not in PHRASE_OPENERS and not self._gerund_opener():
            return lo, -1
        for m in range(lo, min(before - 1, lo + 14, self.hi - 1)):
            if "," in self.gap(m):
                return m + 1, m if self.lows[lo] == "for" and self.upper(lo + 1) else -1
        return lo, -1

    def _gerund_opener(self) -> bool:
        """A gerund opens a phrase up to its comma too ("Looking ahead, Mr X forecast"; never
        "Everything about ..., and": a pronoun). Session 13."""
        lo = self.lo
        return not self.lows[lo].endswith("thing") and opening_gerund(self, self.starts[lo], self.ends[lo])

    def name_after(self, k: int, *, inverted: bool) -> Subject | None:
        """A name (or he/she) starting at token ``k`` (``nkterm.claims.inverted``)."""
        return name_after(self, k, inverted=inverted)
