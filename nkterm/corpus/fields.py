"""A document's fields from its metadata: YAML front matter and sidecars (safe loading, no
aliases), title, date, source, authors, people, tags and sections, each checked, with a named
problem for every value ignored; date, source and place inferred where the metadata is silent
(``nkterm.corpus.inferred``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import re
from typing import Any, TypeGuard

import yaml

from nkterm.corpus.discover import MAX_TITLE, Entry, Problem
from nkterm.corpus.inferred import infer as infer_metadata
from nkterm.models import Document, Section

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[dict[str, Any], Problem | None]:
    data: Any = _UNREAD
    if _UNUSUAL.search(text) is None:
        with contextlib.suppress(Exception):  # whatever it is, the Python loader says it below
            data = _load(_FAST_LOADER, text)
    if data is _UNREAD:
        try:
            data = _load(_NoAliasSafeLoader, text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark is not None else None
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return {}, Problem(
                rel, "ignored", f"malformed metadata (YAML: {reason}); metadata inferred", line
            )
        except RecursionError:  # PyYAML composes nested collections recursively
            return {}, Problem(
                rel, "ignored", "malformed metadata (YAML nested too deeply); metadata inferred"
            )
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, Problem(rel, "ignored", f"metadata must be a YAML mapping, got {type(data).__name__}")
    return data, None


_UNREAD = object()
# What libyaml and PyYAML's Python parser read differently (a value, or an error for one and data
# for the other), found by comparing them on 350,000 random texts of YAML's signs: tabs, line
# breaks other than "\n", a byte-order mark inside, and the indicators of tags, block scalars,
# anchors, aliases and directives where a token may start (a lone "!", "|#"). Text with one is
# read by the Python loader alone (a title with " & " too: rare, and only slower).
_UNUSUAL = re.compile("[\t\r\x85\ufeff\u2028\u2029]|(?:^|[\\s\\[{,:?-])[!|>&*%@`]", re.M)


def _load(loader: Any, text: str) -> Any:
    reading = loader(text)
    try:
        return reading.get_single_data()
    finally:
        reading.dispose()


class _NoAliases:
    """Composing without anchors/aliases: metadata never needs them, and refusing them
    defuses "billion laughs" expansion bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in metadata", event.start_mark
            )
        return super().compose_node(parent, index)  # type: ignore[misc]


class _NoAliasSafeLoader(_NoAliases, yaml.SafeLoader):
    """PyYAML's safe loader in Python, without aliases: its problems (message and line) are the
    ones a document's metadata reports."""


if hasattr(yaml, "CSafeLoader"):
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class _NoAliasCLoader(_NoAliases, Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml's parser with PyYAML's composer (no aliases; ``RecursionError``, not libyaml's
        C recursion, on deep nesting), constructor and resolver: the same data as
        ``_NoAliasSafeLoader`` ~5x cheaper (front matter of the 20k benchmark corpus: 230 -> 43 us
        a document, ~4% of a build worker's CPU). Text it fails on is read again by the Python
        loader, whose problem is the one reported (libyaml words its errors differently)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    _FAST_LOADER: Any = _NoAliasCLoader
else:  # pragma: no cover - PyYAML without libyaml
    _FAST_LOADER = _NoAliasSafeLoader


# -- metadata -------------------------------------------------------------------------------


def build_document(
    entry: Entry,
    text: str,
    meta: dict[str, Any],
    content_hash: str,
    problems: list[Problem],
    origins: dict[str, str] | None = None,
) -> Document:
    where = entry.sidecar.name if entry.sidecar is not None else entry.rel

    def text_field(name: str) -> str:
        value = meta.get(name)
        if value is None:
            return ""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        problems.append(
            Problem(entry.rel, "ignored", f"{where}: field {name!r} must be text, got {type(value).__name__}")
        )
        return ""

    def list_field(*names: str) -> tuple[str, ...]:
        for name in names:
            value = meta.get(name)
            if value is None:
                continue
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
                return tuple(str(v).strip() for v in value if str(v).strip())
            problems.append(
                Problem(
                    entry.rel,
                    "ignored",
                    f"{where}: field {name!r} must be a list of text, got {type(value).__name__}",
                )
            )
        return ()

    title = text_field("title") or _infer_title(text, entry)
    date = _parse_date(meta.get("date"), entry, where, problems)
    origins = origins or {}
    raw_date = meta.get("date")
    year_only = isinstance(raw_date, int) or (isinstance(raw_date, str) and raw_date.strip().isdigit())
    source = text_field("source") or text_field("publisher")
    inferred = infer_metadata(
        entry.rel,
        text,
        meta_date=None if year_only else date,
        meta_date_from=origins.get("date", ""),
        meta_source=source,
        meta_source_from=origins.get("source") or origins.get("publisher", ""),
        meta_year=date.year if year_only and date else None,
    )
    sections = _parse_sections(meta.get("sections"), len(text), entry, where, problems)
    known = {"title", "source", "publisher", "author", "authors", "people", "date", "url", "tags", "sections"}
    extra = {k: v for k, v in meta.items() if k not in known and isinstance(k, str)}
    return Document(
        id=entry.id,
        text=text,
        title=title[:MAX_TITLE],
        path=entry.rel,
        source=inferred.source,
        authors=list_field("authors", "author"),
        people=list_field("people"),
        date=inferred.date,
        date_from=inferred.date_from,
        source_from=inferred.source_from,
        place=inferred.place,
        url=text_field("url"),
        tags=list_field("tags"),
        sections=sections,
        content_hash=content_hash,
        extra=extra,
    )


# A character reference left in a plain-text title by the page it was copied from ("&#163;1.8m",
# "communiqu&#233;", "&amp;"): only complete references (with their ";"), so "AT&T" and "R&D" stay.
_CHAR_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _infer_title(text: str, entry: Entry) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if "&" in line:
            line = _CHAR_REFERENCE.sub(lambda m: html.unescape(m.group()), line).strip()
        if line:
            return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1].rstrip() + "…"
    return entry.id


def _parse_date(value: Any, entry: Entry, where: str, problems: list[Problem]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    problems.append(
        Problem(entry.rel, "ignored", f"{where}: field 'date' is not a date (YYYY-MM-DD): {value!r:.60}")
    )
    return None


def _parse_sections(
    value: Any, length: int, entry: Entry, where: str, problems: list[Problem]
) -> tuple[Section, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(Problem(entry.rel, "ignored", f"{where}: field 'sections' must be a list"))
        return ()
    sections: list[Section] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            problems.append(Problem(entry.rel, "ignored", f"{where}: sections[{i}] must be a mapping"))
            continue
        start, end = item.get("start"), item.get("end", length)
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= length):
            problems.append(
                Problem(
                    entry.rel,
                    "ignored",
                    f"{where}: sections[{i}] needs 0 <= start < end <= {length}, got {start!r}..{end!r}",
                )
            )
            continue
        voice, kind, label = item.get("voice"), item.get("kind"), item.get("label")
        wrong = [
            k
            for k, v in (("voice", voice), ("kind", kind), ("label", label))
            if not isinstance(v, str | None)
        ]
        if wrong:
            problems.append(
                Problem(entry.rel, "ignored", f"{where}: sections[{i}]: {', '.join(wrong)} must be text")
            )
        sections.append(
            Section(
                start=start,
                end=end,
                voice=voice if isinstance(voice, str) and voice.strip() else None,
                kind=kind if isinstance(kind, str) and kind else "body",
                label=label if isinstance(label, str) else "",
            )
        )
    return tuple(sorted(sections, key=lambda s: s.start))


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
