"""WordLlama embeddings folded into a per-word table (training time only; see train_claims.py).

WordLlama (MIT) ships its weights (``l2_supercat_256.safetensors``, 32,000 x 256 float16) and its
tokenizer inside the wheel, but ``WordLlama.load()`` looks for the tokenizer in a folder that does
not exist and then downloads it: ``load_wordllama`` opens the packaged files directly (path from
``importlib.util.find_spec``, the package is never imported), so nothing touches the network.

The embedding of a sentence is the mean of its tokens' vectors. A linear model on it scores
``mean_t(E[t]) . v`` (``v`` = coefficient / standard deviation; the mean's offset goes into the
bias). For a sentence given as nkterm's lower-cased words, ``sum_w S[w] / sum_w n[w]`` where
``S[w]`` is the sum of the vectors of the tokens of ``w`` (encoded as a word with its leading
space, as inside a sentence) and ``n[w]`` their count, so the score is ``sum_w U[w] / sum_w n[w]``
with ``U[w] = S[w] . v``: one dict lookup per word at run time. A word missing from the table is
spelt out character by character when it does not start with a letter (numbers: Llama splits
digits, so "2020" is exact) and otherwise left out. Owns: loading the packaged files, the vocabulary, the
table, the table embedding (what the model is trained on) and the exact token embedding (what it
approximates).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

LEAD = "▁"  # SentencePiece's word-start mark: a word's first token carries it
_ALPHA = re.compile(r"^[a-z][a-z'\-]*$")


def load_wordllama() -> tuple[object, np.ndarray]:
    """(tokenizer, token vectors as float32) from the installed wheel, offline."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("train_claims: WordLlama features need `pip install -e '.[train]'`")
    pkg = Path(spec.submodule_search_locations[0])
    tok = Tokenizer.from_file(str(pkg / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    table = load_file(str(pkg / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    return tok, table.astype(np.float32)


def exact_embed(tok: object, table: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """The mean token vector of each raw text (what ``WordLlamaInference.embed(norm=False)`` gives)."""
    ids = [e.ids for e in tok.encode_batch(list(texts), add_special_tokens=False)]  # type: ignore[attr-defined]
    out = np.zeros((len(ids), table.shape[1]), np.float32)
    for i, row in enumerate(ids):
        if row:
            out[i] = table[row].mean(axis=0)
    return out


def vocabulary(word_lists: Iterable[Sequence[str]], tok: object, min_count: int = 1) -> list[str]:
    """Every lower-case word form seen ``min_count`` times in ``word_lists`` plus every whole-word
    token of the tokenizer's vocabulary (``▁said`` -> "said"), sorted."""
    counts: Counter[str] = Counter()
    for words in word_lists:
        counts.update(words)
    vocab = {w for w, c in counts.items() if c >= min_count and not w[0].isdigit()}
    for piece in tok.get_vocab():  # type: ignore[attr-defined]
        if piece.startswith(LEAD) and _ALPHA.match(piece[1:].lower()):
            vocab.add(piece[1:].lower())
    return sorted(vocab)


class WordTable:
    """Sums of token vectors per word (``S``) and token counts (``n``) for a vocabulary, plus the
    single characters (for the spelt-out fallback) and the bare word-start token."""

    def __init__(self, tok: object, table: np.ndarray, words: Sequence[str]) -> None:
        self.words = list(words)
        self.index = {w: i for i, w in enumerate(self.words)}
        enc = tok.encode_batch(self.words, add_special_tokens=False)  # type: ignore[attr-defined]
        self.n = np.array([len(e.ids) for e in enc], np.float32)
        self.s = np.zeros((len(self.words), table.shape[1]), np.float32)
        for i, e in enumerate(enc):
            self.s[i] = table[e.ids].sum(axis=0)
        vocab = tok.get_vocab()  # type: ignore[attr-defined]
        self.lead = table[vocab[LEAD]]
        # single characters that are tokens of their own (digits, punctuation, letters)
        self.chars = {p: table[i] for p, i in vocab.items() if len(p) == 1 and p != LEAD}

    def spelt(self, word: str) -> tuple[np.ndarray, int] | None:
        """The fallback for a word not in the table: the word-start token and one token per
        character (exact for numbers: Llama splits digits), or None for a word that starts with
        a letter (left out: spelling it out would over-count its tokens) or has a character that
        is no token."""
        if word[0].isalpha() or not all(c in self.chars for c in word):
            return None
        return self.lead + sum((self.chars[c] for c in word), np.zeros_like(self.lead)), 1 + len(word)

    def embed(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(mean vector per sentence from the table, share of its words the table knew)."""
        out = np.zeros((len(sentences), self.s.shape[1]), np.float32)
        known = np.zeros(len(sentences))
        get = self.index.get
        for k, words in enumerate(sentences):
            total = np.zeros(self.s.shape[1], np.float32)
            count = 0.0
            hits = 0
            for w in words:
                i = get(w)
                if i is not None:
                    total += self.s[i]
                    count += self.n[i]
                    hits += 1
                elif (sp := self.spelt(w)) is not None:
                    total += sp[0]
                    count += sp[1]
            if count:
                out[k] = total / count
            known[k] = hits / len(words) if words else 1.0
        return out, known

    def fold(self, v: np.ndarray) -> tuple[dict[str, float], dict[str, int], dict[str, float], float]:
        """The table for run time: word -> U (S . v), word -> n, char -> u, word-start token u."""
        u = self.s @ v
        words = {w: float(u[i]) for i, w in enumerate(self.words)}
        counts = {w: int(self.n[i]) for i, w in enumerate(self.words)}
        chars = {c: float(vec @ v) for c, vec in self.chars.items()}
        return words, counts, chars, float(self.lead @ v)
