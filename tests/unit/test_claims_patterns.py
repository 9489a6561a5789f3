"""The speaker helpers' patterns compiled once and prefiltered (session 9, issue #18) find what
the per-call patterns they replace found: ``roles.role_holder`` (three case-blind patterns per
role, now skipped when a word of the role is not in the lower-cased text) and
``shortforms.expansion`` (its spelling and "known as" patterns, the bare-name search by
``str.find``). Each is held to the plain form, copied here as it was, on the seeds and on
texts written to hit the edges (case, line breaks between a role's words, non-ASCII text,
possessives, names spelt later)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from nkterm.claims import roles, shortforms
from nkterm.claims.namewords import is_org, name_words, person_words, strip_titles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
_NAME = roles._NAME
_OTHER_OFFICE = roles._OTHER_OFFICE


def _plain_role_holder(text: str, role: str, pos: int) -> str | None:
    """``role_holder`` before session 9 (``full_name`` the identity), with session 10's office tail."""
    if not role or len(role) > 60:
        return None
    esc = r"\s+".join(re.escape(w) for w in role.split())
    before = text[:pos]
    found: tuple[int, str] | None = None
    for m in re.finditer(rf"(?<![\w'’-])(?i:{esc})\s+{_NAME}(?![\w'’-])", before):
        if _OTHER_OFFICE.search(text, max(0, m.start() - 12), m.start()) is None:
            found = (m.start(), m.group(1))
    for m in re.finditer(rf"{_NAME},\s+(?:the\s+|a\s+)?(?i:{esc})(?=\s*,)", before):
        if found is None or m.start() > found[0]:
            found = (m.start(), m.group(1))
    # session 10: the office may go on with its place, the name open with "the" ("The Bishop of
    # Durham, the Rt Rev Dr Tom Wright,")
    of_place = r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+)*?[A-Z][\w'’-]+)?"
    for m in re.finditer(rf"(?<![\w'’-])(?i:{esc}){of_place},\s+(?:the\s+)?{_NAME}\s*,", before):
        if _OTHER_OFFICE.search(text, max(0, m.start() - 12), m.start()) is None and (
            found is None or m.start() > found[0]
        ):
            found = (m.start(1), m.group(1))
    if found is None:
        return None
    full = strip_titles(" ".join(person_words(name_words(found[1]))))
    if len(full.split()) < 2 or is_org(full):
        return None
    return f"{full}@{found[0]}"


def _plain_expansion(text: str, short: str, pos: int) -> str | None:
    """``expansion`` before session 9."""
    letters = short.replace("&", "")
    join = r"(?: (?:of|for|the|and|&|de|du|des|on))* "
    pattern = join.join(rf"{c}[a-z][\w'’-]*" for c in letters)
    found = None
    for m in re.finditer(rf"(?<![\w&]){pattern}(?![\w&])", text[:pos]):
        found = m.group()
    if found is None:
        known = re.search(rf"(?<![\w&]){re.escape(short)},? (?:also )?known as ({pattern})(?![\w&])", text)
        if known is None:
            return None
        found = known.group(1)
    bare = found.removesuffix("'s").removesuffix("’s")
    if bare != found and re.search(rf"{re.escape(bare)}(?!['’\w])", text) is not None:
        return bare
    return found


ROLE_TEXTS = [
    "Home Secretary Charles Clarke said so. Later the home secretary said more.",
    "Ken Macdonald, the director of public prosecutions, says it. The Director Of Public\nProsecutions said.",
    "singled out by Ofsted chief, David Bell, for praise; the Ofsted chief said.",
    "Deputy Prime Minister John Prescott spoke. Prime Minister Tony Blair spoke. the prime minister said",
    "the Archbishop of Canterbury, Dr Rowan Williams, will preside. The archbishop of canterbury said",
    "Le Ministre Jean Dupont a dit. Café owner Éric Roux said. the café owner said; Ministre Ana Ruiz.",
    "England coach Andy Robinson said. ENGLAND COACH Clive Woodward too; coach\tAndy Robinson.",
    "The KELVIN ſcale: ſecretary Jo Bloggs, secretary Jo Bloggs said; the secretary said",
    "coach Coach Jo Bloggs said. coach, Coach, Jo Bloggs, said. The coach said.",  # inside a match
]
ROLES = [
    "home secretary", "director of public prosecutions", "Ofsted chief", "prime minister", "chief",
    "archbishop of canterbury", "café owner", "coach", "england coach", "secretary", "Ministre",
    "minister", "the", "of", "s", "k", "nobody here", "",
]  # fmt: skip


def test_role_holder_finds_what_the_per_call_patterns_found() -> None:
    texts = ROLE_TEXTS + SEED_TEXTS
    rng = random.Random(9)
    seen = 0
    for text in texts:
        positions = sorted({len(text), *(rng.randrange(len(text) + 1) for _ in range(6))})
        for role in ROLES:
            for pos in positions:
                got = roles.role_holder(text, role, pos, lambda name, at: f"{name}@{at}")
                assert got == _plain_role_holder(text, role, pos), (text[:60], role, pos)
                seen += got is not None
    assert seen > 20  # the roles are found, not only refused


def test_the_role_prefilter_refuses_only_what_cannot_match() -> None:
    assert not roles._may_hold("Home Secretary Charles Clarke", "prime minister")
    assert roles._may_hold("HOME SECRETARY Charles Clarke", "home secretary")
    assert roles._may_hold("ſecretary Jo", "secretary")  # non-ASCII text: the patterns decide
    assert roles._may_hold("Secretary Jo", "ſecretary")


SHORT_TEXTS = [
    "Bradford & Bingley said. B&B shares fell; the European Union's list and the European Union met. EU",
    "the Court of Arbitration for Sport ruled. CAS said. Standard & Poor's said S&P.",
    "says JK, also known as Jason King, who. JK said. Mr JK known as Jo Kay's.",
    "the British Broadcasting Corporation's own BBC. British Broadcasting Corporation_x BBC, known as",
    "The World Health Organisation’s chief (WHO) said; World Health Organisation’s",
    "Ab Cd's Ab Cd' Ab Cd9 AC known as Ab Cd. Ef Gh’s Ef Gh’ EG",
]
SHORTS = ["B&B", "CAS", "S&P", "JK", "BBC", "WHO", "EU", "AC", "EG", "ABC", "X"]


def test_expansion_finds_what_the_per_call_patterns_found() -> None:
    rng = random.Random(10)
    seen = 0
    for text in SHORT_TEXTS + SEED_TEXTS:
        positions = sorted({len(text), *(rng.randrange(len(text) + 1) for _ in range(6))})
        for short in SHORTS:
            for pos in positions:
                got = shortforms.expansion(text, short, pos)
                assert got == _plain_expansion(text, short, pos), (text[:60], short, pos)
                seen += got is not None
    assert seen > 10


def test_the_bare_name_search_is_the_pattern_search() -> None:
    rng = random.Random(11)
    alphabet = ["Ab", "Cd", " ", "'", "’", "_", "9", "x", "é", ".", "Ab Cd"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for bare in ("Ab", "Ab Cd", "Cd", "é"):
            want = re.search(rf"{re.escape(bare)}(?!['’\w])", text) is not None
            assert shortforms._written_bare(text, bare) == want, (text, bare)


def test_every_tail_verb_is_in_the_prefilter() -> None:
    """A sentence without any of ``_TAIL_VERBS`` matches none of ``_tail``'s three patterns: each
    verb the patterns name holds one of them."""
    from nkterm.claims import speech_acts

    verbs: set[str] = set()
    for pattern in (speech_acts._TAIL, speech_acts._TAIL_AFTER, speech_acts._SAID_NAME):
        found = re.search(r"\(\?P<verb>([^)]*)\)", pattern.pattern)
        assert found is not None
        verbs.update(found.group(1).split("|"))
    assert len(verbs) >= 19
    for verb in verbs:
        assert any(v in verb for v in speech_acts._TAIL_VERBS), verb
    sentences = [s for t in SEED_TEXTS for s in re.split(r"(?<=[.!?])\s+", t)]
    sentences += ['"We will," said Jo Bloggs.', "It fell, analysts warned.", "It is, according to BBC News."]
    matched = 0
    for s in sentences:
        hit = any(p.search(s) for p in (speech_acts._TAIL, speech_acts._TAIL_AFTER, speech_acts._SAID_NAME))
        matched += hit
        assert not hit or speech_acts._tail_verb_in(s), s
    assert matched >= 3


def test_role_holder_on_random_texts_is_the_per_call_patterns() -> None:
    """The role found alone and the shared tails matched after it (session 9, second round)
    against the three per-call patterns, on texts of role words, names, commas, articles, runs
    of white space, apostrophes and hyphens: overlapping places of the role, a role inside a
    name, an apposition after a long run of spaces."""
    rng = random.Random(12)
    pool = [
        "prime", "Prime", "PRIME", "minister", "Minister", "Tony", "Blair", "Jo", "Bloggs", " ", "  ",
        "\n", "\t", ",", ", ", "the ", "a ", "The ", "Deputy ", "'", "’", "-", "x", "Coach", "coach",
        "coach coach", " " * 90, ".", "Mr", "é", " Tony Blair", " Jo Bloggs, ", "Tony Blair, the ",
        " prime minister", ", the coach,", " coach Jo Bloggs", "Minister, Tony Blair,",
        " of Durham", " of the Tyne Valley", ", the Rt Rev Jo Bloggs,", "of",
    ]  # fmt: skip
    seen = 0
    for _ in range(2500):
        text = "".join(rng.choices(pool, k=rng.randint(1, 24)))
        for role in ("prime minister", "coach", "coach coach", "minister"):
            for pos in (len(text), rng.randrange(len(text) + 1)):
                got = roles.role_holder(text, role, pos, lambda name, at: f"{name}@{at}")
                assert got == _plain_role_holder(text, role, pos), (text, role, pos)
                seen += got is not None
    assert seen > 500


def test_the_spelt_name_on_random_texts_is_the_per_call_pattern() -> None:
    """``shortforms._last_spelt`` (a walk over the words) against ``finditer`` of the pattern it
    replaces (session 9, second round), on texts of capitalised words, join words (also as the
    start of longer words: "often", "desk"), "&", apostrophes, hyphens, underscores and digits
    after a word, several spaces: the last word giving characters back before "&", matches that
    cannot overlap, initials that are no capitals (the pattern decides those)."""
    rng = random.Random(13)
    pool = [
        "Bank", "Bingley", "Bradford", "Court", "Sport", "Arbitration", "Scotland", "Royal", " ", " ", " ",
        "  ", "of", "often", "the", "de", "des", "desk", "du", "&", "'", "’", "-", "_", "9", "s", "x", "B",
        "BB", "é", "Ba", "Co", "and", "on", "for", ".", ",",
    ]  # fmt: skip
    edges = [
        "Banque des Bingley said.",  # "de" would take "des" apart
        "Bank Bingley Bradford said.",  # a later B-word inside the first match: no second match
        "Court of the Arbitration for Sport and the Court often Sport.",
        "Bank'-& Bingley’& Bradford-&x Royal Bank of Scotland's&",
    ]
    seen = 0
    for n in range(4000 + len(edges)):
        text = edges[n] if n < len(edges) else "".join(rng.choices(pool, k=rng.randint(1, 20)))
        for letters in ("B", "BB", "BBS", "CAS", "RBS", "BS", "b", ""):
            pattern = rf"(?<![\w&]){shortforms._letters_pattern(letters)}(?![\w&])"
            want = None
            for m in re.finditer(pattern, text[: len(text) - 1]):
                want = m.group()
            got = shortforms._last_spelt(text, letters, len(text) - 1)
            assert got == want, (text, letters)
            seen += got is not None
    assert seen > 1000
