"""Word classes the subject rules read (``subjects.SubjectFinder``): time words, the common
nouns that speak, role nouns, clause and phrase openers, auxiliaries. Split out of ``subjects.py``
(session 6) so each module stays one concern. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import re

from nkterm.claims.lexicon import words

TIME_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
    january february march april june july august september october november december
    """
)
# Common nouns that speak when they head a subject: organisations, roles and groups.
SPEAKING_NOUNS = words(
    """
    ministry government department agency company firm bank group spokesman spokeswoman
    spokesperson office commission committee council court police army military board union party
    association federation organisation organization institute embassy regime authorities officials
    official analysts analyst experts expert critics sources source minister ministers chief head
    director executive chairman chairwoman president secretary leader leaders adviser advisers
    spokesmen premier agent statement report study survey researchers economists economist lawyer lawyers
    prosecutors prosecutor judge campaigners campaigners manager coach players player team club
    owner owners founder editor news newspaper paper broadcaster network station daily
    chiefs bosses watchdog regulator body panel inquiry charity campaign groups firms companies
    banks unions employers ministers mps doctors scientists teachers residents
    """
)
DETERMINERS = words("the a an its his her their our this that these those")
# Quantifiers and other determiners (a closed class): a capitalised one opening a sentence is no
# name ("Any exit strategy must ...", "Every club said ...")
QUANTIFIERS = words("any every each no all some many most both such several either neither another few")
ROLES = words(
    """
    author economist coach manager captain striker boss founder presenter reviewer critic
    correspondent editor analyst professor researcher scientist expert director officer
    chairman chairwoman spokesman spokeswoman secretary minister leader mp colleague star
    singer actor actress producer writer novelist lawyer judge president chief executive
    team-mate teammate skipper winger
    """
)
POLLED = words("polled surveyed questioned interviewed")
AGED = re.compile(r"\d+-year-old")
# "the 22-cap Dragons man", "the Uruguayan-born researcher": an epithet's modifier
EPITHET_MODIFIER = re.compile(r"\d+-(?:cap|year-old|times?)|[A-Z][\w-]*-born")
# Adverbs between a subject and its verb besides the cue rules' (lexicon.SUBJECT_SKIP): "Lib Dem
# spokesman Ed Davey meanwhile said", "The chancellor, though, insisted"
ADVERB_SKIP = words("meanwhile however though too therefore instead himself herself itself themselves")
CONNECT = words("of for the and de du den da di dos das von van der la le al el bin &")
JOIN = words("and but")
CLAUSE_OPENERS = words(
    """
    but and however meanwhile also so yet still now then later earlier separately elsewhere in on
    at by after before during since while when as although though despite last this
    """
)
PHRASE_OPENERS = words(
    """
    in on at by after before during since while when as although though despite however
    meanwhile separately last this speaking writing instead earlier later
    for without unlike under among amid following given against through until besides beyond
    alongside of
    """
)
ING_REPORTING = words(
    """
    saying adding telling claiming insisting arguing warning noting stating explaining accusing
    """
)
WON = words(
    """
    title titles victory win prize gold silver bronze medal medals lead lives life seat seats place
    spot crown trophy cup record share points goals wickets responsibility credit top first
    """
)
NAME_GAP = frozenset(" '\"“”‘’&")
# Capitalised words that never continue a name: a sentence opener glued on by a lost full stop
# ("according to analysts Gartner More than 167 million"), a pronoun.
OF_TITLES = words("archbishop bishop cardinal duke duchess earl mayor dean chancellor governor speaker")
NEVER_NAME = words("more most but however this these it he she they we me there some many")
# Title words (namewords.TITLE_WORDS) that are no role when they end a phrase ("the home", "the
# prime", "Mr"): every other title after "the" is a role ("the chancellor", "the mayor")
NOT_TITLE_HEADS = words(
    """
    mr mrs ms miss dr prof lord lady dame sir baron baroness viscount prime foreign home general chief
    vice deputy acting former new shadow conservative democrat republican labour liberal tory eu uk
    un us man-of-the-match
    """
)
# Offices one person holds in a government: "the chancellor" in a text that names one person
# only (never titled) is that person
OFFICES = words("chancellor minister premier president mayor governor secretary senator ambassador")
# "X quoted Y as saying", "Y was reported as saying": Y speaks
QUOTED_AS = words("quoted cited reported quoting citing")
AUXILIARIES = words("has have had is are was were will would can could may might must be been")
DASHES = frozenset("-–—")
AFTER_INVERTED = frozenset({"", ",", ".", ";", ":", "!", "?", ")", "(", "—", "–", "-"})
# Words that describe one person rather than name an office: after "the" ("the Russian", "the
# star of Rain Man", "the 22-year-old", "the two-time champion"), the person in focus.
EPITHETS = words(
    """
    star veteran champion winger striker singer actor actress player captain skipper youngster
    midfielder defender forward keeper goalkeeper batsman bowler driver rider runner novelist
    author writer presenter comedian musician rapper star legend teenager veteran holder
    winner laureate medallist medalist nominee finalist
    """
)
# Honour epithets: the subject of a verb of saying after "the" ("The Oscar winner said", "The world
# indoor champion said"): the person in focus (session 13); never a sports role ("the keeper
# denied the same player", "The teenager has responded with six goals": another person)
HONOURS = words("winner champion medallist medalist laureate holder nominee finalist")
# A nationality after "the" is one person ("the Russian revealed"); never a paper or a body.
# Written from English (session 13): the regular endings, the nouns no ending gives
# ("Spaniard", "Briton", "Israeli", "Croat"), and a place word before ("the New Zealander",
# "the South African", "the Northern Irishman", "the Sri Lankan")
DEMONYM = re.compile(
    r"(?:(?:New|South|North|Northern|Sri|Costa|Puerto|Saudi|West|East) )?"
    r"(?:[A-Z][a-z]+(?:ian|ean|an|ese|ard|man|woman)|Scot|Swede|Dane|Briton|Pole|Czech|Swiss|Kiwi"
    r"|Aussie|Finn|Turk|Greek|Argentine|Zealander|Icelander|Netherlander|Luxembourger|Israeli|Iraqi"
    r"|Pakistani|Saudi|Kuwaiti|Qatari|Omani|Yemeni|Somali|Bangladeshi|Thai|Croat|Serb|Slovak|Uzbek"
    r"|Kazakh|Cypriot|Filipino|Filipina|Basque|Monegasque)"
)
NOT_DEMONYM = words("guardian vatican taliban koran titan man woman")
