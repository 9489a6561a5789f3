"""Short forms of a name: initials ("B&B", "CAS") and the name they stand for ("Bradford &
Bingley", "Court of Arbitration for Sport"), written before them or once after ("says JK, also
known as Jason King"). Split out of ``speakers.py`` (session 7); pure Python, must not import
textual or whoosh.
"""

from __future__ import annotations

import re

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
    letters = short.replace("&", "")
    join = r"(?: (?:of|for|the|and|&|de|du|des|on))* "
    pattern = join.join(rf"{c}[a-z][\w'’-]*" for c in letters)
    found = None
    for m in re.finditer(rf"(?<![\w&]){pattern}(?![\w&])", text[:pos]):
        found = m.group()
    if found is None:  # "says JK, also known as Jason King": the name may follow once
        known = re.search(rf"(?<![\w&]){re.escape(short)},? (?:also )?known as ({pattern})(?![\w&])", text)
        if known is None:
            return None
        found = known.group(1)
    bare = found.removesuffix("'s").removesuffix("’s")
    # "the European Union's list" (a possessive) but "Standard & Poor's" (the name)
    if bare != found and re.search(rf"{re.escape(bare)}(?!['’\w])", text) is not None:
        return bare
    return found
