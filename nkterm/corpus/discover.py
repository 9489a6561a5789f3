"""Which files are documents: ``.txt``/``.md`` below a root and the formats of
``nkterm.corpus.readers``; no hidden folders, no links that lead outside the root; ``NAME.yaml``
sidecars; stable ids (the relative path without extension). ``scan`` reads no file.
"""

from __future__ import annotations

import gc
import operator
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nkterm.corpus.readers import SUFFIXES as READER_SUFFIXES
from nkterm.corpus.readers import format_for
from nkterm.corpus.readers import stem as reader_stem
from nkterm.files import why_unusable

DOC_SUFFIXES = (".txt", ".md")
ALL_SUFFIXES = DOC_SUFFIXES + READER_SUFFIXES
SIDECAR_SUFFIXES = (".yaml", ".yml")
MAX_TITLE = 160
# A document is read whole, segmented and indexed as one unit (10 MB: ~24 s on the 2-core test
# machine): a bigger file is a data dump to split, not an article (the longest novels are 3-5 MB).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_SIDECAR_BYTES = 1024 * 1024


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


@dataclass(slots=True)
class Entry:
    """A document file found by ``scan``: enough to tell whether it changed, without reading it.
    Not frozen (treat it as read-only): a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__``, ~6x slower (20,000 files: ~50 -> ~9 ms CPU of a scan)."""

    id: str
    rel: str
    location: str  # the file's path as found (``path`` makes the Path when asked: scan makes none)
    mtime_ns: int
    size: int
    sidecar: Path | None = None
    sidecar_mtime_ns: int = 0
    sidecar_size: int = 0

    @property
    def path(self) -> Path:
        return Path(self.location)

    @property
    def stamp(self) -> tuple[int, int, int, int]:
        return (self.mtime_ns, self.size, self.sidecar_mtime_ns, self.sidecar_size)


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
    one system call per document (not four) and no pathlib parsing per file. Where the system
    allows, each folder is listed from an open descriptor and its files are ``stat``'ed
    relative to it (the kernel does not walk each path from the root again)."""
    root = Path(root)
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    real_root = root.resolve()
    # ~2 objects a file made, none freed: the cyclic collector's passes over them were a fifth
    # of a 20k-file scan
    collecting = gc.isenabled()
    gc.disable()
    try:
        # (folder, its relative prefix): top-down, each folder's entries sorted by name (os.walk's order)
        stack: list[tuple[str, str]] = [(str(root), "")]
        while stack:
            dirpath, prefix = stack.pop()
            try:
                fd = os.open(dirpath, _DIR_FLAGS) if _BY_FD else -1
            except OSError as exc:
                rel = rel_path(Path(dirpath), root)
                problems.append(Problem(rel, "skipped", f"cannot read folder: {exc.strerror or exc}"))
                continue
            try:
                subdirs = _scan_folder(dirpath, fd, prefix, real_root, entries, problems)
            except OSError as exc:
                rel = rel_path(Path(exc.filename or dirpath), root)
                problems.append(Problem(rel, "skipped", f"cannot read folder: {exc.strerror or exc}"))
                continue
            finally:
                if fd >= 0:
                    os.close(fd)
            stack.extend(reversed(subdirs))
    finally:
        if collecting:
            gc.enable()
    return sorted(entries.values(), key=_by_id), problems


_BY_FD = os.scandir in os.supports_fd  # POSIX: a folder's entries are stat'ed relative to it
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_by_id = operator.attrgetter("id")
_by_name = operator.attrgetter("name")


def _scan_folder(
    dirpath: str,
    fd: int,
    prefix: str,
    real_root: Path,
    entries: dict[str, Entry],
    problems: list[Problem],
) -> list[tuple[str, str]]:
    """``scan`` of one folder (open as ``fd`` when not -1): its documents into ``entries`` (by
    id), what is wrong into ``problems``; returns its subfolders, in order. Hidden files and
    folders are skipped, folder links are not followed, file links must stay in the corpus.
    Raises OSError when the folder cannot be listed."""
    with os.scandir(fd if fd >= 0 else dirpath) as it:
        items = sorted(it, key=_by_name)
    names = frozenset(map(_by_name, items))
    base = dirpath if dirpath.endswith(os.sep) else dirpath + os.sep
    subdirs: list[tuple[str, str]] = []
    for item in items:
        name = item.name
        try:
            is_dir = item.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if name.startswith("."):
                continue
            if not item.is_symlink():
                subdirs.append((base + name, prefix + name + "/"))
            elif (why := _folder_link_problem(Path(base + name), real_root)) is not None:
                problems.append(Problem(prefix + name, "skipped", why))
            continue
        lower = name.lower()
        if name.startswith(".") or not lower.endswith(ALL_SUFFIXES):
            continue
        rel = prefix + name
        location = base + name
        if item.is_symlink():
            try:
                target = Path(location).resolve(strict=True)
            except (OSError, RuntimeError):
                problems.append(Problem(rel, "skipped", "broken or looping symbolic link"))
                continue
            if not target.is_relative_to(real_root):
                problems.append(
                    Problem(rel, "skipped", f"symbolic link points outside the corpus ({target})")
                )
                continue
        if lower.endswith(DOC_SUFFIXES):  # os.path.splitext and doc_id_for, without their calls
            stem = stem_base = name[: -4 if lower.endswith(".txt") else -3]
            max_bytes = MAX_DOCUMENT_BYTES
        else:
            stem, stem_base = reader_stem(name), os.path.splitext(name)[0]
            max_bytes = _max_bytes(name)
        doc_id = prefix + stem
        try:
            st = item.stat()  # a file link: its target's (relative to ``fd`` when listed from it)
        except OSError as exc:
            problems.append(Problem(rel, "skipped", f"cannot read: {exc.strerror or exc}"))
            continue
        if st.st_mode & _FORMAT != _REGULAR or st.st_size > max_bytes:
            problems.append(Problem(rel, "skipped", why_unusable(st, max_bytes)))
            continue
        sidecar, sc_mtime, sc_size = None, 0, 0
        if stem_base + ".yaml" in names or stem_base + ".yml" in names:  # SIDECAR_SUFFIXES; else no stat
            sidecar, sc_mtime, sc_size, ignored = find_sidecar(Path(location), real_root, names)
            if ignored:
                problems.append(Problem(rel, "ignored", ignored))
        if doc_id in entries:
            problems.append(
                Problem(rel, "skipped", f"duplicate id {doc_id!r}: {entries[doc_id].rel} has the same id")
            )
            continue
        entries[doc_id] = Entry(doc_id, rel, location, st.st_mtime_ns, st.st_size, sidecar, sc_mtime, sc_size)
    return subdirs


_FORMAT, _REGULAR = 0o170000, stat.S_IFREG  # stat.S_IFMT's mask; a regular file: the only kind read


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
        where = "the corpus folder" if target == real_root else rel_path(target, real_root)
        return f"folder link loops back to {where}: not followed"
    return None


def rel_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def find_sidecar(
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


def find_file(root: Path, doc_id: str, *, many: bool = False) -> Path | None:
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
