"""The comparison list's rows for conflicts beside the one-to-one pairs (``Alignment.also_differs``)."""

from __future__ import annotations

from nkterm.compare import align
from nkterm.models import Document
from nkterm.tui.widgets.pair_list import AGREES, DIFFERS, ONLY_B, items_of

DENIAL = "Mr Hartley rejected allegations that he ordered finance chief Tom Sayer to falsify the accounts of Castellan."
ACCUSATION = "Tom Sayer told the jury that Mr Hartley ordered him to falsify the accounts of Castellan."


def _doc(doc_id: str, *sentences: str) -> Document:
    return Document(id=doc_id, text="\n".join(sentences) + "\n", title=doc_id)


def test_a_conflict_beside_the_pairs_is_a_differs_row_of_its_own() -> None:
    alignment = align(
        _doc("a", f"Speaking in court, {DENIAL}", "The trial in Leeds is expected to last two more weeks."),
        _doc(
            "b",
            f"Speaking in court on Monday, {DENIAL}",
            ACCUSATION,
            "Shares in the firm were suspended in 2003.",
        ),
    )
    items = items_of(alignment)
    kinds = [(item.kind, item.also) for item in items]
    assert kinds[0] == (AGREES, False)  # the denial and its near-identical version
    # the accusation: only in B among the one-to-one pairs, and a "differs" row beside them
    assert next(item.b.text for item in items if item.kind == ONLY_B and item.b is not None) == ACCUSATION
    also = [item for item in items if item.also]
    assert [(item.kind, item.b.text if item.b else "") for item in also] == [(DIFFERS, ACCUSATION)]
    assert also[0].a is not None and also[0].a.text.endswith(DENIAL)
    assert also[0] is items[-1]  # after what only one side says
