"""What relation two paired units are in, and why (``relation_of``):

* ``agrees`` — the same proposition: identical text, or similarity >= ``SAME_MIN`` with the same
  participants (no name on each side that the other lacks), what they say besides names shared
  (>= ``PREDICATE_MIN`` of the smaller side's, >= ``SAME_COVER`` of the fuller side's), numbers
  equal within rounding (``nkterm.numbers``: within half the coarser precision) and the same
  polarity;
* ``differs`` — the same slot with incompatible values: numbers of one unit beyond rounding,
  one side negating a word both use ("denies"/"refused"/"not"), or opposite sides of an
  evaluation or testimony axis ("denied" vs "admitted"), at similarity >= ``CONFLICT_MIN``;
* ``related`` — paired (same topic) but not shown to be one proposition.

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict

from nkterm.analysis import analyze
from nkterm.compare import params
from nkterm.compare.actors import PROMISE_BROKEN, denies, plea_only, promise_broken
from nkterm.compare.apart import counts_apart, figures_apart, prizes_apart
from nkterm.compare.clauses import main_keys, ordinals_apart
from nkterm.compare.contrary import PREFIX as CONTRARY
from nkterm.compare.contrary import clear_caches as clear_contrary
from nkterm.compare.contrary import contrary_conflict
from nkterm.compare.dispute import clear_caches as clear_disputes
from nkterm.compare.dispute import dispute_conflict
from nkterm.compare.meanings import MEANING
from nkterm.compare.measure import clear_caches as clear_measures
from nkterm.compare.measure import measure_slot
from nkterm.compare.places import clear_caches as clear_places
from nkterm.compare.places import place_slot
from nkterm.compare.results import AGREES, DIFFERS, RELATED_ONLY
from nkterm.compare.similarity import shown_terms
from nkterm.compare.slots import clear_caches as clear_slots
from nkterm.compare.slots import (
    date_slot,
    number_slot,
    ordinal_slot,
    other_periods,
    outcome_conflict,
    period_slot,
)
from nkterm.compare.testimony import clear_caches as clear_testimony
from nkterm.compare.testimony import testimony_conflict
from nkterm.compare.units import HEADLINE, HEDGED, Unit
from nkterm.compare.worddiff import word_ratio
from nkterm.compare.words import (
    ATTRIBUTION_WORDS,
    COMMON_STEMS,
    DENIAL_RE,
    EVALUATION_AXES,
    KEY_OF,
    NEGATION_RE,
)
from nkterm.numbers import _CURRENCIES, Quantity

_EVALUATION_STEMS = frozenset(s for pos, neg in EVALUATION_AXES.values() for s in pos | neg)


def says_not(unit: Unit) -> bool:
    """Whether a unit says what is not so: a verb of denial, or a negation that is not only the
    other side of an evaluation ("not that much different" says what "similar" says, and the
    evaluation axes compare it)."""
    if not unit.negative:
        return False
    if denies(unit.passage.text):
        return True
    return not unit.negated or any(s not in _EVALUATION_STEMS for s in unit.negated)


def only_possibly_not(unit: Unit) -> bool:
    """Whether all that ``unit`` says is not so is only said to be possible ("it might not close
    the plant"): no denial, and every negation read with its modal (``HEDGED``). Such a unit is
    not the same proposition as the assertion (``says_not``) but does not oppose it either."""
    return (
        bool(unit.negated)
        and all(cue.startswith(HEDGED) for cue in unit.negated.values())
        and not denies(unit.passage.text)
    )


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def conflict_of(a: Unit, b: Unit, similarity: float = 1.0) -> str:
    """Why two units conflict, or "" when nothing does. Years count only between passages
    close enough to be one proposition (>= ``SAME_MIN``): "in 1998" and "in 2004" usually
    date two different events; numbers not at all between passages about different quarters or
    months (``slots.other_periods``: two periods' figures)."""
    numbers_a: dict[str, list[Quantity]] = defaultdict(list)
    numbers_b: dict[str, list[Quantity]] = defaultdict(list)
    if not (a.numbers and b.numbers and other_periods(a, b)):  # (two quarters' or months' figures)
        for n in a.numbers:
            if n.key and (not n.year or similarity >= params.SAME_MIN):
                numbers_a[n.key].append(n)
        for n in b.numbers:
            if n.key:
                numbers_b[n.key].append(n)
    for unit_key, found_a in numbers_a.items():
        found_b = numbers_b.get(unit_key)
        if not found_b or any(x.agrees(y) for x in found_a for y in found_b):
            continue
        # the two values nearest each other are the slot's ("0.02 seconds behind Gatlin, who won in
        # 9.87 seconds" / "9.85 seconds": 9.87 vs 9.85, not 0.02)
        x, y = min(
            ((x, y) for x in found_a for y in found_b),
            key=lambda xy: (
                abs(xy[0].base[0] - xy[1].base[0]) / max(abs(xy[0].base[0]), abs(xy[1].base[0]), 1e-9)
            ),
        )
        (number_a, unit_a), (number_b, unit_b) = _shown(x), _shown(y)
        if unit_a == unit_b:  # "3 vs 5 days"
            return f"numbers differ beyond rounding: {number_a} vs {number_b}{unit_a}"
        return f"numbers differ beyond rounding: {number_a}{unit_a} vs {number_b}{unit_b}"
    testimony = testimony_conflict(a, b)
    if testimony:
        return testimony
    if not (a.negative and b.negative):  # both say what is not so: no polarity to oppose
        for key, stems_a in a.keys.items():
            stems_b = b.keys.get(key, {})
            for key_stem in stems_a:
                if key_stem not in stems_b:
                    continue  # only a word both use, exactly, can be denied by one of them
                cue_a, cue_b = a.negated.get(key_stem), b.negated.get(key_stem)
                if (cue_a or cue_b or "").startswith(HEDGED):
                    continue  # "may not win approval" / "the least likely to win approval": no assertion opposed
                if (cue_a is None) != (cue_b is None):
                    side = "A" if cue_a else "B"
                    word = stems_a[key_stem] if cue_a else stems_b[key_stem]
                    return f'opposite polarity: "{cue_a or cue_b} {word}" only in {side}'
    for axis, (sign_a, words_a) in a.polarity.items():
        sign_b, words_b = b.polarity.get(axis, (0, ""))
        if sign_a and sign_b and sign_a != sign_b:
            return f'opposite {axis}: "{words_a}" vs "{words_b}"'
    return ""


def _negates_said(deny: Unit, other: Unit) -> bool:
    """Whether what ``deny`` says is not so is something ``other`` says: a word it negates, or a
    word of one of its denials' scopes, is one of ``other``'s (or it names nothing it negates).
    "... did not have a complaint made against him, but when concerns were raised he sought
    guidance" negates nothing of "Mr McLetchie then sought guidance"."""
    said = set(deny.negated) | {s for _cue, _actor, stems in deny.scopes for s in stems}
    if not said:
        return True
    return any(s in stems for stems in other.keys.values() for s in said)


def _shown(q: Quantity) -> tuple[str, str]:
    """A number as written and its unit word apart: ("3", " days"), ("$9.37bn", "")."""
    written = " ".join(q.written.split())
    at = written.lower().rfind(q.unit.split()[0]) if q.unit and q.unit != "%" else -1
    if at <= 0:
        return written, ""
    return written[:at].rstrip(" -"), " " + written[at:]


def clear_caches() -> None:
    """Forget the memoised actors and outcomes of passages (``testimony``, ``slots``, ``dispute``)."""
    clear_testimony()
    clear_slots()
    clear_disputes()
    clear_contrary()
    clear_measures()
    _name_list.cache_clear()
    clear_places()


# a refusal the negation cues do not catch ("declined" also means "fell"; "declined the offer" does not)
_REFUSAL_RE = re.compile(
    r"\bdeclin(?:e|es|ed|ing)\s+(?:to|the|an?|its|their|his|her|our|any)\b", re.IGNORECASE
)


def denial_conflict(a: Unit, b: Unit) -> str:
    """One passage has someone deny an act that the other passage asserts about them: a denial
    cue ("denied", "rejected", "never", "no longer") whose actor (the name before it) the other
    passage names too, and after which two or more content words follow that the other passage
    says without any negation, the first of them included ("Hartley denied claims that he
    leaked the budget report" /
    "charged Hartley with leaking the budget report"), in the same words or in words that mean
    the same (``meanings``: "denied he had pledged to quit" / "promised to resign"). Names are the participants, not the act;
    common words ("made", "take") are no evidence. The other passage must not deny or negate
    anything (two denials have no polarity to oppose)."""
    for deny, other, side in ((a, b, "A"), (b, a, "B")):
        if not deny.scopes or says_not(other) or _REFUSAL_RE.search(other.passage.text):
            continue
        other_stems = {s for stems in other.keys.values() for s in stems}
        if promise_broken(other.passage.text):
            other_stems.add(PROMISE_BROKEN)  # "broken promises" / "went back on a pledge"
        # a word of the denial may say the other's in other words ("pledge" / "promise")
        other_meanings = {MEANING[s] for s in other_stems if s in MEANING}
        names = {s for unit in (a, b) for key in unit.names for s in unit.keys.get(key, {})}
        deny_names = {s for key in deny.names for s in deny.keys.get(key, {})}
        for cue, actor, stems in deny.scopes:
            if actor not in deny_names or actor not in other_stems:
                continue  # who denies must be a name ("Users are warned never to..." is advice)
            act = [
                s
                for s in stems
                if (s in other_stems or MEANING.get(s, "") in other_meanings)
                and s not in COMMON_STEMS
                and s not in names
            ]
            # the first word after the cue heads what is denied ("denied [claims that he] leaked"):
            # sharing only its objects ("the confidential budget report") is not asserting the act
            if len(act) >= 2 and act[0] == stems[0]:
                words = [deny.keys.get(KEY_OF.get(s, s), {}).get(s, s) for s in act]
                if PROMISE_BROKEN in act:  # the phrase as written ("broken", "went back on")
                    phrase = promise_broken(deny.passage.text)
                    words = [phrase[0].group(0) if w == PROMISE_BROKEN and phrase else w for w in words]
                return f'opposite polarity: "{cue}" {", ".join(words[:3])} only in {side}'
    return ""


def slot_conflict(a: Unit, b: Unit, similarity: float = 1.0) -> str:
    """A conflict about one participant and act, whatever else the passages say: contradicting
    testimony, a denial of what the other asserts (``denial_conflict``), a dispute of the other's
    own words (``dispute.dispute_conflict``), opposite outcomes of
    a case (``slots.outcome_conflict``), two dates of one event (``slots.date_slot``),
    contrary states of one participant (``contrary.contrary_conflict``), or one quarter's two
    figures of one measure (``slots.period_slot``).
    ``align`` gives such a pair a bonus in its matching, so a denial finds the charge it denies
    and a date finds the other date of its event."""
    return (
        testimony_conflict(a, b)
        or (params.DENIAL_CONFLICT and denial_conflict(a, b))
        or dispute_conflict(a, b)
        or (params.OUTCOME_CONFLICT and outcome_conflict(a, b))
        or (params.DATE_SLOT and date_slot(a, b))
        or (params.CONTRARY_SLOT and contrary_conflict(a, b))
        or _period_conflict(a, b)
        or measure_conflict(a, b, similarity)
    )


MEASURE = "figures of one measure differ"  # the reason's start: ``measure_conflict``


def measure_conflict(a: Unit, b: Unit, similarity: float = 1.0) -> str:
    """Two values of one measure of one subject at one time (``measure.measure_slot``), as a
    reason, when ``params.MEASURE_SLOTS`` and from ``MEASURE_MIN``; not between passages naming
    different participants."""
    if not params.MEASURE_SLOTS or similarity < params.MEASURE_MIN:
        return ""
    found = measure_slot(a, b)
    if not found or _names_apart(a, b):
        return ""
    number_a, number_b, word = found
    return f'{MEASURE} ("{word}"): {_versus(number_a, number_b)}'


def _versus(number_a: Quantity, number_b: Quantity) -> str:
    """Two figures as written, one against the other: "2,000 jobs vs 3,000 jobs"."""
    return f"{' '.join(number_a.written.split())} vs {' '.join(number_b.written.split())}"


def _period_conflict(a: Unit, b: Unit) -> str:
    """One quarter's two figures of one measure (``slots.period_slot``), as a reason; not between
    passages naming different participants ("Ford Motor's first-quarter profits" / "General
    Motors' first-quarter profits": two firms' figures for one quarter)."""
    found = period_slot(a, b)
    if not found or _names_apart(a, b):
        return ""
    number_a, number_b, word = found
    return f'numbers differ beyond rounding about "{word}": {_versus(number_a, number_b)}'


_CURRENCY_KEYS = frozenset(_CURRENCIES.values())
# what stands between an amount and its conversion: "$550,000 (£306,814)", "1.55bn euros ($2bn; £1.1bn)"
_CONVERSION_GAP_RE = re.compile(r"\s*[(\[;,]\s*")
_BRACKET_RE = re.compile(r"\s*[(\[]")


def conversions(unit: Unit) -> list[tuple[Quantity, Quantity]]:
    """(amount, its conversion) for each amount of money followed in brackets by the same amount
    in another currency: "$550,000 (£306,814)", "1.55bn euros ($2bn; £1.1bn)" (both converted)."""
    out: list[tuple[Quantity, Quantity]] = []
    numbers, text = unit.numbers, unit.passage.text
    for k, q in enumerate(numbers):
        if q.key not in _CURRENCY_KEYS or not _BRACKET_RE.match(text, q.end):
            continue
        end = q.end
        for r in numbers[k + 1 :]:
            if (
                r.key not in _CURRENCY_KEYS
                or r.key == q.key
                or not _CONVERSION_GAP_RE.fullmatch(text, end, r.start)
            ):
                break
            out.append((q, r))
            end = r.end
    return out


def _without_conversions(a: Unit, b: Unit) -> tuple[Unit, Unit]:
    """``a`` and ``b`` without the bracketed conversions of an amount the other passage gives too
    ("$550,000 (£306,814)" / "$550,000 (£293,264)"): a conversion is the day's exchange rate,
    not a figure of its own, so when the amount converted is equal the conversions are no
    conflict (and not needed to agree)."""
    dropped: list[list[Quantity]] = [[], []]
    for k, (one, other) in enumerate(((a, b), (b, a))):
        for amount, converted in conversions(one):
            if any(amount.agrees(r) for r in other.numbers if r.key == amount.key):
                dropped[k].append(converted)
    if not dropped[0] and not dropped[1]:
        return a, b

    def kept(unit: Unit, gone: list[Quantity]) -> Unit:
        return dataclasses.replace(unit, numbers=[q for q in unit.numbers if all(q is not d for d in gone)])

    return kept(a, dropped[0]), kept(b, dropped[1])


def _unmatched_numbers(a: Unit, b: Unit) -> str:
    """A number that counts what the other passage counts too but has no equal there ("from
    £4,745 to £4,895" / "£4,745"): one passage says more than the other, so not the same
    proposition. Years and bare numbers are left out."""
    for one, other in ((a, b), (b, a)):
        keys = {q.key for q in other.numbers if q.key and not q.year}
        for q in one.numbers:
            if q.key in keys and not any(q.agrees(r) for r in other.numbers if r.key == q.key):
                return q.written
    return ""


def _names_apart(a: Unit, b: Unit) -> str:
    """A name on each side that the other lacks ("Kim Jong Un" / "Kim Jong Il"): not the same
    participants. Only multi-word names and names inside sentences count. Two names one of whose
    words are all the other's are compatible: a name that ends another is the same person with
    fewer words ("Kilroy-Silk" / "Robert Kilroy-Silk"), and a title and a name written apart ("The
    Attorney General, Lord Goldsmith,": a comma ends a name) are inside the two written together
    ("The Attorney General Lord Goldsmith")."""

    def compatible(name: str, unit: Unit) -> bool:
        words = set(name[1:].split())
        for key in unit.names:
            if key.startswith("@"):
                other = set(key[1:].split())
                if words <= other or other <= words:
                    return True
        return False

    only_a = [k for k in a.names if k not in b.keys and k.startswith("@") and not compatible(k, b)]
    only_b = [k for k in b.names if k not in a.keys and k.startswith("@") and not compatible(k, a)]
    if only_a and only_b:
        name_a = a.keys[sorted(only_a)[0]]
        name_b = b.keys[sorted(only_b)[0]]
        return f"different names: {next(iter(name_a.values()))} vs {next(iter(name_b.values()))}"
    return ""


_LIST_SEPARATOR_RE = re.compile(r"[,;]")
_LIST_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")


@functools.lru_cache(maxsize=8192)
def _name_list(text: str) -> frozenset[str] | None:
    """The surnames of a passage that is a list of names - a team line-up, a bench, a cast ("Subs
    not used: Butt, Harper, Milner, Hughes, Smith.", ": C Paterson; S Danielli, A Craig, ...") -
    each item's last capitalised word of two letters or more, what is in brackets left out (a
    club, a country, a substitute: "T Shanklin (Cardiff)", "Gallas (Kezman 74)"), so that one team
    written with initials or first names is the same list; None for prose: fewer than four
    separators, or a fifth or more of its words in lower case. Memoised."""
    if len(_LIST_SEPARATOR_RE.findall(text)) < 4:
        return None
    words = _LIST_WORD_RE.findall(text)
    lower = [w for w in words if w[0].islower() and w not in _LIST_LOWER]
    if not words or len(lower) > len(words) / 5:
        return None
    out = set()
    bare = text
    while _BRACKETS_RE.search(bare):
        bare = _BRACKETS_RE.sub(" ", bare)
    for item in _LIST_SEPARATOR_RE.split(_OPEN_BRACKET_RE.sub(" ", bare)):
        names = [
            w.strip(".") for w in _LIST_WORD_RE.findall(item) if w[0].isupper() and len(w.strip(".")) > 1
        ]
        if names:
            out.add(names[-1].casefold())
    return frozenset(out)


_BRACKETS_RE = re.compile(r"\([^()]*\)")
_OPEN_BRACKET_RE = re.compile(r"\([^,;)]*")  # a bracket left open ("G Thomas (Toulouse (capt);")
_LIST_LOWER = frozenset(("capt", "v", "or", "and", "not", "used", "sub", "subs", "replaced", "for"))


def _lists_apart(a: Unit, b: Unit) -> str:
    """Two lists of names each naming someone the other does not (``_name_list``): two line-ups of
    two matches, or one team changed - never one proposition, however many names they share (session 19: 8 of
    the 27 wrong "same" of two judged samples of real pairs were such lists)."""
    names_a, names_b = _name_list(a.passage.text), _name_list(b.passage.text)
    if names_a is None or names_b is None or names_a == names_b:
        return ""
    only_a, only_b = sorted(names_a - names_b), sorted(names_b - names_a)
    if not (only_a and only_b):
        return ""  # one list says more (the players' clubs in brackets): the same team
    shown = " vs ".join(", ".join(x[:2]) or "-" for x in (only_a, only_b))
    return f"two lists of names that differ ({shown})"


_PRONOUN_OPENING_RE = re.compile(r"^\W*(?:It|He|She|They|This|These|Those|Its|His|Her|Their)\b")
_OPENING_NAME_RE = re.compile(r"^\W*(?:(?:The|A|An)\s+)?((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*)")


def _referent_unknown(a: Unit, b: Unit) -> bool:
    """Whether one passage opens with a pronoun and the other with a name the first does not
    write: "It is the fifth in a series of 18 reissues" / "Elvis' Wooden Heart ... is the sixth in
    a series of 18 reissues" (BBC entertainment/144, /129: two singles) - worded alike, but whose
    rank each gives is not known, so two values are no conflict (session 20)."""
    for pronoun, named in ((a, b), (b, a)):
        if not _PRONOUN_OPENING_RE.match(pronoun.passage.text) or _PRONOUN_OPENING_RE.match(
            named.passage.text
        ):
            continue
        opening = _OPENING_NAME_RE.match(named.passage.text)
        if opening is None:
            return False  # the other opens with no name either ("the company's sales rose")
        words = [w.strip("'’.").removesuffix("'s") for w in opening.group(1).split()]
        text = pronoun.passage.text.casefold()
        return not any(re.search(rf"\b{re.escape(w.casefold())}\b", text) for w in words if len(w) > 1)
    return False


def _any_names_apart(a: Unit, b: Unit) -> bool:
    """Each side names someone or something the other does not, one-word names too ("Mr Howard
    is expected to say that around £6bn will be available for tax cuts" / "The Tories on Monday
    highlighted their plans for tax cuts worth £4bn": Howard / Tories): ``number_slot``'s figures
    are then two participants' (``params.SLOT_NAMES_APART``)."""
    only_a = [k for k in a.names if k not in b.keys]
    only_b = [k for k in b.names if k not in a.keys]
    return bool(only_a and only_b)


def predicate_share(a: Unit, b: Unit, shared: list[tuple[float, str, str]], *, fuller: bool = False) -> float:
    """How much of what the passages say besides names and numbers they share: the weight of
    the shared other keys over the smaller side's weight of them. Two passages naming the same
    people ("Mikhail Khodorkovsky", "Yukos") but saying different things share little.

    ``fuller``: how much of the fuller side's proposition is shared: its words besides names and
    attribution ("according to", "told reporters"), and the numbers both give. A short passage
    can be wholly inside a long one that says much more ("The FA will take no action against
    Mourinho following his sending-off" / "Mourinho will not face any FA action over the
    comments he made after the final"), which only this shows."""
    numbers = {k for _w, _label, k in shared if k.startswith("#")} if fuller else set()

    def counted(unit: Unit, key: str) -> bool:
        if key in unit.names:
            return False
        if key.startswith("#"):
            return key in numbers
        return not fuller or not all(w.casefold() in ATTRIBUTION_WORDS for w in unit.keys[key].values())

    def plain(unit: Unit) -> float:
        return sum(w for k, w in unit.weights.items() if counted(unit, k))

    common = sum(w for w, _label, k in shared if counted(a, k) and counted(b, k))
    least = max(plain(a), plain(b)) if fuller else min(plain(a), plain(b))
    return common / least if least > 0 else 0.0


# what may or will be (a modal, a condition, a plan): "GM's profits were hit by higher costs" and
# "higher costs would hurt its performance" are not one proposition
_MODAL_RE = re.compile(
    r"\b(?:would|could|should|may|might|will|shall|if|(?:expected|set|likely|due|plans?|planning|hopes?) to"
    # a preview or a bid, not the result (session 19: "has become the new favourite to win best film" /
    # "beat The Aviator to the top awards"; "McIlroy aiming for Madrid title" / "McIlroy wins ... title")
    r"|favourites?\s+(?:to|for)|tipped\s+(?:to|for)|aim(?:s|ing)?\s+(?:to|for)"
    r"|poised\s+to|on\s+course\s+(?:to|for)|in\s+line\s+(?:to|for)|front-?runners?)\b|'ll\b",
    re.IGNORECASE,
)


# "will base" / "was basing": a plan said as a progressive ("is building", "was basing") states the
# same intention as "will"; the verb after the auxiliary and the -ing word of the other passage
_WILL_VERB_RE = re.compile(r"\b(?:will|would|shall)\s+(?:not\s+)?(\w+)|'ll\s+(\w+)", re.IGNORECASE)
_PROGRESSIVE_RE = re.compile(
    r"\b(?:is|are|was|were|am|be|been|being)\s+(?:now\s+|still\s+|also\s+)?(\w+ing)\b|'(?:s|re)\s+(\w+ing)\b",
    re.IGNORECASE,
)


def _plan_said_both_ways(modal: str, other: str) -> bool:
    """Whether every cue of ``modal`` is "will"/"would"/"shall" + a verb that ``other`` says in a
    progressive ("it will base its model on" / "it was basing its model on"): a plan reported
    both ways, not a difference of mood."""
    cues = list(_MODAL_RE.finditer(modal))
    verbs = list(_WILL_VERB_RE.finditer(modal))
    if (
        not verbs
        or len(cues) != len(verbs)
        or any(c.start() != v.start() for c, v in zip(cues, verbs, strict=True))
    ):
        return False
    progressive = {
        term for m in _PROGRESSIVE_RE.finditer(other) for term, _s, _e in analyze(m.group(1) or m.group(2))
    }
    return all(any(t in progressive for t, _s, _e in analyze(v.group(1) or v.group(2))) for v in verbs)


def _mood_apart(a: Unit, b: Unit) -> str:
    """Why two passages cannot assert one proposition whatever words they share, or "": one is a
    question ("Did you ever know Mr Ebbers to make an accounting entry?"), or only one says what
    may or will be ("would hurt" / "were hit"; not "will base" / "was basing", one plan)."""
    for unit, side in ((a, "A"), (b, "B")):
        if unit.passage.text.rstrip(" \"'”’)").endswith("?"):
            return f"{side} is a question: it asserts nothing to agree with"
    mood_a, mood_b = _MODAL_RE.search(a.passage.text), _MODAL_RE.search(b.passage.text)
    if (mood_a is None) != (mood_b is None):
        side, cue = ("A", mood_a) if mood_a else ("B", mood_b)
        modal, other = (a, b) if mood_a else (b, a)
        if _plan_said_both_ways(modal.passage.text, other.passage.text):
            return ""
        return f'only {side} says what may or will be ("{cue.group(0) if cue else ""}")'
    return ""


def _says_more(unit: Unit, main: frozenset[str], shared: list[tuple[float, str, str]]) -> bool:
    """Whether ``unit``'s main clause (``main``: its keys) has a word of its own: not a name, a
    number, nor a key both passages share."""
    both = {key for _w, _label, key in shared}
    return any(
        k in main and k not in both and k not in unit.names and not k.startswith("#") for k in unit.keys
    )


def _said_aside(a: Unit, b: Unit, shared: list[tuple[float, str, str]]) -> str:
    """Why two passages that share enough words are still not one proposition, or "": one thing
    ranked differently (``params.SAME_ORDINALS``: "for a second week" / "for the third week in a
    row"), or what they share besides names and numbers said only in subordinate parts of both
    (``params.SAME_ASIDES``: "Mr Ghosn is to become chairman of Renault, which owns 44% of the
    Japanese carmaker," / "Nissan - in which Renault owns a 44% stake - contributed 1.7bn euros":
    the shared detail is an aside, the main clauses say different things)."""
    if params.SAME_ORDINALS:
        ranks = ordinals_apart(a, b)
        if ranks:
            return ranks
    if params.SAME_ASIDES is not None:
        main_a, main_b = main_keys(a), main_keys(b)
        said = [s for s in shared if s[2] in main_a or s[2] in main_b]
        # the main clauses must each say something of their own (not two lists of names)
        if len(said) < len(shared) and _says_more(a, main_a, shared) and _says_more(b, main_b, shared):
            share = predicate_share(a, b, said)
            if share < params.SAME_ASIDES:
                return f"what they share is said only in asides of both (a relative clause or parenthesis): {share:.0%} outside them"
    return ""


def relation_of(
    a: Unit, b: Unit, similarity: float, shared: list[tuple[float, str, str]] | None = None
) -> tuple[str, str]:
    """(relation, reason) of two units with the given similarity and shared keys.

    A conflict needs the same slot: similarity >= ``CONFLICT_MIN``, the same participants and
    >= ``PREDICATE_MIN`` of what they say besides names and numbers shared; "agrees" needs the
    same and similarity >= ``SAME_MIN``, with no conflict."""
    if normalised(a.passage.text) == normalised(b.passage.text):
        return AGREES, "identical text"
    lists = _lists_apart(a, b)
    if lists:
        return RELATED_ONLY, lists
    shared = shared or []
    if len(a.numbers) > 1 or len(b.numbers) > 1:
        a, b = _without_conversions(a, b)
    labels = shown_terms(shared, 3)
    topic = "same topic: " + ", ".join(labels) if labels else "same topic"
    apart = _names_apart(a, b)
    share = predicate_share(a, b, shared)
    same_slot = not apart and share >= params.PREDICATE_MIN
    # near-identical wording (two versions of one sentence) is the same slot whatever the IDF
    # says: a changed number or an added "not" is then a conflict, anything else agreement
    near = not apart and word_ratio(a.passage.text, b.passage.text) >= params.NEAR_IDENTICAL
    conflict = (
        conflict_of(a, b, 1.0 if near else similarity) if similarity >= params.CONFLICT_MIN or near else ""
    )
    # two values in one sentence's two versions conflict only if the two say whose they are
    valued = near and not _referent_unknown(a, b)
    if near and ((conflict and (valued or not conflict.startswith("numbers"))) or dispute_conflict(a, b)):
        return DIFFERS, conflict or dispute_conflict(a, b)  # (a dispute: "a distortion by saying ...")
    if near and contrary_conflict(a, b):  # "X resigned as chairman" / "X remains in post as chairman"
        return DIFFERS, contrary_conflict(a, b)
    if valued and date_slot(a, b):  # "in late December" / "on 3-5 December" in one sentence's two versions
        return DIFFERS, date_slot(a, b)
    if valued and ordinal_slot(a, b):  # "Mr Brown's eighth" / "ninth" Budget (BBC politics/077, /354)
        return DIFFERS, ordinal_slot(a, b)
    where = place_slot(a, b) if valued else ""  # "came in 2000 ... in Barcelona" / "... in Valencia"
    if where:
        return DIFFERS, where
    not_a, not_b = says_not(a), says_not(b)
    # "X has denied that Y resigned" / "X said Y resigned"; not an added clause that negates what
    # the other does not say ("... did not have a complaint made against him, but [the same]")
    if (
        near
        and not_a != not_b
        and not only_possibly_not(a if not_a else b)
        and not plea_only(
            (a if not_a else b).passage.text
        )  # "has denied charges of fraud" / "pleaded not guilty to"
        and _negates_said(a if not_a else b, b if not_a else a)
    ):
        side, text = ("A", a.passage.text) if not_a else ("B", b.passage.text)
        cue = DENIAL_RE.search(text) or NEGATION_RE.search(text)
        return DIFFERS, f'opposite polarity: "{cue.group(0) if cue else "not"}" only in {side}'
    mood = _mood_apart(a, b)
    counts = counts_apart(a, b)
    if near and not mood and not counts and not prizes_apart(a, b):
        return AGREES, "near-identical wording: " + ", ".join(labels) if labels else "near-identical wording"
    if conflict.startswith("contradicting testimony"):
        return DIFFERS, conflict  # the same person and act: its own slot, whatever else is said
    if conflict.startswith("numbers") and not near:
        ranks = ordinals_apart(a, b)  # "entered the chart in second place ... taking $12.7m" /
        if ranks:  # "moved down the chart to fourth place after taking $10.7m": two weeks' figures
            return RELATED_ONLY, f"{topic}; {ranks}, and the numbers too: two states, not one ({conflict})"
    slot = slot_conflict(a, b, similarity)
    if slot.startswith(CONTRARY) and similarity < params.CONTRARY_MIN:
        slot = ""
    if slot and (similarity >= params.THRESHOLD or slot.startswith(MEASURE)):
        return DIFFERS, slot
    # measured on labelled BBC pairs: below these bars most number and negation "conflicts"
    # are two different events or statements (docs/compare.md)
    least = params.NUMBER_CONFLICT_MIN if conflict.startswith("numbers") else params.POLARITY_CONFLICT_MIN
    if conflict and same_slot and similarity >= least:
        return DIFFERS, conflict
    if same_slot and (conflict.startswith("numbers") or (not conflict and similarity >= params.CONFLICT_MIN)):
        slot_numbers = (
            None
            if (not params.NUMBER_SLOT or (params.SLOT_NAMES_APART and _any_names_apart(a, b)))
            else number_slot(a, b)
        )  # (also a bare "4.7 million" against "3.9 million units")
        if slot_numbers:
            number_a, number_b, word = slot_numbers
            return DIFFERS, f'numbers differ beyond rounding about "{word}": {_versus(number_a, number_b)}'
    if params.DATE_SLOT and same_slot and similarity >= params.CONFLICT_MIN:
        dates = date_slot(a, b)
        if dates:
            return DIFFERS, dates
    if conflict and same_slot:
        return RELATED_ONLY, f"{topic}; possible conflict, too loosely matched to tell ({conflict})"
    if conflict:
        return RELATED_ONLY, f"{topic}; not the same slot, so not a conflict ({conflict})"
    if similarity < params.AGREES_MIN:
        return RELATED_ONLY, topic
    if apart:
        return RELATED_ONLY, apart
    if not same_slot or (params.SAME_PREDICATE_MIN is not None and share < params.SAME_PREDICATE_MIN):
        return RELATED_ONLY, f"same names, different things said ({share:.0%} of the rest shared)"
    if not_a != not_b:
        side = "A" if not_a else "B"
        return RELATED_ONLY, f"{topic}; only {side} denies or negates, so not the same proposition"
    cover = predicate_share(a, b, shared, fuller=True)
    if cover < params.SAME_COVER:
        return RELATED_ONLY, f"{topic}; one says much more than the other ({cover:.0%} of its words shared)"
    if cover < params.HEADLINE_COVER and HEADLINE in a.passage.kinds and HEADLINE in b.passage.kinds:
        # a headline is its nouns and its verb: what the two do not share is what happens
        return RELATED_ONLY, f"{topic}; the headlines share {cover:.0%} of their words, not what happens"
    unmatched = _unmatched_numbers(a, b)
    if unmatched:
        return RELATED_ONLY, f"{topic}; numbers only partly shared ({unmatched})"
    different = counts or figures_apart(a, b) or place_slot(a, b) or prizes_apart(a, b)
    if different:
        return RELATED_ONLY, f"{topic}; {different}"
    if mood:
        return RELATED_ONLY, f"{topic}; {mood}"
    aside = _said_aside(a, b, shared)
    if aside:
        return RELATED_ONLY, f"{topic}; {aside}"
    numbers = [label for _w, label, key in shared if key.startswith("#")]
    how = f"same proposition: {', '.join(labels)}"
    if numbers:
        how += "; numbers equal within rounding"
    return AGREES, how
