"""Bad corpus input: every file either loads or is named in a clear problem, and the rest of the
corpus still loads and indexes.

Covers random bytes, wrong encodings, huge files and lines, empty files, hostile front matter
and sidecars, files that cannot be read (FIFOs, sockets, folders, errors), links that loop or
leave the corpus, and files changed or deleted while the index is being built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import random
import shutil
import socket
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nkterm.corpus.load as corpus_load
from nkterm.cli import main
from nkterm.corpus import (
    MAX_DOCUMENT_BYTES,
    MAX_TITLE,
    Corpus,
    Problem,
    decode,
    load_corpus,
    load_entry,
    scan,
)
from nkterm.index import Index
from nkterm.models import Document
from tests.robustness.conftest import LONG, record, scale

GOOD = "good.txt"
GOOD_TEXT = "The zebrafish report said 40 people came.\n"


def _corpus(root: Path, files: Mapping[str, bytes | str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / GOOD).write_text(GOOD_TEXT, "utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, "utf-8")
        else:
            path.write_bytes(content)
    return root


def _problems(corpus: Corpus) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in corpus.problems:
        out.setdefault(p.path, []).append(f"{p.action}: {p.message}")
    return out


def _accounted(root: Path, corpus: Corpus) -> None:
    """Every document file below root is a document or named in a problem; good.txt loaded."""
    assert "good" in corpus.by_id()
    loaded = {d.path for d in corpus.documents}
    named = {p.path for p in corpus.problems}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if (
            path.suffix in (".txt", ".md")
            and not path.is_dir()
            and not any(part.startswith(".") for part in path.parts)
        ):
            assert rel in loaded or rel in named, f"{rel} neither loaded nor reported"


def _indexes(root: Path, index_dir: Path, corpus: Corpus | None = None) -> Index:
    """The corpus indexes, its documents are searchable, and a second run changes nothing.
    ``corpus``: the test's own load of ``root`` (unchanged since), not parsed a second time."""
    index = Index(root, index_dir)
    report = index.update()
    if corpus is None:
        corpus = load_corpus(root)
    assert {s.id for s in index.summaries()} == {d.id for d in corpus.documents}
    assert [h.id for h in index.search("zebrafish").hits] == ["good"]
    again = index.update()
    assert again.touched == 0, again
    assert {p.path for p in report.problems} == {p.path for p in corpus.problems}
    return index


# -- random bytes ----------------------------------------------------------------------------------


@settings(
    max_examples=scale(150, 3000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.binary(max_size=scale(3000, 30000)),
    prefix=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"Title\n\n"]),
)
def test_random_bytes_load_or_are_reported(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    root = tmp_path / "c"
    shutil.rmtree(root, ignore_errors=True)
    _corpus(root, {"r.txt": prefix + data, "r.yaml": data[::-1], "s.md": data + prefix})
    corpus = load_corpus(root)
    _accounted(root, corpus)
    for doc in corpus.documents:
        assert doc.text.strip() and isinstance(doc.title, str) and len(doc.title) <= MAX_TITLE
    record("corpus: random bytes (files)", 3)


def test_a_corpus_of_random_files_indexes(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    files: dict[str, bytes | str] = {}
    count = scale(40, 400)
    for i in range(count):
        kind = i % 5
        size = rng.randint(0, 4000)
        if kind == 0:
            blob = rng.randbytes(size)
        elif kind == 1:  # text with random control and high bytes sprinkled in
            blob = bytes(
                rng.choice(b"abc def\n\t\r\x00\x1b\x07\x7f\x80\x9b\xc3\xa9\xff") for _ in range(size)
            )
        elif kind == 2:  # valid UTF-8 from all over Unicode, controls included
            blob = "".join(
                chr(
                    rng.choice(
                        [rng.randint(0, 0x2FF), rng.randint(0x2000, 0x2FFF), rng.randint(0x4E00, 0x4FFF)]
                    )
                )
                for _ in range(size // 3)
            ).encode("utf-8", "surrogatepass")
        elif kind == 3:  # front matter then garbage
            blob = b"---\ntitle: " + rng.randbytes(size // 4) + b"\n---\n" + rng.randbytes(size)
        else:  # good text in a random encoding
            text = f"Document {i}: the council said {i} million came.\n"
            blob = text.encode(
                rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8-sig"])
            )
        files[f"rand/{i:04}{rng.choice(['.txt', '.md'])}"] = blob
    root = _corpus(tmp_path / "c", files)
    corpus = load_corpus(root)
    _accounted(root, corpus)
    _indexes(root, tmp_path / "ix", corpus)
    record("corpus: random files, loaded and indexed", count)


# -- encodings -------------------------------------------------------------------------------------

LATIN = "Le café coûte 3 €, dit-il – « vraiment » ! Naïve œuvre.\n"
LATIN1_ONLY = "Stra\u00dfe \u00e0 Z\u00fcrich: \u00bd \u00a3 \u00a9 \u00ae \u00b5.\n"
JAPANESE = "東京の記者は「三百万人が来た」と言った。これは記事のテキストです。\n"


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("utf-16", LATIN, "UTF-16"),  # with a byte-order mark
        ("utf-16-le", LATIN, "UTF-16 (LE, no BOM)"),
        ("utf-16-be", LATIN, "UTF-16 (BE, no BOM)"),
        ("utf-16-be-bom", JAPANESE, "UTF-16 (BE, with BOM)"),
        ("utf-16-le", JAPANESE, "UTF-16"),
        ("cp1252", LATIN, "Windows-1252"),
        ("latin-1", LATIN1_ONLY, "not valid UTF-8"),
        ("latin-1-c1", LATIN1_ONLY + "\x81", "Latin-1"),
        ("shift_jis", JAPANESE, "Shift-JIS"),
        ("cp932", JAPANESE + "①", "Shift-JIS"),
        ("utf-8-sig", JAPANESE, "byte-order mark removed"),
    ],
)
def test_wrong_encodings_decode_correctly_with_a_named_repair(
    tmp_path: Path, encoding: str, text: str, named: str
) -> None:
    if encoding == "utf-16-be-bom":
        raw = b"\xfe\xff" + text.encode("utf-16-be")
    elif encoding == "latin-1-c1":
        raw = text.encode("latin-1")
    else:
        raw = text.encode(encoding)
    root = _corpus(tmp_path / "c", {"enc.txt": raw})
    corpus = load_corpus(root)
    assert corpus.by_id()["enc"].text == text
    (problem,) = _problems(corpus)["enc.txt"]
    assert problem.startswith("repaired: ") and named in problem
    _indexes(root, tmp_path / "ix", corpus)
    record("corpus: wrong encodings")


def test_utf8_japanese_is_not_mistaken_for_shift_jis(tmp_path: Path) -> None:
    text, note = decode(JAPANESE.encode("utf-8"))
    assert (text, note) == (JAPANESE, "")


@settings(max_examples=scale(200, 3000), deadline=None)
@given(
    st.text(alphabet=st.sampled_from("abcdefghij ,.'-\nÀÉÈÊËÎÏÔÖÙÛÜàâäçéèêëîïôöùûüÿœæß«»€–—…"), min_size=1)
)
def test_western_text_in_windows_1252_is_never_read_as_japanese(text: str) -> None:
    decoded, note = decode(text.encode("cp1252"))
    assert "Shift-JIS" not in note
    # (a short run like "È«" is also valid UTF-8, and UTF-8 rightly wins)
    assert decoded == text or note == ""
    record("corpus: Western cp1252 text (no false Shift-JIS)")


# -- size --------------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = 50 * 1024 * 1024 if LONG else MAX_DOCUMENT_BYTES + 1
    root = _corpus(tmp_path / "c", {})
    line = b"The huge file repeats this sentence about the council budget. " * 16 + b"\n"
    with open(root / "huge.txt", "wb") as out:
        for _ in range(size // len(line)):
            out.write(line)
        out.write(b"x" * (size % len(line)))
    assert (root / "huge.txt").stat().st_size == size
    opened: list[str] = []
    real_open = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(os.fsdecode(path))
        return real_open(path, *args, **kwargs)

    started = time.process_time()  # CPU, not wall: a loaded machine must not fail it
    monkeypatch.setattr(os, "open", spy)
    corpus = load_corpus(root)
    monkeypatch.undo()
    (problem,) = _problems(corpus)["huge.txt"]
    assert problem.startswith("skipped: too large (") and "split it into smaller files" in problem
    assert not any(p.endswith("huge.txt") for p in opened), "a file over the limit is never read"
    _indexes(root, tmp_path / "ix", corpus)
    assert time.process_time() - started < 30
    record(f"corpus: {size / 2**20:.0f} MB file")


def test_a_file_that_grows_past_the_limit_after_the_scan_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_load, "MAX_DOCUMENT_BYTES", 1000)  # the limit load_entry reads with
    root = _corpus(tmp_path / "c", {"grows.txt": "small\n"})
    entries, _ = scan(root)
    (root / "grows.txt").write_text("big " * 1000, "utf-8")
    entry = next(e for e in entries if e.id == "grows")
    doc, problems = load_entry(root, entry)
    assert doc is None and "too large" in str(problems[0])
    record("corpus: file grown past the limit after the scan")


def test_the_largest_accepted_document_loads_and_indexes(tmp_path: Path) -> None:
    # the full 10 MB takes ~50 s and ~1 GB to index: only in the long run
    size = MAX_DOCUMENT_BYTES if LONG else 200_000
    rng = random.Random(5)
    words = ["the", "council", "said", "budget", "million", "people", "would", "come", "because", "report"]
    parts, total = [], 0
    while total < size - 200:
        sentence = " ".join(rng.choice(words) for _ in range(12)).capitalize() + ". "
        sentence += "\n\n" if rng.random() < 0.1 else ""
        parts.append(sentence)
        total += len(sentence)
    text = "".join(parts) + "\n"
    root = _corpus(tmp_path / "c", {"big.txt": text})
    index = _indexes(root, tmp_path / "ix")
    assert index.document("big").text == text
    record(f"corpus: {size / 2**20:g} MB document indexed" if LONG else "corpus: 0.2 MB document indexed")


def test_a_single_line_of_a_million_characters(tmp_path: Path) -> None:
    length = 1_000_000
    rng = random.Random(9)
    words = ["alpha", "beta", "gamma", "delta", "said", "42"]
    line = (
        " ".join(rng.choice(words) for _ in range(length // 5))[: length - len(" zebrafish")] + " zebrafish"
    )
    assert len(line) == length and "\n" not in line
    root = _corpus(tmp_path / "c", {"line.txt": line})
    corpus = load_corpus(root)
    doc = corpus.by_id()["line"]
    assert doc.text == line and len(doc.title) <= MAX_TITLE
    index = Index(root, tmp_path / "ix")
    index.update()
    assert {h.id for h in index.search("zebrafish").hits} == {"good", "line"}
    assert index.document("line").text == line
    record("corpus: 1,000,000-character line")


# -- empty ------------------------------------------------------------------------------------------

EMPTY = {
    "empty.txt": b"",
    "spaces.txt": b"   ",
    "newlines.md": b"\n\n\n",
    "mixed.txt": b" \t\r\n\x0c\x0b \n",
    "unicode-space.txt": "\u3000\u00a0\u2003\n".encode(),
    "bom-only.txt": b"\xef\xbb\xbf",
    "utf16-bom-only.txt": b"\xff\xfe",
    "utf16-spaces.txt": "  \n ".encode("utf-16"),
    "front-matter-only.md": b"---\ntitle: Nothing below\n---\n",
    "front-matter-then-blank.md": b"---\ntitle: x\n---\n\n   \n",
}


def test_empty_and_whitespace_only_files_are_skipped_by_name(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c", dict(EMPTY))
    corpus = load_corpus(root)
    problems = _problems(corpus)
    assert {d.id for d in corpus.documents} == {"good"}
    for name in EMPTY:
        assert any("skipped: empty document" in p for p in problems[name]), (name, problems.get(name))
    _indexes(root, tmp_path / "ix", corpus)
    record("corpus: empty or whitespace-only files", len(EMPTY))


# -- front matter -----------------------------------------------------------------------------------


def _front_matter_cases(marker: Path) -> dict[str, tuple[str, str]]:
    """name -> (file text, what the problem must say)."""
    bomb = "\n".join(
        ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    return {
        "invalid.md": ("---\ntitle: [unclosed\n---\nBody one.\n", "malformed metadata"),
        "tabs.md": ("---\ntitle: x\n\tpeople: y\n---\nBody two.\n", "malformed metadata"),
        "bomb.md": (f"---\n{bomb}\ntitle: *a9\n---\nBody three.\n", "aliases"),
        "python-object.md": (
            f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nBody four.\n",
            "could not determine a constructor",
        ),
        "python-new.md": (
            f"---\nx: !!python/object/new:builtins.open ['{marker}', 'w']\n---\nBody five.\n",
            "could not determine a constructor",
        ),
        "python-name.md": (
            "---\nx: !!python/name:os.system\n---\nBody six.\n",
            "could not determine a constructor",
        ),
        "unknown-tag.md": ("---\nx: !custom thing\n---\nBody seven.\n", "could not determine a constructor"),
        "deep-flow.md": (
            "---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\nBody eight.\n",
            "nested too deeply",
        ),
        "deep-block.md": (
            "---\nx:\n" + "".join(" " * i + "- \n" for i in range(0, 3000, 2)) + "---\nBody nine.\n",
            "metadata",
        ),
        "list.md": ("---\n- a\n- b\n---\nBody ten.\n", "must be a YAML mapping"),
        "scalar.md": ("---\njust text\n---\nBody eleven.\n", "must be a YAML mapping"),
        "control.md": ("---\ntitle: a\x01b\n---\nBody twelve.\n", "malformed metadata"),
        "huge-key.md": ("---\n" + "k" * 200_000 + ": v\n---\nBody thirteen.\n", "metadata"),
    }


def test_hostile_front_matter_is_refused_and_the_body_kept(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    cases = _front_matter_cases(marker)
    root = _corpus(tmp_path / "c", {name: text for name, (text, _) in cases.items()})
    started = time.process_time()  # CPU, not wall: a loaded machine must not fail it
    corpus = load_corpus(root)
    assert time.process_time() - started < 20  # an alias bomb or a quadratic parse would not end
    docs, problems = corpus.by_id(), _problems(corpus)
    for name, (text, expected) in cases.items():
        doc = docs[name.removesuffix(".md")]
        assert doc.text == text[text.index("Body") :], name  # the front matter never reaches the text
        assert doc.title.startswith("Body"), (name, doc.title)  # inferred, not taken from the YAML
        assert any(expected in p for p in problems.get(name, [])), (name, problems.get(name))
    assert not marker.exists(), "a YAML tag ran code"
    _indexes(root, tmp_path / "ix", corpus)
    record("corpus: hostile front matter (invalid, bomb, tags, deep)", len(cases))


def test_unterminated_or_odd_front_matter_is_text(tmp_path: Path) -> None:
    cases = {
        "open.md": "---\ntitle: never closed\nBody.\n",
        "crlf.md": "---\r\ntitle: Windows\r\n---\r\nBody.\r\n",
        "bom.md": "\ufeff---\ntitle: With BOM\n---\nBody.\n",
        "dots.md": "---\ntitle: Dots\n...\nBody.\n",
    }
    root = _corpus(tmp_path / "c", cases)
    docs = load_corpus(root).by_id()
    assert docs["open"].text == cases["open.md"]
    assert docs["crlf"].title == "Windows" and docs["crlf"].text == "Body.\r\n"
    assert docs["bom"].title == "With BOM" and docs["bom"].text == "Body.\n"
    assert docs["dots"].title == "Dots"
    record("corpus: odd front matter", len(cases))


# -- sidecars ---------------------------------------------------------------------------------------

_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.dates()), inner, max_size=4),
        st.frozensets(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
    ),
    max_leaves=12,
)
_FIELDS = (
    "title",
    "source",
    "publisher",
    "author",
    "authors",
    "people",
    "date",
    "url",
    "tags",
    "sections",
    "extra_field",
)


class _SetDumper(yaml.SafeDumper):
    pass


_SetDumper.add_representer(frozenset, lambda d, v: d.represent_set(set(v)))


@settings(
    max_examples=scale(40, 1000),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    meta=st.dictionaries(st.sampled_from(_FIELDS), _value, min_size=1),
    where=st.sampled_from(["sidecar", "front"]),
)
def test_metadata_fields_of_any_type_never_break_loading_or_indexing(
    tmp_path: Path, meta: dict[str, object], where: str
) -> None:
    text = yaml.dump(meta, Dumper=_SetDumper, allow_unicode=True)
    root = tmp_path / "c"
    shutil.rmtree(root, ignore_errors=True)
    if where == "sidecar":
        _corpus(root, {"m.txt": "Body of the metadata document.\n", "m.yaml": text})
    else:
        _corpus(root, {"m.md": f"---\n{text}---\nBody of the metadata document.\n"})
    corpus = load_corpus(root)
    doc = corpus.by_id()["m"]
    assert doc.text == "Body of the metadata document.\n"
    assert isinstance(doc.title, str) and isinstance(doc.source, str) and isinstance(doc.url, str)
    for names in (doc.authors, doc.people, doc.tags):
        assert isinstance(names, tuple) and all(isinstance(n, str) for n in names)
    assert doc.date is None or isinstance(doc.date, dt.date)
    for s in doc.sections:
        assert type(s.start) is int and type(s.end) is int and 0 <= s.start < s.end <= len(doc.text)
        assert isinstance(s.kind, str) and isinstance(s.label, str)
        assert s.voice is None or isinstance(s.voice, str)
    problems = " | ".join(p.message for p in corpus.problems)
    for name, value in meta.items():  # a wrong type is named, never silently used
        if name in ("title", "url") and value is not None and not isinstance(value, (str, int, float)):
            assert f"'{name}'" in problems
    # and the metadata survives the index (dates, bytes, sets, date keys become text)
    index = Index(root, tmp_path / "ix")
    shutil.rmtree(tmp_path / "ix", ignore_errors=True)
    index.update()
    stored = index.document("m")
    assert (stored.title, stored.people, stored.tags, stored.date) == (
        doc.title,
        doc.people,
        doc.tags,
        doc.date,
    )
    index.close()
    record("corpus: metadata fields of random types (sidecar/front matter)")


# -- unreadable files -------------------------------------------------------------------------------


HANG = 120.0  # seconds: a FIFO opened for reading blocks forever; a loaded machine is only slow
# (a corpus of every bad input took over 15 s of wall time at load ~19)


def _load_with_deadline(root: Path, seconds: float = HANG) -> Corpus:
    """load_corpus in a thread: a FIFO opened for reading would block it forever."""
    box: list[Corpus] = []
    worker = threading.Thread(target=lambda: box.append(load_corpus(root)), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        for fifo in root.rglob("*"):  # unblock the reader, so the thread can end
            if fifo.is_fifo():
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("loading the corpus hung (a FIFO was opened for reading)")
    return box[0]


def test_fifos_sockets_and_folders_named_like_documents_do_not_hang_the_load(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c", {"dir.txt/inside.txt": "A document inside a folder named dir.txt.\n"})
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "piped-sidecar.yaml")
    (root / "piped-sidecar.txt").write_text("Its sidecar is a FIFO.\n", "utf-8")
    (root / "folder-sidecar.txt").write_text("Its sidecar is a folder.\n", "utf-8")
    (root / "folder-sidecar.yaml").mkdir()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock_path = root / "sock.md"
    try:
        sock.bind(str(sock_path))
        corpus = _load_with_deadline(root)
        problems = _problems(corpus)
        assert problems["pipe.txt"] == [
            "skipped: not a regular file (a named pipe): only plain files are read"
        ]
        assert problems["sock.md"] == ["skipped: not a regular file (a socket): only plain files are read"]
        assert any(
            "sidecar piped-sidecar.yaml: not a regular file (a named pipe)" in p
            for p in problems["piped-sidecar.txt"]
        )
        assert any(
            "sidecar folder-sidecar.yaml: not a regular file (a folder)" in p
            for p in problems["folder-sidecar.txt"]
        )
        assert {"good", "dir.txt/inside", "piped-sidecar", "folder-sidecar"} <= set(corpus.by_id())
        index = Index(root, tmp_path / "ix")
        index.update()  # the index reads through the same code: it must not hang either
        assert "dir.txt/inside" in {s.id for s in index.summaries()}
    finally:
        sock.close()
    record("corpus: FIFO, socket, folder named x.txt / x.yaml", 5)


def test_a_file_swapped_for_a_fifo_after_the_scan_does_not_hang(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "c", {"swap.txt": "regular at scan time\n"})
    entries, _ = scan(root)
    (root / "swap.txt").unlink()
    os.mkfifo(root / "swap.txt")
    entry = next(e for e in entries if e.id == "swap")
    box: list[tuple[Document | None, list[Problem]]] = []
    worker = threading.Thread(target=lambda: box.append(load_entry(root, entry)), daemon=True)
    worker.start()
    worker.join(HANG)
    if worker.is_alive():
        os.close(os.open(root / "swap.txt", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO hung")
    doc, problems = box[0]
    assert doc is None and "not a regular file (a named pipe)" in str(problems[0])
    record("corpus: file swapped for a FIFO after the scan")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "skipped: cannot read: Permission denied"),
        (OSError(errno.EIO, "Input/output error"), "skipped: cannot read: Input/output error"),
        (
            FileNotFoundError(errno.ENOENT, "No such file or directory"),
            "skipped: cannot read: No such file or directory",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_named_and_the_rest_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str
) -> None:
    # Tests run as root in CI, where chmod 000 still reads: the failure is injected at the open.
    root = _corpus(
        tmp_path / "c", {"locked.txt": "Unreadable.\n", "meta.txt": "Body.\n", "meta.yaml": "title: T\n"}
    )
    real_open = os.open

    def failing_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(path).endswith(("locked.txt", "meta.yaml")):
            raise error
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    corpus = load_corpus(root)
    problems = _problems(corpus)
    assert problems["locked.txt"] == [expected]
    assert problems["meta.yaml"] == [f"ignored: cannot read sidecar: {error.strerror}"]
    assert corpus.by_id()["meta"].title == "Body."  # the document loads without its metadata
    index = Index(root, tmp_path / "ix")
    report = index.update()
    assert {s.id for s in index.summaries()} == {"good", "meta"}
    assert [p.path for p in report.problems if p.action == "skipped"] == ["locked.txt"]
    record("corpus: unreadable files (EACCES, EIO, ENOENT)", 2)


# -- links ------------------------------------------------------------------------------------------


def test_links_that_loop_or_leave_the_corpus_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The secret token is quokka.\n", "utf-8")
    (outside / "secret.yaml").write_text("title: quokka title\n", "utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "deep.txt").write_text("quokka in a folder\n", "utf-8")
    root = _corpus(tmp_path / "c", {"inside.txt": "Inside the corpus.\n", "meta.txt": "Meta body.\n"})
    (root / "sub").mkdir()
    os.symlink(outside / "secret.txt", root / "abs-leak.txt")
    os.symlink("../../outside/secret.txt", root / "sub" / "rel-leak.md")
    os.symlink(outside / "folder", root / "dir-leak")
    os.symlink(outside / "secret.yaml", root / "meta.yaml")  # a sidecar that leads outside
    os.symlink("/dev/zero", root / "zero.txt")
    os.symlink(root / "self.txt", root / "self.txt")
    os.symlink(root / "b.txt", root / "a.txt")
    os.symlink(root / "a.txt", root / "b.txt")
    os.symlink(root, root / "sub" / "loop-dir")
    os.symlink(root, root / "root-loop")  # the corpus folder linked from itself
    os.symlink(".", root / "sub" / "self")
    (root / "other").mkdir()
    os.symlink(root / "other", root / "sub" / "inside-link")
    os.symlink(root / "inside.txt", root / "alias.txt")  # inside: fine
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.mkfifo(root / "fifo-target")
    os.symlink(root / "fifo-target", root / "to-fifo.txt")
    corpus = _load_with_deadline(root)
    problems = _problems(corpus)
    assert set(corpus.by_id()) == {"good", "inside", "meta", "alias"}
    for name in ("abs-leak.txt", "sub/rel-leak.md", "zero.txt"):
        assert any("points outside the corpus" in p for p in problems[name]), name
    for name in ("self.txt", "a.txt", "b.txt", "dangling.txt"):
        assert any("broken or looping" in p for p in problems[name]), name
    assert any("not a regular file" in p for p in problems["to-fifo.txt"])
    # folder links are never followed; those leading out or looping back say so (issue 15)
    assert problems["dir-leak"] == [
        f"skipped: folder link points outside the corpus ({outside / 'folder'}): not followed"
    ]
    for name in ("sub/loop-dir", "root-loop"):
        assert problems[name] == ["skipped: folder link loops back to the corpus folder: not followed"]
    assert problems["sub/self"] == ["skipped: folder link loops back to sub: not followed"]
    assert "sub/inside-link" not in problems  # a link to another folder of the corpus: fine
    assert any("meta.yaml is a link that points outside the corpus" in p for p in problems["meta.txt"])
    assert corpus.by_id()["meta"].title == "Meta body."
    index = Index(root, tmp_path / "ix")
    index.update()
    assert index.search("quokka").hits == ()  # nothing from outside was indexed
    record("corpus: symlink loops and links outside the corpus", 10)


# -- files changing under the index -----------------------------------------------------------------


def _matches_corpus(index: Index, root: Path) -> None:
    corpus = load_corpus(root)
    assert {s.id for s in index.summaries()} == {d.id for d in corpus.documents}
    for doc in corpus.documents:
        assert index.document(doc.id).text == doc.text, doc.id


@pytest.mark.slow
@pytest.mark.parametrize("parallel", [False, True] if LONG else [False])
def test_files_changed_or_deleted_while_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    import nkterm.build as build_module

    monkeypatch.setattr(build_module, "PARALLEL_MIN", 10 if parallel else 10**9)
    rng = random.Random(77)
    root = _corpus(
        tmp_path / "c", {f"d{i:03}.txt": f"Document {i} says {i} people came.\n" for i in range(40)}
    )
    rounds = scale(4, 30)
    for round_number in range(rounds):
        names = sorted(p.name for p in root.glob("d*.txt"))
        for name in rng.sample(names, k=min(len(names), 10)):
            (root / name).write_text(f"Round {round_number} rewrote {name}.\n", "utf-8")
        actions: dict[int, Callable[[], None]] = {}

        def mutate(round_number: int = round_number) -> None:
            current = sorted(root.glob("d*.txt"))
            if not current:
                return
            victim = rng.choice(current)
            what = rng.choice(["delete", "rewrite", "empty", "binary", "add", "fifo"])
            if what == "delete":
                victim.unlink()
            elif what == "rewrite":
                victim.write_text(f"Rewritten while indexing in round {round_number}.\n", "utf-8")
            elif what == "empty":
                victim.write_bytes(b"")
            elif what == "binary":
                victim.write_bytes(b"\x00\x01\x02" * 100)
            elif what == "fifo":
                victim.unlink()
                os.mkfifo(victim)
            else:
                (root / f"d{rng.randint(100, 999)}.txt").write_text("Added while indexing.\n", "utf-8")

        for step in rng.sample(range(1, 12), k=4):
            actions[step] = mutate

        def progress(done: int, total: int, actions: dict[int, Callable[[], None]] = actions) -> None:
            if done in actions:
                actions.pop(done)()

        index = Index(root, tmp_path / "ix")
        index.update(progress)  # never raises, whatever happens to the files meanwhile
        index.close()
        for fifo in root.glob("*.txt"):
            if fifo.is_fifo():
                fifo.unlink()
                fifo.write_text("Was a FIFO.\n", "utf-8")
        # the next run converges: the index holds exactly what the corpus holds now
        index = Index(root, tmp_path / "ix")
        index.update()
        _matches_corpus(index, root)
        assert index.update().touched == 0
        index.close()
    record("corpus: files changed/deleted while indexing (rounds)", rounds)


# -- everything at once, through the command line --------------------------------------------------


def test_a_corpus_of_every_bad_input_indexes_and_names_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "pwned"
    files: dict[str, bytes | str] = {name: text for name, (text, _) in _front_matter_cases(marker).items()}
    files.update(EMPTY)
    files.update(
        {
            "binary.txt": bytes(range(256)) * 8,
            "cp1252.txt": LATIN.encode("cp1252"),
            "sjis.txt": JAPANESE.encode("shift_jis"),
            "utf16.txt": LATIN.encode("utf-16"),
            "bad-sidecar.txt": "Body with a broken sidecar.\n",
            "bad-sidecar.yaml": "title: [broken\n",
            "typed-sidecar.txt": "Body with typed sidecar.\n",
            "typed-sidecar.yaml": "title: {a: 1}\ndate: someday\npeople: 5\nextra: {2020-01-01: x}\n",
        }
    )
    root = _corpus(tmp_path / "c", files)
    os.mkfifo(root / "fifo.txt")
    os.symlink(tmp_path, root / "up.txt")
    corpus = _load_with_deadline(root)
    _accounted(root, corpus)
    exit_code = main(["index", "--corpus", str(root), "--index", str(tmp_path / "ix")])
    out, err = capsys.readouterr()
    assert exit_code == 0
    lines = err.strip().splitlines()
    # one line per problem, each naming its file, then the summary on stdout
    assert len(lines) == len(corpus.problems)
    for problem in corpus.problems:
        assert any(line.startswith(problem.path) for line in lines), problem
    assert f"{len(corpus.documents)} documents in" in out and "problem(s) above" in out
    assert not marker.exists()
    record("corpus: mixed bad-input corpus through `nkterm index`", len(files) + 2)
