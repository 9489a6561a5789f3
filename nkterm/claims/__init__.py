"""Claims: text -> ``Claim`` spans with kinds, a check-worthiness score, a speaker and the cues
that fired.

The package owns claim detection for the headless core (index build, CLI, compare):

- ``lexicon``   cue words and phrases (data only)
- ``scan``      one tokeniser pass, then per-sentence cue rules (phrases, reported speech)
- ``scanstate`` tokens and the state the sentence rules share
- ``quantity_rules``, ``statement_rules``  quantities; first person, facts, generalizations
- ``senses``    the sense of a few ambiguous cue words, from their neighbours
- ``evidence``  what the rules found in a sentence (cues, features, reporting verbs)
- ``furniture`` datelines, end marks, headlines, captions, comments, recurring corpus lines
- ``numbers``   quantities(): value, unit and precision of every number written
- ``quotes``    quote marks, multi-paragraph quote runs, quoted titles, their attribution
- ``subjects``  the subject of a reporting verb (head of the phrase, appositives, organisations)
- ``subjectwords`` the word classes the subject rules read (speaking nouns, roles, openers)
- ``speakers``  people, aliases and short forms, pronouns, first-person sections
- ``pronouns``  the last speaker a "he said" means
- ``shortforms`` initials ("B&B") and the name they stand for
- ``wordfind``  plain string searches for a word (``\\b`` written out), no pattern per name
- ``orgrefs``   the named organisation "the charity", "the trade weekly", "it" stands for;
  the organisation a one-word short form opens ("Nortel" -> Nortel Networks)
- ``orgspeakers`` who speaks for an organisation or role subject ("the chancellor said")
- ``verbsubjects`` checks on a verb's subject (a noun read as a verb, "a survey by X",
  an apposition without its closing comma)
- ``personnouns`` person and body nouns from WordNet 3.0 (generated word lists)
- ``colonspeech`` headline-style speech with no verb ("Ms X: ...", "His verdict: ...")
- ``roles``     a role or epithet standing for a person ("the home secretary", "the Russian")
- ``speech_acts`` the last speaker fallback: speech-act verbs ("dismissed", "pointed to") and
  inverted tails (", say experts.", ", according to some LA film critics.")
- ``namewords`` name chains, words never in a name, organisations, role nouns, gender cues
- ``recurring`` a corpus's recurring lines for the index build, kept in the manifest
- ``framing``   framed speech ("The full text of the speech is as follows:")
- ``model``     learned check-worthiness model (``nkterm/data/claims_model.json``), read lazily
- ``quote_speakers`` who speaks each quote run, and the fallbacks when no verb is beside it
- ``pipeline``  detect() and detect_document()

It must not import textual or whoosh, and at runtime it is pure Python (no numpy). See
docs/claims.md for how detection, scoring and speaker resolution work and where they fail.
"""

from __future__ import annotations

from nkterm.claims.people import SpeakerContext
from nkterm.claims.pipeline import detect, detect_document

__all__ = ["SpeakerContext", "detect", "detect_document"]
