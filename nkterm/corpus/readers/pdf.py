"""PDF files: text page by page with pypdf (BSD, pure Python), the Info metadata, and each
page's place in the text, labelled as the PDF numbers its pages ("p. iv", "p. 12").

Lines of a page are joined back into paragraphs (a PDF stores lines, and nkterm reads every
line as a paragraph): a line ends its paragraph when the next is blank, or when it ends a
sentence and is clearly shorter than the page's lines. A PDF without a text layer (a scan)
is refused with a pointer to OCR; an encrypted one that opens without a password is read,
any other is refused. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import io
import logging
import re

from nkterm.corpus.readers.base import Extracted, FileResult, ReaderError, clean_name_list, iso_date
from nkterm.models import Part

OCR_HINT = "it has no text layer (a scanned document?): it needs OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


def read_pdf(raw: bytes, name: str) -> FileResult:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns on every repaired xref
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - e.g. AES without the cryptography package
                raise ReaderError(f"encrypted PDF that nkterm cannot open ({exc})") from None
            if not opened:
                raise ReaderError("encrypted PDF (it needs a password): save an unprotected copy")
        pages = list(reader.pages)
    except ReaderError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ReaderError(f"not a readable PDF ({type(exc).__name__}: {exc})".rstrip()) from None
    if not pages:
        raise ReaderError("a PDF without pages")
    labels = _page_labels(reader, len(pages))
    problems: list[tuple[str, str]] = []
    chunks: list[str] = []
    parts: list[Part] = []
    pos = 0
    for number, page in enumerate(pages):
        try:
            text = _reflow(page.extract_text() or "")
        except Exception as exc:  # noqa: BLE001 - one broken page must not cost the others
            problems.append(
                ("skipped", f"page {number + 1}: text could not be extracted ({type(exc).__name__})")
            )
            continue
        if not text:
            continue
        if chunks:
            pos += 2  # the blank line between pages
        chunks.append(text)
        parts.append(Part(pos, pos + len(text), "page", f"p. {labels[number]}"))
        pos += len(text)
    body = "\n\n".join(chunks)
    if sum(c.isalpha() for c in body) < 5 * len(pages):  # nothing, or page numbers of a scan
        raise ReaderError(OCR_HINT)
    info = _info(reader)
    return FileResult(
        [
            Extracted(
                text=body,
                title=info.get("title", ""),
                authors=clean_name_list(info.get("author")),
                date=iso_date(info.get("date", "")),
                source="",
                parts=tuple(parts),
            )
        ],
        problems,
    )


def _info(reader: object) -> dict[str, str]:
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a broken Info dictionary: no metadata, the text still counts
        return {}
    if not meta:
        return {}
    out: dict[str, str] = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/CreationDate", "date")):
        try:
            value = meta.get(key)
        except Exception:  # noqa: BLE001, S112 - one broken field: the others still count
            continue
        if isinstance(value, str) and value.strip():
            out[name] = " ".join(str(value).split())
    return out


def _page_labels(reader: object, count: int) -> list[str]:
    try:
        labels = list(reader.page_labels)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a broken /PageLabels tree: number the pages
        labels = []
    if len(labels) != count or not all(isinstance(x, str) and x.strip() for x in labels):
        return [str(i + 1) for i in range(count)]
    return [" ".join(x.split()) for x in labels]


def _reflow(text: str) -> str:
    """The lines of a page as paragraphs separated by blank lines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    widths = [len(x) for x in lines if x]
    if not widths:
        return ""
    typical = sorted(widths)[int(len(widths) * 0.8)]  # most lines of a page run to its width
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and line[:1].islower() and current[-2:-1].isalpha():
            current = current[:-1] + line  # a word hyphenated at the line's end
        else:
            current = current + " " + line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        ends_sentence = bool(_SENTENCE_END.search(line)) and len(line) < 0.75 * typical
        heading = len(line) < 0.6 * typical and following[:1].isupper() and not line.endswith(",")
        if ends_sentence or heading:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)
