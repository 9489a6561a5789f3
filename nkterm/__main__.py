"""``python -m nkterm``: the same entry point as the ``nkterm`` console script."""

from __future__ import annotations

from nkterm.cli.main import run

if __name__ == "__main__":
    run()
