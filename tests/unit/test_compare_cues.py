"""The quick forms of the comparison's cues (``nkterm.compare.words.negation_cues``,
``denial_in``, ``first_letters``), the name runs of a passage, and ``align`` pausing the cycle
collector: each must give exactly what the plain form gives."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.compare import align, clear_caches
from nkterm.compare.actors import DENIAL_CUE_ASCII_RE, DENIAL_CUE_RE
from nkterm.compare.units import (
    _NUMBER_WORD_ASCII_RE,
    _NUMBER_WORD_RE,
    _name_runs,
)
from nkterm.compare.words import (
    DENIAL_RE,
    NEGATION_RE,
    denial_in,
    first_letters,
    negation_cues,
    negations_and_denial,
)
from nkterm.models import Document
from tests.counts import examples

SENTENCES = [
    "He did not deny it, but nobody believed him.",
    "They DON'T know; she won’t say and he can't tell.",
    "The firm declined to comment and refuses calls to resign; it failed to pay.",
    "Officials rejected the claims and dismissed them, saying he was not guilty and unaware.",
    "None of the twenty-one visitors saw anything; one guide never left, no longer there.",
    "Hardly anyone cannot see it. N'T 'nt x'n't",
    "Москва: нет, not ноt; Denied refuted DENIES",
    "Twelve Nineteen SEVENTY eighty-eight zero ones tens",
    "",
]


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_quick_cues_find_what_the_plain_patterns_find(text: str) -> None:
    assert _spans(negation_cues(text)) == _spans(NEGATION_RE.finditer(text))
    found, plain = denial_in(text), DENIAL_RE.search(text)
    assert (found and found.span()) == (plain and plain.span())
    cues, denied = negations_and_denial(text)
    assert (_spans(cues), denied) == (_spans(NEGATION_RE.finditer(text)), plain is not None)
    if text.isascii():
        assert _spans(_NUMBER_WORD_ASCII_RE.finditer(text)) == _spans(_NUMBER_WORD_RE.finditer(text))
        assert _spans(DENIAL_CUE_ASCII_RE.finditer(text)) == _spans(DENIAL_CUE_RE.finditer(text))


def test_the_cues_are_found_at_all() -> None:
    # (so that the comparisons above compare something)
    assert [m.group() for m in negation_cues(SENTENCES[1])] == ["DON'T", "won’t", "can't"]
    assert [m.group() for m in negation_cues(SENTENCES[2])][:2] == ["declined to", "refuses calls to"]
    found = [m.group() for m in _NUMBER_WORD_ASCII_RE.finditer(SENTENCES[7])]
    assert found == ["Twelve", "Nineteen", "SEVENTY", "eighty", "eight", "zero"]


_WORDS = ["not", "no", "don't", "can’t", "declines to", "refused calls to", "denied", "Rejects", "one", "refutes",
          "twenty", "unaware", "no longer", "note", "nothing", "x", "Kim", "1998", ",", ".", "'", "n't"]  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from([" ", "", "  ", "-", "\t"]))
def test_the_quick_cues_agree_on_any_mixture(words: list[str], glue: str) -> None:
    text = glue.join(words)
    assert _spans(negation_cues(text)) == _spans(NEGATION_RE.finditer(text))
    found, plain = denial_in(text), DENIAL_RE.search(text)
    assert (found and found.span()) == (plain and plain.span())
    cues, denied = negations_and_denial(text)
    assert (_spans(cues), denied) == (_spans(NEGATION_RE.finditer(text)), plain is not None)
    assert _spans(_NUMBER_WORD_ASCII_RE.finditer(text)) == _spans(_NUMBER_WORD_RE.finditer(text))
    assert _spans(DENIAL_CUE_ASCII_RE.finditer(text)) == _spans(DENIAL_CUE_RE.finditer(text))


def test_first_letters_only_adds_a_look_ahead() -> None:
    quick = first_letters(r"(?:cat|dog)\b", "cd")
    assert _spans(quick.finditer("A Cat, a dog and a catalogue; DOG")) == _spans(
        re.finditer(r"\b(?:cat|dog)\b", "A Cat, a dog and a catalogue; DOG", re.IGNORECASE)
    )


def _analysed(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Kim Jong Un met Malcolm Glazer at the Football Association.", [[0, 1, 2], [4, 5], [8, 9]]),
        ("The leader met them.", []),
        # "O'Neill" is two words here, and an apostrophe breaks a run
        ("Kim-Jong said O'Neill Smith and Kim  Jong\tUn", [[0, 1], [4, 5], [7, 8, 9]]),
        ("In Seoul, Park said The Times", []),  # "The" is a function word: no run
        ("In Seoul, Park Geun Hye said The New York Times", [[2, 3, 4], [7, 8, 9]]),
        ("Glazer", []),
    ],
)
def test_name_runs_are_capitalised_neighbours(text: str, runs: list[list[int]]) -> None:
    analysed = _analysed(text)
    found = _name_runs(text, analysed)
    assert sorted({tuple(r) for r in found.values()}) == [tuple(r) for r in runs]
    assert all(found[k] == run for run in runs for k in run)


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, title=doc_id)


def test_align_leaves_the_cycle_collector_as_it_found_it() -> None:
    a = _doc("a", "The guides did not allow photographs of the soldiers.\n")
    b = _doc("b", "The guides did not allow photographs of the soldiers.\n")  # identical: always paired
    assert gc.isenabled()
    clear_caches()
    assert align(a, b).pairs
    assert gc.isenabled()
    gc.disable()
    try:
        align(a, b)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _plain_shingles(text: str) -> list[int]:
    """The shingles as first written: each word casefolded, a tuple sliced at every position."""
    from nkterm.compare.params import SHINGLE

    words = [w.casefold() for w in re.findall(r"\w+", text)]
    return [hash(tuple(words[i : i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))]


@pytest.mark.parametrize(
    "text",
    [
        "The Ryongsong Machine Complex has OVERFULFILLED its plan, workers told visitors.",
        "İstanbul and the Straße: ﬁne words. Kim Chŏng-ŭn visited the ΣΊΣΥΦΟΣ works today, twice.",
        "Too short here",
        "",
    ],
)
def test_shingles_are_the_casefolded_five_word_tuples(text: str) -> None:
    from nkterm.compare.independence import _shingles

    _shingles.cache_clear()
    hashes, as_set = _shingles(text)
    assert hashes == _plain_shingles(text)
    assert as_set == frozenset(hashes)


def test_weights_from_a_batch_of_corpus_idf_equal_those_looked_up_one_by_one(tmp_path: Path) -> None:
    from nkterm.compare.params import MIN_CORPUS_DOCS
    from nkterm.compare.results import Passage
    from nkterm.compare.similarity import CorpusIdf, make_weights
    from nkterm.compare.units import unit_of
    from nkterm.index import Index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    towns = ["Sinuiju", "Wonsan", "Hamhung", "Kaesong", "Nampo"]
    for i in range(MIN_CORPUS_DOCS):
        (corpus / f"f{i}.txt").write_text(
            f"Market prices in {towns[i % 5]} rose again in week {i} of the harvest, Kim Jong Un said.\n"
        )
    index = Index(corpus, tmp_path / "ix")
    index.update()
    texts = [
        "Kim Jong Un made a visit to Sinuiju, where 4,000 people had left their homes.",  # a name run
        "Prices rose again in the market of Wonsan and the harvest was said to be good.",  # common words
        "Nobody in Pyongyang knew of the unheard-of floods near the river.",  # words no document has
    ]
    clear_caches()
    units = [unit_of(Passage(0, len(t), t)) for t in texts]
    n = index.doc_count()
    batched = make_weights(units, (CorpusIdf(index), n))
    by_term = [dict(u.weights) for u in units]
    one_by_one = make_weights(units, (index.idf, n))
    assert [dict(u.weights) for u in units] == by_term
    stems = {s for u in units for stems in u.keys.values() for s in stems}
    assert {s: batched(s) for s in stems} == {s: one_by_one(s) for s in stems}
    assert any(k.startswith("@") for u in units for k in u.keys)  # a name of several words was weighed


PAIR_TEXTS = [
    "Officials in Sinuiju said 4,000 people had left their homes after the Yalu river flooded.",
    "Some 4,000 residents of Sinuiju fled rising water from the Yalu on Monday, officials said.",
    "The floods in Sinuiju forced thousands from their homes, according to state media.",
    "Kim Jong Un visited the flooded areas and ordered new homes to be built by October.",
    "The leader toured the flooded areas and told officials to rebuild the homes quickly.",
    "Rice prices in Pyongyang markets rose sharply after the harvest failed in the north.",
    "Prosecutors charged Petrov with fraud; Petrov denied the charges through his lawyer.",
    "Petrov was cleared of fraud by the court in Sofia on Tuesday.",
]


def test_the_similarity_bound_is_never_under_the_similarity() -> None:
    from nkterm.compare.results import Passage
    from nkterm.compare.similarity import make_weights, shared_keys, similarity_bound
    from nkterm.compare.units import unit_of

    clear_caches()
    units = [unit_of(Passage(0, len(t), t)) for t in PAIR_TEXTS]
    weigh = make_weights(units, None)
    gaps = []
    for a in units:
        for b in units:
            sim, _shared = shared_keys(a, b, weigh)
            bound = similarity_bound(a, b)
            assert bound >= sim
            gaps.append((bound - sim, sim))
    # a bound, not a constant: equal to the similarity when the shared keys are the same words
    # (most pairs), above it when they meet through related words ("visited" / "toured")
    assert any(g == 0 and 0 < s < 1 for g, s in gaps)
    assert any(g > 0 for g, _s in gaps)
    assert all(similarity_bound(a, a) == shared_keys(a, a, weigh)[0] for a in units)
