"""Speakers without metadata: precision and recall on the labelled cases in benchmarks/data/speakers*.yaml.

    .venv/bin/python benchmarks/speakers_eval.py [--corpus DIR] [--cases FILE ...] [--show-errors]

For each case the sentence is found in its document (a BBC article read from ../shared, or a
seed of this repository) by its anchor, the document goes through ``detect_document`` (BBC
articles with no metadata at all; seeds with their sidecar), and the speaker of the claim that
holds the sentence is compared with the label (no claim, or a claim without speaker, is "no
speaker"). Names match when they are equal after lower-casing, dropping titles ("Mr", "Prime
Minister") and a leading article, or when one contains the other and they end in the same word
("Mr Blair" / "Tony Blair", "technology committee" / "Commons science and technology committee");
"spokesman for X" is "X spokesman" ("spokesman for NBC" / "NBC spokesman", session 14).
A name written another way ("B&B" / "Bradford & Bingley", "EU" / "European Union") matches only
when the detector itself linked the two: its speaker cue says "B&B = Bradford & Bingley". Links of
a role or a pronoun to a person ("the national team coach = Mike Ruddock") do not count that way:
a role label ("Black Sabbath singer") is then a miss even when the person is right.

precision = right speakers / speakers given; recall = right speakers / labelled speakers.
Targets (issue 16): precision >= 0.90, recall >= 0.85. Cases marked ``set: heldout`` and ``set:
heldout2`` (benchmarks/data/speakers_heldout2.yaml) were labelled after the rules were written and
run once before any fix; they are reported apart from the development set, the only set rules
are judged on. ``speakers_heldout3.yaml`` (``set: heldout3``) is not run by default: pass it with
``--cases`` only to measure, never while writing rules. ``speakers_heldout4.yaml`` (session 6)
and ``speakers_heldout5.yaml`` (session 7, 213 cases from 20 articles, labelled before any rule of
that session and run once at its end) and ``speakers_heldout6.yaml`` (session 7, 155 cases, built
after held-out 5's run for one blind run of the final code) are passed the same way, and so is
``speakers_heldout7.yaml`` (session 8, 317 cases from 20 articles, built first and run once, blind,
at the end), whose cases give the sentence by its character ``offset`` instead of an anchor so that
no article text is stored, and so is ``speakers_heldout8.yaml`` (session 9, 250 cases from 15
articles, built first and run once, blind, at the end; offsets too), and so is
``speakers_heldout9.yaml`` (session 10, 162 cases from 11 articles, built the same way), and
so is ``speakers_heldout10.yaml`` (session 10's second speaker round, 213 cases from 13 articles,
built first and run once, blind, at the round's end), and so is ``speakers_heldout11.yaml``
(session 11, 254 cases from 15 articles drawn with random.Random(2034), built first and run once,
blind, on the session-start code before any rule changed), and so is ``speakers_heldout12.yaml``
(session 11's last speaker round, 245 cases from 15 articles drawn with random.Random(2035), built
after the session's rules were merged and run once, blind, on that final code), and so is
``speakers_heldout13.yaml`` (session 12, 265 cases from 15 articles drawn with random.Random(2036),
labelled by an engineer working on no rule while the session's rules changed, for one blind run of
the session's final code by the lead), and so is ``speakers_heldout14.yaml`` (session 13, 260 cases
from 15 articles drawn with random.Random(2037), built the same way for one blind run of session
13's final code by the lead), and so is ``speakers_heldout15.yaml`` (session 13, 239 cases from 15
articles drawn with random.Random(2038), built the same way for the next session, whose start code
runs it once, blind, before any rule changes: session 14's start code scored 0.810 / 0.773), and
so is ``speakers_heldout16.yaml`` (session 14, 241 cases from 15 articles drawn with
random.Random(2039), labelled while that session's rules changed, for one blind run of its final
code by the lead: 0.938 / 0.909, the start code the same), and so is ``speakers_heldout17.yaml``
(session 14, 238 cases from 15 articles drawn with random.Random(2040), built the same way, run
once, blind, on session 14's final code instead: 0.935 / 0.885, the start code the same), and so is
``speakers_heldout18.yaml`` (session 14, 262 cases from 15 articles drawn with random.Random(2041),
no entertainment article being eligible any more, built the same way for the same blind start run:
session 15's start code scored 0.891 / 0.845, just under both targets).
A case whose sentence is not in its document (an anchor not found, an offset outside the text or on
a space) is named on stderr; the others are still scored, then the run exits 2. Imports no Textual
and no Whoosh.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nkterm.claims import detect_document  # noqa: E402
from nkterm.corpus import read_document  # noqa: E402
from nkterm.models import Claim, Document  # noqa: E402

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
CASES = [REPO_ROOT / "benchmarks" / "data" / name for name in ("speakers.yaml", "speakers_heldout2.yaml")]
SEEDS = REPO_ROOT / "seeds"
TARGET_PRECISION = 0.90
TARGET_RECALL = 0.85
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "lord",
        "lady",
        "prime",
        "minister",
        "president",
        "chancellor",
        "secretary",
        "foreign",
        "the",
        "a",
        "an",
    ]
)


def normalise(name: str) -> list[str]:
    words = re.findall(r"[\w&'’-]+", name.lower().replace("’", "'"))
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return words


VOICE_EQUIVALENCE = True  # "spokesman for X" = "X spokesman"; --plain-matcher turns it off
_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople"})


def _voice_of(words: list[str]) -> list[str]:
    """ "spokesman for the NBC network" -> "NBC network spokesman": a spokesman for X is an X
    spokesman (session 14); any other phrase unchanged."""
    if len(words) > 2 and words[0] in _VOICES and words[1] == "for":
        rest = words[3:] if words[2] in ("the", "a", "an") and len(words) > 3 else words[2:]
        return [*rest, words[0]]
    return words


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    p, g = normalise(predicted), normalise(gold)
    if VOICE_EQUIVALENCE:
        p, g = _voice_of(p), _voice_of(g)
    if p == g:
        return True
    if not p or not g or p[-1] != g[-1]:
        return False
    ps, gs = " ".join(p), " ".join(g)
    return ps in gs or gs in ps


def find(text: str, anchor: str) -> int | None:
    pattern = r"\s+".join(re.escape(w) for w in anchor.split())
    m = re.search(pattern, text)
    return m.start() if m else None


def case_position(text: str, case: dict[str, object]) -> int | None:
    """Where a case's sentence starts: its ``anchor`` (first words) found in the text, or its
    character ``offset`` (held-out 7 stores offsets only, no article text); None when neither
    points into the text."""
    anchor = case.get("anchor")
    if isinstance(anchor, str):
        return find(text, anchor)
    offset = case.get("offset")
    if isinstance(offset, int) and 0 <= offset < len(text) and not text[offset].isspace():
        return offset
    return None


def speaker_at(claims: list[Claim], pos: int) -> str | None:
    for c in claims:
        if c.start <= pos < c.end:
            return c.speaker
    return None


_LINK = re.compile(r"\(([^()=]+?) = ([^(),:]+)[),:]")


def linked_forms(claims: list[Claim], pos: int) -> list[str]:
    """The forms the detector itself linked to the speaker it gave, read from the speaker cue
    ("speaker: "B&B said" (B&B = Bradford & Bingley)"): a label written in the short form counts
    as right only when the detector made that link."""
    for c in claims:
        if c.start <= pos < c.end:
            return [
                m.group(1)
                for cue in c.cues
                if cue.startswith("speaker: ")
                for m in _LINK.finditer(cue)
                # a name's other form ("B&B", "Mr Ebbers"), never a role ("the coach = ..."):
                # a role linked to the wrong person would still match a role label
                if c.speaker is not None
                and m.group(2).strip() == c.speaker
                and not m.group(1).lower().startswith(("the ", "a ", "an ", "he", "she", "it", "they"))
            ]
    return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC, help="BBC News folder (category/NNN.txt)")
    ap.add_argument("--cases", type=Path, nargs="+", default=CASES, help="case files (default: both sets)")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument(
        "--plain-matcher", action="store_true", help='without "spokesman for X" = "X spokesman" (session 14)'
    )
    args = ap.parse_args(argv)
    global VOICE_EQUIVALENCE
    VOICE_EQUIVALENCE = not args.plain_matcher
    cases = [case for path in args.cases for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    if not args.corpus.is_dir():
        print(f"BBC corpus not found at {args.corpus}: BBC cases skipped")
    docs: dict[tuple[str, str], tuple[Document, list[Claim]]] = {}
    tally: dict[str, list[int]] = {}  # set -> [counted, labelled, given, right]
    errors: list[str] = []
    linked: dict[str, int] = {}  # set -> cases right through a link the detector made
    missing = 0  # cases whose sentence is not in their document
    for case in cases:
        key = (case["source"], case["path"])
        if key not in docs:
            if case["source"] == "bbc":
                path = args.corpus / case["path"]
                if not path.is_file():
                    continue
                doc = Document(
                    id=path.stem, text=path.read_text(encoding="utf-8", errors="replace"), title=""
                )
            else:
                doc = read_document(SEEDS, case["path"])
            docs[key] = (doc, detect_document(doc))
        doc, claims = docs[key]
        pos = case_position(doc.text, case)
        if pos is None:  # a case that points nowhere: named, the others still scored, exit 2
            where = case.get("anchor", case.get("offset"))
            print(f"{case['path']}: sentence not found: {where!r}", file=sys.stderr)
            missing += 1
            continue
        gold = case["speaker"]
        predicted = speaker_at(claims, pos)
        ok = same_speaker(predicted, gold)
        if not ok and any(same_speaker(f, gold) for f in linked_forms(claims, pos)):
            ok = True
            linked[case.get("set", "development")] = linked.get(case.get("set", "development"), 0) + 1
        t = tally.setdefault(case.get("set", "development"), [0, 0, 0, 0])
        t[0] += 1
        t[1] += gold is not None
        t[2] += predicted is not None
        t[3] += ok and predicted is not None
        if not ok:
            shown = case.get("anchor") or " ".join(doc.text[pos : pos + 80].split()[:8])
            errors.append(f"{case['path']}: {shown!r}: gold {gold!r}, given {predicted!r}")
    for name, (counted, labelled, given, right) in tally.items():
        p = right / given if given else 0.0
        r = right / labelled if labelled else 0.0
        print(
            f"{name} set: {counted} cases ({labelled} with a speaker, {counted - labelled} the writer's own)"
        )
        print(
            f"  precision {p:.3f} ({right}/{given})  recall {r:.3f} ({right}/{labelled})"
            f"  [{linked.get(name, 0)} right through a link the detector made]"
        )
        print(
            f"  precision >= {TARGET_PRECISION}: {'PASS' if p >= TARGET_PRECISION else 'FAIL'}; "
            f"recall >= {TARGET_RECALL}: {'PASS' if r >= TARGET_RECALL else 'FAIL'}"
        )
    if args.show_errors:
        print("\n".join(errors))
    if missing:
        print(f"{missing} case(s) not found in their documents: fix the case files", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
