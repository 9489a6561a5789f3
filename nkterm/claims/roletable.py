"""Who holds a role the text describes, anywhere in the document (issue 16, session 12).

``roles.role_holder`` links a definite role to a person written before with the same words
("the home secretary" after "Home Secretary Charles Clarke"). Here the table is the document's
own statements of who holds which role, read by the role's head noun, before or after the
description:

- "Founder Stelios Haji-Ioannou" / "Easyjet founder X" -> "The Easyjet founder said";
- "said Greg Abbott, Texas attorney general" -> "The Texas attorney general said" earlier;
- "Rock star X" -> "The heavy metal star said".

A holder is taken when the document writes exactly one person with that head noun whose role
does not clash with the description (another office: "shadow", "deputy", "former"; another
modifier right before the head: "Labour leader X" is no "Tory leader"). Called from
``orgspeakers.org_or_role_speaker`` after every earlier rule. ``written_roles`` reads the roles
the text writes beside one person ("New Home Secretary Charles Clarke"), so that a role of another
party or club is not taken for them (session 13, second round). Pure Python; must not import
textual or whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence

from nkterm.claims.namewords import is_org, name_words, person_words, strip_titles
from nkterm.claims.people import TITLES

FullName = Callable[[str, int], str]  # Resolver.full_name

_NAME = r"((?:[A-Z][\w'’-]+\s)+?[A-Z][\w'’-]+)"
# after the head: the person's name ("Founder Stelios Haji-Ioannou")
_TITLE_TAIL = re.compile(rf"\s+{_NAME}(?![\w'’-])")
# after the head: ", David Bell," (the role first, the name in commas)
_COMMA_TAIL = re.compile(rf",\s+{_NAME}\s*,")
# between the comma and the head: " Texas attorney " / " the director " (up to four words)
_APPOSED_GAP = re.compile(r"\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,4}")
# the name right before that comma: "Greg Abbott"
_NAME_END = re.compile(rf"(?<![\w'’-]){_NAME}$")
# after the head of an apposition: its place and the comma, the sentence's end or a participle
_APPOSED_END = re.compile(r"(?:\s+of\s+[^,.;]{1,60})?(?:\s*[,.;]|\s+[a-z]+ing\b)")
# words that make a role another office
_OTHER = frozenset({"deputy", "vice", "shadow", "former", "ex", "acting", "assistant", "junior", "under"})
_LEAD_WORDS = re.compile(r"[\w'’-]+")


def _head_places(text: str, head: str) -> list[tuple[int, int]]:
    """Where the word ``head`` (lower case) stands in ``text``, in any case: (start, end). A plain
    search of the lower-cased text (no pattern compiled per role noun: a few ms of a worker)."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would shift
        return [m.span() for m in re.finditer(rf"(?<![\w'’-])(?i:{re.escape(head)})(?![\w'’-])", text)]
    out: list[tuple[int, int]] = []
    at = low.find(head)
    while at >= 0:
        end = at + len(head)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            out.append((at, end))
        at = low.find(head, at + 1)
    return out


def _word_char(ch: str) -> bool:  # the class ``[\w'’-]``
    return ch.isalnum() or ch in "_'’-"


def _modifier(words: Sequence[str]) -> str:
    """The word right before the head, lower case, without a possessive: "tory" of "Tory leader"."""
    if not words:
        return ""
    return words[-1].lower().removesuffix("'s").removesuffix("’s")


def stated_holders(text: str, head: str, skip: int) -> list[tuple[int, str, list[str]]]:
    """Every person the text writes with the role noun ``head``: (where the name starts, the name
    as written, the words written before the head in its role), the role at ``skip`` excepted."""
    found: list[tuple[int, str, list[str]]] = []
    for s, e in _head_places(text, head):
        if s == skip:
            continue
        lead_text = text[max(0, s - 60) : s]
        cut = max(lead_text.rfind(c) for c in '.,;:"“”(\n')
        lead = _LEAD_WORDS.findall(lead_text[cut + 1 :])[-4:]
        tail = _TITLE_TAIL.match(text, e) or _COMMA_TAIL.match(text, e)
        if tail is not None:
            found.append((tail.start(1), tail.group(1), lead))
            continue
        # "Greg Abbott, Texas attorney general announcing": the name before the comma (the end
        # first: an anchored match; the name is looked for only where the apposition can close)
        if not _APPOSED_END.match(text, e):
            continue
        comma = text.rfind(",", max(0, s - 60), s)
        if comma < 0 or _APPOSED_GAP.fullmatch(text, comma + 1, s) is None:
            continue
        before = _NAME_END.search(text, max(0, comma - 80), comma)
        if before is not None:
            words = _LEAD_WORDS.findall(text[comma + 1 : s])
            found.append(
                (before.start(1), before.group(1), [w for w in words if w.lower() not in ("the", "a")])
            )
    return found


def described_holder(
    text: str, words: Sequence[str], pos: int, full_name: FullName
) -> tuple[str, int] | None:
    """The one person the text states holds the role ``words`` (head last, its modifiers before,
    no determiner) written at ``pos``, with where the statement names them; None when no one or
    two people hold it."""
    if not words:
        return None
    head = words[-1].lower()
    mods = {_modifier([w]) for w in words[:-1]}
    mine = _modifier(words[:-1])
    people: dict[str, int] = {}
    for at, name, lead in stated_holders(text, head, pos):
        other = {w.lower() for w in lead} & _OTHER
        if other - mods:
            continue  # "Deputy Prime Minister John Prescott" is no prime minister
        theirs = _modifier(lead)
        if (
            mine
            and theirs
            and mine != theirs
            and theirs not in mods
            and mine not in {w.lower() for w in lead}
        ):
            continue  # "Labour leader Tony Blair" is no "Tory leader"
        person = strip_titles(" ".join(person_words(name_words(name))))
        if len(person.split()) < 2 or is_org(person):
            continue
        person = full_name(person, at)
        people.setdefault(person, at)
    if len(people) != 1:
        return None
    ((person, at),) = people.items()
    return person, at


# a role right after a name: ", technical coordinator at Cepes" / ", the Manchester United
# manager" / "by claiming the Manchester United manager" (a few lower-case words between, so no
# one else is named there)
_ROLE_AFTER = re.compile(
    r"(?:,\s+(?:the\s+|a\s+)?|(?:\s+[a-z][\w'’-]*){1,4}\s+the\s+)((?:[\w&'’-]+[ \t]+){0,5}[\w&'’-]+)"
)
# words that make the words after a name a clause, not a role (", who runs a ... graduate")
_NOT_ROLE_WORDS = frozenset(
    {"who", "whose", "which", "that", "has", "have", "had", "is", "was", "and", "but", "said"}
    | {"of", "the", "his", "her", "its", "their", "to", "in", "on", "for", "with", "by", "as"}
)
# the words of a full name before its surname ("Charles " of "Charles Clarke")
_FIRST_NAMES = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}$")


def written_roles(text: str, person: str, pos: int, heads: Container[str]) -> list[tuple[list[str], str]]:
    """The roles the text writes beside ``person`` (a full name) before ``pos``, each as its words
    (the head, then the capitalised place after it, if any) and its head: "New Home Secretary Charles Clarke" -> ["New",
    "Home", "Secretary"]; "Carlos Saldarriaga, technical coordinator at Cepes" -> ["technical",
    "coordinator", "Cepes"]; "Sir Alex Ferguson by claiming the Manchester United manager" ->
    ["Manchester", "United", "manager"]. ``heads``: the nouns (lower case) a role ends in. A
    role marked as another office ("Ex-chatshow host", "deputy leader") is left out, and so is
    the role of another person with the surname ("England skipper Jason Robinson")."""
    found: list[list[str]] = []
    given, surname = person.split()[0], person.split()[-1]
    for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text[:pos]):
        lead_text = text[max(0, m.start() - 80) : m.start()]
        first = _FIRST_NAMES.search(lead_text)
        cut = max(lead_text.rfind(c) for c in '.,;:"“”(\n')
        before = _LEAD_WORDS.findall(lead_text[cut + 1 : first.start() if first else len(lead_text)])
        if first is not None:  # "Chairman Steve Vaughan": the title, then one given name
            names = [w for w in first.group().split() if w.lower().rstrip(".") not in TITLES]
            if names and names[-1] != given and given != surname:
                continue
            before += names[:-1]
        if before and before[-1].lower() in heads:  # "Music mogul Tony Wilson"
            found.append(before[-4:])
        after = _ROLE_AFTER.match(text, m.end())
        if after is not None:
            words = _LEAD_WORDS.findall(after.group(1))
            k = next((i for i, w in enumerate(words) if w.lower() in heads), -1)
            if (
                0 <= k <= 3
                and (k > 0 or words[0].islower())
                and not {w.lower() for w in words[:k]} & _NOT_ROLE_WORDS
            ):
                place = [w for w in words[k + 1 :] if w[:1].isupper()][:3]
                found.append(words[: k + 1] + place)
    return [
        (r, next(w for w in reversed(r) if w.lower() in heads).lower())
        for r in found
        if not {part.lower() for w in r for part in w.split("-")} & _OTHER
    ]
