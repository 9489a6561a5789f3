"""The reader on files of other formats: a PDF shows where its pages begin, and the line below
the text names the page (or an e-book's chapter) under the cursor."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import SIZE, build_index, make_app, press, screen_text, settle
from tests.unit.format_files import write_epub, write_pdf


async def test_the_reader_shows_the_page_and_chapter_under_the_cursor(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_pdf(
        corpus / "report.pdf",
        [
            ["Prices at the Hyesan market rose sharply in the winter."],
            ["The railway yard at Sinuiju was busy."],
        ],
        title="Border Markets Report",
    )
    write_epub(
        corpus / "memoir.epub",
        "A Memoir of the North",
        "Lee Author",
        "2015",
        [("Chapter One", ["My father worked at the steel complex."]), ("Chapter Two", ["The famine began."])],
    )
    env = (corpus, build_index(corpus, tmp_path / "index"))
    app = make_app(env, "report")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "— p. 2 —" in text  # where the second page begins
        assert "p. 1 ·" in text or "· p. 1" in text  # the cursor on the first page
        await press(pilot, "j")
        assert "Sinuiju" in app.screen.reader.prepared.display[app.screen.reader.cursor.start :][:80]
        text = screen_text(app)
        assert "p. 2 ·" in text or "· p. 2" in text
        assert "p. 1 ·" not in text and "· p. 1" not in text
    app = make_app(env, "memoir")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "G")
        text = screen_text(app)
        assert "Chapter Two ·" in text or "· Chapter Two" in text
