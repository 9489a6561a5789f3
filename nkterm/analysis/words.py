"""Words as search and compare see them: folding, stems, Hangul bigrams, joined given names.

One tokenizer for the index (through a thin Whoosh wrapper in ``nkterm.index``), for query
words and for comparison, so a name is one term wherever it is spelled:

* **folding**: apostrophes and modifier letters inside a word are dropped (' ’ ʼ ʻ), diacritics
  are folded (ŏ -> o, ŭ -> u), case is folded: "P'yŏngyang" -> "pyongyang", "Chuch'e" ->
  "chuche". Hangul is left as it is (decomposing it would turn syllables into jamo).
* **stems**: the Porter algorithm of Snowball (PyStemmer, C; MIT/BSD), cached.
* **Hangul** runs become overlapping character bigrams (a one-syllable run stays one token):
  "평양에서" -> 평양, 양에, 에서, so "평양" finds it whatever particle follows.
* **given names**: after a Korean surname, two romanized syllables written apart or with a
  hyphen ("Kim Il Sung", "Kim Il-sung") also yield the joined token ("ilsung") at the
  position of the first syllable; ``join_given_names`` writes a query the same way, so
  "Kim Ilsung" and "Kim Il Sung" find each other.

Must not import Whoosh or Textual.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from itertools import compress, count, islice, product
from typing import NamedTuple, cast

import Stemmer

# Whoosh's default English stop words (whoosh.analysis.STOP_WORDS), kept here so that
# comparison tokenizes exactly as the index without importing Whoosh
STOP_WORDS = frozenset(
    ("a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is",
     "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when",
     "will", "with", "yet", "you", "your")
)  # fmt: skip
MIN_LENGTH = 2  # shorter Latin words are not indexed (Whoosh's StopFilter minimum)

APOSTROPHES = "'’ʼʻ‘`"
_MARKS = "\u0300-\u036f"  # combining diacritics: a decomposed "ŏ" is one word, not two
# a word: letters, digits, '*' (query wildcards), joined by one '.' or apostrophe. Possessive
# (``++``, ``*+``: no backtracking) and the joint required: the same words as the plain form
# ``[\w*]+(?:[.']?[\w*]+)*`` (a run of word characters ends where no word character follows,
# so an empty joint never matches more); ~20% less regex work (tests/unit/test_word_pattern.py)
WORD = re.compile(rf"[\w*{_MARKS}]++(?:[.{APOSTROPHES}][\w*{_MARKS}]++)*+")
_DROP = dict.fromkeys(map(ord, APOSTROPHES))


def _latin1_class(chars: str) -> str:
    """The characters of the class ``[chars]`` below U+0100, as one written-out class."""
    return re.escape("".join(c for c in map(chr, range(256)) if re.fullmatch(f"[{chars}]", c)))


# ``WORD`` for a text of Latin-1 characters only (BBC's are ASCII or Latin-1), its classes
# written out: a 256-bit table in ``re``, not a Unicode category asked per character (~25% less
# regex work). No mark nor curly apostrophe can occur there, so the same words
# (tests/unit/test_word_pattern.py).
_WORD_CHARS_LATIN1, _JOINTS_LATIN1 = _latin1_class(rf"\w*{_MARKS}"), _latin1_class(f".{APOSTROPHES}")
_WORD_LATIN1 = re.compile(rf"[{_WORD_CHARS_LATIN1}]++(?:[{_JOINTS_LATIN1}][{_WORD_CHARS_LATIN1}]++)*+")


def find_words(text: str) -> list[str]:
    """``WORD.findall(text)``, through ``_WORD_LATIN1`` when ``text`` is Latin-1."""
    if not text.isascii():
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            return WORD.findall(text)
    return _WORD_LATIN1.findall(text)


_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+|[^\uac00-\ud7a3]+")


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def has_hangul(text: str) -> bool:
    return not text.isascii() and any(is_hangul(c) for c in text)


LANGUAGE_SAMPLE = 20_000  # characters looked at to tell a document's script


def undetected_language(text: str) -> str | None:
    """ "Korean" when much of ``text`` (a third of its letters, in the first 20,000 characters)
    is Hangul: the claim detector reads English only, so the reader says so; else None."""
    sample = text[:LANGUAGE_SAMPLE]
    if sample.isascii():
        return None
    letters = hangul = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            hangul += is_hangul(ch)
    return "Korean" if letters and hangul * 3 >= letters else None


@functools.lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """``word`` case-folded, without apostrophes, modifier letters or diacritics; Hangul kept."""
    if word.isascii():
        return word.lower().replace("'", "").replace("`", "")
    out: list[str] = []
    for ch in word.translate(_DROP):
        if is_hangul(ch):
            out.append(ch)
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(part) and unicodedata.category(part) != "Lm":
                out.append(part)
    return "".join(out).casefold()


# without PyStemmer's own cache: the word table and ``stem`` keep every stem already, and
# filling that cache made a word met for the first time four times slower (~2.3 against 0.6 µs)
_STEMMER = Stemmer.Stemmer("porter", 0)


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter stem of a folded word (Hangul and words with digits or '*' unchanged)."""
    if not word.isascii() or "*" in word:
        return word
    return str(_STEMMER.stemWord(word))


# -- given names ---------------------------------------------------------------------------------

# Korean surnames as English texts write them (folded). Left out: those that are common English
# words or parts of them ("So", "O", "Oh", "An", "Ha", "Ma", "No", "Do", "Im" as in "I'm", "We", "Won", "Go").
SURNAMES = frozenset(
    """
    kim gim ri rhee lee yi pak park bak choe choi chae jang chang jong jeong jung chung chong cheong
    kang gang yun yoon han hwang jo cho ho heo hur hyon hyun hyeon song son sohn ryu yoo yu ahn paek
    baek paik pyon byun byeon kwon gwon ko koh nam mun moon hong jon jeon chon chun jun sin shin
    ju joo chu choo lim rim yang ryang kye gye thae tae kil gil noh ro rho roh min sim shim seo
    suh yeo ryo pyo pang bang eom
    """.split()  # noqa: SIM905 - a word list reads best as words
)

_INITIALS = (
    "", "g", "k", "kk", "gg", "n", "d", "t", "tt", "dd", "r", "l", "m", "b", "p", "pp", "bb",
    "s", "ss", "sh", "j", "ch", "jj", "tch", "h", "kh", "th", "ph",
)  # fmt: skip
_MEDIALS = (
    "a", "ae", "ya", "yae", "eo", "o", "e", "yeo", "ye", "yo", "wa", "wae", "oe", "we", "u", "wo",
    "weo", "wi", "yu", "eu", "ui", "eui", "i", "oo", "ee", "ou", "ai", "yuu",
)  # fmt: skip
_FINALS = ("", "k", "n", "t", "l", "m", "p", "ng", "g", "r")
# every way a Korean syllable is romanized (McCune-Reischauer folded, Revised, the DPRK's own,
# and common informal spellings such as "sung", "hee", "woo")
SYLLABLES = frozenset("".join(p) for p in product(_INITIALS, _MEDIALS, _FINALS))


def _given_name_at(words: list[tuple[str, int, int]], i: int, text: str, *, strict: bool = True) -> bool:
    """Whether words i, i+1, i+2 are a surname and a two-syllable given name written apart.
    ``strict`` (document text): the surname is capitalized, and so is the second syllable
    unless a hyphen joins it ("Kim Il Sung", "Kim il Sung", "Kim Il-sung"); a query may be
    typed in lower case."""
    if i + 2 >= len(words):
        return False
    (w0, _s0, e0), (w1, s1, e1), (w2, s2, _e2) = words[i], words[i + 1], words[i + 2]
    # folded, so McCune-Reischauer's breves and apostrophes count too ("Kim Chŏng-ŭn", "Ch'oe")
    if fold(w0) not in SURNAMES or fold(w1) not in SYLLABLES or fold(w2) not in SYLLABLES:
        return False
    gap0, gap1 = text[e0:s1], text[e1:s2]
    if not (gap0.isspace() and len(gap0) <= 2 and (gap1 == "-" or (gap1.isspace() and len(gap1) <= 2))):
        return False
    return not strict or (w0[:1].isupper() and (w2[:1].isupper() or gap1 == "-"))


_QUERY_WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")


def join_given_names(text: str) -> str:
    """``text`` with each surname + spaced or hyphenated two-syllable given name written
    joined ("Kim Il Sung", "Kim Il-sung" -> "Kim Ilsung"), as the index also holds it. A
    syllable followed by a query operator ('*', '~', ':') is left alone."""
    words = [(m.group(), m.start(), m.end()) for m in _QUERY_WORD.finditer(text)]
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if _given_name_at(words, i, text, strict=False):
            end = words[i + 2][2]
            if end < len(text) and text[end] in "*~:'’":
                i += 1
                continue
            cuts.append((words[i + 1][2], words[i + 2][1]))
            i += 3
        else:
            i += 1
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


# -- tokens ----------------------------------------------------------------------------------------


class Token(NamedTuple):
    """One indexed term: its text, its character range and its position (a joined given name
    shares the position of its first syllable, so phrases match either way). A named tuple:
    a document makes thousands, and a frozen dataclass is three times slower to make."""

    term: str
    start: int
    end: int
    pos: int
    joined: bool = False


def tokens(text: str, *, stem_words: bool = True, stop: bool = True, joins: bool = True) -> list[Token]:
    """Every term of ``text`` with offsets and positions: the index's analysis."""
    matches = [(m.group(), m.start()) for m in WORD.finditer(text)]
    known, word_of = _WORDS, _word
    infos = [known.get(w) or word_of(w) for w, _s in matches]
    joined = _given_names(matches, text, stem_words) if joins and any(i[6] for i in infos) else {}
    out: list[Token] = []
    append = out.append
    pos = 0
    for (word, start), info in zip(matches, infos, strict=True):
        if info[4]:  # Hangul: pieces of other letters and Hangul runs
            pos = _hangul_tokens(word, start, pos, out, joined, stem_words, stop)
            continue
        if info[2] is not None and not (stop and info[5]):
            append(Token(info[1] if stem_words else info[2], start, start + info[3], pos))  # type: ignore[arg-type]
            if joined and start in joined:
                append(Token(joined[start][0], start, joined[start][1], pos, True))
            pos += 1
        elif joined and start in joined:
            # the joined given name shares the position of its first syllable
            append(Token(joined[start][0], start, joined[start][1], pos, True))
    return out


def plain_words(text: str) -> list[_WordInfo] | None:
    """The table entry of every word of ``text`` in order (its index term, stem and folded form
    as ``tokens`` makes them), when ``tokens`` makes at most one token of each word with the
    position counting the words it keeps: no Hangul and no joined given name (a capitalised
    surname not followed by one is plain too). None otherwise: call ``tokens``. Most texts; the
    build's worker then needs no Token nor offset (tests/unit/test_fast_analysis.py holds it to
    ``tokens``)."""
    words = find_words(text)
    infos: list[_WordInfo | None] = list(map(_WORDS.get, words))  # the table in C
    i = -1
    try:  # the few words met for the first time
        while True:
            i = infos.index(None, i + 1)
            infos[i] = _word(words[i])
    except ValueError:
        pass
    found = cast("list[_WordInfo]", infos)  # every None filled
    if not text.isascii() and any(map(_HANGUL, found)):
        return None
    if any(map(_SURNAME, found)) and _has_given_name(text, found):
        return None  # ``tokens`` joins a given name here (stemmed or not: the same starts)
    return found


_HANGUL, _FOLDED, _SURNAME = operator.itemgetter(4), operator.itemgetter(2), operator.itemgetter(6)


def _has_given_name(text: str, found: list[_WordInfo]) -> bool:
    """Whether ``_given_names`` finds a given name in ``text``, whose words' entries are
    ``found``: asked only at the words whose folded form is a surname (``_given_name_at``'s
    first test; a possessive, folded with its "s", fails its second), with only those words
    and the two after them made into (word, start, end), not every word of the text
    (tests/unit/test_fast_analysis.py holds it to ``_given_names``)."""
    starts = list(compress(range(len(found) - 2), map(SURNAMES.__contains__, map(_FOLDED, found))))
    if not starts:
        return False
    needed = {*starts, *[i + 1 for i in starts], *[i + 2 for i in starts]}
    matches = compress(WORD.finditer(text), map(needed.__contains__, count()))
    at = dict(zip(sorted(needed), map(_without_possessive, matches), strict=True))
    return any(_given_name_at([at[i], at[i + 1], at[i + 2]], 0, text) for i in starts)


def _without_possessive(match: re.Match[str]) -> tuple[str, int, int]:
    """A word found by ``WORD`` as ``_given_names`` reads it: without a possessive's 's."""
    word, start = match.group(), match.start()
    if word.endswith(("'s", "’s")):
        return word[:-2], start, start + len(word) - 2
    return word, start, start + len(word)


def _hangul_tokens(
    word: str,
    offset: int,
    pos: int,
    out: list[Token],
    joined: dict[int, tuple[str, int]],
    stem_words: bool,
    stop: bool,
) -> int:
    """``tokens`` of one word with Hangul in it, appended to ``out``; the next position."""
    append = out.append
    stops = STOP_WORDS if stop else frozenset()
    for r in _HANGUL_RUN.finditer(word):
        piece, start = r.group(), offset + r.start()
        if "\uac00" <= piece[0] <= "\ud7a3":
            if len(piece) == 1:
                append(Token(piece, start, start + 1, pos))
                pos += 1
            for k in range(len(piece) - 1):
                append(Token(piece[k : k + 2], start + k, start + k + 2, pos))
                pos += 1
            continue
        folded = fold(piece)
        if len(folded) >= MIN_LENGTH and folded not in stops:
            end = start + len(piece)
            if piece[-2:] in ("'s", "’s") and len(piece) > 3:
                end -= 2
            append(Token(stem(folded) if stem_words else folded, start, end, pos))
            if joined and start in joined:
                append(Token(joined[start][0], start, joined[start][1], pos, True))
            pos += 1
        elif joined and start in joined:
            append(Token(joined[start][0], start, joined[start][1], pos, True))
    return pos


# word as written -> what ``tokens`` makes of it: (its index term: the stem, None when a stop
# word or too short; its stem and its folded form, None when too short; the length of its hit,
# without a possessive's 's; whether it has Hangul, whose runs are cut into pieces; whether it is
# a stop word; whether it is a surname as ``_has_surname`` reads it). A corpus repeats its words:
# each is folded, stemmed and looked at once, and a text's words then cost a look-up each.
_WordInfo = tuple[str | None, str | None, str | None, int, bool, bool, bool]
_WORDS: dict[str, _WordInfo] = {}
_WORDS_MAX = 20_000  # ~6 MB when full; two long documents have ~4,000 distinct words. 50,000 grew each
# build worker by ~7 MB more at 2,500 documents, for no CPU saved (26.7 vs 26.3 s)


def _word(word: str) -> _WordInfo:
    """``_WORDS``' entry for ``word``, made and kept."""
    if len(_WORDS) >= _WORDS_MAX:
        _forget_newer_half()
    if word.isascii() and "'" not in word and "`" not in word and "*" not in word:
        # most words: no apostrophe (no possessive), no wildcard, no Hangul, not a surname as
        # written with an apostrophe; the same entry as below, with fewer steps
        folded = word.lower()
        if len(folded) < MIN_LENGTH:
            info: _WordInfo = (
                None,
                None,
                None,
                len(word),
                False,
                folded in STOP_WORDS,
                word in _WRITTEN_SURNAMES,
            )
        else:
            stemmed = _STEMMER.stemWord(folded)
            is_stop = folded in STOP_WORDS
            info = (
                None if is_stop else stemmed,
                stemmed,
                folded,
                len(word),
                False,
                is_stop,
                word in _WRITTEN_SURNAMES,
            )
        _WORDS[word] = info
        return info
    if word.isascii():  # ``fold`` and ``stem`` of an ASCII word, without their caches
        folded = word.lower().replace("'", "").replace("`", "")
        hangul = surname = False
    else:
        folded = fold(word)
        hangul = has_hangul(word)
        surname = word[:1].isupper() and folded in SURNAMES
    long_enough = len(folded) >= MIN_LENGTH
    stemmed = None
    if long_enough:
        stemmed = str(_STEMMER.stemWord(folded)) if folded.isascii() and "*" not in folded else folded
    is_stop = folded in STOP_WORDS
    info = (
        None if is_stop else stemmed,
        stemmed,
        folded if long_enough else None,
        len(word) - 2 if word[-2:] in ("'s", "’s") and len(word) > 3 else len(word),
        hangul,
        is_stop,
        surname or word in _WRITTEN_SURNAMES or ("'" in word and word[:1].isupper() and folded in SURNAMES),
    )
    _WORDS[word] = info
    return info


def _forget_newer_half() -> None:
    """Make room in the full ``_WORDS``: the half added last goes. A corpus's frequent words
    come early and stay (Zipf's law), so they are not made again after each emptying: a build
    worker's 2,500 documents of the 20k corpus made 38.7 words a document, not 51.6 as when the
    table was emptied (tests/unit/test_word_table.py)."""
    for word in list(islice(reversed(_WORDS), len(_WORDS) // 2)):
        _WORDS.pop(word, None)  # (another thread, the reader's index worker, may be here too)


_WRITTEN_SURNAMES = frozenset(w.capitalize() for w in SURNAMES) | frozenset(w.upper() for w in SURNAMES)


def _has_surname(matches: list[tuple[str, int]]) -> bool:
    """Whether a capitalized surname is among the words (most texts: none, and the given-name
    scan is skipped)."""
    known, word_of = _WORDS, _word
    return any((known.get(w) or word_of(w))[6] for w, _s in matches)


def _given_names(matches: list[tuple[str, int]], text: str, stemmed: bool) -> dict[int, tuple[str, int]]:
    """Start of the first syllable -> (joined term, end of the second) for each given name."""
    # a possessive is not part of the name: "Kim Il Sung's" is "Kim Il Sung" + 's
    words = [
        (w[:-2], s, s + len(w) - 2) if w.endswith(("'s", "’s")) else (w, s, s + len(w)) for w, s in matches
    ]
    out: dict[int, tuple[str, int]] = {}
    # only where a surname stands (``_given_name_at``'s first test, asked first)
    for i in [i for i, w in enumerate(words[:-2]) if fold(w[0]) in SURNAMES]:
        if _given_name_at(words, i, text):
            (w1, s1, _e1), (w2, _s2, e2) = words[i + 1], words[i + 2]
            joined = fold(w1) + fold(w2)
            out[s1] = (stem(joined) if stemmed else joined, e2)
    return out


def analyze(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) of every indexed token of ``text``, joined given names included."""
    simple = _simple_analysis(text)
    if simple is not None:
        return simple
    return [(t.term, t.start, t.end) for t in tokens(text)]


def analyze_names_joined(text: str) -> list[tuple[str, int, int]]:
    """``analyze`` with each joined given name in place of its syllables ("Kim Jong Un" -> kim,
    jongun): one term per word of a name, for callers that compare names (compare/), where
    "Jong" alone would make Kim Jong Un and Kim Jong Il share a word."""
    simple = _simple_analysis(text)
    if simple is not None:
        return simple
    toks = tokens(text)
    joined = [(t.start, t.end) for t in toks if t.joined]
    return [
        (t.term, t.start, t.end)
        for t in toks
        if t.joined or not any(s <= t.start and t.end <= e for s, e in joined)
    ]


def _simple_analysis(text: str) -> list[tuple[str, int, int]] | None:
    """``analyze`` of a text without Hangul or given names (most texts), made without
    ``Token``s; None for the others, which ``tokens`` analyses in full."""
    out: list[tuple[str, int, int]] = []
    append = out.append
    known, word_of = _WORDS, _word
    surname = False
    for m in WORD.finditer(text):
        word = m[0]
        info = known.get(word) or word_of(word)
        if info[4]:
            return None
        if info[0] is not None:
            start = m.start()
            append((info[0], start, start + info[3]))
        if info[6]:
            surname = True
    if surname and _given_names([(m.group(), m.start()) for m in WORD.finditer(text)], text, True):
        return None
    return out


def terms(text: str) -> list[str]:
    """The terms a query phrase of ``text`` searches for (given names joined first)."""
    return [t.term for t in tokens(join_given_names(text)) if not t.joined]
