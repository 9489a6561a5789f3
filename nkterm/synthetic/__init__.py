"""Generated corpora for tests and benchmarks, written here from templates and word lists (no
third-party text): ``text`` (news-like paragraphs, document lists) and ``archive`` (an
agency-style news archive with datelines, folders and duplicates). Never used at run time."""
