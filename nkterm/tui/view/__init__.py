"""The reader's view models, without Textual (an import-linter contract): text layout and
wrapping (``textlayout``), a document laid out for the view (``document_layout``, ``Prepared``),
the sentence cursor (its state and placing: ``cursor_place``; its moves: ``document_cursor``;
over a ``viewport``; what it highlights: ``highlights``; what ``b`` bookmarks: ``passage``), marks (``marks``), the document
list's listing and filter (``listing``) and the search status line (``search_status``). Tested
as plain Python in tests/unit."""
