from __future__ import annotations

from pathlib import Path

import pytest

from nkterm.corpus import DocumentNotFound, load_corpus, load_entry, read_document, scan, valid_doc_id
from tests.conftest import BLOGGER, PHOTO, SEEDS


def _problems(corpus_dir: Path) -> dict[str, str]:
    corpus = load_corpus(corpus_dir)
    return {p.path: f"{p.action}: {p.message}" + (f" @{p.line}" if p.line else "") for p in corpus.problems}


def test_seeds_load_with_sidecar_metadata_and_verbatim_text() -> None:
    corpus = load_corpus(SEEDS)
    assert corpus.problems == []
    docs = corpus.by_id()
    assert set(docs) == {BLOGGER, PHOTO}
    blogger = docs[BLOGGER]
    assert blogger.text == (SEEDS / f"{BLOGGER}.txt").read_text("utf-8")
    assert blogger.people == ('Drew "Binsky" Goldberg',)
    first_person = [s for s in blogger.sections if s.kind == "first-person"]
    assert len(first_person) == 1
    assert blogger.text[first_person[0].start :].startswith("I recently spent 3 days in Pyongyang")
    photo = docs[PHOTO]
    assert photo.source == "Business Insider Australia"
    furniture = [s for s in photo.sections if s.kind == "boilerplate"]
    assert photo.text[furniture[0].start :].startswith("Now that you've seen")


def test_missing_metadata_is_inferred(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report.md").write_text("# A headline\n\nBody text here.\n", "utf-8")
    doc = load_corpus(tmp_path).documents[0]
    assert doc.id == "sub/report"
    assert doc.title == "A headline"
    assert doc.source == "" and doc.people == ()


def test_a_title_line_decodes_character_references_but_keeps_bare_ampersands(tmp_path: Path) -> None:
    (tmp_path / "fine.txt").write_text(
        "&#163;1.8m fine for a communiqu&#233; &amp; AT&T&#x2019;s R&D\n\nBody.\n", "utf-8"
    )
    doc = load_corpus(tmp_path).documents[0]
    assert doc.title == "£1.8m fine for a communiqué & AT&T’s R&D"
    assert doc.text.startswith("&#163;1.8m")  # the text stays as the file has it: offsets hold


def test_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Given title\npeople: [Ann Lee, Bo Kim]\ndate: 2011-05-01\ntags: x, y\n---\nThe body.\n",
        "utf-8",
    )
    doc = load_corpus(tmp_path).documents[0]
    assert doc.title == "Given title"
    assert doc.people == ("Ann Lee", "Bo Kim")
    assert doc.tags == ("x", "y")
    assert str(doc.date) == "2011-05-01"
    assert doc.text == "The body.\n"


def test_malformed_front_matter_names_file_and_line_and_still_loads(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text(
        "---\ntitle: ok\npeople: [unclosed\nmore: x\n---\nBody stays.\n", "utf-8"
    )
    (tmp_path / "good.txt").write_text("Fine.\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert {d.id for d in corpus.documents} == {"bad", "good"}
    (problem,) = corpus.problems
    assert problem.path == "bad.md" and problem.line is not None and 3 <= problem.line <= 5
    assert "malformed metadata" in problem.message
    assert corpus.by_id()["bad"].text == "Body stays.\n"


def test_malformed_sidecar_names_the_sidecar_and_line(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Text.\n", "utf-8")
    (tmp_path / "doc.yaml").write_text("title: fine\nsource: [oops\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].title == "Text."
    (problem,) = corpus.problems
    assert problem.path == "doc.yaml" and problem.line == 3


def test_sidecar_fields_with_wrong_types_are_reported_and_ignored(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Text.\n", "utf-8")
    (tmp_path / "doc.yaml").write_text(
        "title: {a: 1}\npeople: 5\ndate: someday\nsections: [{start: 0, end: 999}]\n", "utf-8"
    )
    corpus = load_corpus(tmp_path)
    doc = corpus.documents[0]
    assert doc.title == "Text." and doc.people == () and doc.date is None and doc.sections == ()
    messages = " | ".join(p.message for p in corpus.problems)
    for field in ("'title'", "'people'", "'date'", "sections[0]"):
        assert field in messages


def test_yaml_tags_and_alias_bombs_are_refused(tmp_path: Path) -> None:
    (tmp_path / "evil.md").write_text(
        "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nBody\n", "utf-8"
    )
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    (tmp_path / "bomb.txt").write_text("Bomb body\n", "utf-8")
    (tmp_path / "bomb.yaml").write_text(bomb, "utf-8")
    corpus = load_corpus(tmp_path)
    assert {d.id for d in corpus.documents} == {"evil", "bomb"}
    assert corpus.by_id()["evil"].title == "Body"
    messages = {p.path: p.message for p in corpus.problems}
    assert "aliases" in messages["bomb.yaml"]
    assert "evil.md" in messages


def test_non_utf8_is_decoded_with_a_named_fallback(tmp_path: Path) -> None:
    (tmp_path / "cp.txt").write_bytes("Price: \u00a35 \u2013 caf\u00e9\n".encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes("\ufeffHello UTF-16\n".encode("utf-16-le"))
    (tmp_path / "u16nobom.txt").write_bytes("Plain UTF-16 text here\n".encode("utf-16-le"))
    corpus = load_corpus(tmp_path)
    docs = corpus.by_id()
    assert docs["cp"].text == "Price: \u00a35 \u2013 caf\u00e9\n"
    assert docs["u16"].text == "Hello UTF-16\n"
    assert docs["u16nobom"].text == "Plain UTF-16 text here\n"
    problems = _problems(tmp_path)
    assert "Windows-1252" in problems["cp.txt"]
    assert "UTF-16" in problems["u16.txt"] and "no BOM" in problems["u16nobom.txt"]


def test_binary_empty_and_duplicate_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n \t\n", "utf-8")
    (tmp_path / "dup.txt").write_text("one\n", "utf-8")
    (tmp_path / "dup.md").write_text("two\n", "utf-8")
    (tmp_path / "ok.txt").write_text("fine\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert {d.id for d in corpus.documents} == {"dup", "ok"}
    problems = _problems(tmp_path)
    assert "binary" in problems["bin.txt"]
    assert "empty" in problems["empty.txt"] and "empty" in problems["blank.md"]
    assert "duplicate id 'dup'" in problems["dup.txt"]


def test_file_deleted_between_scan_and_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text("x\n", "utf-8")
    entries, _ = scan(tmp_path)
    (tmp_path / "gone.txt").unlink()
    doc, problems = load_entry(tmp_path, entries[0])
    assert doc is None
    assert problems[0].action == "skipped" and "cannot read" in problems[0].message


def test_read_document_refuses_ids_that_leave_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "secret.txt").write_text("secret\n", "utf-8")
    for bad in ("../secret", "/etc/passwd", "a/../../secret", "", "C:/x"):
        assert not valid_doc_id(bad)
        with pytest.raises(DocumentNotFound):
            read_document(tmp_path / "corpus", bad)
    assert read_document(SEEDS, PHOTO).id == PHOTO
