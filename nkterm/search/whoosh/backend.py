"""Searching the Whoosh index: ranked hits with snippets and offsets, unscored cached filters
(``date:``, ``source:``, ``kind:``, ``tag:``), the timeline, the words a document matches, did
you mean. ``WhooshBackend`` is the ``nkterm.search.api.SearchBackend`` the library talks to;
no Whoosh object leaves it (hits are ``nkterm.models`` dataclasses)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from whoosh import query
from whoosh.searching import Searcher

from nkterm.catalog import CatalogDamaged
from nkterm.errors import IndexError
from nkterm.models import Document, Hit, Part, SearchResult, Span
from nkterm.queryfilters import Filters
from nkterm.querytext import make_snippet
from nkterm.search.api import UNRUNNABLE_QUERY
from nkterm.search.query import one_line, prepare
from nkterm.search.querytree import Request
from nkterm.search.whoosh.collect import mask_of, newest, postings_read, scored
from nkterm.search.whoosh.matching import body_terms, expand_fuzzy, match_spans
from nkterm.search.whoosh.names import also_spelled, expand_names
from nkterm.search.whoosh.parsing import Translator
from nkterm.search.whoosh.store import WhooshStore
from nkterm.search.whoosh.suggest import suggest as suggest_words

if TYPE_CHECKING:
    import numpy as np

_DAY_US = 86_400_000_000  # microseconds in a day: Whoosh stores datetimes as microseconds since 0001-01-01
_MAX_DAY = dt.date.max.toordinal()  # past it, a value is no date (a column's default)


class WhooshBackend(WhooshStore):
    """The embedded search backend: a corpus's Whoosh index, searched.

    ``vectorised`` (the default): queries of terms, phrases and prefixes are scored with numpy
    over whole posting lists (``collect``), the fastest per query once numpy is loaded (~80 ms
    CPU to import). False: every query is scored by Whoosh's own matchers, the same scores and
    order, and numpy is loaded only for what needs it (filters as arrays, the timeline) and
    for a query that reads more than ``VECTORISE_AT`` postings: for a process that asks one
    question (``nkterm search``)."""

    vectorised = True
    # Whoosh's matchers cost ~4-20 µs a posting read (20k, one question: AND 3.7, OR 6.4,
    # prefix ~20), numpy's scoring ~1 µs after ~80 ms CPU to import it: past ~12,000 postings
    # (four common words OR'd: 33,000, 372 -> 237 ms) importing numpy pays for itself
    VECTORISE_AT = 12_000

    def _allowed(self, searcher: Searcher, filters: Filters) -> set[int]:
        """The documents ``filters`` let through (cached per searcher: a filter is a set lookup
        after its first use)."""
        cache: dict[tuple[object, ...], set[int]] = self._local.filters  # never changed once made
        found = cache.get(filters.key)
        if found is None:
            parts: list[Any] = [query.Term("source", w) for w in filters.sources]
            parts += [query.Term("kind", k) for k in filters.kinds]
            parts += [query.Term("tags", t) for t in filters.tags]
            dated: set[int] | None = None
            if filters.has_date:  # from the per-searcher day array, not a range of date terms
                lo = filters.date_from.toordinal() if filters.date_from else 0
                hi = filters.date_to.toordinal() if filters.date_to else 1 << 30
                days = self._doc_dates(searcher)[1]
                dated = {d for d, day in enumerate(days) if lo <= day <= hi}
            found = set(searcher.docs_for_query(query.And(parts))) if parts else set()
            if dated is not None:
                found = found & dated if parts else {d for d in dated if not searcher.reader().is_deleted(d)}
            if len(cache) >= 64:
                cache.clear()
            cache[filters.key] = found
        return found

    def _arrays(self, searcher: Searcher) -> dict[object, Any]:
        """numpy forms of the per-searcher caches (filter masks, month and source codes),
        dropped with the searcher they were made from."""
        held = getattr(self._local, "arrays", None)
        if held is None or held[0] is not searcher:
            held = self._local.arrays = (searcher, {})
        return held[1]  # type: ignore[no-any-return]

    def _allowed_mask(self, searcher: Searcher, filters: Filters, allowed: set[int]) -> np.ndarray:
        """``_allowed`` as a boolean array over document numbers (cached beside it)."""
        cache = self._arrays(searcher)
        key = ("mask", filters.key)
        mask = cache.get(key)
        if mask is None:
            if len(cache) >= 68:
                cache.clear()
            mask = cache[key] = mask_of(allowed, searcher.doc_count_all())
        return mask  # type: ignore[no-any-return]

    def _count_by(
        self, searcher: Searcher, name: str, labels: Callable[[Searcher], list[str]], docs: np.ndarray
    ) -> dict[str, int]:
        """How many of ``docs`` have each label (month or source; unlabelled ones left out),
        from a per-searcher array of label codes."""
        import numpy as np

        cache = self._arrays(searcher)
        coded = cache.get(name)
        if coded is None:
            of_doc = labels(searcher)
            names = sorted(set(of_doc))
            code = {label: i for i, label in enumerate(names)}
            coded = cache[name] = (names, np.array([code[label] for label in of_doc], dtype=np.int64))
        names, codes = coded
        counts = (
            np.bincount(codes[docs], minlength=len(names))
            if len(docs)
            else np.zeros(len(names), dtype=np.int64)
        )
        return {label: int(n) for label, n in zip(names, counts.tolist(), strict=True) if n and label}

    def _doc_dates(self, searcher: Searcher) -> tuple[list[str], list[int]]:
        """``"YYYY-MM"`` ("" when undated) and the day number (-1 when undated) of every
        document number, from the date column read raw (microseconds since 0001-01-01), once
        per searcher (20k documents: 117 ms translating each value, a few ms raw)."""
        cached: tuple[list[str], list[int]] | None = self._local.months
        if cached is None:
            reader = searcher.reader()
            count = reader.doc_count_all()
            months, days = [""] * count, [-1] * count
            if reader.has_column("date"):
                import numpy as np

                values = _date_values(searcher)
                day_of = (values // _DAY_US + 1).astype(np.int64)  # year 1 is Whoosh's "no date"
                dated = (values != 0) & (day_of > 365) & (day_of <= _MAX_DAY)
                days = np.where(dated, day_of, -1).tolist()
                month_of = {
                    day: dt.date.fromordinal(day).strftime("%Y-%m")
                    for day in np.unique(day_of[dated]).tolist()
                }
                months = [month_of[day] if day > 0 else "" for day in days]
            cached = self._local.months = (months, days)
        return cached

    def _doc_months(self, searcher: Searcher) -> list[str]:
        return self._doc_dates(searcher)[0]

    def _doc_id(self, searcher: Searcher, docnum: int) -> str:
        """The id of a document number, from the id column (no stored-fields read)."""
        column = self._local.ids
        if column is None:
            column = self._local.ids = searcher.reader().column_reader("id", translate=True)
        return str(column[docnum])

    def _doc_sources(self, searcher: Searcher) -> list[str]:
        """The source of every document number ("" when none), from its column, once per searcher."""
        sources: list[str] | None = self._local.sources
        if sources is None:
            reader = searcher.reader()
            sources = [""] * reader.doc_count_all()
            if reader.has_column("source_name"):
                column = reader.column_reader("source_name", translate=True)
                for docnum in range(len(sources)):
                    value = column[docnum]
                    sources[docnum] = value if isinstance(value, str) else ""
            self._local.sources = sources
        return sources

    def timeline(self, text: Request | str = "") -> dict[str, int]:
        """Matching documents per month ("2024-08" -> n) for a query (every dated document for
        an empty one); {} when the query cannot run."""
        result = (
            self.search(text, limit=1, offsets_for=0, suggest=False, timeline=True)
            if isinstance(text, Request) or text.strip()
            else None
        )
        if result is not None:
            return dict(result.months)
        searcher = self._searcher()
        out: dict[str, int] = {}
        for month in self._doc_months(searcher):
            if month:
                out[month] = out.get(month, 0) + 1
        return out

    # .. search ..

    def search(
        self,
        text: Request | str,
        *,
        limit: int = 20,
        offsets_for: int | None = None,
        suggest: bool = True,
        start: int = 0,
        timeline: bool = False,
    ) -> SearchResult:
        """Run a user query. Never raises for bad queries: ``SearchResult.error`` says what is
        wrong. Hit offsets and snippets are computed for the first ``offsets_for`` results
        (all by default): they dominate the cost, so a list shows only what is visible.
        ``start``: the hits of ranks ``start`` to ``limit`` only (a list loading more as it
        scrolls); ``total`` counts every match. ``timeline``: ``months`` counts the matches
        per month. ``date:``, ``source:``, ``kind:`` and ``tag:`` terms are unscored filters
        (``nkterm.queryfilters``); a query of filters alone lists the documents newest first.
        ``text``: the parsed query (``nkterm.search.query.prepare``), or its text."""
        t0 = time.perf_counter()
        request = prepare(text)
        if isinstance(request, str):
            return SearchResult(query=one_line(text) if isinstance(text, str) else text.text, error=request)
        text, filters = request.text, request.filters
        try:
            self._open()
        except IndexError as exc:
            return SearchResult(query=text, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a damaged table of contents
            return SearchResult(query=text, error=str(self._damaged(exc)))
        try:
            parsed = self._translate(request)
        except Exception as exc:  # noqa: BLE001 - an analyzer failing on a strange word
            return SearchResult(query=text, error=self._run_error(exc))
        if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
            return SearchResult(query=text, error="the query has no searchable words (only stop words?)")
        hits: list[Hit] = []
        try:
            searcher = self._searcher()
            run, names = expand_names(
                expand_fuzzy(parsed, searcher, request.source, self.spelling), self.name_table()
            )
            # Every match is scored and counted in one pass, so the total is exact: Whoosh's
            # default skips blocks and prunes the matcher tree (replace), which leaves the
            # total unknown, and counting it took a second pass (20k: median 24 -> 16 ms,
            # p95 56 -> 43 ms). No terms=True: recording the matched terms of every match
            # tripled prefix and fuzzy queries; the visible hits get theirs from the query.
            vectorise = self.vectorised or postings_read(searcher, run) > self.VECTORISE_AT
            mask = None
            if filters:
                allowed: set[int] | None = self._allowed(searcher, filters)
                if not allowed:
                    return SearchResult(query=text, elapsed_ms=(time.perf_counter() - t0) * 1000)
                mask = self._allowed_mask(searcher, filters, allowed) if vectorise else None
            else:
                allowed = None
            if isinstance(parsed, query.Every) and allowed is not None:  # filters alone: newest first
                found = newest(allowed, self._doc_dates(searcher)[1], max(1, limit))
            else:
                found = scored(
                    searcher,
                    run,
                    max(1, limit),
                    allowed=allowed,
                    allowed_mask=mask,
                    record=timeline,
                    vectorised=vectorise,
                )
            months: tuple[tuple[str, int], ...] = ()
            sources: tuple[tuple[str, int], ...] = ()
            if timeline:
                import numpy as np

                docs = np.asarray(found.docs, dtype=np.int64)
                counts = self._count_by(searcher, "months", self._doc_months, docs)
                by_source = self._count_by(searcher, "sources", self._doc_sources, docs)
                months = tuple(sorted(counts.items()))
                sources = tuple(sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])))
            n_offsets = found.total if offsets_for is None else start + offsets_for
            matchable = body_terms(run, searcher.reader()) if n_offsets > start and found.top else set()
            seen: list[tuple[str, tuple[Span, ...]]] = []  # bodies and hits, for "also:"
            page = [
                (rank, self._doc_id(searcher, docnum), score)
                for rank, (score, docnum) in enumerate(found.top)
                if rank >= start
            ]
            rows = self.catalog.hit_rows([i for _r, i, _s in page], {i for r, i, _s in page if r < n_offsets})
            for rank, doc_id, score in page:
                row = rows.get(doc_id)
                if row is None:  # in the index, not in the catalog: repaired by the next update
                    continue
                if rank < n_offsets:
                    spans = match_spans(row.text, matchable, run)
                    snippet, snippet_spans = make_snippet(row.text, spans)
                    if names:
                        seen.append((row.text, spans))
                else:
                    spans, snippet, snippet_spans = (), "", ()
                hits.append(
                    Hit(
                        id=doc_id,
                        title=row.title,
                        score=float(score),
                        snippet=snippet,
                        snippet_spans=snippet_spans,
                        hits=spans,
                        source=row.source,
                        parts=_part_labels(row.parts, spans),
                        date=row.date,
                    )
                )
        except CatalogDamaged as exc:
            return SearchResult(query=text, error=str(self._damaged(exc)))
        except Exception as exc:  # noqa: BLE001 - e.g. a fuzzy prefix longer than its word
            return SearchResult(query=text, error=self._run_error(exc))
        suggestion = None
        if not hits and suggest:
            suggestion = self._suggest(searcher, request)
        return SearchResult(
            query=text,
            hits=tuple(hits),
            total=found.total,
            suggestion=suggestion,
            also=also_spelled(names, seen, text),
            months=months,
            sources=sources,
            elapsed_ms=(time.perf_counter() - t0) * 1000,
        )

    def hits_in(self, doc_id: str, text: Request | str) -> tuple[Span, ...]:
        """Offsets of every word of ``doc_id`` that the query matches (empty if none)."""
        request = prepare(text)
        if isinstance(request, str) or request.node is None:  # filters mark no words
            return ()
        try:
            searcher = self._searcher()
            parsed = self._translate(request, filters=False)
            run, _names = expand_names(
                expand_fuzzy(parsed, searcher, request.source, self.spelling), self.name_table()
            )
            results = searcher.search(query.And([query.Term("id", doc_id), run]), limit=1, terms=True)
            if not results:
                return ()
            return match_spans(self.catalog.text(doc_id), results[0].matched_terms(), run)
        except Exception:  # noqa: BLE001 - search() has already told the user what is wrong
            return ()

    def _run_error(self, exc: BaseException) -> str:
        """The message for a query that parsed but failed: the index's fault or the query's."""
        try:
            self._check_readable()
        except Exception:  # noqa: BLE001
            return str(self._damaged(exc))
        return UNRUNNABLE_QUERY

    def _translate(self, request: Request, *, filters: bool = True) -> Any:
        """The Whoosh query for the scored part of ``request`` (every document for a query of
        filters alone, unless ``filters`` is False)."""
        # the searcher's schema: the index's own property reads and unpickles the table of
        # contents at every access, and its new object each time made a new Translator for
        # every query (~0.2 ms together at 20k)
        schema = self._searcher().schema
        translator: Translator | None = getattr(self, "_translator", None)
        if translator is None or translator.schema is not schema:
            translator = self._translator = Translator(schema)
        if request.node is None and not filters:
            return query.NullQuery
        return translator.query(request.node)

    def _suggest(self, searcher: Searcher, request: Request) -> str | None:
        translator = getattr(self, "_translator", None) or Translator(searcher.schema)
        return suggest_words(searcher, request, translator, self.name_table(), self.spelling)

    def suggest(self, text: Request | str) -> str | None:
        """A "did you mean" correction for a query (20k documents: ~10 ms), or None."""
        request = prepare(text)
        if isinstance(request, str):
            return None
        try:
            self._translate(request)
            return self._suggest(self._searcher(), request)
        except Exception:  # noqa: BLE001 - a suggestion is a nicety, never an error
            return None


def _part_labels(parts: tuple[Part, ...], spans: tuple[Span, ...]) -> tuple[str, ...]:
    """The page or chapter of each hit, for a document that has them."""
    if not parts or not spans:
        return ()
    doc = Document(id="", text="", title="", parts=parts)
    return tuple(part.label if (part := doc.part_at(span.start)) else "" for span in spans)


def _date_values(searcher: Searcher) -> np.ndarray:
    """Every document's raw date value (microseconds since 0001-01-01, 0 when undated), by
    document number: each segment's column read in one piece where it can be, else a value at a
    time."""
    import numpy as np

    from nkterm.search.whoosh.postings import column_array

    parts: list[np.ndarray] = []
    for sub, _offset in searcher.leaf_searchers():
        leaf = sub.reader()
        column = leaf.column_reader("date", translate=False) if leaf.has_column("date") else None
        values = column_array(column) if column is not None else None
        if values is None:
            count = leaf.doc_count_all()
            values = (
                np.fromiter((int(v) for v in column), dtype=np.uint64, count=count)
                if column
                else np.zeros(count, np.uint64)
            )
        parts.append(values.astype(np.uint64, copy=False))
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)
