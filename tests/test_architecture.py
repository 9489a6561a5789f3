"""The core is headless: importing it, and running the CLI, never imports Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "nkterm",
    "nkterm.models",
    "nkterm.paths",
    "nkterm.corpus",
    "nkterm.text",
    "nkterm.index",
    "nkterm.render",
    "nkterm.cli",
]
OPTIONAL_CORE = ["nkterm.claims", "nkterm.compare", "nkterm.bookmarks", "nkterm.config", "nkterm.state"]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_modules_do_not_import_textual() -> None:
    imports = "\n".join(f"import {m}" for m in CORE)
    imports += "\n" + "\n".join(
        f"try:\n    import {m}\nexcept ModuleNotFoundError:\n    pass" for m in OPTIONAL_CORE
    )
    modules = _loaded_after(imports)
    assert "nkterm.index" in modules
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_whoosh_is_imported_only_by_the_index_module() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "nkterm"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "index.py"
        and ("import whoosh" in p.read_text("utf-8") or "from whoosh" in p.read_text("utf-8"))
    ]
    assert offenders == []


def test_cli_search_runs_without_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys, os\n"
        f"os.environ['NKTERM_INDEX'] = {str(tmp_path / 'ix')!r}\n"
        "from nkterm.cli import main\n"
        "main(['search', 'korea', '--json'])\n"
        "assert not any(m.startswith('textual') for m in sys.modules), 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
