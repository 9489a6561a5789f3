"""``python -m nkterm``: the same entry point as the ``nkterm`` console script."""

from __future__ import annotations

import sys

from nkterm.cli import main

if __name__ == "__main__":
    sys.exit(main())
