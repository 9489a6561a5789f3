"""Contradicting testimony (``testimony_conflict``): one passage has a person deny (or be
unaware of) what the other has the same person know, do, admit or be accused of ("Ebbers denies
fraud" / "Ebbers 'aware' of fraud"), or calls untrue after stating it what the other says
("Claims ... were 'wholly unfounded'": ``params.TESTIMONY_POSTCUE``); with who each passage's
verbs of denial and assertion are about (``actors``), which the other relations read too. Must
not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.analysis import analyze
from nkterm.compare import params
from nkterm.compare.actors import actor_before, plea_only
from nkterm.compare.meanings import MEANING
from nkterm.compare.units import Unit
from nkterm.compare.words import ATTRIBUTION_WORDS, COMMON_STEMS, FUNCTION_WORDS, stem

_DENY_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|unaware|innocent|not guilty|refut(?:e|es|ed))\b",
    re.IGNORECASE,
)
_ASSERT_RE = re.compile(
    r"\b(?:aware|knew|involved|implicated|directed|ordered|pressured|instructed|responsible|admit(?:s|ted)?|"
    r"participated|oversaw|overseeing|orchestrated|masterminded|mastermind|accused|charged|guilty)\b",
    re.IGNORECASE,
)
# "X never made accounting decisions": a denial of an act in the past, with ``params.TESTIMONY_NEVER``
_NEVER_RE = re.compile(
    r"\bnever\b(?!\s+(?:be|been|before|again|forget|forgotten|forgets|thought|expected)\b)", re.IGNORECASE
)
# an act someone else reports of a named person ("Mr Sullivan claims that Mr Ebbers refused to stop
# the fraud"), with ``params.TESTIMONY_REPORTED``: the name and the words of its clause
_REPORTED_RE = re.compile(
    r"\b(?:claim(?:s|ed)?|alleg(?:e|es|ed)|testifie[sd]|suggest(?:s|ed)|sa(?:id|ys)|told\s+[\w ]{1,30}?)\s+that\s+"
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+)?(?P<name>[A-Z][\w'’-]*[a-z])\s+(?:had\s+|has\s+)?(?P<act>[a-z]+ed\b[^,.;:!?]*)"
)
# a negation just before an assertion makes it a denial: "was not responsible", "never knew"
_NEGATED_BEFORE_RE = re.compile(r"\b(?:not|never|no|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# a word each pattern's every match contains: an ASCII passage without any of them has no match
# (most passages; these IGNORECASE alternations cost ~25-50 us a passage, the look-ups ~1 us)
_NEEDS = {
    _DENY_RE: ("deny", "deni", "reject", "unaware", "innocent", "guilty", "refut"),
    _NEVER_RE: ("never",),
    _ASSERT_RE: (
        *("aware", "knew", "involved", "implicated", "directed", "ordered", "pressured", "instructed"),
        *("responsible", "admit", "participated", "oversaw", "overseeing", "orchestrated", "mastermind"),
        *("accused", "charged", "guilty"),
    ),
}


@functools.lru_cache(maxsize=8192)
def _mentions_any(text: str, verbs: re.Pattern[str]) -> bool:
    """Whether ``verbs`` (``_DENY_RE`` or ``_ASSERT_RE``) match in ``text``. Memoised."""
    if text.isascii() and not any(word in text.lower() for word in _NEEDS[verbs]):
        return False
    return verbs.search(text) is not None


# a denial whose clause runs on to a "that" clause: what follows is what is denied ("Mr Sullivan
# rejects a suggestion that he had told Roberts that Mr Ebbers was unaware": not Ebbers's denial)
_DENIAL_THAT_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|refut(?:e|es|ed))\b[^.;:!?]*?\bthat\b", re.IGNORECASE
)


def _inside_denial(text: str, start: int) -> bool:
    """Whether the cue at ``start`` is inside what an earlier denial of its sentence denies: a
    denial denied is an assertion (session 20: "Mr Sullivan also rejects a suggestion that he had
    once told ... that Mr Ebbers was unaware of the accounting fraud")."""
    sentence = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start)) + 1
    return any(m.end() <= start for m in _DENIAL_THAT_RE.finditer(text, sentence, start))


@functools.lru_cache(maxsize=8192)
def _actors(text: str, verbs: re.Pattern[str], negated: bool | None = None) -> dict[str, str]:
    """The names that do what ``verbs`` say: for each verb, the nearest capitalised word before it
    in its sentence ("Mr Ebbers has denied" -> ebber, as stemmed, so "Mr Ebber's" is the same
    person). ``negated``: only verbs with (True) or without (False) a negation just before them.
    Memoised (a passage is checked against each of its candidates): callers must not change it."""
    found: dict[str, str] = {}
    if not _mentions_any(text, verbs):
        return found
    for m in verbs.finditer(text):
        if (
            negated is not None
            and bool(_NEGATED_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())) != negated
        ):
            continue
        if verbs is _DENY_RE and _inside_denial(text, m.start()):
            continue  # "rejects a suggestion that ... Ebbers was unaware": no denial of Ebbers's
        actor, written = actor_before(text, m.start())
        if actor:
            found.setdefault(actor, written)
    return found


# an accusation in the active voice: who is accused is its object, not the name before it
# ("Sullivan implicated his colleague", "prosecutors have charged them with faking a crash")
_ACCUSE_RE = re.compile(
    r"\b(?:implicat(?:ed|es|ing)|accus(?:ed|es|ing)|charg(?:ed|es|ing)|blam(?:ed|es|ing)|indict(?:ed|s|ing))"
    r"\s+(?P<object>[\w'’-]+(?:\s+[\w'’-]+){0,3})"
)
# after these the verb is passive or has no object: "is accused of", "charged with", "implicated in"
_NO_OBJECT = frozenset(
    ["of", "with", "by", "in", "over", "for", "as", "to", "that", "on", "at", "after", "before", "and", "but"]
)
# a determiner before "charges", "blame": a noun ("all the charges he is facing"), not an accusation
_NOUN_BEFORE_RE = re.compile(r"\b(?:the|these|those|his|her|their|its|any|new|of)\s+$", re.IGNORECASE)
_TITLES = frozenset(["mr", "mrs", "ms", "dr", "sir"])
_ROLES_RE = re.compile(
    r"(?:his|her|their)\s+(?:former\s+|ex-)?(?:colleague|boss|partner|friend|client|predecessor|superior|"
    r"employer|deputy|associate|co-defendant)s?\b"
)


def _surname(key: str) -> str:
    """The stem that stands for a name key in testimony: its last word ("@bernie ebber" -> ebber)."""
    return key.removeprefix("@").split()[-1]


def _accused(unit: Unit) -> tuple[set[str], set[str]]:
    """(who the unit's active accusations accuse, who accuses), as the stems ``actor_before``
    gives: the object's name ("charged Petrov"; not "charged Petrov's driver"), or for "him",
    "them" or "his colleague" the unit's one other name, if it has exactly one (at the trial "of
    Mr Ebbers", "Scott Sullivan implicated his colleague"). The accuser is not accused."""
    text = unit.passage.text
    accused: set[str] = set()
    accusers: set[str] = set()
    names = {_surname(k) for k in unit.names}
    for m in _ACCUSE_RE.finditer(text):
        words = m.group("object").split()
        if words[0].casefold() in _NO_OBJECT or _NOUN_BEFORE_RE.search(
            text, max(0, m.start() - 12), m.start()
        ):
            continue
        accuser = actor_before(text, m.start())[0]
        if accuser:
            accusers.add(accuser)
        if words[0].casefold() in ("him", "her", "them") or _ROLES_RE.match(m.group("object")):
            others = names - {accuser}
            if len(others) == 1:  # who "him" is, only when the passage leaves no doubt
                accused |= others
            continue
        if words[0].casefold().rstrip(".") in _TITLES:
            words = words[1:]
        run = []
        for word in words:
            if not word[:1].isupper():
                break
            run.append(word)
        if run and not run[-1].endswith(("'s", "’s")):
            word = run[-1].casefold().rstrip("'’")
            accused.add(stem(word) or word)
    return accused, accusers


# a charge reported with no one making it (session 19): "is accused of overseeing the fraud", "on
# trial, accused of", "to face trial on charges that he oversaw the fraud" - the report says a charge
# exists, which a denial does not dispute; "Prosecutors alleged that he directed ..." and "charged
# Petrov with" (an accuser, or an active accusation: ``_accused``) still assert
_CHARGE_REPORTED_RE = re.compile(
    r"\b(?:(?:is|are|was|were|been|being|be|who's|he's|she's|,)\s+(?:\w+\s+)?(?:accused|charged|indicted|suspected)"
    r"\s+(?:of|with|over|in)\b|(?:criminal\s+|the\s+|on\s+)?charges?\s+(?:that|of)\b)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def _unreported(text: str) -> str:
    """``text`` with each charge reported with no one making it blanked to its clause's end
    (``_CHARGE_REPORTED_RE``), so that its verbs ("overseeing", "mastermind") assert nothing;
    offsets kept."""
    if not _CHARGE_REPORTED_RE.search(text):
        return text
    out = text
    for m in _CHARGE_REPORTED_RE.finditer(text):
        end = _SCOPE_END_RE.search(text, m.end())
        stop = end.start() if end else len(text)
        out = out[: m.start()] + " " * (stop - m.start()) + out[stop:]
    return out


def testimony_conflict(a: Unit, b: Unit) -> str:
    """Contradicting testimony: one passage has a person deny (or be unaware of) what the other
    has the same person know, do, admit or be accused of ("Ebbers denies fraud" / "Ebbers 'aware'
    of fraud"; "Ebbers rejected allegations he pressured Sullivan" / "Sullivan implicated his
    colleague", at the trial of Ebbers).

    A pronoun stands for the other passage's person when its own passage names no one it could
    be: "Prosecutors charged them with laundering money" / "Petrov and Ivanov denied laundering
    money"; "He denied laundering money" / "Prosecutors charged Petrov with laundering money"
    (``_unnamed``). A plea ("pleaded not guilty", "denied the charges": ``actors.plea_only``)
    contests the charge without an account and contradicts no one (session 19)."""
    for deny, other, side in ((a, b, "A"), (b, a, "B")):
        deny_text, assert_text = deny.passage.text, other.passage.text
        if plea_only(deny_text):
            continue  # "He pleads not guilty", "has denied the charges": the charge contested, no account
        denied = {**_actors(deny_text, _ASSERT_RE, negated=True), **_actors(deny_text, _DENY_RE)}
        if params.TESTIMONY_NEVER:
            denied = {**_actors(deny_text, _NEVER_RE), **denied}
        if not denied and not _mentions_any(deny_text, _DENY_RE):
            continue  # (most pairs: no denial at all)
        accused, accusers = _accused(other)
        if not denied:
            if len(accused) == 1 and _unnamed(deny, _DENY_RE, set()):
                (who,) = accused
                denied = {who: _written(other, who)}  # "he denied" when only the other says who
            else:
                continue
        asserted = set(_actors(_unreported(assert_text), _ASSERT_RE, negated=False)) - accusers | accused
        if _unnamed(other, _ASSERT_RE, accusers) or _unnamed(other, _ACCUSE_RE, accusers):
            asserted |= set(denied)  # "charged them": those who deny, when the passage names no one else
        if params.TESTIMONY_REPORTED:
            asserted |= _reported(assert_text, deny_text)
        asserted -= {*_actors(assert_text, _DENY_RE), *_actors(assert_text, _ASSERT_RE, negated=True)}
        if params.TESTIMONY_NEVER:
            asserted -= set(_actors(assert_text, _NEVER_RE))
        both = sorted(denied.keys() & asserted)
        if both and params.TESTIMONY_SAME_ACT:
            both = [who for who in both if _same_act(deny_text, assert_text, who)]
        if both:
            return f"contradicting testimony about {denied[both[0]]}: denial only in {side}"
    if params.TESTIMONY_POSTCUE:
        return _disputed_claim(a, b)
    return ""


# a denial said after what it disputes (``params.TESTIMONY_POSTCUE``): "Claims a written answer
# was drafted by Downing Street were 'wholly unfounded'", "described the claims that he had
# met them as untrue"; what is called untrue is the claim's own clause (``act``)
_CLAIM_NOUN = r"(?:claims?|allegations?|suggestions?|accusations?|rumou?rs?|reports?|speculation)"
_FALSE_WORD = (
    r"[\"'“‘]?(?P<word>(?:(?:wholly|completely|totally|entirely|utterly|simply|absolutely|quite)\s+)?"
    r"(?:untrue|unfounded|false|nonsense|rubbish|baseless|groundless|inaccurate|incorrect|ridiculous|"
    r"absurd|fantasy|fiction|lies|a\s+lie|without\s+foundation))\b"
)
_CALLED_FALSE_RE = re.compile(
    rf"\b{_CLAIM_NOUN}\s+(?P<act>(?:that|of)\s+[^.;:!?]{{3,200}}?|[^.;:!?,]{{3,200}}?)\s+"
    rf"(?:were|was|are|is|(?:have|has|had)\s+been)\s+{_FALSE_WORD}"
    rf"|\b(?:described|dismissed|branded|called|labell?ed|rejected)\s+(?:the\s+|these\s+|those\s+|such\s+)?"
    rf"{_CLAIM_NOUN}\s+(?P<act2>(?:that|of)\s+[^.;:!?]{{3,200}}?)\s+as\s+{_FALSE_WORD.replace('word', 'word2')}",
    re.IGNORECASE,
)
# the claim's verbs and participles: a word after an auxiliary, or one ending in -ed / -en ("was
# drafted", "a written answer", "had likened"); one of them must be the other passage's, so the
# act is what both say and not only its object ("reports that she had likened the assembly
# government to totalitarian regimes were inaccurate" / "... said the assembly government")
_CLAIM_VERB_RE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|been|did|does|would|could|will)\s+(\w+)|\b(\w+(?:ed|en))\b",
    re.IGNORECASE,
)
# a finite verb inside the claim's clause: without one ("claims that the figures were wrong") the
# falsity word is the clause's own predicate, not what is said of the claim
_FINITE_RE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|did|does|would|could|will|\w+ed)\b", re.IGNORECASE
)
_NAME_RE = re.compile(r"(?<![.!?\"“‘'] )\b[A-Z][\w'’-]*[a-z]")


@functools.lru_cache(maxsize=8192)
def _called_false(text: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    """Each claim ``text`` calls untrue after saying it: (the falsity word as written, the
    stems of the claim's content words, the claim's names in lower case, the stems of its verbs
    and participles: ``_CLAIM_VERB_RE``). Memoised."""
    lowered = text.lower()
    if not any(word in lowered for word in _FALSE_STEMS):
        return ()
    tokens = analyze(text)
    out = []
    for m in _CALLED_FALSE_RE.finditer(text):
        group = "act" if m.group("act") else "act2"
        act = m.group(group)
        if not act.lower().startswith("of ") and not _FINITE_RE.search(act):
            continue
        if " and that " in act or (group == "act" and not _claim_noun_at(text, m.start())):
            continue
        stems = _predicate(text, tokens, m.start(group), m.end(group))
        verbs = {stem(w.lower()) or w.lower() for v in _CLAIM_VERB_RE.finditer(act) for w in v.groups() if w}
        verbs -= {stem(w) for w in FUNCTION_WORDS}
        names = tuple(
            n.group(0).lower().removesuffix("'s").removesuffix("’s")
            for n in _NAME_RE.finditer(act)
            if n.group(0).lower() not in _TITLES
        )
        out.append(
            (m.group("word") or m.group("word2"), tuple(dict.fromkeys(stems)), names, tuple(sorted(verbs)))
        )
    return tuple(out)


# what comes before "claims" when it is a noun, not a verb ("Labour claim his planned savings
# don't add up and that those figures are fantasy" calls no claim untrue)
_CLAIM_DETERMINERS = frozenset(
    (
        *("the", "these", "those", "such", "his", "her", "their", "its", "any", "all", "recent", "earlier"),
        *("new", "press", "newspaper", "media", "of", "about", "over", "that", "said", "says"),
    )
)


def _claim_noun_at(text: str, start: int) -> bool:
    """Whether the claim word at ``start`` is a noun: a sentence's first word, or after a
    determiner, a preposition or a verb of saying ("said claims ... were untrue")."""
    before = text[:start].rstrip()
    if not before or before[-1] in ".!?\"“‘'(:":
        return True
    return before.split()[-1].lower() in _CLAIM_DETERMINERS


_FALSE_STEMS = (
    *("untrue", "unfounded", "false", "nonsense", "rubbish", "baseless", "groundless", "inaccurate"),
    *("incorrect", "ridiculous", "absurd", "fantasy", "fiction", "lie", "without foundation"),
)


def _disputed_claim(a: Unit, b: Unit) -> str:
    """A claim one passage calls untrue after stating it, which the other passage says (and does
    not deny): one of the claim's verbs or participles, at least ``params.TESTIMONY_POSTCUE_SHARED``
    of its content words (or their meanings) and every name of the claim are the other's too."""
    for deny, other, side in ((a, b, "A"), (b, a, "B")):
        found = _called_false(deny.passage.text)
        if not found:
            continue
        other_text = other.passage.text
        if _mentions_any(other_text, _DENY_RE) or _called_false(other_text):
            continue
        said = set(_predicate(other_text, analyze(other_text), 0, len(other_text)))
        said |= {MEANING[s] for s in said if s in MEANING}
        lowered = other_text.lower()
        for word, act, names, verbs in found:
            shared = [s for s in act if s in said or MEANING.get(s, s) in said]
            if verbs and not any(v in said or MEANING.get(v, v) in said for v in verbs):
                continue  # the claim's object is said, not its act
            if len(shared) >= params.TESTIMONY_POSTCUE_SHARED and all(
                re.search(rf"\b{re.escape(n)}\b", lowered) for n in names
            ):
                return (
                    f'contradicting testimony: what {"A" if side == "B" else "B"} says {side} calls "{word}"'
                )
    return ""


# what a denial ends at: a clause's end or a second verb joined to it ("denied being 'leaned on'
# and says the words were his"); quotation marks do not end it
_SCOPE_END_RE = re.compile(
    r"[,.;:!?()\[\]\u2014]|\s(?:and|but|while|whereas|as|after|because)\s|\s[-\u2013]\s"
)
# what a denial denies when it names no act of its own: "denied the charges", "denied any wrongdoing"
_BARE_STEMS = frozenset(
    stem(w)
    for w in (
        *("claims", "allegations", "suggestions", "accusations", "charges", "reports", "rumours"),
        *("wrongdoing", "involvement", "knowledge", "guilt", "responsibility", "it", "them", "this"),
    )
)
_CULPABLE = None  # an act of knowing, doing or guilt: what the other passage's assertion verbs say


@functools.lru_cache(maxsize=8192)
def _denied_acts(text: str, never: bool = False) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """For each denial of ``text``: (who denies, ``actor_before``'s stem or ""; the act denied as
    the stems of the content words after the cue to the end of its clause, names and the nouns
    of a bare denial left out; ``_CULPABLE`` (None) when the denial is of knowing, doing or
    guilt: "unaware", "not guilty", "innocent", a negated assertion verb ("was not
    responsible"), or an assertion verb in the denied clause ("denied claims that he knew")).
    ``never``: "never" is a cue too (``params.TESTIMONY_NEVER``). Memoised."""
    tokens = analyze(text)
    out: list[tuple[str, tuple[str, ...] | None]] = []
    cues = list(_DENY_RE.finditer(text))
    if never:
        cues += _NEVER_RE.finditer(text)
    for m in cues:
        if _inside_denial(text, m.start()):
            continue  # a denial denied ("rejects a suggestion that ... he was unaware")
        actor = actor_before(text, m.start())[0]
        if not m.group(0).lower().startswith(("den", "reject", "refut", "never")):
            out.append((actor, _CULPABLE))  # "unaware", "innocent", "not guilty"
            continue
        end = _SCOPE_END_RE.search(text, m.end())
        stop = end.start() if end else len(text)
        if _ASSERT_RE.search(text, m.end(), stop):
            out.append((actor, _CULPABLE))
            continue
        act = [t for t in _predicate(text, tokens, m.end(), stop) if t not in _BARE_STEMS]
        out.append((actor, tuple(dict.fromkeys(act))))
    for m in _ASSERT_RE.finditer(text):
        if _NEGATED_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()):
            out.append((actor_before(text, m.start())[0], _CULPABLE))
    return tuple(out)


def _predicate(text: str, tokens: list[tuple[str, int, int]], start: int, stop: int) -> list[str]:
    """The stems of the content words of ``text`` between ``start`` and ``stop``, in order: no
    function, attribution or common word, no capitalised word inside a sentence (a name is who,
    not what is done)."""
    return [
        term
        for term, s, e in tokens
        if start <= s < stop
        and text[s:e].lower() not in FUNCTION_WORDS
        and text[s:e].lower() not in ATTRIBUTION_WORDS
        and term not in COMMON_STEMS
        and not (text[s].isupper() and s > 0 and text[:s].rstrip()[-1:] not in ".!?\"“‘'")
    ]


def _same_act(deny_text: str, assert_text: str, who: str) -> bool:
    """Whether what ``who`` denies in ``deny_text`` is what ``assert_text`` asserts of them
    (``params.TESTIMONY_SAME_ACT``): a denial of knowing, doing or guilt, or of the charges with
    no act named ("denied the charges"), against the other's assertion of an act or a charge; or a
    denied act one of whose words (or meanings: ``meanings``) the other passage says. "Lord
    Goldsmith has denied being 'leaned on'" denies no act of "I was fully involved throughout the
    drafting process". The denials of a pronoun count for ``who`` when none is ``who``'s."""
    acts = _denied_acts(deny_text, params.TESTIMONY_NEVER)
    own = [act for actor, act in acts if actor == who] or [act for actor, act in acts if not actor]
    said: set[str] | None = None
    for act in own:
        if act is _CULPABLE or not act:
            return True
        if said is None:
            said = set(_predicate(assert_text, analyze(assert_text), 0, len(assert_text)))
            said |= {MEANING[s] for s in said if s in MEANING}
        # "head": the word that heads what is denied ("denied he frequently met him to discuss
        # company business" heads no act of "directed Mr Sullivan to hide the company's finances")
        if any(
            s in said or MEANING.get(s, s) in said
            for s in (act[:1] if params.TESTIMONY_SAME_ACT == "head" else act)
        ):
            return True
    return False


def _reported(assert_text: str, deny_text: str) -> set[str]:
    """The names ``assert_text`` reports an act of through someone's claim ("Mr Sullivan claims
    that Mr Ebbers refused to stop the fraud"), when a word of that act (or its meaning) is a
    word of ``deny_text`` besides names ("... saying he was unaware of the fraud")."""
    if "that" not in assert_text:
        return set()
    found: set[str] = set()
    said: set[str] | None = None
    tokens = analyze(assert_text)
    for m in _REPORTED_RE.finditer(assert_text):
        if said is None:
            said = set(_predicate(deny_text, analyze(deny_text), 0, len(deny_text)))
            said |= {MEANING[s] for s in said if s in MEANING}
        act = _predicate(assert_text, tokens, m.start("act"), m.end("act"))
        if any(s in said or MEANING.get(s, s) in said for s in act):
            word = m.group("name").casefold().removesuffix("'s").removesuffix("’s")
            found.add(stem(word) or word)
    return found


_PRONOUN_RE = re.compile(r"\b(?:he|she|they|him|her|them)\b", re.IGNORECASE)


def _unnamed(unit: Unit, verbs: re.Pattern[str], accusers: set[str]) -> bool:
    """Whether ``unit`` has one of ``verbs`` about a pronoun ("he denied", "charged them", "they
    were accused") and names no one who could be that pronoun (no name but the accusers)."""
    if {_surname(k) for k in unit.names} - accusers:
        return False
    text = unit.passage.text
    denials = [(d.start(), d.end()) for d in _DENY_RE.finditer(text)] if verbs is _ASSERT_RE else []
    for m in verbs.finditer(text):
        if verbs is _ACCUSE_RE and _NOUN_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the charges he is facing": a noun, no one charges him here
        if any(start <= m.start() < end for start, end in denials):
            continue  # "He pleads not guilty": "guilty" inside a denial asserts nothing
        near = text[max(0, m.start() - 24) : m.end() + 12]
        if _PRONOUN_RE.search(near) and (verbs is _ACCUSE_RE or not actor_before(text, m.start())[0]):
            return True
    return False


def _written(unit: Unit, who: str) -> str:
    """A name stem of ``unit`` as the passage writes it ("petrov" -> "Petrov")."""
    m = re.search(rf"\b{re.escape(who)}[\w'’-]*", unit.passage.text, re.IGNORECASE)
    return m.group(0).removesuffix("'s").removesuffix("’s") if m else who


def clear_caches() -> None:
    """Forget the memoised actors of passages."""
    _actors.cache_clear()
    _mentions_any.cache_clear()
    _denied_acts.cache_clear()
    _called_false.cache_clear()
    _unreported.cache_clear()
