"""The sentence encoder (nkterm.compare.encoder): the real model, read from its installed wheel."""

from __future__ import annotations

import numpy as np

from nkterm.compare import encoder


def test_a_paraphrase_is_closer_than_another_topic() -> None:
    claim = "The government is to axe 162 quangos."
    paraphrase = "Ministers plan to abolish 162 public bodies."
    other = "Shares in the bank fell sharply after its profit warning."
    sims = encoder.cosines([claim], [paraphrase, other])
    assert sims.shape == (1, 2)
    assert sims[0, 0] > sims[0, 1] + 0.2


def test_vectors_are_unit_length_in_order_and_cached() -> None:
    texts = ["Campbell will run on next season.", "Campbell will run on next season.", "It rained."]
    vecs = encoder.vectors(texts)
    assert vecs.shape == (3, encoder.DIM)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    assert np.array_equal(vecs[0], vecs[1])
    assert not np.allclose(vecs[0], vecs[2])
    again = encoder.vectors(texts[2:])
    assert np.array_equal(again[0], vecs[2])


def test_empty_sides_give_an_empty_matrix() -> None:
    assert encoder.cosines([], ["a"]).shape == (0, 1)
    assert encoder.cosine("The talks failed.", "The talks failed.") > 0.99
