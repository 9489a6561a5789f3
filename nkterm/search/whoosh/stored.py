"""A document as the Whoosh index holds it: only what is searched and filtered (analysed
fields, the date and source columns) plus its id and content hash as stored fields. The
document itself, its sentences and claims live in the catalog (``nkterm.catalog``); the hash
lets ``nkterm.index`` find the documents the two disagree on after a killed run. Runs in the
build's worker process, which also analyses the text fields there (``textpostings.Postings``, no
Whoosh import): the process writing Whoosh only adds the postings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nkterm.models import Claim, Document
from nkterm.search.whoosh.textpostings import TEXT_FIELDS, body_postings_and_words, field_postings

WORDS = "_words"  # the payload's words for the spelling list (not a field of the schema)


def encode(doc: Document, claims: list[Claim]) -> dict[str, Any]:
    """The backend's payload for ``doc``: its fields, and its words for the spelling list (run
    in the build's worker process)."""
    fields: dict[str, Any] = {
        "id": doc.id,
        "hash": doc.content_hash,
        "title": doc.title,
        "authors": " ; ".join(doc.authors),
        "people": " ; ".join(doc.people),
        "source": doc.source,
        "source_name": doc.source,
        "tags": ",".join(doc.tags),
        "sections": " ; ".join(f"{s.kind} {s.voice or ''} {s.label}" for s in doc.sections),
        "body": doc.text,
        "kind": " ".join(sorted({k for c in claims for k in c.kinds})),
        "speaker": " ; ".join(sorted({c.speaker for c in claims if c.speaker})),
        "words": doc.word_count,
    }
    if doc.date:
        fields["date"] = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    for name in TEXT_FIELDS:
        if name == "body":
            fields[name], fields[WORDS] = body_postings_and_words(doc.text)  # one analysis for both
        else:
            fields[name] = field_postings(name, fields[name])
    return fields
