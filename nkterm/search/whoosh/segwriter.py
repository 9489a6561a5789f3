"""Whoosh's segment writer with nkterm's postings pool (``pool.TermPool``): documents go in as
Whoosh's ``SegmentWriter.add_document`` puts them (the same per-document data, the same
postings), and at the commit each word's postings are written a block at a time through
Whoosh's own block encoder (``W3PostingsWriter``), instead of one ``add_posting`` call per
posting after a sort of every posting. The segment holds the same bytes as Whoosh's writer
would write (tests/unit/test_fast_postings.py reads both back term by term).

Used for every write of the index (``writing.whoosh_writer``): a build, an update, a merge."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from whoosh.writing import SegmentWriter

from nkterm.search.whoosh.pool import Entry, TermPool


class PoolSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """``SegmentWriter`` whose postings go to a ``TermPool`` and are written in blocks."""

    def __init__(self, ix: Any, *, limitmb: int = 16, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.terms = TermPool(self._tempstorage, limitmb)
        self.pool = self.terms  # type: ignore[assignment] # Whoosh's merges add to it as to its own pool
        schema = self.schema
        # what add_document's short path does not do (no nkterm field has them): Whoosh's own then
        self._plain = all(
            not schema[name].vector and not schema[name].separate_spelling() for name in schema.names()
        )

    def add_document(self, **fields: Any) -> None:
        """``SegmentWriter.add_document`` for documents without boosts (``_name`` keys) in a
        schema without term vectors or separate spelling fields: the same per-document data
        and postings, the postings handed to the pool a field at a time."""
        if not self._plain or any(name[0] == "_" for name in fields):
            super().add_document(**fields)
            return
        self._check_state()
        schema = self.schema
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc = self.perdocwriter
        docnum = self.docnum
        add_field = self.terms.add_field
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    length = add_field(name, docnum, field.index(value))
                    if not field.scorable:
                        length = 0
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        write_postings(self.fieldwriter, self.schema, lengths, self.terms.words(), self.docnum)
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()


def write_postings(
    fieldwriter: Any, schema: Any, lengths: Any, words: Iterable[tuple[str, bytes, Entry]], doccount: int
) -> None:
    """Write ``words`` (field, word, postings; in order) with Whoosh's field writer, as its
    ``FieldWriter.add_postings`` would one posting at a time: blocks of the postings writer's
    ``_blocklimit`` postings, each with its longest and shortest field length (``lengths``: the
    segment's per-document reader) and highest weight, encoded by Whoosh's ``_write_block``;
    a word's last block through ``finish_term`` (inlined in the term table when short)."""
    field = None
    lens: list[Any] = []
    for fieldname, word, (ids, weights, values) in words:
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field = fieldname
            lens = _field_lengths(lengths, fieldname, doccount)
        fieldwriter.start_term(word)
        writer = fieldwriter._postwriter
        assert not writer._byteids
        limit = writer._blocklimit
        count = len(ids)
        for start in range(0, count, limit):
            if start:
                writer._write_block()  # a full block is written when the next posting comes
            end = min(start + limit, count)
            block_ids = ids[start:end]
            block_weights = weights[start:end]
            writer._ids = block_ids
            writer._weights = array("f", block_weights)
            writer._values = [v for v in values[start:end] if v]
            top = max(block_weights)
            writer._maxweight = top if top > 0 else 0
            found = [n for d in block_ids if (n := lens[d])] if lens else None
            writer._minlength = min(found) if found else None
            writer._maxlength = max(found) if found else 0
        fieldwriter.finish_term()
    if field is not None:
        fieldwriter.finish_field()


def _field_lengths(lengths: Any, fieldname: str, doccount: int) -> list[Any]:
    """Each document's length in ``fieldname`` as Whoosh's ``add_postings`` reads it (its
    byte-coded length, None or 0 for none); [] when the segment keeps no lengths."""
    if lengths is None:
        return []
    reader = getattr(lengths, "doc_field_length_reader", None)
    if reader is not None:
        get = reader(fieldname)
    else:

        def get(docnum: int) -> Any:
            return lengths.doc_field_length(docnum, fieldname)

    return [get(docnum) for docnum in range(doccount)]
