"""Reading documents: one file -> its ``Document`` objects (one, or one per record of a web
archive or feed) with their problems; a whole corpus; one document by id. Bad input never
raises out of ``load_corpus``, ``load_documents`` or ``load_entry``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkterm.corpus.decode import decode
from nkterm.corpus.discover import (
    DOC_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    MAX_SIDECAR_BYTES,
    Entry,
    Problem,
    find_file,
    find_sidecar,
    rel_path,
    scan,
    valid_doc_id,
)
from nkterm.corpus.fields import FRONT_MATTER, build_document, parse_yaml
from nkterm.corpus.readers import ReaderError, format_for
from nkterm.errors import DocumentNotFound
from nkterm.files import read_file
from nkterm.models import Document


@dataclass
class Corpus:
    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


def load_corpus(root: Path) -> Corpus:
    """Every readable document below ``root``, and the problems met on the way."""
    entries, problems = scan(root)
    corpus = Corpus(Path(root), problems=problems)
    for entry in entries:
        docs, found = load_documents(Path(root), entry)
        corpus.problems.extend(found)
        corpus.documents.extend(docs)
    return corpus


def read_document(root: Path, doc_id: str) -> Document:
    """One document by id. Raises ``DocumentNotFound`` for unknown or invalid ids; an id can
    never name a file outside the corpus."""
    if not valid_doc_id(doc_id):
        raise DocumentNotFound(f"not a valid document id: {doc_id!r}")
    root = Path(root)
    real_root = root.resolve()
    file_id = doc_id
    path = find_file(root, doc_id)
    if path is None and "#" in doc_id:  # a record of a web archive or a feed: file#key
        file_id = doc_id.rsplit("#", 1)[0]
        path = find_file(root, file_id, many=True)
    if path is None:
        raise DocumentNotFound(f"no document {doc_id!r} in {root}")
    if not path.resolve().is_relative_to(real_root):
        raise DocumentNotFound(f"document {doc_id!r} points outside the corpus")
    st = path.stat()
    sidecar, sc_mtime, sc_size, _ignored = find_sidecar(path, real_root)
    entry = Entry(
        file_id, rel_path(path, root), str(path), st.st_mtime_ns, st.st_size, sidecar, sc_mtime, sc_size
    )
    docs, problems = load_documents(root, entry)
    for doc in docs:
        if doc.id == doc_id:
            return doc
    raise DocumentNotFound("; ".join(str(p) for p in problems) or f"no document {doc_id!r} in {root}")


# -- one file ---------------------------------------------------------------------------------


def load_documents(root: Path, entry: Entry) -> tuple[list[Document], list[Problem]]:
    """The documents of one file (one for most formats; one per record for web archives and
    feeds, with ids ``FILE_ID#KEY``). Never raises for bad content."""
    if entry.path.name.lower().endswith(DOC_SUFFIXES) or format_for(entry.path.name) is None:
        doc, problems = load_entry(root, entry)
        return ([doc] if doc is not None else []), problems
    return _load_rich(root, entry)


def _load_rich(root: Path, entry: Entry) -> tuple[list[Document], list[Problem]]:
    """A file of a format of ``nkterm.corpus.readers``, read in the capped child process. Its text is
    the extracted text (offsets and bookmarks refer to it); metadata comes from the file, and
    a sidecar overrides it (for files of one document)."""
    from nkterm.corpus.readers.capped import read_capped

    fmt = format_for(entry.path.name)
    assert fmt is not None
    try:
        result = read_capped(entry.path, entry.path.name)
    except ReaderError as exc:
        return [], [Problem(entry.rel, "skipped", f"{fmt.name}: {exc}")]
    problems = [Problem(entry.rel, action, message) for action, message in result.problems]
    sidecar_meta, sidecar_raw = _sidecar_meta(root, entry, problems)
    docs: list[Document] = []
    for extracted in result.documents:
        doc_entry = (
            entry if not extracted.key else dataclasses.replace(entry, id=f"{entry.id}#{extracted.key}")
        )
        where = f"record {extracted.url or extracted.key}: " if extracted.key else ""
        if len(extracted.text) > MAX_DOCUMENT_BYTES:
            problems.append(
                Problem(
                    entry.rel,
                    "skipped",
                    f"{where}its text is too long ({len(extracted.text):,} characters; the limit is "
                    f"{MAX_DOCUMENT_BYTES:,}): split the file",
                )
            )
            continue
        if not extracted.text.strip():
            continue
        meta: dict[str, Any] = {
            k: v
            for k, v in (
                ("title", extracted.title),
                ("authors", list(extracted.authors)),
                ("date", extracted.date),
                ("source", extracted.source),
                ("url", extracted.url),
            )
            if v
        }
        origins = dict.fromkeys(meta, f"the {fmt.name} file's metadata")
        if not fmt.many:
            meta.update(sidecar_meta)  # the sidecar wins over what the file says
            origins.update(dict.fromkeys(sidecar_meta, "the metadata sidecar"))
        digest = hashlib.sha1(usedforsecurity=False)
        for value in (extracted.text, repr(sorted(meta.items())), repr(extracted.parts), sidecar_raw):
            digest.update(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)
            digest.update(b"\0")
        doc = build_document(doc_entry, extracted.text, meta, digest.hexdigest(), problems, origins)
        extra = {**extracted.extra, **doc.extra} if extracted.extra else doc.extra
        docs.append(dataclasses.replace(doc, parts=extracted.parts, extra=extra))
    if not docs and not any(p.action == "skipped" for p in problems):
        problems.append(Problem(entry.rel, "skipped", f"{fmt.name}: no text found"))
    return docs, problems


def _sidecar_meta(root: Path, entry: Entry, problems: list[Problem]) -> tuple[dict[str, Any], bytes]:
    """The metadata of ``entry``'s sidecar, and its bytes (for the content hash)."""
    if entry.sidecar is None:
        return {}, b""
    sc_rel = rel_path(entry.sidecar, root)
    try:
        raw = read_file(entry.sidecar, MAX_SIDECAR_BYTES)
    except OSError as exc:
        problems.append(Problem(sc_rel, "ignored", f"cannot read sidecar: {exc.strerror or exc}"))
        return {}, b""
    text, note = decode(raw)
    if text is None:
        problems.append(Problem(sc_rel, "ignored", f"metadata sidecar: {note}"))
        return {}, raw
    parsed, problem = parse_yaml(text, sc_rel)
    if problem:
        problems.append(problem)
        return {}, raw
    return parsed, raw


def load_entry(root: Path, entry: Entry) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse one document. Never raises for bad content."""
    problems: list[Problem] = []
    try:
        raw = read_file(entry.path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        return None, [Problem(entry.rel, "skipped", f"cannot read: {exc.strerror or exc}")]
    text, note = decode(raw)
    if text is None:
        return None, [Problem(entry.rel, "skipped", note)]
    if note:
        problems.append(Problem(entry.rel, "repaired", note))

    meta: dict[str, Any] = {}
    origins: dict[str, str] = {}  # metadata field -> where it was read ("the front matter")
    fm = FRONT_MATTER.match(text)
    if fm:
        body_start = fm.end()
        parsed, problem = parse_yaml(fm.group(1), entry.rel, line_offset=1)
        if problem:
            problems.append(problem)
        else:
            meta.update(parsed)
            origins.update(dict.fromkeys(parsed, "the front matter"))
        text = text[body_start:]
    sidecar_meta, sidecar_raw = _sidecar_meta(root, entry, problems)
    meta.update(sidecar_meta)  # the sidecar wins over front matter
    origins.update(dict.fromkeys(sidecar_meta, "the metadata sidecar"))

    if not text.strip():
        return None, [*problems, Problem(entry.rel, "skipped", "empty document (no text)")]

    content_hash = hashlib.sha1(raw + b"\0" + sidecar_raw, usedforsecurity=False).hexdigest()
    doc = build_document(entry, text, meta, content_hash, problems, origins)
    return doc, problems
