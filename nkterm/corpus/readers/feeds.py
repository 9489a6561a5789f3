"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): one document per entry, with its title,
authors, date and link, through feedparser (BSD-2). The feed is parsed from bytes already read
(feedparser fetches a URL only when given one as text, which never happens here); entry HTML
becomes text like any page. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import time
from typing import Any

from nkterm.corpus.readers.base import (
    Extracted,
    FileResult,
    ReaderError,
    clean_name_list,
    iso_date,
    record_key,
)
from nkterm.corpus.readers.web import html_text


def read_feed(raw: bytes, name: str) -> FileResult:
    import feedparser

    if not raw.strip():
        raise ReaderError("an empty feed file")
    parsed: Any = feedparser.parse(raw, resolve_relative_uris=False, sanitize_html=True)
    entries = list(parsed.get("entries") or [])
    version = parsed.get("version") or ""
    if not entries:
        why = parsed.get("bozo_exception")
        if why is not None or not version:
            raise ReaderError(f"not an RSS or Atom feed ({why or 'no feed elements found'})"[:300])
        raise ReaderError("a feed without entries")
    feed = parsed.get("feed") or {}
    site = " ".join(str(feed.get("title") or "").split())
    documents: list[Extracted] = []
    problems: list[tuple[str, str]] = []
    keys: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        link = str(entry.get("link") or "")
        title = " ".join(str(entry.get("title") or "").split())
        identity = str(entry.get("id") or link or f"{title}\0{entry.get('published', '')}")
        label = f"entry {number} ({link or title or identity})"[:200]
        html = ""
        for content in entry.get("content") or []:
            if content.get("value"):
                html = str(content["value"])
                break
        html = html or str(entry.get("summary") or "")
        text = html_text(html) if html else ""
        if not text:
            problems.append(("skipped", f"{label}: no text"))
            continue
        key = record_key(identity)
        if key in keys:
            keys[key] += 1
            key = record_key(identity, str(keys[key]))
        keys.setdefault(key, 1)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = time.strftime("%Y-%m-%d", stamp) if stamp else iso_date(str(entry.get("published") or ""))
        names = [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
        authors = tuple(n for n in names if n) or clean_name_list(entry.get("author"))
        documents.append(
            Extracted(
                text=text,
                key=key,
                title=title or text.split("\n", 1)[0][:120],
                authors=tuple(" ".join(a.split()) for a in authors),
                date=date,
                source=site,
                url=link,
            )
        )
    if not documents:
        raise ReaderError("no entry of the feed has text")
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        problems.append(("repaired", f"read despite an error in the feed: {parsed['bozo_exception']}"[:300]))
    return FileResult(documents, problems)
