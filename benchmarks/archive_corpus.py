"""``python -m benchmarks.archive_corpus DIR [N]``: the generated archive of issue 20, which
lives in ``nkterm.synthetic.archive`` (the tests use it too)."""

from __future__ import annotations

import sys

from nkterm.synthetic.archive import ArchiveSummary, main, write_archive

__all__ = ["ArchiveSummary", "main", "write_archive"]

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
