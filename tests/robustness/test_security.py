"""Security basics: YAML is only ever loaded safely, nothing is evaluated or unpickled by nkterm's
own code, and no file outside the corpus is read because of a document id, a path, a link or
an imported bookmark (checked with an audit hook that sees every file the process opens).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from nkterm.bookmarks import BookmarkStore
from nkterm.config import parse_config
from tests.conftest import ROOT
from tests.robustness.conftest import nkterm_env, record

PACKAGE = ROOT / "nkterm"

FORBIDDEN = {
    r"\byaml\.load\(": "yaml.load( (use a SafeLoader class directly, as corpus.py and yamlfile.py do)",
    r"\byaml\.load_all\(": "yaml.load_all(",
    r"\byaml\.unsafe_load": "yaml.unsafe_load",
    r"\byaml\.full_load": "yaml.full_load",
    r"\bLoader\s*=\s*yaml\.(Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b": "an unsafe Loader",
    r"\b(FullLoader|UnsafeLoader|CFullLoader|CUnsafeLoader)\b": "an unsafe loader class",
    r"(?<![.\w])eval\(": "eval(",
    r"(?<![.\w])exec\(": "exec(",
    r"\bpickle\.loads?\(": "pickle.load",
    r"\bmarshal\.loads?\(": "marshal.load",
    r"\bshelve\.open\(": "shelve.open",
    r"shell\s*=\s*True": "shell=True",
    r"\bos\.system\(": "os.system(",
}


# Unpickling that reads only what Whoosh itself unpickles, from files of the same trust: the
# index's posting blocks (Whoosh's W3 codec pickles them; its matcher unpickles the same bytes) and
# the postings pool's sorted runs (temporary files this process writes, as Whoosh's own pool does),
# and the build's spool (chunks its own worker processes wrote into a folder only this user can write).
UNPICKLES_WHAT_WHOOSH_DOES = {
    "nkterm/search/whoosh/postings.py": "the index's posting blocks, read as W3LeafMatcher reads them",
    "nkterm/search/whoosh/pool.py": "the build's own temporary run files",
    "nkterm/spool.py": "the build workers' own chunk files, in a 0700 temporary folder",
}


def test_the_source_never_loads_yaml_unsafely_nor_evaluates_or_unpickles() -> None:
    offences = []
    allowed_seen: set[str] = set()
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for pattern, what in FORBIDDEN.items():
                if re.search(pattern, code):
                    if what == "pickle.load" and rel in UNPICKLES_WHAT_WHOOSH_DOES:
                        allowed_seen.add(rel)
                        continue
                    offences.append(f"{rel}:{number}: {what}: {line.strip()}")
    assert offences == []
    assert allowed_seen == set(UNPICKLES_WHAT_WHOOSH_DOES), "an allowed file no longer unpickles: drop it"
    record("security: source files checked for unsafe calls", len(files))


def test_every_yaml_loader_nkterm_uses_is_a_safe_one() -> None:
    from nkterm.bookmarks import yamlfile
    from nkterm.corpus import fields

    for loader in (fields._NoAliasSafeLoader, fields._FAST_LOADER, yamlfile._Loader, yamlfile._DEEP_LOADER):
        assert issubclass(loader, yaml.constructor.SafeConstructor), loader
        assert not issubclass(loader, yaml.constructor.FullConstructor), loader


def test_python_tags_run_nothing_in_any_yaml_nkterm_reads(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/new:builtins.open ['{marker}', 'w']",
        f"!!python/object/apply:subprocess.call [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/module:os",
    ]
    for payload in payloads:
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        (corpus / "front.md").write_text(f"---\ntitle: {payload}\n---\nBody.\n", "utf-8")
        (corpus / "side.txt").write_text("Body.\n", "utf-8")
        (corpus / "side.yaml").write_text(f"title: {payload}\n", "utf-8")
        from nkterm.corpus import load_corpus

        loaded = load_corpus(corpus)
        assert {d.title for d in loaded.documents} == {"Body."}
        bookmarks = tmp_path / "bookmarks.yaml"
        bookmarks.write_text(f"version: 1\nbookmarks:\n- {payload}\n", "utf-8")
        assert BookmarkStore(bookmarks).read_only_reason is not None
        parse_config(f"reader: {payload}\nkeymap:\n  quit: {payload}\n", tmp_path / "config.yaml")
        assert not marker.exists(), payload
    record("security: YAML python tags in front matter, sidecar, bookmarks, config", 4 * len(payloads))


# -- no file outside the corpus is read ---------------------------------------------------------------

AUDITED = """
import contextlib, io, json, os, sys
opened, listed = [], []

def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.realpath(os.fsdecode(args[0])))
    elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
        try:
            listed.append(os.path.realpath(os.fsdecode(args[0])))
        except TypeError:
            pass

sys.addaudithook(hook)
from nkterm.cli import main

results = []
for args in json.loads(sys.argv[1]):
    opened.clear(); listed.clear()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:
            code = exc.code
    results.append({"args": args, "code": code, "out": out.getvalue(), "err": err.getvalue(),
                    "opened": sorted(set(opened)), "listed": sorted(set(listed))})
sys.stdout.write(json.dumps(results))
"""


@pytest.fixture
def fenced(tmp_path: Path) -> dict[str, Any]:
    """A corpus with links that lead out of it, next to secrets it must never read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOPSECRET quokka passphrase\n", "utf-8")
    (outside / "secret.yaml").write_text("title: TOPSECRET quokka title\n", "utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "deep.txt").write_text("TOPSECRET quokka in a folder\n", "utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text("The mayor said 3 million people came to the rally.\n", "utf-8")
    (corpus / "other.txt").write_text("The mayor said 3 million people came, officials said.\n", "utf-8")
    (corpus / "meta.txt").write_text("A document whose sidecar is a link outside.\n", "utf-8")
    os.symlink(outside / "secret.yaml", corpus / "meta.yaml")
    os.symlink(outside / "secret.txt", corpus / "leak.txt")
    os.symlink("../outside/secret.txt", corpus / "rel-leak.md")
    os.symlink(outside / "folder", corpus / "linkdir")
    home = tmp_path / "home"
    env = nkterm_env(corpus, tmp_path / "index", home)
    imports = tmp_path / "import.json"
    sources = [
        "../outside/secret",
        "/etc/passwd",
        "leak",
        "rel-leak",
        "linkdir/deep",
        "file:///etc/passwd",
        "doc",
    ]
    imports.write_text(
        json.dumps(
            [
                {"target": {"source": s, "selector": [{"type": "TextQuoteSelector", "exact": "quokka"}]}}
                for s in sources
            ]
        ),
        "utf-8",
    )
    (home / "data").mkdir(parents=True)
    (home / "data" / "bookmarks.yaml").write_text(
        "version: 1\nbookmarks:\n"
        + "".join(
            f"- {{id: hand{i}, doc_id: '{doc_id}', exact: quokka, start: 0, end: 6}}\n"
            for i, doc_id in enumerate(
                ["../outside/secret", "/etc/passwd", "leak", "linkdir/deep", "rel-leak"]
            )
        ),
        "utf-8",
    )
    forbidden = [str((outside / name).resolve()) for name in ("secret.txt", "secret.yaml", "folder/deep.txt")]
    return {
        "env": env,
        "imports": imports,
        "forbidden": [*forbidden, "/etc/passwd", "/etc/shadow"],
        "outside": outside,
    }


COMMANDS: list[tuple[list[str], int]] = [
    (["index"], 0),
    (["show", "../outside/secret"], 2),
    (["show", "/etc/passwd"], 2),
    (["show", "leak"], 2),
    (["show", "linkdir/deep"], 2),
    (["show", "../../../../../../etc/passwd", "--raw"], 2),
    (["claims", "/etc/passwd"], 2),
    (["claims", "../outside/secret", "--json"], 2),
    (["compare", "../../x", "doc"], 2),
    (["compare", "doc", "../outside/secret", "--json"], 2),
    (["corroborate", "../outside/secret", "0"], 2),
    (["search", "quokka"], 0),
    (["search", "id:../outside/secret"], 0),
    (["docs", "--json"], 0),
    (["bookmarks", "add", "../outside/secret", "--quote", "quokka"], 2),
    (["bookmarks", "add", "leak", "--quote", "quokka"], 2),
    (["bookmarks", "add", "linkdir/deep", "--quote", "quokka"], 2),
    (["bookmarks", "add", "/etc/passwd", "--quote", "root"], 2),
    (["bookmarks", "list"], 0),
    (["bookmarks", "list", "--json"], 0),
    (["bookmarks", "export", "--format", "md"], 0),
    (["bookmarks", "export", "--format", "csv"], 0),
    (["bookmarks", "import", "IMPORTS"], 2),
    (["bookmarks", "list", "--doc", "../outside/secret"], 0),
]


def test_no_id_path_link_or_import_makes_nkterm_read_outside_the_corpus(fenced: dict[str, Any]) -> None:
    commands = [[fenced["imports"].as_posix() if a == "IMPORTS" else a for a in args] for args, _ in COMMANDS]
    proc = subprocess.run(
        [sys.executable, "-c", AUDITED, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=fenced["env"],
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    outside = str(fenced["outside"].resolve())
    for result, (_, expected_code) in zip(results, COMMANDS, strict=True):
        label = " ".join(result["args"])
        assert result["code"] == expected_code, (label, result["err"])
        for path in fenced["forbidden"]:
            assert path not in result["opened"], f"`nkterm {label}` opened {path}"
        assert not [p for p in result["opened"] if p.startswith(outside)], label
        assert not [p for p in result["listed"] if p.startswith(outside)], (
            f"`nkterm {label}` listed a folder outside"
        )
        assert "quokka passphrase" not in result["out"] + result["err"], label
        assert "TOPSECRET" not in result["out"] + result["err"], label
        assert "root:x:0:0" not in result["out"] + result["err"], label
    by_label = {" ".join(r["args"]): r for r in results}
    # what the user is told
    assert "points outside the corpus" in by_label["index"]["err"]
    assert "meta.yaml is a link that points outside the corpus" in by_label["index"]["err"]
    listing = by_label["bookmarks list"]["out"]
    assert listing.count("[document missing: deleted or renamed?]") == 5  # never looked up
    imported = next(r for r in results if r["args"][:2] == ["bookmarks", "import"])
    assert "imported 1 bookmark(s)" in imported["err"] and "6 rejected" in imported["err"]  # only "doc"
    assert "looks like a path or URL" in imported["err"] and "is not in the corpus" in imported["err"]
    record("security: CLI commands with ids/paths/links/imports leading outside (audited)", len(COMMANDS))
