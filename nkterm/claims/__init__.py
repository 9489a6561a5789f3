"""Claims: text -> ``Claim`` spans with kinds, a check-worthiness score, a speaker and the cues
that fired.

The package owns claim detection for the headless core (index build, CLI, compare):

- ``lexicon``  cue words and phrases (data only)
- ``scan``     one tokeniser pass, then per-sentence cue rules
- ``evidence`` what the rules found in a sentence (cues, features, reporting verbs)
- ``quotes``   quote marks, multi-paragraph quote runs, their attribution
- ``speakers`` people, aliases, pronouns, first-person sections
- ``model``    learned check-worthiness weights (``nkterm/data/claims_model.json``), read lazily
- ``pipeline`` detect() and detect_document()

It must not import textual or whoosh, and at runtime it is pure Python (no numpy). See
docs/claims.md for how detection, scoring and speaker resolution work and where they fail.
"""

from __future__ import annotations

from nkterm.claims.pipeline import detect, detect_document
from nkterm.claims.speakers import SpeakerContext

__all__ = ["SpeakerContext", "detect", "detect_document"]
