"""The shape of the package: every module is in one layer (core, CLI, reader), every module
imports, the core never loads Textual, importing nkterm or the library loads neither Textual nor
Whoosh. The import contracts in pyproject.toml (``lint-imports``) check the directions; this
test checks that their lists name every module there is, and only modules that exist."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nkterm

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
CONTRACTS = {c["id"]: c for c in PYPROJECT["tool"]["importlinter"]["contracts"]}

CORE: list[str] = CONTRACTS["core-headless"]["source_modules"]
CLI = ["nkterm.cli", "nkterm.__main__"]
READER = ["nkterm.tui"]


def _all_modules() -> list[str]:
    found = ["nkterm"]
    for info in pkgutil.walk_packages(nkterm.__path__, "nkterm."):
        found.append(info.name)
    return sorted(found)


def _layer_of(module: str) -> list[str]:
    return [
        name
        for layer in (CORE, CLI, READER)
        for name in layer
        if module == name or module.startswith(name + ".")
    ]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return set(out.split())


def _top(modules: set[str], *names: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in names}


def test_every_module_is_in_exactly_one_layer() -> None:
    modules = [m for m in _all_modules() if m != "nkterm"]  # the root: open() and the version
    assert len(modules) > 60, modules
    unplaced = [m for m in modules if len(_layer_of(m)) != 1]
    assert unplaced == [], f"place these in CORE (pyproject contracts), CLI or READER: {unplaced}"


def test_every_listed_module_exists() -> None:
    modules = set(_all_modules())
    listed = {*CORE, *CLI, *READER}
    for contract in CONTRACTS.values():
        listed |= {
            m
            for m in contract.get("source_modules", [])
            + contract.get("forbidden_modules", [])
            + contract.get("layers", [])
            if m.startswith("nkterm")
        }
    missing = sorted(m for m in listed if m not in modules)
    assert missing == [], f"the architecture names modules that do not exist: {missing}"
    # every contract about the core covers all of it (the Whoosh one leaves out the Whoosh backend)
    assert set(CONTRACTS["core-below-faces"]["source_modules"]) == set(CORE)
    search = {
        m for m in modules if m.startswith("nkterm.search.") and not m.startswith("nkterm.search.whoosh")
    }
    assert set(CONTRACTS["whoosh-in-search-layer"]["source_modules"]) == ({*CORE, *CLI, *READER} | search) - {
        "nkterm.search"
    }


def test_every_module_imports_and_the_core_loads_no_textual() -> None:
    modules = _all_modules()
    core = [m for m in modules if m == "nkterm" or any(_layer_of(m) == [c] for c in CORE)]
    loaded = _loaded_after("\n".join(f"import {m}" for m in core))
    assert {"nkterm.index", "nkterm.search.whoosh.backend", "nkterm.compare.alignment"} <= loaded
    assert _top(loaded, "textual") == set()
    every = _loaded_after("\n".join(f"import {m}" for m in modules))
    assert set(modules) <= every


def test_the_readers_view_models_load_no_textual() -> None:
    view = [m for m in _all_modules() if m.startswith("nkterm.tui.view.")]
    assert {"nkterm.tui.view.listing", "nkterm.tui.view.textlayout", "nkterm.tui.view.marks"} <= set(view)
    loaded = _loaded_after("\n".join(f"import {m}" for m in view))
    assert _top(loaded, "textual") == set()


def test_importing_nkterm_the_library_and_the_cli_loads_neither_textual_nor_whoosh() -> None:
    loaded = _loaded_after(
        "import nkterm, nkterm.errors, nkterm.library, nkterm.library_bookmarks, nkterm.cli\n"
        "nkterm.cli.build_parser()"
    )
    assert {"nkterm.library", "nkterm.cli.bookmarks", "nkterm.cli.compare", "nkterm.cli.documents"} <= loaded
    assert _top(loaded, "textual", "whoosh") == set()


def test_whoosh_is_imported_only_by_the_whoosh_backend() -> None:
    root = ROOT / "nkterm"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if not p.is_relative_to(root / "search" / "whoosh")
        and ("import whoosh" in p.read_text("utf-8") or "from whoosh" in p.read_text("utf-8"))
    ]
    assert offenders == []


def test_cli_search_runs_without_textual(tmp_path: Path) -> None:
    code = (
        "import sys, os\n"
        f"os.environ['NKTERM_INDEX'] = {str(tmp_path / 'ix')!r}\n"
        "from nkterm.cli import main\n"
        "assert main(['search', 'korea', '--json']) == 0\n"
        "assert not any(m.startswith('textual') for m in sys.modules), 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT)


def test_no_import_circles_even_through_type_only_imports() -> None:
    # lint-imports' "acyclic" contract leaves out `if TYPE_CHECKING:` imports (the contracts
    # exclude them); a circle of those still ties two modules together, so none is allowed
    import grimp

    graph = grimp.build_graph("nkterm", exclude_type_checking_imports=False)
    packages = sorted(m for m in graph.modules if graph.find_children(m))
    assert "nkterm.compare" in packages and "nkterm.search" in packages
    circles = {p: graph.nominate_cycle_breakers(p) for p in packages}
    assert {p: b for p, b in circles.items() if b} == {}


def _imports_benchmarks(path: Path) -> list[int]:
    """Lines of ``path`` that import the ``benchmarks`` package, at any depth of the module."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name == "benchmarks" or name.startswith("benchmarks.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_test_imports_the_benchmarks() -> None:
    # a benchmark is checked by running it as a user does (`python -m benchmarks...`); what a
    # benchmark and a test both need lives in the package or in a tests/ helper
    tests = ROOT / "tests"
    offenders = {
        str(p.relative_to(ROOT)): lines
        for p in sorted(tests.rglob("*.py"))
        if (lines := _imports_benchmarks(p))
    }
    assert offenders == {}
