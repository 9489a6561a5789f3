"""Word documents (``.docx``): paragraphs and tables in document order with python-docx (MIT),
the core properties (title, author, created), and each heading's stretch of the text as a
part labelled by the heading. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import io
from typing import Any

from nkterm.corpus.readers.base import Extracted, FileResult, ReaderError, clean_name_list, iso_date
from nkterm.corpus.readers.zipped import open_zip
from nkterm.models import Part


def read_docx(raw: bytes, name: str) -> FileResult:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    open_zip(raw, "a Word document (.docx)")  # refuses non-zips and zip bombs before python-docx
    try:
        document: Any = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReaderError(f"not a Word document (.docx) ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - lxml errors on a damaged document part
        raise ReaderError(f"a damaged Word document ({type(exc).__name__}: {exc})") from None

    blocks: list[tuple[str, str]] = []  # (text, heading level or "")
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))
                line = " | ".join(c for c in cells if c)
                if line:
                    blocks.append((line, ""))
            continue
        text = " ".join(item.text.split())
        if not text:
            continue
        style = getattr(getattr(item, "style", None), "name", "") or ""
        heading = style if style.startswith("Heading") or style == "Title" else ""
        blocks.append((text, heading))
    if not blocks:
        raise ReaderError("a Word document without text")

    chunks: list[str] = []
    parts: list[Part] = []
    heading_at: list[tuple[int, str]] = []
    pos = 0
    for text, heading in blocks:
        if chunks:
            pos += 2
        if heading and heading != "Title":
            heading_at.append((pos, text[:80]))
        chunks.append(text)
        pos += len(text)
    for i, (start, label) in enumerate(heading_at):
        end = heading_at[i + 1][0] - 2 if i + 1 < len(heading_at) else pos
        parts.append(Part(start, max(end, start + 1), "heading", label))

    props = document.core_properties
    title = " ".join((props.title or "").split())
    if not title:
        title = next((text for text, heading in blocks if heading), "")
    return FileResult(
        [
            Extracted(
                text="\n\n".join(chunks),
                title=title,
                authors=clean_name_list(props.author),
                date=iso_date(props.created) if props.created else "",
                source="",
                parts=tuple(parts),
            )
        ]
    )
