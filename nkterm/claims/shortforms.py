"""Short forms of a name: initials ("B&B", "CAS") and the name they stand for ("Bradford &
Bingley", "Court of Arbitration for Sport"), written before them or once after ("says JK, also
known as Jason King"), and the one full name a first name stands for (``FirstNames``, session
8). Split out of ``speakers.py`` (session 7); pure Python, must not import textual or whoosh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from nkterm.claims.namewords import NOT_IN_NAME, is_org, name_words
from nkterm.claims.roles import OPENERS

# Initials standing for a name: "B&B", "CAS", "PwC" is not one (lower case inside)
_INITIALS = re.compile(r"(?<![\w&])[A-Z](?:&?[A-Z]){1,5}(?![\w&])")


def initials_at(text: str, pos: int, written: str) -> str | None:
    """The initials a subject at ``pos`` is written as ("B&B", "CAS"), also when the tokeniser
    cut it at the "&" ("But B&B - which ..." gave "B")."""
    if _INITIALS.fullmatch(written):
        return written
    if len(written) <= 3 and written.isupper():
        for m in _INITIALS.finditer(text, max(0, pos - 4), pos + len(written) + 4):
            if m.start() <= pos < m.end():
                return m.group()
    return None


def expansion(text: str, short: str, pos: int) -> str | None:
    """The name ``short`` stands for, written before ``pos``: capitalised words whose first
    letters spell it ("Bradford & Bingley" for "B&B", "Court of Arbitration for Sport" for
    "CAS"), small joining words allowed between them."""
    found = _last_spelt(text, short.replace("&", ""), pos)
    if found is None:  # "says JK, also known as Jason King": the name may follow once
        if "known as " not in text:  # a literal every match holds
            return None
        known = _known_as(short).search(text)
        if known is None:
            return None
        found = known.group(1)
    found = _defined(text, found, short, pos)
    bare = found.removesuffix("'s").removesuffix("’s")
    # "the European Union's list" (a possessive) but "Standard & Poor's" (the name)
    if bare != found and _written_bare(text, bare):
        return bare
    return found


def _defined(text: str, found: str, short: str, pos: int) -> str:
    """ "Royal National Institute for Deaf People (RNID)": the name written right before the short
    form in brackets goes on past the words its initials spell (one or two more capitalised
    words); else ``found`` as spelt (session 11)."""
    bracket = text.find(f" ({short})", 0, pos)
    if bracket < 0:
        return found
    before = text[max(0, bracket - 200) : bracket]
    at = before.rfind(found)
    if at < 0:
        return found
    more = before[at + len(found) :]
    return found + more if _MORE_WORDS.fullmatch(more) else found


# one or two capitalised words after a spelt name, up to its bracket ("... for Deaf| People (RNID)")
_MORE_WORDS = re.compile(r"(?: [A-Z][\w'’-]+){1,2}")


_JOIN = r"(?: (?:of|for|the|and|&|de|du|des|on))* "


def _letters_pattern(letters: str) -> str:
    return _JOIN.join(rf"{c}[a-z][\w'’-]*" for c in letters)


@functools.lru_cache(maxsize=64)
def _spelling(letters: str) -> re.Pattern[str]:
    """Capitalised words whose first letters spell ``letters`` (as ``_last_spelt`` reads them)."""
    return re.compile(rf"(?<![\w&]){_letters_pattern(letters)}(?![\w&])")


# the join words of ``_JOIN`` in its order
_JOINS = ("of", "for", "the", "and", "&", "de", "du", "des", "on")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # ``\w``


def _name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"  # ``[\w'’-]``


def _spelt_at(text: str, start: int, letters: str) -> int:
    r"""The end of a match of ``_letters_pattern(letters)`` + ``(?![\w&])`` at ``start`` in
    ``text``, or -1. Each word is ``L[a-z][\w'’-]*``: its run is the longest (only the last
    word can give characters back, when ``&`` follows it: then it ends before its last
    apostrophe or hyphen); between words ``(?: (?:of|for|...))* `` takes every join word (they
    are lower case or "&", no word of the name)."""
    n = len(text)
    at = start
    for k, c in enumerate(letters):
        if k:
            while True:  # the joining words, then one space
                for j in _JOINS:
                    e = at + 1 + len(j)
                    if text.startswith(j, at + 1) and text[at] == " " and e < n and text[e] == " ":
                        # (a join word only when a space follows: else the run gives it back)
                        at = e
                        break
                else:
                    break
            if at >= n or text[at] != " ":
                return -1
            at += 1
        if not (at + 1 < n and text[at] == c and "a" <= text[at + 1] <= "z"):
            return -1
        word = at
        at += 2
        while at < n and _name_char(text[at]):
            at += 1
    if at < n and (_word_char(text[at]) or text[at] == "&"):
        while at > word + 2:  # give back characters until an apostrophe or a hyphen follows
            at -= 1
            if text[at] in "'’-":
                return at
        return -1
    return at


def _last_spelt(text: str, letters: str, pos: int) -> str | None:
    r"""The last match of ``finditer`` of ``(?<![\w&])`` + ``_letters_pattern(letters)`` +
    ``(?![\w&])`` in ``text[:pos]`` (matches never overlap), without compiling a pattern per
    short form (~1 ms each, once per short form and worker)."""
    if not (letters.isascii() and letters.isalpha() and letters.isupper()):
        found = None  # (initials are capital letters: anything else goes to the pattern)
        for m in _spelling(letters).finditer(text[:pos]):
            found = m.group()
        return found
    text = text[:pos]
    found = None
    first = letters[0]
    at = text.find(first)
    while at >= 0:
        if at == 0 or not (_word_char(text[at - 1]) or text[at - 1] == "&"):
            end = _spelt_at(text, at, letters)
            if end >= 0:
                found = text[at:end]
                at = text.find(first, end)  # the next match starts after this one
                continue
        at = text.find(first, at + 1)
    return found


@functools.lru_cache(maxsize=256)
def _known_as(short: str) -> re.Pattern[str]:
    pattern = _letters_pattern(short.replace("&", ""))
    return re.compile(rf"(?<![\w&]){re.escape(short)},? (?:also )?known as ({pattern})(?![\w&])")


def _written_bare(text: str, bare: str) -> bool:
    r"""Whether ``bare`` is in ``text`` somewhere not followed by an apostrophe or a word
    character (``re.search(rf"{re.escape(bare)}(?!['’\w])", text)``, without compiling it)."""
    at = text.find(bare)
    while at >= 0:
        nxt = text[at + len(bare) : at + len(bare) + 1]
        if not nxt or not (nxt in "'’_" or nxt.isalnum()):
            return True
        at = text.find(bare, at + 1)
    return False


# What comes before a surname written alone: a lower-case word, a punctuation mark or a closing
# quote, then a space (never a capitalised word: "Lycos Europe")
_ALONE_BEFORE = re.compile(r"""(?:(?<![\w'’-])[a-z][\w'’-]*,?|[,;.!?]["”]?|["”]) $""")


def chain_words(chain: str) -> list[str]:
    """The words of a name chain that are the name: no possessor ("Iron Maiden's Bruce
    Dickinson"), no title or time word, no opener ("Earlier Tony Blair defended"). A new list on
    every call; each distinct chain is read once (names recur within and across texts)."""
    return list(_chain_words(chain))


@functools.lru_cache(maxsize=8192)
def _chain_words(chain: str) -> tuple[str, ...]:
    raw = chain.split(" ")
    owner = 0  # after the last possessive word but the last ("Iron Maiden's Bruce Dickinson")
    for k in range(len(raw) - 2, -1, -1):
        if raw[k].endswith(("'s", "’s")):
            owner = k + 1
            break
    words = name_words(" ".join(raw[owner:]))
    cut = 0  # after the last title or time word
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower().rstrip(".") in NOT_IN_NAME:
            cut = k + 1
            break
    words = words[cut:]
    while len(words) > 2 and words[0].lower() in OPENERS:
        words = words[1:]
    return tuple(words)


class FirstNames:
    """The one person's full name a first name stands for in a text ("His wife Sharon" ->
    Sharon Osbourne, written before or after), found once per text (session 8)."""

    def __init__(self, text: str, chains: Iterable[str], common_word: Callable[[str], bool]) -> None:
        """``chains``: the text's name chains (``CHAIN``), found once by the caller;
        ``common_word(word)``: whether the text writes ``word`` in lower case too."""
        self._text = text
        self._common_word = common_word
        index: dict[str, set[str]] = {}
        for chain in chains:
            ws = chain_words(chain)
            if len(ws) >= 2 and ws[0][:1].isupper() and ws[-1][:1].isupper():
                index.setdefault(ws[0], set()).add(" ".join(ws))
        self._index = index

    def full(self, word: str) -> str | None:
        """The one full name in the text that opens with ``word``; None when there are none or
        several ("Ozzy" -> "Ozzy Osbourne"; never "Mark" with Mark Cueto and Mark Regan)."""
        found = self._index.get(word, set())
        if len(found) != 1:
            return None
        (longer,) = found
        last = longer.split()[-1]
        # a person's name: its surname written alone too ("Osbourne said"), never all capitals
        # ("Nintendo DS"), an organisation ("Rugby Football Union") or a word the text writes in
        # lower case ("Gartner More than ...")
        if len(last) < 3 or not last[1:].islower() or is_org(longer) or self._common_word(last):
            return None
        return longer if _written_alone(self._text, last) else None


def _written_alone(text: str, word: str) -> bool:
    """Whether ``word`` is written alone somewhere: after a lower-case word, a punctuation mark or
    a closing quote ("Osbourne said", '"…," Osbourne said'), never after or before a capitalised
    word ("Lycos Europe"). Plain string search: a pattern compiled per name would crowd the
    regex cache that the other rules share."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        after = text[end : end + 2]
        if (
            start >= 2
            and text[start - 1] == " "
            and not (after[:1].isalnum() or after[:1] in "'’-" or (after[:1] == " " and after[1:2].isupper()))
            and _ALONE_BEFORE.search(text, max(0, start - 40), start) is not None
        ):
            return True
        start = text.find(word, end)
    return False
