"""HTML pages (``.html``, ``.htm``, ``.xhtml``): the article without navigation, banners,
share buttons, comments or footers, with its title, authors, date, site and URL.

trafilatura does the work (Apache-2.0; measured ~2.5 ms for a news page here). It is called on
bytes already read, never with a URL, and with a configuration that turns off its one
time limit (a signal alarm that would break in a thread): nothing here touches the network.
The time and memory caps come from ``nkterm.corpus.readers.capped``. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import functools
from configparser import ConfigParser
from typing import Any

from nkterm.corpus.readers.base import (
    Extracted,
    FileResult,
    ReaderError,
    clean_name_list,
    iso_date,
    join_blocks,
)


@functools.cache
def _config(whole_text: bool = False) -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signal-based, CLI only
    if whole_text:
        # Below MIN_EXTRACTED_SIZE characters trafilatura "rescues" a page with its baseline,
        # which keeps everything, menus and footers included: a short article, a chapter or a
        # feed entry is not a failed extraction (a 60-character story kept its navigation)
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def extract_page(content: bytes | str, url: str | None = None) -> Extracted | None:
    """The main text and metadata of one HTML page; None when it has no text at all."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        config=_config(whole_text=True),
    )
    text = join_blocks(doc.text.splitlines()) if doc is not None and doc.text else ""
    if not text:
        text = html_text(content)
        if not text:
            return None
        return Extracted(text=text)
    return Extracted(
        text=text,
        title=" ".join((doc.title or "").split()),
        authors=clean_name_list(doc.author),
        date=iso_date(doc.date or ""),
        source=" ".join((doc.sitename or doc.hostname or "").split()),
        url=(doc.url or url or "").strip(),
    )


def html_text(content: bytes | str) -> str:
    """The text of an HTML fragment or a chapter, paragraph by paragraph: everything but
    scripts, styles and the like (a feed entry or an e-book chapter has no page furniture)."""
    import trafilatura

    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    head = content[:4096].lower()
    if b"<body" not in head and b"<html" not in head:
        content = b"<html><body>" + content + b"</body></html>"
    try:
        doc: Any = trafilatura.bare_extraction(
            content,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            config=_config(whole_text=True),
        )
        text = doc.text if doc is not None and doc.text else ""
        if not text:
            text = trafilatura.html2txt(content, clean=True) or ""
    except Exception:  # noqa: BLE001 - a fragment lxml cannot parse has no text for us
        return ""
    return join_blocks(text.splitlines())


def read_html(raw: bytes, name: str) -> FileResult:
    page = extract_page(raw)
    if page is None:
        raise ReaderError("no text found in this HTML page")
    return FileResult([page])
