"""The Whoosh schema and nkterm's analysis as a Whoosh analyzer (folded words, stems, Hangul
bigrams, joined given names). A change here changes what an index holds: bump
``SCHEMA_VERSION`` (in ``version``) so that older indexes are rebuilt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.formats import Positions

from nkterm.analysis import analyze as _analyze
from nkterm.analysis import fold, tokens
from nkterm.search.whoosh.textpostings import TEXT_FIELDS, Postings, postings_of

# re-exported; bumped in ``version`` (no Whoosh there: a no-change update reads it)
from nkterm.search.whoosh.version import SCHEMA_CHANGE, SCHEMA_VERSION  # noqa: F401


class FoldingAnalyzer(Analyzer):
    """nkterm's analysis (``nkterm.analysis.tokens``: folded words, Porter stems, Hangul
    bigrams, joined given names) as a Whoosh analyzer, for the index and queries alike.
    ``no_morph`` (the spelling field) skips stems; ``tokenize=False`` (ranges, wildcards)
    folds the whole value."""

    def __init__(self, *, stem: bool = True, stop: bool = True) -> None:
        self.stem = stem
        self.stop = stop
        self.is_morph = stem

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = value  # type: ignore[attr-defined]
            t.text = fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        found = tokens(value, stem_words=self.stem and not no_morph, stop=self.stop and removestops)
        for tok in found:
            t.text = tok.term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[tok.start : tok.end]  # type: ignore[attr-defined]
            if positions:
                t.pos = start_pos + tok.pos
            if chars:
                t.startchar, t.endchar = start_char + tok.start, start_char + tok.end
            yield t


class FastText(TEXT):
    """A ``TEXT`` field with positions whose indexing skips Whoosh's token chain: a value that
    is already ``Postings`` (from the build's worker) is written as it is, a string is analysed
    by ``postings_of`` in one pass. The index holds exactly what ``TEXT`` would write; queries
    are analysed by the same ``FoldingAnalyzer`` as before."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, Postings):
            return iter(value.items)
        analyzer = self.analyzer
        if isinstance(value, str) and not kwargs and type(analyzer) is FoldingAnalyzer:
            return iter(self.postings(value).items)
        return super().index(value, **kwargs)

    def postings(self, text: str) -> Postings:
        """``text``'s postings in this field (see ``postings_of``)."""
        analyzer = self.analyzer
        assert isinstance(analyzer, FoldingAnalyzer) and isinstance(self.format, Positions)
        return postings_of(text, field_boost=self.format.field_boost, stem=analyzer.stem, stop=analyzer.stop)


def _fast(name: str, **kwargs: Any) -> FastText:
    """The ``FastText`` field ``name`` as ``textpostings.TEXT_FIELDS`` (what the worker analyses
    without importing Whoosh) describes it."""
    spec = TEXT_FIELDS[name]
    analyzer = FoldingAnalyzer(stem=spec.stem, stop=spec.stop)
    return FastText(analyzer=analyzer, field_boost=spec.field_boost, phrase=True, **kwargs)


def with_fast_fields(schema: Schema) -> Schema:
    """``schema`` (a writer's, as read from an index's table of contents) with each ``TEXT``
    field that ``FastText`` can stand for turned into one in place: an index written before
    ``FastText`` existed takes the worker's postings, and its next table of contents names the
    new class. What the fields write is the same (``FastText``'s tests)."""
    for name in schema.names():
        field = schema[name]
        if (
            type(field) is TEXT
            and type(field.analyzer) is FoldingAnalyzer
            and type(field.format) is Positions
        ):
            field.__class__ = FastText
    return schema


def body_analyzer() -> Any:
    """The analyzer of the title and body fields: folded words, stop words out, stems."""
    return FoldingAnalyzer()


def make_schema() -> Schema:
    # stored: only the id and the content hash; what a document is read back as (text,
    # metadata, sentences, claims) is the catalog's (nkterm.catalog)
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),  # a column: a hit's id without a stored read
        hash=ID(stored=True),  # finds what the catalog and the index disagree on after a kill
        title=_fast("title"),
        authors=_fast("authors"),
        people=_fast("people"),
        source=_fast("source"),
        date=DATETIME(sortable=True),  # sortable: a column for the timeline and the date sort
        source_name=ID(sortable=True),  # the source as written, a column: a search's hits by source
        tags=KEYWORD(commas=True, lowercase=True, scorable=True),
        sections=_fast("sections", stored=False),
        body=_fast("body"),  # spelling: spelling.py
        kind=KEYWORD(lowercase=True, scorable=True),
        speaker=_fast("speaker"),
        words=NUMERIC(),
    )


def analyze(text: str) -> list[tuple[str, int, int]]:
    """(stemmed term, start, end) for every indexed token of ``text``: the index's own analysis,
    for callers (comparison) that must tokenize exactly as search does
    (``nkterm.analysis.analyze``, which imports no Whoosh)."""
    return _analyze(text)
