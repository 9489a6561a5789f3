"""Reading a corpus: files -> ``Document`` objects with metadata, ids and problems.

Owns: which files are documents (``.txt``/``.md`` below a root, and the formats of
``nkterm.readers``; no hidden folders, no links that lead outside the root), decoding (UTF-8, else a named fallback), YAML front matter and
``NAME.yaml`` sidecars, inferred metadata, stable ids (the relative path without extension),
and the list of what was skipped or repaired. Bad input never raises out of ``load_corpus``.
Must not import Textual or Whoosh.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

import yaml

from nkterm.docmeta import infer as infer_metadata
from nkterm.errors import DocumentNotFound  # re-exported: nkterm.corpus.DocumentNotFound
from nkterm.files import read_file, why_unusable
from nkterm.models import Document, Section
from nkterm.readers import SUFFIXES as READER_SUFFIXES
from nkterm.readers import ReaderError, format_for
from nkterm.readers import stem as reader_stem

DOC_SUFFIXES = (".txt", ".md")
ALL_SUFFIXES = DOC_SUFFIXES + READER_SUFFIXES
SIDECAR_SUFFIXES = (".yaml", ".yml")
MAX_TITLE = 160
# A document is read whole, segmented and indexed as one unit (10 MB: ~24 s on the 2-core test
# machine): a bigger file is a data dump to split, not an article (the longest novels are 3-5 MB).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_SIDECAR_BYTES = 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the user must hear about: a file skipped, or loaded after a repair."""

    path: str  # relative to the corpus root
    action: str  # "skipped" | "repaired" | "ignored"
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.action}: {self.message}"


@dataclass(frozen=True, slots=True)
class Entry:
    """A document file found by ``scan``: enough to tell whether it changed, without reading it."""

    id: str
    rel: str
    path: Path
    mtime_ns: int
    size: int
    sidecar: Path | None = None
    sidecar_mtime_ns: int = 0
    sidecar_size: int = 0

    @property
    def stamp(self) -> tuple[int, int, int, int]:
        return (self.mtime_ns, self.size, self.sidecar_mtime_ns, self.sidecar_size)


@dataclass
class Corpus:
    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


def doc_id_for(rel: str) -> str:
    return str(PurePosixPath(rel).with_suffix(""))


def valid_doc_id(doc_id: str) -> bool:
    """A corpus id is a relative POSIX path with no ``..`` parts, never absolute."""
    if not doc_id or doc_id.startswith(("/", "\\")) or "\\" in doc_id or "\0" in doc_id:
        return False
    parts = PurePosixPath(doc_id).parts
    return all(p not in ("..", ".", "") for p in parts) and not re.match(r"^[A-Za-z]:", doc_id)


def scan(root: Path) -> tuple[list[Entry], list[Problem]]:
    """Find document files below ``root`` (sorted by id) without reading them.

    One ``os.scandir`` per folder and one ``stat`` per document: the folder listing says which
    entries are links and which sidecars exist, so a no-change re-run of a large corpus costs
    one system call per document (not four) and no pathlib parsing per file."""
    root = Path(root)
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    real_root = root.resolve()
    for prefix, item, names in _walk(root, real_root, problems):
        rel = prefix + item.name
        doc_id = prefix + _stem(item.name)  # doc_id_for(rel), without pathlib
        try:
            st = item.stat()
        except OSError as exc:
            problems.append(Problem(rel, "skipped", f"cannot read: {exc.strerror or exc}"))
            continue
        unusable = why_unusable(st, _max_bytes(item.name))
        if unusable:
            problems.append(Problem(rel, "skipped", unusable))
            continue
        path = Path(item.path)
        sidecar, sc_mtime, sc_size, ignored = _find_sidecar(path, real_root, names)
        if ignored:
            problems.append(Problem(rel, "ignored", ignored))
        entry = Entry(doc_id, rel, path, st.st_mtime_ns, st.st_size, sidecar, sc_mtime, sc_size)
        if doc_id in entries:
            problems.append(
                Problem(rel, "skipped", f"duplicate id {doc_id!r}: {entries[doc_id].rel} has the same id")
            )
            continue
        entries[doc_id] = entry
    return sorted(entries.values(), key=lambda e: e.id), problems


def _walk(
    root: Path, real_root: Path, problems: list[Problem]
) -> Iterator[tuple[str, os.DirEntry[str], frozenset[str]]]:
    """(relative prefix of the folder, entry, the names in the folder) for every document file, in
    the order ``os.walk`` gives (top-down, sorted); hidden files and folders are skipped,
    folder links are not followed, file links must stay inside the corpus."""
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        dirpath, prefix = stack.pop()
        try:
            with os.scandir(dirpath) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rel = _rel(Path(exc.filename or dirpath), root)
            problems.append(Problem(rel, "skipped", f"cannot read folder: {exc.strerror or exc}"))
            continue
        names = frozenset(item.name for item in items)
        subdirs: list[tuple[str, str]] = []
        for item in items:
            try:
                is_dir = item.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if item.name.startswith("."):
                    continue
                if not item.is_symlink():
                    subdirs.append((item.path, prefix + item.name + "/"))
                elif (why := _folder_link_problem(Path(item.path), real_root)) is not None:
                    problems.append(Problem(prefix + item.name, "skipped", why))
                continue
            name = item.name
            if name.startswith(".") or not name.lower().endswith(ALL_SUFFIXES):
                continue
            if item.is_symlink():
                rel = prefix + name
                try:
                    target = Path(item.path).resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(Problem(rel, "skipped", "broken or looping symbolic link"))
                    continue
                if not target.is_relative_to(real_root):
                    problems.append(
                        Problem(rel, "skipped", f"symbolic link points outside the corpus ({target})")
                    )
                    continue
            yield prefix, item, names
        stack.extend(reversed(subdirs))


def _stem(name: str) -> str:
    """A file name without its format's ending: the last part of the document id."""
    if name.lower().endswith(DOC_SUFFIXES):
        return os.path.splitext(name)[0]
    return reader_stem(name)


def _max_bytes(name: str) -> int:
    """The largest file of this format that is read (a PDF or a web archive may be far larger
    than any text: its text is what must stay under ``MAX_DOCUMENT_BYTES``)."""
    fmt = None if name.lower().endswith(DOC_SUFFIXES) else format_for(name)
    return MAX_DOCUMENT_BYTES if fmt is None else fmt.max_bytes


def _folder_link_problem(link: Path, real_root: Path) -> str | None:
    """Why a link to a folder is worth a line (it is never followed): it leads out of the
    corpus, or back into a folder that holds it (a loop). A link to another folder of the
    corpus needs no line: that folder's documents are read where they are."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "folder link that loops: not followed"
    if not target.is_relative_to(real_root):
        return f"folder link points outside the corpus ({target}): not followed"
    if link.parent.resolve().is_relative_to(target):
        where = "the corpus folder" if target == real_root else _rel(target, real_root)
        return f"folder link loops back to {where}: not followed"
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _find_sidecar(
    path: Path, real_root: Path, names: frozenset[str] | None = None
) -> tuple[Path | None, int, int, str]:
    """The metadata sidecar of ``path``, if any, and a note when one exists but is not used:
    a sidecar is read only if it is a regular file inside the corpus (never through a link
    that leads outside it). ``names``, the names in the folder of ``path`` when the caller has
    listed it, spares a failing ``stat`` per missing candidate."""
    stem = os.path.splitext(path.name)[0]
    for suffix in SIDECAR_SUFFIXES:
        if names is not None and stem + suffix not in names:
            continue
        candidate = path.with_suffix(suffix)
        try:
            st = candidate.stat()
        except OSError:
            continue
        if candidate.is_symlink() and not candidate.resolve().is_relative_to(real_root):
            return None, 0, 0, f"metadata sidecar {candidate.name} is a link that points outside the corpus"
        unusable = why_unusable(st, MAX_SIDECAR_BYTES)
        if unusable:
            return None, 0, 0, f"metadata sidecar {candidate.name}: {unusable}"
        return candidate, st.st_mtime_ns, st.st_size, ""
    return None, 0, 0, ""


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
    path = _find_file(root, doc_id)
    if path is None and "#" in doc_id:  # a record of a web archive or a feed: file#key
        file_id = doc_id.rsplit("#", 1)[0]
        path = _find_file(root, file_id, many=True)
    if path is None:
        raise DocumentNotFound(f"no document {doc_id!r} in {root}")
    if not path.resolve().is_relative_to(real_root):
        raise DocumentNotFound(f"document {doc_id!r} points outside the corpus")
    st = path.stat()
    sidecar, sc_mtime, sc_size, _ignored = _find_sidecar(path, real_root)
    entry = Entry(file_id, _rel(path, root), path, st.st_mtime_ns, st.st_size, sidecar, sc_mtime, sc_size)
    docs, problems = load_documents(root, entry)
    for doc in docs:
        if doc.id == doc_id:
            return doc
    raise DocumentNotFound("; ".join(str(p) for p in problems) or f"no document {doc_id!r} in {root}")


def _find_file(root: Path, doc_id: str, *, many: bool = False) -> Path | None:
    """The file of the document ``doc_id`` (the name's case as the folder has it); with
    ``many``, only a file of a format with many documents (``doc_id`` is then the file's id)."""
    folder, _, base = doc_id.rpartition("/")
    if not many:
        for suffix in DOC_SUFFIXES:
            path = root / (doc_id + suffix)
            if path.is_file():
                return path
    try:
        names = sorted(os.listdir(root / folder if folder else root))
    except OSError:
        return None
    for name in names:
        if name.startswith(".") or _stem(name) != base or not name.lower().endswith(ALL_SUFFIXES):
            continue
        fmt = None if name.lower().endswith(DOC_SUFFIXES) else format_for(name)
        if many and (fmt is None or not fmt.many):
            continue
        path = root / folder / name if folder else root / name
        if path.is_file():
            return path
    return None


# -- one file ---------------------------------------------------------------------------------


def load_documents(root: Path, entry: Entry) -> tuple[list[Document], list[Problem]]:
    """The documents of one file (one for most formats; one per record for web archives and
    feeds, with ids ``FILE_ID#KEY``). Never raises for bad content."""
    if entry.path.name.lower().endswith(DOC_SUFFIXES) or format_for(entry.path.name) is None:
        doc, problems = load_entry(root, entry)
        return ([doc] if doc is not None else []), problems
    return _load_rich(root, entry)


def _load_rich(root: Path, entry: Entry) -> tuple[list[Document], list[Problem]]:
    """A file of a format of ``nkterm.readers``, read in the capped child process. Its text is
    the extracted text (offsets and bookmarks refer to it); metadata comes from the file, and
    a sidecar overrides it (for files of one document)."""
    from nkterm.readers.capped import read_capped

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
        doc = _build_document(doc_entry, extracted.text, meta, digest.hexdigest(), problems, origins)
        extra = {**extracted.extra, **doc.extra} if extracted.extra else doc.extra
        docs.append(dataclasses.replace(doc, parts=extracted.parts, extra=extra))
    if not docs and not any(p.action == "skipped" for p in problems):
        problems.append(Problem(entry.rel, "skipped", f"{fmt.name}: no text found"))
    return docs, problems


def _sidecar_meta(root: Path, entry: Entry, problems: list[Problem]) -> tuple[dict[str, Any], bytes]:
    """The metadata of ``entry``'s sidecar, and its bytes (for the content hash)."""
    if entry.sidecar is None:
        return {}, b""
    sc_rel = _rel(entry.sidecar, root)
    try:
        raw = read_file(entry.sidecar, MAX_SIDECAR_BYTES)
    except OSError as exc:
        problems.append(Problem(sc_rel, "ignored", f"cannot read sidecar: {exc.strerror or exc}"))
        return {}, b""
    text, note = decode(raw)
    if text is None:
        problems.append(Problem(sc_rel, "ignored", f"metadata sidecar: {note}"))
        return {}, raw
    parsed, problem = _parse_yaml(text, sc_rel)
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
    fm = _FRONT_MATTER.match(text)
    if fm:
        body_start = fm.end()
        parsed, problem = _parse_yaml(fm.group(1), entry.rel, line_offset=1)
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
    doc = _build_document(entry, text, meta, content_hash, problems, origins)
    return doc, problems


def decode(raw: bytes) -> tuple[str | None, str]:
    """Decode bytes to text. Returns (text, note): note is empty for clean UTF-8, says which
    fallback was used otherwise; text is None (with the reason) for binary files."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 byte-order mark removed"
        except UnicodeDecodeError:
            pass
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(enc), f"decoded as UTF-16 ({enc[-2:].upper()}, with BOM)"
            except UnicodeDecodeError:
                break
    if b"\0" in raw[:8192]:
        utf16 = _guess_utf16(raw)
        if utf16:
            try:
                text = raw.decode(utf16)
            except UnicodeDecodeError:
                text = ""
            if text and not _looks_binary_text(text):
                return text, f"decoded as UTF-16 ({utf16[-2:].upper()}, no BOM)"
        return None, "binary file (contains NUL bytes), not a text document"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    if _looks_binary(raw):
        return None, "binary file (mostly control bytes), not a text document"
    japanese = _as_shift_jis(raw)
    if japanese is not None:
        return japanese, f"not valid UTF-8 ({where}); decoded as Shift-JIS"
    try:
        return raw.decode("cp1252"), f"not valid UTF-8 ({where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), f"not valid UTF-8 ({where}); decoded as Latin-1"


def _guess_utf16(raw: bytes) -> str | None:
    sample = raw[:8192]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    # Text in a script without Latin letters (Japanese, Chinese) has few NULs (the high bytes
    # of spaces, digits, line breaks): take the byte order that alone reads as text. The other
    # order turns a line break into U+0A00, which is unassigned.
    if len(raw) % 2:
        return None
    fits = [enc for enc in ("utf-16-le", "utf-16-be") if _reads_as_text(raw, enc)]
    return fits[0] if len(fits) == 1 else None


def _reads_as_text(raw: bytes, encoding: str) -> bool:
    try:
        text = raw[:8192].decode(encoding)
    except UnicodeDecodeError:
        return False
    return (
        any(space in text for space in ("\n", " ", "\u3000"))
        and not _looks_binary_text(text)
        and not any(unicodedata.category(c) in ("Cn", "Co", "Cs") for c in text)
    )


def _looks_binary_text(text: str) -> bool:
    sample = text[:4096]
    control = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f")
    return control > 0.01 * len(sample)


def _as_shift_jis(raw: bytes) -> str | None:
    """``raw`` decoded as Shift-JIS (Windows code page 932) if it reads as Japanese: every
    byte decodes, the non-ASCII text is Japanese script, with kana. Western text in a
    Windows code page rarely decodes at all, and never into kana."""
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    kana = sum(1 for c in wide if "\u3040" <= c <= "\u30ff")
    japanese = sum(
        1 for c in wide if "\u3000" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
    )
    if wide and kana >= 0.1 * len(wide) and japanese >= 0.9 * len(wide):
        return text
    return None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.1 * max(1, len(sample))


def _parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[dict[str, Any], Problem | None]:
    try:
        loader = _NoAliasSafeLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, Problem(rel, "ignored", f"malformed metadata (YAML: {reason}); metadata inferred", line)
    except RecursionError:  # PyYAML composes nested collections recursively
        return {}, Problem(rel, "ignored", "malformed metadata (YAML nested too deeply); metadata inferred")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, Problem(rel, "ignored", f"metadata must be a YAML mapping, got {type(data).__name__}")
    return data, None


class _NoAliasSafeLoader(yaml.SafeLoader):
    """Safe loading without anchors/aliases: metadata never needs them, and refusing them
    defuses "billion laughs" expansion bombs."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in metadata", event.start_mark
            )
        return super().compose_node(parent, index)


# -- metadata -------------------------------------------------------------------------------


def _build_document(
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


def _infer_title(text: str, entry: Entry) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
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
