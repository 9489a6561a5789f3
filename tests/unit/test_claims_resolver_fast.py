"""The speaker resolver's speed-ups (session 9, issue #18, second round) give what the plain forms
they replace give: the word searches of ``wordfind`` (per-call patterns before), ``chain_words``
and ``surname_key`` read once per distinct chain, ``orgrefs._names`` reading each chain once,
``SubjectFinder.opening`` (the opener asked about once), and ``Resolver.speaker`` answering once
per report. Each is held to a reference written the plain way (copied here as it was), on the
seeds and on texts made to hit its edges.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from nkterm.claims import orgrefs, shortforms
from nkterm.claims.evidence import Report
from nkterm.claims.namewords import (
    CHAIN,
    NOT_IN_NAME,
    PERSONAL_TITLES,
    POST_NOMINALS,
    name_words,
    person_words,
    surname_key,
)
from nkterm.claims.people import SpeakerContext
from nkterm.claims.pipeline import _NamedSubjects, _token_ranges
from nkterm.claims.quotes import Inside, find_quotes
from nkterm.claims.roles import OPENERS
from nkterm.claims.scan import scan_sentence, tokenize
from nkterm.claims.speakers import Resolver
from nkterm.claims.subjects import SubjectFinder
from nkterm.claims.subjectwords import PHRASE_OPENERS
from nkterm.claims.verbsubjects import opening_gerund
from nkterm.claims.wordfind import after_lower, has_word
from nkterm.text import paragraphs, sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
# word characters and not: ASCII, the underscore, digits, accents, a Kelvin sign, Hangul, a
# superscript (numeric, not decimal), apostrophes, hyphens, the marks the patterns name
_ALPHABET = "aAbBzZ_09é\u212a한²½'’-,;. \n&!"
# found only where an occurrence overlaps an earlier one; numeric-only characters (word
# characters that are neither letters nor digits)
_EDGES = [("xa-a-a ", "a-a"), ("ba, a-a-a.", "a-a"), ("x½", "x"), ("½a", "a"), ("a ½", "½"), ("; ½x", "½x")]


def _texts() -> list[str]:
    rng = random.Random(18)
    return [*SEED_TEXTS, *("".join(rng.choices(_ALPHABET, k=rng.randint(0, 30))) for _ in range(3000))]


def _words(text: str, rng: random.Random) -> list[str]:
    """Words to look for in ``text``: pieces of it (so that most are found somewhere) and
    random ones, the empty word too."""
    out = [""]
    for _ in range(6):
        a = rng.randint(0, len(text))
        out.append(text[a : a + rng.randint(1, 4)])
        out.append("".join(rng.choices(_ALPHABET, k=rng.randint(1, 3))))
    return out


def test_has_word_is_the_word_boundary_search() -> None:
    rng = random.Random(7)
    seed_words = {w for t in SEED_TEXTS for w in re.findall(r"[A-Z][\w'’-]*", t)}
    for text, word in _EDGES:
        assert has_word(text, word) == (re.search(rf"\b{re.escape(word)}\b", text) is not None), (text, word)
    for n, text in enumerate(_texts()):
        words = sorted(seed_words) if n < len(SEED_TEXTS) else _words(text, rng)
        for word in words:
            plain = re.search(rf"\b{re.escape(word)}\b", text) is not None
            assert has_word(text, word) == plain, (text, word)


def test_after_lower_is_the_pattern_search() -> None:
    rng = random.Random(8)
    seed_words = {w for t in SEED_TEXTS for w in re.findall(r"[A-Z][\w'’-]*", t)}
    for text, word in [*_EDGES, ("a a a a", "a a"), ("X a a a", "a a"), ("b ab ab", "ab ab"), ("x, ½", "½")]:
        assert after_lower(text, word) == (re.search(rf"[a-z,;] {re.escape(word)}\b", text) is not None)
    for n, text in enumerate(_texts()):
        words = sorted(seed_words) if n < len(SEED_TEXTS) else _words(text, rng)
        for word in words:
            plain = re.search(rf"[a-z,;] {re.escape(word)}\b", text) is not None
            assert after_lower(text, word) == plain, (text, word)


def _plain_chain_words(chain: str) -> list[str]:
    """``shortforms.chain_words`` before session 9."""
    raw = chain.split(" ")
    owner = max((k + 1 for k, w in enumerate(raw[:-1]) if w.endswith(("'s", "’s"))), default=0)
    words = name_words(" ".join(raw[owner:]))
    cut = max((k + 1 for k, w in enumerate(words) if w.lower().rstrip(".") in NOT_IN_NAME), default=0)
    words = words[cut:]
    while len(words) > 2 and words[0].lower() in OPENERS:
        words = words[1:]
    return words


_CHAINS = [
    "Iron Maiden's Bruce Dickinson",
    "Earlier Tony Blair",
    "Earlier Tony",
    "Mr Blair's Tory's",
    "Monday Tony Blair",
    "'s",
    "''",
    "A's B's",
    "Sir Ronald Hastings",
    "However Yesterday Gordon Brown",
    "Dr. Who",
    "X",
    "Mr",
]


def test_chain_words_and_surname_keys_are_the_plain_ones() -> None:
    rng = random.Random(9)
    pool = ["Tony", "Blair's", "Mr", "Monday", "Earlier", "However", "Sir", "O'Brien", "Smith’s", "Dr."]
    pool += ["'s", "Jones'", "Bank", "of", "the", "Yesterday", "MP", '"Tony', "(Blair)", "de"]
    chains = [m.group() for t in SEED_TEXTS for m in CHAIN.finditer(t)] + _CHAINS
    chains += [" ".join(rng.choices(pool, k=rng.randint(1, 5))) for _ in range(2000)]
    assert len(chains) > 2050
    for chain in chains:
        got = shortforms.chain_words(chain)
        assert got == _plain_chain_words(chain), chain
        got.append("changed")  # a new list every time: the cached words cannot be changed
        assert shortforms.chain_words(chain) == _plain_chain_words(chain), chain
        last = name_words(chain[chain.rfind(" ") + 1 :])
        assert surname_key(chain[chain.rfind(" ") + 1 :]) == (last[-1].lower() if last else None), chain


def _plain_names(text: str) -> list[tuple[int, int, str]]:
    """``orgrefs._names`` before session 9."""
    out: list[tuple[int, int, str]] = []
    lower = set(orgrefs._LOWER_WORD.findall(text))
    for m in orgrefs._NAME.finditer(text):
        raw = m.group()
        ws = raw.split()
        while ws and (ws[0].lower() in orgrefs._NOT_NAMES or ws[0].endswith("-based")):
            ws = ws[1:]
        if not ws:
            continue
        name = " ".join(w.removesuffix("'s").removesuffix("’s").rstrip("'’") for w in ws)
        low = name.lower()
        if len(ws) == 1 and (
            low in orgrefs._STAFF
            or low in orgrefs._ROLE_WORDS
            or low in orgrefs._NOT_ORG_WORDS
            or low in lower
        ):
            continue
        start = m.start() + raw.find(ws[0])
        out.append((start, start + len(" ".join(ws)), name))
    return out


def test_organisation_name_chains_are_the_plain_ones() -> None:
    extra = [
        "Prosecutors said. The prosecutors agreed. Novartis said. The Novartis board. Chief said.",
        "The California-based Institute of Arts said. The The Bank of England's staff. Monday said.",
        "Acme said it. acme is a word here. Acme Corp's chief. O'Brien'  Smith's' Jones’",
    ]
    for text in [*SEED_TEXTS, *extra, *(" ".join(SEED_TEXTS[:3]),)]:
        plain = _plain_names(text)
        assert orgrefs._names(text, set(orgrefs._LOWER_WORD.findall(text))) == plain
    # the same chain in two texts, a name in one and a lower-case word in the other
    assert [n for _, _, n in orgrefs._names("Acme said.", set())] == ["Acme"]
    assert orgrefs._names("Acme said.", {"acme"}) == []


def _plain_opening(f: SubjectFinder, before: int) -> tuple[int, int]:
    """The opener loop of ``SubjectFinder.sentence_subject`` before session 9 (with session 13's
    gerund openers: "Looking ahead, ...")."""
    lows, k, viewpoint = f.lows, f.lo, -1
    opener = lows[f.lo] in PHRASE_OPENERS or (
        not lows[f.lo].endswith("thing") and opening_gerund(f, f.starts[f.lo], f.ends[f.lo])
    )
    for m in range(f.lo, min(before - 1, f.lo + 14, f.hi - 1)):
        if "," in f.gap(m) and opener:
            k = m + 1
            if lows[f.lo] == "for" and f.upper(f.lo + 1):
                viewpoint = m
            break
    return k, viewpoint


def test_the_opening_of_a_sentence_is_the_plain_loops() -> None:
    extra = (
        "On Tuesday, the minister said. For Richard Tateson, who was there, the need grew. "
        "For the firm, it was bad. In a long and winding statement that went on and on and on and "
        "on and on and on, he said. However, Mr Blair said. For, a comma. In Paris he spoke. "
        "Looking ahead, Mr Dorn said. Everything about it, and more, is new."
    )
    seen = 0
    for text in [*SEED_TEXTS, extra]:
        toks = tokenize(text)
        spans = sentences(text)
        for lo, hi in _token_ranges(toks, spans):
            if hi <= lo:
                continue
            f = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi)
            for before in range(lo, hi + 1):
                got = f.opening(before)
                assert got == _plain_opening(f, before), (text[toks.starts[lo] : toks.ends[hi - 1]], before)
                seen += got != (lo, -1)
    assert seen > 20  # openers were found, not only plain sentences


def _resolver(text: str) -> tuple[Resolver, list[Report]]:
    """A resolver built as ``pipeline._detect`` builds it, and the text's reports."""
    toks = tokenize(text)
    spans = sentences(text)
    ranges = _token_ranges(toks, spans)
    reports = [r for lo, hi in ranges for r in scan_sentence(text, toks, lo, hi).reports]
    inside = Inside(find_quotes(text, paragraphs(text)))
    return Resolver(
        text, SpeakerContext(), reports, _NamedSubjects(text, toks, spans, ranges), inside
    ), reports


_STORY = (
    'Home Secretary Charles Clarke said the plans would go ahead. He said: "We will not wait." '
    "Mrs Anne Hale, a teacher, said she was worried. She said the school had no money. "
    "Mr Clarke said he disagreed. The home secretary added that funds were coming. "
    "Bradford & Bingley (B&B) said profits rose 5%. B&B said it expected more. It said sales grew. "
    "Telmara said costs fell. It said the market was weak. Analysts say prices will rise. "
    'They said the risk was small. "It is a disgrace," said Tom Hale. Hale said he would appeal. '
    "Prime Minister Tony Blair said the economy was strong. Mr Blair told MPs he was proud. "
    "The chancellor insisted the figures were right. Gordon Brown said they were. He added: "
    '"The numbers speak." Ms Hale said that was untrue, and she said so twice.'
)


def test_a_speaker_found_once_is_what_a_fresh_resolver_finds() -> None:
    """``Resolver.speaker`` keeps each report's answer: asked in any order, it answers what a
    resolver that never answered anything before finds for that report alone."""
    rng = random.Random(5)
    asked = 0
    answers = set()
    for text in [*SEED_TEXTS, _STORY]:
        resolver, reports = _resolver(text)
        order = [*reports, *reversed(reports)]
        rng.shuffle(order)
        for r in order:
            fresh, _ = _resolver(text)
            assert resolver.speaker(r) == fresh._speaker(r), r
            answers.add((r.subject, resolver.speaker(r)[0]))
            asked += 1
    assert asked > 100
    # one subject ("he", "she", "it") stands for different speakers: the answer is the report's
    assert len({who for subject, who in answers if subject == "He"}) >= 2


def _plain_person_words(words: list[str], *, role: bool = False) -> list[str]:
    """``namewords.person_words`` before session 9."""
    while (
        not role and len(words) > 2 and words[-1].lower().rstrip(".") in POST_NOMINALS and words[-1].isupper()
    ):
        words = words[:-1]
    k = max((k for k, w in enumerate(words[:-1]) if w.lower().rstrip(".") in PERSONAL_TITLES), default=0)
    if k and all(w[:1].isupper() for w in words[:k]):
        return words[k:]
    return words


def test_person_words_are_the_plain_ones() -> None:
    rng = random.Random(11)
    pool = [
        "Police",
        "Commissioner",
        "Sir",
        "Ronald",
        "Mr",
        "Mr.",
        "Dr",
        "lawyers",
        "for",
        "MP",
        "QC",
        "Hastings",
    ]
    for _ in range(3000):
        words = rng.choices(pool, k=rng.randint(0, 6))
        for role in (False, True):
            assert person_words(list(words), role=role) == _plain_person_words(list(words), role=role), words
