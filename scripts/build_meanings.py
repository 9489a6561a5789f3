"""Build ``nkterm/compare/meanings.tsv``: groups of words that mean the same, from WordNet 3.0.

    python scripts/build_meanings.py [--wordnet /usr/share/wordnet] [--max-group 6] [--max-hyponyms 40]

Source: Princeton WordNet 3.0 as Debian's ``wordnet-base`` package ships it (``apt-get install
wordnet-base``; WordNet 3.0 licence: use, copy, modify and distribute for any purpose, with the
copyright notice, which the table's header carries). Build time only: the application reads the
generated table and never WordNet.

Two words are linked when one of their common senses (the first two senses WordNet ranks by
frequency, and only senses seen in its tagged corpus when it saw any) is shared ("quit" /
"resign": leave office) or is the direct hypernym of the other's ("pledge" -> "promise", "buy" ->
"acquire", "dismiss" -> "reject") and that hypernym is specific (at most ``--max-hyponyms``
direct hyponyms: "change" or "get" with hundreds are not meanings). Links join words into groups
(the strongest links first: shared first senses, then later senses, then hypernyms), a link being skipped when it would make a group
larger than ``--max-group`` (so that chains of senses do not gather unrelated words). A link that would put two
antonyms in one group ("father" / "mother" under "parent") is skipped too. Since WordNet alone
joins words by rare senses ("firm" / "boardinghouse"), a link is kept only where WordLlama's
static word vectors (MIT; the ``train`` extra, read offline as scripts/claims_wordtable.py does)
agree: cosine >= ``--min-cosine``. Function
words, common words and the words of the hand-written related-terms groups (nkterm.compare.words)
are left out; multi-word lemmas too. Each line of the table is ``stem<TAB>group``: the index's
stem (nkterm.analysis) and the group's first word; a stem two groups claim keeps the first.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkterm.compare.words import COMMON_WORDS, FUNCTION_WORDS, RELATED, stem  # noqa: E402

OUT = ROOT / "nkterm" / "compare" / "meanings.tsv"
POS = ("verb", "noun", "adj")
SENSES = 2


def load(
    folder: Path, pos: str, antonyms: set[tuple[str, str]] | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """(lemma -> its common senses' offsets, offset -> lemmas, offset -> hypernym offsets); the
    antonymous lemma pairs ("father" / "mother", "upgrade" / "downgrade") go into ``antonyms``."""
    senses: dict[str, list[str]] = {}
    for line in (folder / f"index.{pos}").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        p = line.split()
        pointers = int(p[3])
        tagged = int(p[5 + pointers])
        offsets = p[6 + pointers :]
        if tagged:  # words never seen in WordNet's tagged corpus are left out
            senses[p[0]] = offsets[: min(SENSES, tagged)]
    lemmas: dict[str, list[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    opposite: dict[str, list[str]] = {}
    for line in (folder / f"data.{pos}").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        p = line.split("|")[0].split()
        count = int(p[3], 16)
        lemmas[p[0]] = [p[4 + 2 * i].lower().split("(")[0] for i in range(count)]
        k = 4 + 2 * count
        n = int(p[k])
        ptrs = p[k + 1 : k + 1 + 4 * n]
        hypernyms[p[0]] = [ptrs[4 * i + 1] for i in range(n) if ptrs[4 * i] in ("@", "@i")]
        opposite[p[0]] = [ptrs[4 * i + 1] for i in range(n) if ptrs[4 * i] == "!"]
    if antonyms is not None:
        for offset, others in opposite.items():
            for other in others:
                for a in lemmas[offset]:
                    for b in lemmas.get(other, []):
                        antonyms.update({(a, b), (b, a)})
    return senses, lemmas, hypernyms


def wanted(word: str) -> bool:
    return (
        word.isalpha()
        and word.isascii()
        and len(word) >= 3
        and word not in FUNCTION_WORDS
        and word not in COMMON_WORDS
        and stem(word) not in RELATED
    )


def cosines(words: set[str]) -> Callable[[str, str], float]:
    """The cosine of two words' WordLlama vectors (the mean of their tokens' vectors, each word
    encoded with its leading space as inside a sentence), from the wheel's packaged files."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from claims_wordtable import exact_embed, load_wordllama

    tok, table = load_wordllama()
    ordered = sorted(words)
    vectors = exact_embed(tok, table, [" " + w for w in ordered])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    row = {w: i for i, w in enumerate(ordered)}
    return lambda a, b: float(vectors[row[a]] @ vectors[row[b]])


def build(folder: Path, max_group: int, max_hyponyms: int, min_cosine: float = -2.0) -> dict[str, str]:
    # (strength, word, other): the lower the stronger; a shared first sense of both words first,
    # then later senses, then hypernyms
    links: list[tuple[int, str, str]] = []
    antonyms: set[tuple[str, str]] = set()
    for pos in POS:
        senses, lemmas, hypernyms = load(folder, pos, antonyms)
        rank = {(w, o): i for w, offsets in senses.items() for i, o in enumerate(offsets)}
        hyponyms: dict[str, int] = defaultdict(int)
        for hs in hypernyms.values():
            for h in hs:
                hyponyms[h] += 1
        for word in sorted(senses):
            if not wanted(word):
                continue
            for i, offset in enumerate(senses[word]):
                for other in lemmas[offset]:
                    if other != word and (other, offset) in rank and wanted(other):
                        links.append((i + rank[(other, offset)], word, other))
                for h in hypernyms.get(offset, []):
                    if hyponyms[h] > max_hyponyms:
                        continue
                    for other in lemmas[h]:
                        if other != word and (other, h) in rank and wanted(other):
                            links.append((2 * SENSES + i + rank[(other, h)], word, other))
    if min_cosine > -1:
        cos = cosines({w for _s, a, b in links for w in (a, b)})
        links = [x for x in links if cos(x[1], x[2]) >= min_cosine]
    links.sort()
    parent: dict[str, str] = {}
    size: dict[str, int] = {}

    members: dict[str, list[str]] = {}

    def find(w: str) -> str:
        if w not in parent:
            parent[w], size[w], members[w] = w, 1, [w]
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    for _strength, a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb or size[ra] + size[rb] > max_group:
            continue
        if any((x, y) in antonyms for x in members[ra] for y in members[rb]):
            continue  # "father" and "mother" share "parent", but are not one meaning
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        members[ra].extend(members.pop(rb))
    groups: dict[str, list[str]] = defaultdict(list)
    for w in parent:
        groups[find(w)].append(w)
    table: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members)
        stems = {stem(w) for w in members}
        if len(stems - {""}) < 2:
            continue  # inflections of one word: the stemmer already joins them
        for s in sorted(stems):
            if s and s not in RELATED:
                table.setdefault(s, first)
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--max-group", type=int, default=6)
    parser.add_argument("--max-hyponyms", type=int, default=40)
    parser.add_argument("--min-cosine", type=float, default=0.25, help="least WordLlama cosine of a link")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.wordnet / "index.verb").is_file():
        print(f"build_meanings: no WordNet in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    table = build(args.wordnet, args.max_group, args.max_hyponyms, args.min_cosine)
    header = (
        "# Words that mean the same (stem<TAB>group), built by scripts/build_meanings.py "
        f"(--max-group {args.max_group} --max-hyponyms {args.max_hyponyms} --min-cosine {args.min_cosine})\n"
        "# from WordNet 3.0, links kept where WordLlama's word vectors agree.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND\n"
        '# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,\n'
        "# EXPRESS OR IMPLIED. The name of Princeton University or Princeton may not be used in\n"
        "# advertising or publicity pertaining to distribution of the software and/or database.\n"
    )
    lines = [f"{s}\t{g}" for s, g in sorted(table.items())]
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} stems in {len({*table.values()})} groups -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
