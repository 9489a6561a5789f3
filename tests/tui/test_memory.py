"""Reading document after document must not pile up what the earlier ones left behind (issue
#7: RSS grew by 3-4 MB per document opened). Asserts on what is kept, not on RSS: the live
objects of the kinds that leaked or could leak, counted after a collection."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from nkterm.synthetic.text import generated_text
from nkterm.tui.view.document_layout import Prepared
from nkterm.tui.view.textlayout import WrappedText
from nkterm.tui.widgets.footer import MainFooter
from tests.tui.conftest import SIZE, build_index, make_app, press, settle

DOCS = 8


@pytest.fixture(scope="module")
def many_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Eight short generated reports, indexed (each opened once, three of them twice)."""
    root = tmp_path_factory.mktemp("many")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(DOCS):
        (corpus / f"report-{i:02d}.txt").write_text(f"Report number {i}\n\n" + generated_text(300, seed=i))
    return corpus, build_index(corpus, root / "index")


def _alive(kind: type | str) -> int:
    """Live objects of ``kind`` (a class, or a class's name: Textual's footer keys are not
    exported, and the tests import nothing private of Textual)."""
    gc.collect()
    if isinstance(kind, str):
        return sum(1 for obj in gc.get_objects() if type(obj).__name__ == kind)
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kind))


async def test_opening_many_documents_keeps_only_the_current_one(many_env: tuple[Path, Path]) -> None:
    app = make_app(many_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        ids = [s.id for s in app.summaries]
        assert len(ids) == DOCS
        for doc_id in ids + ids[:3]:
            screen.open_document(doc_id)
            await settle(pilot)
            assert screen.reader.doc_id == doc_id
            await press(pilot, "tab", "shift+tab")  # focus moves: the footer is composed again
        footer = screen.query_one(MainFooter)
        shown = len(footer.query("FooterKey"))
        assert shown > 0
        # the footer's removed keys are let go (Textual kept every one through a watcher)
        assert _alive("FooterKey") <= 2 * shown
        watchers = getattr(footer, "__watchers", {})
        assert all(not node._closing for entries in watchers.values() for node, _ in entries)
        # one laid-out document in the reader; a small cache of recent ones would be fine
        assert _alive(Prepared) <= 3
        assert _alive(WrappedText) <= 3
        assert len(screen.reader._cache) <= SIZE[1]  # the current document's lines on screen
