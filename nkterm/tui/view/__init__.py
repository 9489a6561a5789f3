"""The reader's view models, without Textual (an import-linter contract): text layout and
wrapping (``textlayout``), a document laid out for the view (``document_layout``, ``Prepared``),
marks (``marks``), and the document list's listing and filter (``listing``). Tested as plain
Python in tests/unit."""
