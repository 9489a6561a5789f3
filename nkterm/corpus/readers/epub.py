"""EPUB e-books: the OPF metadata (dc:title, dc:creator, dc:date, dc:publisher) and the chapters
in spine order, each chapter's text through trafilatura, each chapter's place in the text kept
(labelled by its heading or the book's table of contents).

Standard library only for the container (zipfile, ElementTree; expat refuses entity
expansion bombs): ebooklib is AGPL and not for this MIT project. Must not import Textual or
Whoosh.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from nkterm.corpus.readers.base import Extracted, FileResult, ReaderError, iso_date
from nkterm.corpus.readers.web import html_text
from nkterm.corpus.readers.zipped import open_zip, read_member
from nkterm.models import Part

_HTML_TYPES = ("application/xhtml+xml", "text/html")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes, name: str) -> ET.Element:
    try:
        return ET.fromstring(data)  # noqa: S314 - expat >= 2.4 limits entity amplification
    except ET.ParseError as exc:
        raise ReaderError(f"{name} is not well-formed XML ({exc})") from None


def read_epub(raw: bytes, name: str) -> FileResult:
    archive = open_zip(raw, "an EPUB e-book")
    container = _parse(read_member(archive, "META-INF/container.xml"), "META-INF/container.xml")
    rootfile = next((e.get("full-path") for e in container.iter() if _local(e.tag) == "rootfile"), None)
    if not rootfile:
        raise ReaderError("META-INF/container.xml names no package (OPF) file")
    opf = _parse(read_member(archive, rootfile), rootfile)
    base = posixpath.dirname(rootfile)

    meta: dict[str, list[str]] = {}
    manifest: dict[str, tuple[str, str]] = {}
    spine: list[str] = []
    for el in opf.iter():
        tag = _local(el.tag)
        if tag in ("title", "creator", "date", "publisher", "identifier") and el.text and el.text.strip():
            meta.setdefault(tag, []).append(" ".join(el.text.split()))
        elif tag == "item" and el.get("id") and el.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(el.get("href", ""))))
            manifest[el.get("id", "")] = (href, el.get("media-type", ""))
        elif tag == "itemref" and el.get("idref"):
            spine.append(el.get("idref", ""))

    problems: list[tuple[str, str]] = []
    chunks: list[str] = []
    parts: list[Part] = []
    pos = 0
    for number, idref in enumerate(spine, 1):
        href, media = manifest.get(idref, ("", ""))
        if not href or media not in _HTML_TYPES:
            continue
        try:
            data = read_member(archive, href)
        except ReaderError as exc:
            problems.append(("skipped", f"chapter {number} ({href}): {exc}"))
            continue
        text = html_text(data)
        if not text:
            continue
        label = _chapter_label(data, text, number)
        if not text.startswith(label) and not label.startswith("chapter "):
            text = f"{label}\n\n{text}"  # the extractor drops a heading that repeats the <title>
        if chunks:
            pos += 2
        chunks.append(text)
        parts.append(Part(pos, pos + len(text), "chapter", label))
        pos += len(text)
    if not chunks:
        raise ReaderError("an EPUB without readable chapters (no XHTML text in its spine)")
    return FileResult(
        [
            Extracted(
                text="\n\n".join(chunks),
                title=(meta.get("title") or [""])[0],
                authors=tuple(dict.fromkeys(meta.get("creator", []))),
                date=iso_date((meta.get("date") or [""])[0]),
                source=(meta.get("publisher") or [""])[0],
                parts=tuple(parts),
            )
        ],
        problems,
    )


def _chapter_label(data: bytes, text: str, number: int) -> str:
    """The chapter's first heading, else its first line if short, else "chapter N"."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.fromstring(data)
        headings = tree.xpath("//*[local-name()='h1' or local-name()='h2' or local-name()='h3']")
    except (lxml.etree.LxmlError, ValueError):
        headings = []
    for heading in headings:
        label = " ".join(heading.text_content().split())
        if label:
            return label[:80]
    first = text.split("\n", 1)[0]
    return first[:80] if len(first) <= 80 else f"chapter {number}"
