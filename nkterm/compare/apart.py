"""Why two passages that share their words still do not assert one proposition ("agrees" needs
the same participants and the same predicate, not only shared words): each gives figures and
none of them meets one of the other's (``figures_apart``); one counts several of what the other
counts one of ("three US insurance executives" / "an executive", ``counts_apart``); two
headlines that share their nouns but not what happens to them ("US firm 'bids for Lacroix
label'" / "Lacroix label bought by US firm", ``relations`` with ``HEADLINE_COVER``).

Pure: reads units, imports no Textual or Whoosh.
"""

from __future__ import annotations

import re

from nkterm.compare.units import Unit
from nkterm.numbers import Quantity

# a count of more than one before a plural noun (up to two words between: "three US insurance
# executives"), and a single one before the singular ("an executive"); the noun is looked for in
# the words after each (patterns compiled once: ``align`` asks this of every pair it judges)
_SEVERAL_RE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|several|many|\d+(?:[.,]\d+)?)\b",
    re.IGNORECASE,
)
_ONE_RE = re.compile(r"\b(?:a|an|one|another)\b", re.IGNORECASE)
_WORDS_RE = re.compile(r"[\w'’-]+")
_AFTER = 3  # the noun itself and up to two words before it


def _counted(text: str, word: str, counts: re.Pattern[str]) -> str:
    """The count and the words up to ``word`` when ``word`` is among the ``_AFTER`` words after a
    match of ``counts`` in ``text`` ("three US insurance executives"), or ""."""
    for m in counts.finditer(text):
        after = _WORDS_RE.findall(text, m.end(), m.end() + 80)[:_AFTER]
        lowered = [w.lower() for w in after]
        if word in lowered:
            return " ".join([m.group(0), *after[: lowered.index(word) + 1]])
    return ""


def figures_apart(a: Unit, b: Unit) -> str:
    """Both passages give figures (amounts, counts, years) and no figure of one equals one of the
    other within rounding ("a curfew between 2200 and 0700" / "home by midnight ... Doherty, 25";
    "a fivefold rise in profits" / "worth up to 30% more than a 7.4bn dollar bid"): they state
    different facts, whatever else they share. "" when not."""
    numbers_a = [q for q in a.numbers if not _age(q, a.passage.text)]
    numbers_b = [q for q in b.numbers if not _age(q, b.passage.text)]
    if not numbers_a or not numbers_b:
        return ""
    if any(x.agrees(y) for x in numbers_a for y in numbers_b):
        return ""
    shown_a = " ".join(numbers_a[0].written.split())
    shown_b = " ".join(numbers_b[0].written.split())
    return f"different figures: {shown_a} vs {shown_b}"


# "Mr Sullivan, 42, pleaded guilty": a bare number in commas after a capitalised word is an age
_AGE_BEFORE_RE = re.compile(r"[A-Z][\w'’-]*,\s*$")


def _age(q: Quantity, text: str) -> bool:
    """Whether a figure is someone's age ("Doherty, 25,"; "the 87-year-old"): a detail of a
    participant, not what the passage asserts."""
    if q.key in ("year old", "years old") or "year-old" in q.written.lower():
        return True
    if q.key or not 1 <= q.value <= 120:
        return False
    return _AGE_BEFORE_RE.search(text, 0, q.start) is not None and text[q.end : q.end + 1] in (",", "")


def counts_apart(a: Unit, b: Unit) -> str:
    """A word both use counts several in one passage and one in the other ("Another three US
    insurance executives have pleaded guilty" / "An executive at US insurance firm Marsh &
    McLennan has pleaded guilty"): different participants. "" when not."""
    for key, stems_a in a.keys.items():
        if key[:1] in "#@~" or key not in b.keys:
            continue
        for written_a in stems_a.values():
            for written_b in b.keys[key].values():
                for plural, single, many, one in ((written_a, written_b, a, b), (written_b, written_a, b, a)):
                    if plural != single + "s" and plural != single + "es":
                        continue
                    shown_many = _counted(many.passage.text, plural, _SEVERAL_RE)
                    shown_one = _counted(one.passage.text, single, _ONE_RE) if shown_many else ""
                    if shown_one:
                        side = "A" if many is a else "B"
                        return f'different counts: "{shown_many}" in {side} vs "{shown_one}"'
    return ""


# a prize named by what it is the best of ("best director", "best new director", "best first
# feature", "best film of the year"): the words after "best" up to one that ends the name
_BEST_RE = re.compile(r"\bbest\s+", re.IGNORECASE)
_PRIZE_WORD_RE = re.compile(r"[\w-]+|[^\w\s]")
_PRIZE_END = frozenset(
    ("of", "for", "at", "in", "and", "or", "with", "after", "once", "to", "from", "by", "on", "this", "last",
     "award", "awards", "prize", "prizes", "category", "categories", "nomination", "nominations", "title",
     "honour", "honours", "gong", "trophy", "statuette")
)  # fmt: skip
_PRIZE_CUE_RE = re.compile(
    r"\b(?:awards?|prizes?|won|wins?|winning|named|nominat\w*|honou?rs?|Oscars?|Baftas?|Grammys?|Globes?|Brits?)\b"
)
_SAME_PRIZE = {"movie": "film", "picture": "film", "films": "film", "movies": "film"}


def _prizes(text: str) -> set[str]:
    """The prizes a passage names by "best": "named best new director" -> {"new director"}; a
    "personal best" (no words after it) names none."""
    out = set()
    for m in _BEST_RE.finditer(text):
        words = []
        for word in _PRIZE_WORD_RE.findall(text, m.end(), m.end() + 60)[:3]:
            if word.lower() in _PRIZE_END or not word.islower():
                break
            words.append(_SAME_PRIZE.get(word, word))
        if words:
            out.add(" ".join(words))
    return out


def prizes_apart(a: Unit, b: Unit) -> str:
    """Both passages name prizes by "best" and none is the other's ("Sideways was named the best
    film of the year by the critics" / "Sideways was named best screenplay and best comedy";
    "named best new director" / "won the award for best first feature"): two prizes, two
    propositions (session 20). "" when not, or when neither passage speaks of a prize."""
    text_a, text_b = a.passage.text, b.passage.text
    if "best" not in text_a.lower() or "best" not in text_b.lower():
        return ""
    if not (_PRIZE_CUE_RE.search(text_a) or _PRIZE_CUE_RE.search(text_b)):
        return ""
    prizes_a, prizes_b = _prizes(text_a), _prizes(text_b)
    if not prizes_a or not prizes_b or prizes_a & prizes_b:
        return ""
    return f"different prizes: best {sorted(prizes_a)[0]} vs best {sorted(prizes_b)[0]}"
