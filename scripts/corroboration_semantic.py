"""Issue 17 experiment: does word meaning tell relevant corroborating passages apart?

Adds to each candidate passage of a ``benchmarks.corroboration_loso --dump`` the cosine of
mean-pooled static word vectors (WordLlama's token embeddings, MIT, read offline from the
installed wheel by ``claims_wordtable.load_wordllama``; truncated to the first ``dim``
dimensions, which WordLlama's Matryoshka training keeps meaningful) between the claim and

- the passage (``{v}``; also against the claim's best candidate, ``{v}_rel``, and that best,
  ``{v}_max``),
- the candidate article's lead (headline and first paragraph, ``{v}_lead``) and whole text
  (``{v}_doc``),

then reruns the nested leave-one-set-out of ``corroboration_loso.model_loso`` exactly as the
shipped model was chosen (same feature sets, strengths, thresholds and calibration rule), once
with the four feature sets as they are (before) and once with the semantic features added to
each (after), and prints both per set.

Two ways to embed a text (``--embed``):

- ``table`` (what could ship): a word table over a BBC-independent vocabulary (the 27,685
  words of the shipped claims model's meaning table, ``nkterm/data/claims_model.json``: the
  CheckThat! 2024 training words and WordLlama's whole-word tokens); a word's vector is the mean
  of its tokens' (encoded as a word inside a sentence); a text's vector is the IDF-weighted
  (``--weights idf``, the corpus IDF of the word's index term) or plain mean over its index
  words (``nkterm.analysis.analyze``: stop words out) that the table knows, centred on the
  table's mean vector (``--centre``);
- ``tokens``: WordLlama's own pooling (the raw text tokenised, every token's vector averaged):
  the upper bound of what a static table can give.

Needs the ``train`` extra and the BBC corpus. Development time only; nothing of it ships.

    .venv/bin/python -m benchmarks.corroboration_loso --index /tmp/bbcidx --dump /tmp/feats.jsonl
    .venv/bin/python scripts/corroboration_semantic.py /tmp/feats.jsonl --index /tmp/bbcidx --dim 128
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from claims_wordtable import load_wordllama  # noqa: E402

from benchmarks.compare_eval import BBC  # noqa: E402
from benchmarks.corroboration_loso import FEATURE_SETS, Counts, add, model_loso, show  # noqa: E402
from nkterm.analysis import analyze  # noqa: E402
from nkterm.index import Index  # noqa: E402

Embed = Callable[[str], np.ndarray]
Words = Callable[[str], list[tuple[str, np.ndarray, float]]]  # text -> (term, unit word vector, weight)


def table_embedder(index: Index, dim: int, weights: str, centre: bool) -> tuple[Embed, Words]:
    """``table`` embedding (see the module docstring), and the words of a text with their unit
    vectors and weights (for the word-by-word features)."""
    tok, table = load_wordllama()
    words = json.loads((ROOT / "nkterm" / "data" / "claims_model.json").read_text(encoding="utf-8"))[
        "meaning"
    ]["words"]
    words = [w for w in words if w[:1].isalpha()]
    enc = tok.encode_batch(words, add_special_tokens=False)  # type: ignore[attr-defined]
    vectors = np.stack([table[e.ids, :dim].mean(axis=0) for e in enc]).astype(np.float32)
    if centre:
        vectors -= vectors.mean(axis=0)
    row = {w: i for i, w in enumerate(words)}
    idf_cache: dict[str, float] = {}
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def weighed(text: str) -> list[tuple[str, int, float]]:
        """(index term, table row, weight) of each word of ``text`` the table knows."""
        found = [
            (term, i)
            for term, start, end in analyze(text)
            if (i := row.get(text[start:end].lower().replace("’", "'").removesuffix("'s"))) is not None
        ]
        if weights != "idf":
            return [(t, i, 1.0) for t, i in found]
        missing = sorted({t for t, _i in found if t not in idf_cache})
        if missing:
            idf_cache.update(index.idfs(missing))
        return [(t, i, idf_cache.get(t, 0.0)) for t, i in found]

    def known(text: str) -> list[tuple[str, np.ndarray, float]]:
        return [(t, units[i], w) for t, i, w in weighed(text)]

    def embed(text: str) -> np.ndarray:
        found = weighed(text)
        if not found:
            return np.zeros(dim, np.float32)
        w = np.array([x for _t, _i, x in found], np.float32)
        return (w[:, None] * vectors[[i for _t, i, _w in found]]).sum(axis=0) / max(float(w.sum()), 1e-9)

    return embed, known


def soft_recall(q: list[tuple[str, np.ndarray, float]], p: list[tuple[str, np.ndarray, float]]) -> float:
    """How much of the claim's words the passage says, a word by its closest one: the
    weight-averaged best cosine of each claim word with a passage word (1 for the same term)."""
    if not q or not p:
        return 0.0
    terms = {t for t, _v, _w in p}
    m = np.stack([v for _t, v, _w in p])
    total = sum(w for _t, _v, w in q) or 1.0
    return sum(w * (1.0 if t in terms else max(0.0, float((m @ v).max()))) for t, v, w in q) / total


def novel_cosine(q: list[tuple[str, np.ndarray, float]], p: list[tuple[str, np.ndarray, float]]) -> float:
    """The cosine of the weighted mean vectors of the words each side does not share: how near
    the rest of the passage's wording is to the rest of the claim's ("criticising" / "lambasted")."""
    shared = {t for t, _v, _w in q} & {t for t, _v, _w in p}
    a = [w * v for t, v, w in q if t not in shared]
    b = [w * v for t, v, w in p if t not in shared]
    if not a or not b:
        return 0.0
    return cosine(np.sum(a, axis=0), np.sum(b, axis=0))


def token_embedder(dim: int) -> Embed:
    """``tokens`` embedding: WordLlama's mean pooling of the raw text's tokens."""
    tok, table = load_wordllama()

    def embed(text: str) -> np.ndarray:
        ids = tok.encode(text, add_special_tokens=False).ids  # type: ignore[attr-defined]
        return table[ids, :dim].mean(axis=0) if ids else np.zeros(dim, np.float32)

    return embed


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else 0.0


def lead(text: str) -> str:
    """The headline and first paragraph of a BBC article (blocks between blank lines)."""
    return "\n\n".join(text.split("\n\n")[:2])


def add_features(
    data: list[dict[str, Any]], index: Index, embed: Embed, v: str, known: Words | None = None
) -> None:
    """Write the semantic features named ``v...`` into every candidate of ``data``."""
    texts: dict[str, str] = {}
    memo: dict[tuple[str, int, int], np.ndarray] = {}

    def vec(doc_id: str, start: int | None = None, end: int | None = None, part: str = "") -> np.ndarray:
        key = (f"{doc_id}#{part}", start or 0, end or 0)
        if key not in memo:
            if doc_id not in texts:
                texts[doc_id] = index.document(doc_id).text
            text = texts[doc_id]
            memo[key] = embed(lead(text) if part == "lead" else text[start:end])
        return memo[key]

    for claim in data:
        q = vec(claim["doc"], *claim["span"])
        sims = []
        for c in claim["candidates"]:
            f = c["features"]
            f[v] = cosine(q, vec(c["doc"], *c["span"]))
            f[f"{v}_lead"] = cosine(q, vec(c["doc"], part="lead"))
            f[f"{v}_doc"] = cosine(q, vec(c["doc"], part="doc"))
            if known is not None:
                qw = known(texts[claim["doc"]][slice(*claim["span"])])
                pw = known(texts[c["doc"]][slice(*c["span"])])
                f[f"{v}_soft"] = soft_recall(qw, pw)
                f[f"{v}_novel"] = novel_cosine(qw, pw)
            sims.append(f[v])
        best = max(sims, default=0.0)
        for c in claim["candidates"]:
            f = c["features"]
            f[f"{v}_rel"] = f[v] / best if best > 0 else 0.0
            f[f"{v}_max"] = best


def separation(data: list[dict[str, Any]], name: str) -> str:
    """Median of a feature over relevant and other candidate passages, and the AUC."""
    pos = np.array([c["features"][name] for cl in data for c in cl["candidates"] if c["relevant"]])
    neg = np.array([c["features"][name] for cl in data for c in cl["candidates"] if not c["relevant"]])
    auc = float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())
    return f"{name}: relevant median {np.median(pos):.3f}, others {np.median(neg):.3f}, AUC {auc:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path, help="corroboration_loso --dump output")
    parser.add_argument("--index", type=Path, required=True, help="Whoosh index of the BBC corpus")
    parser.add_argument("--embed", choices=("table", "tokens"), default="table")
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--weights", choices=("idf", "plain"), default="idf")
    parser.add_argument("--no-centre", dest="centre", action="store_false")
    parser.add_argument("--words", action="store_true", help="also the word-by-word features (soft, novel)")
    parser.add_argument("--out", type=Path, help="write the dump with the semantic features here")
    parser.add_argument("--skip-before", action="store_true", help="do not rerun the 'before' LOSO")
    args = parser.parse_args(argv)
    data = [json.loads(line) for line in args.features.read_text(encoding="utf-8").splitlines()]
    index = Index(BBC, args.index)
    known: Words | None = None
    if args.embed == "tokens":
        embed = token_embedder(args.dim)
    else:
        embed, known = table_embedder(index, args.dim, args.weights, args.centre)
    v = "wv"
    add_features(data, index, embed, v, known)
    if args.out:
        args.out.write_text("".join(json.dumps(c) + "\n" for c in data), encoding="utf-8")
    print(f"embedding: {args.embed}, dim {args.dim}, weights {args.weights}, centred {args.centre}")
    words = (f"{v}_soft", f"{v}_novel") if known is not None and args.words else ()
    for name in ("sim", "raw", "story", v, f"{v}_rel", f"{v}_lead", f"{v}_doc", *words):
        print("  " + separation(data, name))
    sem = (v, f"{v}_rel", f"{v}_max", f"{v}_lead", f"{v}_doc", *words)
    after_sets = {f"{k}+sem": (*names, *sem) for k, names in FEATURE_SETS.items()}
    runs: dict[str, dict[str, tuple[Counts, Counts]]] = {}
    if not args.skip_before:
        print("\n== before: the four feature sets as shipped ==")
        runs["before"] = model_loso(data)
    print("\n== after: each feature set with the semantic features ==")
    runs["after"] = model_loso(data, after_sets)
    print("\n| left out | rules | " + " | ".join(runs) + " |")
    totals = {k: (0, 0, 0, 0, 0, 0) for k in ("rules", *runs)}
    for s in runs["after"]:
        rules = runs["after"][s][0]
        totals["rules"] = add(totals["rules"], rules)
        cells = []
        for k, r in runs.items():
            totals[k] = add(totals[k], r[s][1])
            cells.append(short(r[s][1]))
        print(f"| {s} | {short(rules)} | " + " | ".join(cells) + " |")
    print("| pooled | " + " | ".join(short(t) for t in totals.values()) + " |")
    for k, t in totals.items():
        print(f"{k}: {show(t)}")
    return 0


def short(c: Counts) -> str:
    hits, returned, none_right, none_total, wrong, discussed = c
    return f"{hits}/{returned}, {none_right}/{none_total}, {wrong}/{discussed}"


if __name__ == "__main__":
    sys.exit(main())
