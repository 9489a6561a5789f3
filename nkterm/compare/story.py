"""Story closeness: how near a candidate document is to the claim's own document, as the TF-IDF
cosine of their index terms (sublinear term frequency, the corpus's IDF).

Corroboration asks it of every candidate document: a passage that shares a claim's words in an
article about the claim's story ("Robinson criticised referee Kaplan" beside reports of that
match's refereeing) is far likelier to discuss the claim than one sharing the same names in an
article about other things ("President George W Bush" in a story about the dollar).
Must not import Textual, nor Whoosh directly.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from nkterm.analysis import analyze

StoryVector = dict[str, float]


def term_counts(text: str) -> Counter[str]:
    """How often each index term (stemmed, stop words out) occurs in ``text``; digit-only
    terms ("2004", "6") aside: dates and scores tell no story apart. Read-only (memoised)."""
    return _analysed(text)[0]


@functools.lru_cache(maxsize=512)
def _analysed(text: str) -> tuple[Counter[str], dict[str, str]]:
    """``term_counts`` and each term's first spelling in ``text``, memoised: the candidate
    documents of one story's claims are mostly the same articles."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for term, start, end in analyze(text):
        if not term.isdigit():
            counts[term] += 1
            spelled.setdefault(term, text[start:end])
    return counts, spelled


def story_words(text: str, vector: StoryVector, n: int) -> str:
    """The ``n`` heaviest words of ``text``'s story ``vector``, as written: what a search for
    other articles of the story asks for (rare words, whose postings are short)."""
    spelled = _analysed(text)[1]
    heaviest = sorted(vector, key=lambda t: (-vector[t], t))[:n]
    return " ".join(spelled[t] for t in heaviest if t in spelled)


def story_vector(counts: Mapping[str, int], idf: Mapping[str, float]) -> StoryVector:
    """The unit-length TF-IDF vector of a document's ``counts``: (1 + log tf) x idf, a term
    without an IDF in ``idf`` left out."""
    vector = {t: (1 + math.log(n)) * idf[t] for t, n in counts.items() if n > 0 and t in idf}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def closeness(a: StoryVector, b: StoryVector) -> float:
    """The cosine of two unit vectors: 1 the same words in the same proportions, 0 none shared."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def story_vectors(
    texts: Iterable[str], idfs: Callable[[list[str]], Mapping[str, float]]
) -> list[StoryVector]:
    """The story vectors of ``texts``, with one batch of IDF look-ups (``idfs``: terms -> IDF)."""
    counts = [term_counts(t) for t in texts]
    idf = idfs(sorted({t for c in counts for t in c}))
    return [story_vector(c, idf) for c in counts]
