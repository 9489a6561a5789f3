"""Word lists and phrase tables for claim cues: plain data, no logic.

Every phrase is lower-case and written as ``nkterm.claims.scan`` tokenises it (contractions stay
one token: ``wasn't``; curly apostrophes are folded to ``'``). A phrase maps to the claim kind it
signals and the label shown in its cue (``hedge: "grain of salt"``). Tables are written as
whitespace-separated words or comma-separated phrases to keep them readable. Imports nothing.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def ordered(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def phrases(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.split(",") if p.strip())


# Dates and periods that need no number ("last month", "years ago").
DATE_PHRASES: tuple[str, ...] = phrases(
    """
    last week, last month, last year, last decade, last summer, last winter, last spring, last
    autumn, this year, this month, past year, past decade, yesterday, years ago, months ago, weeks
    ago, days ago, decades ago, a year ago, a decade ago, the previous year, year-earlier,
    year-on-year, quarterly, annually, per year, a year, each year, every year
    """
)

# kind -> label -> phrases. Of overlapping cues of one kind, the longest is kept.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "hedge": {
        "hedge": phrases(
            """
            maybe, perhaps, possibly, probably, might, may, mightn't, seem, seems, seemed,
            seemingly, appear to, appears to, appeared to, apparently, reportedly, allegedly,
            supposedly, arguably, likely, unlikely, not sure, wasn't sure, isn't sure, am not sure,
            not certain, uncertain, unclear, grain of salt, pinch of salt, skewed, biased,
            one-sided, keep in mind, bear in mind, highly controlled, tightly controlled, a small
            fraction, to some extent, to some degree, somewhat, sort of, more or less, personal
            experience, personal experiences, as far as i know, as far as we know, if i recall,
            roughly, approximately, an estimated, estimated, it is possible, it's possible, not
            necessarily, caveat, disclaimer, didn't get to see, did not get to see, only saw, hard
            to say, can't say, cannot say, don't know, do not know, didn't know, suggests, suggested
            that, could be, may have, might have, i suspect, rumoured, rumored, unconfirmed,
            unverified, purportedly
            """
        ),
        "opinion marker": phrases(
            """
            i think, i believe, i guess, i suppose, i feel, i felt, in my opinion, in my view, i'd
            say, i would say, i'm not sure, we think, we believe, personally, they think, he thinks,
            she thinks, people think
            """
        ),
    },
    "causal": {
        "causal": phrases(
            """
            because, because of, due to, owing to, as a result, as a result of, result in, results
            in, resulted in, resulting in, led to, lead to, leads to, leading to, cause, causes,
            caused, causing, thanks to, therefore, thus, hence, consequently, so that, which means,
            means that, meant, contributed to, contributes to, contribute to, responsible for,
            blamed, blame, blames, driven by, fuelled by, fueled by, boosted by, hit by, hurt by,
            triggered, sparked, made him, made her, made me, made them, makes them, makes people,
            the reason why, reason why, the reason is, for this reason, on the back of, in response
            to, helped by, attributed to, linked to, stems from, stemmed from, affects, affected
            """
        ),
    },
    "prediction": {
        "prediction": phrases(
            """
            will, won't, shall, going to be, going to have, going to get, going to make, gonna,
            expect, expects, expected to, expected, forecast, forecasts, predict, predicts,
            predicted, likely to, set to, projected, on track to, in the future, next year, next
            month, next week, in the coming, by next, soon, plans to, planned to, intends to, would
            go, would be, outlook, anticipated, anticipate, poised to, bound to, will never, i'll,
            you'll, he'll, she'll, we'll, they'll, it'll, that'll, there'll
            """
        ),
    },
    "rule": {
        "rule": phrases(
            """
            must, mustn't, must not, have to, has to, had to, having to, required to, requires,
            required, requirement, not allowed, allowed to, not permitted, permitted to, permitted,
            forbidden, forbid, prohibited, prohibits, banned, ban, bans, illegal, against the law,
            by law, obliged to, obligated to, should, shouldn't, should not, ought to, may not, can
            only, at all times, be careful, careful of, careful about, not supposed to, supposed to,
            compulsory, mandatory, rules, need to, needs to, no one is allowed, nobody is allowed,
            never allowed, only allowed, strictly, penalty, fined, punishable, illegally, licence,
            license, not welcome, aren't welcome, isn't welcome, weren't welcome, wasn't welcome,
            without permission, need permission, needs permission
            """
        ),
    },
    "generalization": {
        "generalization": phrases(
            """
            everyone, everybody, everything about, just like everyone else, like everyone else,
            generally, in general, typically, usually, as a whole, by and large, on the whole, tend
            to, tends to, tended to, no different, not that different, not that much different, not
            so different, similar to, like any other, in many ways, in many cases, are just people,
            just people, all over the world, the world over, most of them, all of them, none of
            them, most of us, all of us, everywhere, nowhere, whole country, entire country
            """
        ),
        "superlative": phrases(
            """
            for the first time, in history, in the history, in our history, number one, all-time,
            record high, record low, than ever, ever before, second largest, second biggest, third
            largest
            """
        ),
    },
    "attributed": {
        "according to": phrases(
            """
            according to, as reported by, in the words of, quoted as saying
            """
        ),
    },
    "experience": {
        "first person": phrases(
            """
            my experience, my own experience, in my experience, my trip, my time in, my visit, my
            own eyes, i myself, first-hand, firsthand, first hand, i remember, i recall, i've seen,
            i've been, i've had, i've met, i've lived, i've visited, i've spent, i've heard, i've
            never, i'd never
            """
        ),
    },
    "quantity": {
        "date": DATE_PHRASES,
        # Statistics stated as a change, without a number: "crime fell", "jobs are up".
        "trend": phrases(
            """
            rose, risen, fell, fallen, increased, decreased, declined, surged, soared, plunged,
            plummeted, slumped, went up, gone up, going up, went down, gone down, is up, are up, was
            up, were up, is down, are down, was down, were down, is not up, are not up, is not down,
            are not down, have cut, has cut, had cut, been
            cut, is rising, is falling, are rising, are falling, an increase, a decrease, a decline,
            a drop, the rate of, the number of, percentage of, majority of, the average, on average,
            per capita
            """
        ),
    },
}

# Signals: cues that make no claim of their own (they are not kinds) but weigh on
# check-worthiness through their learned weights. An intention or an evaluation is the speaker's
# stance, not a fact the public could check ("his intention ... was to spread some positivity",
# "his favourite part of the trip", "he was intimidated by all the police").
SIGNAL_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "stance": {
        "intention": phrases(
            """
            intention, intentions, intend to, intended to, my goal, his goal, her goal, our goal,
            their goal, one goal, the goal, goal is, goal was, my aim, his aim, her aim, our aim, aim
            is, aim was, aiming to, aimed to, my mission, his mission, her mission, our mission,
            purpose, wanted to, want to, wants to, hope to, hoped to, hopes to, hoping to, trying to,
            wish to, wished to, dream of, dreamed of
            """
        ),
        "evaluation": phrases(
            """
            favourite, favorite, worth the, worth it, special experience, really special,
            unforgettable, unfortunate, unfortunately, i love, i loved, my love, loved it, enjoyed,
            proud, glad, honoured, honored, intrigued, impressed, excited, highlight of, best part,
            worst part
            """
        ),
        "feeling": phrases(
            """
            intimidated, scared, afraid, nervous, worried, frightened, terrified, anxious, made him
            realise, made her realise, made me realise, made him realize, made her realize, made me
            realize, realised, realized
            """
        ),
    },
}

# Subjects that make a rule a restriction on people rather than advice or a policy wish:
# "travellers must stick to their tour group", "they can only call inside North Korea". A
# capitalised name counts too ("Gellman was allowed to photograph"). "I", "we" and "you" do not:
# "we must", "you have to understand" are proposals and rhetoric far more often than rules.
RESTRICTED_SUBJECTS: frozenset[str] = words(
    """
    travellers travelers tourists visitors foreigners citizens people locals residents journalists
    reporters bloggers photographers guests children students women men workers soldiers everyone
    nobody anyone they
    """
)
# Words between a rule's subject and its cue ("they can only call", "Gellman was allowed to").
RULE_SKIP: frozenset[str] = words(
    """
    also always are aren't be been can can't cannot generally is isn't not now often only still
    strictly usually was wasn't were weren't
    """
)

# Fact: the fallback kind, for a sentence that no other kind claims yet states something of a
# named thing ("Senator Obama voted against ...", "Georgia and Ukraine are both major gateways").
FACT_STATE_VERBS: frozenset[str] = words(
    """
    is are was were isn't aren't wasn't weren't has have had hasn't haven't hadn't
    """
)
FACT_PAST_VERBS: frozenset[str] = words(
    """
    became began bought brought built came caught chose did drove fell flew fought found gave got
    grew held kept knew led left lost made met paid ran rose sent sold spent stood taught thought
    took went won wrote
    """
)
# "-ed" words that are no past tense, or whose "subject" position is taken by a determiner.
NOT_PAST: frozenset[str] = words(
    """
    exceed indeed need proceed seed speed succeed feed bleed breed greed shed bed red hundred
    """
)
FACT_DETERMINERS: frozenset[str] = words(
    """
    a an the this that these those his her their our my its your some any no every each
    """
)
# Adverbs between a subject and its verb ("has never traveled", "is still jamming").
FACT_ADVERBS: frozenset[str] = words(
    """
    also already both just long never not now once only recently still then initially
    """
)
# First and second person subjects: such a sentence is about the speaker or the listener (first
# person has its own kind, experience).
FACT_NOT_SUBJECTS: frozenset[str] = words(
    """
    i you we i've we've you've i'd we'd i'm we're you're
    """
)
# Picture captions point at the photo ("This is an apartment building", "Here, a group of women
# are wearing ..."): they describe the page, not the world.
CAPTION_STARTS: frozenset[str] = words(
    """
    here pictured above below left right
    """
)

# Cue words that are cues only in lower case ("May Day Stadium", "Will Smith").
LOWER_CASE_ONLY: frozenset[str] = words(
    """
    may might must will
    """
)

# Reporting verbs: attributed speech when a subject (name, pronoun, noun) stands before the verb,
# or a name right after it ("said Gellman").
REPORTING_VERBS: frozenset[str] = words(
    """
    accused accuses acknowledged acknowledges added adds admits admitted alleged alleges announced
    announces answered answers argued argues asserted asserts boasted claimed claims commented
    comments complained conceded concluded concludes confirmed confirms declared declares denied
    denies described describes disclosed emphasised emphasized estimated estimates explained
    explains indicated insisted insists mentioned mentions noted notes pledged predicted predicts
    promised promises recalled recalls remarked replied replies reported reports revealed reveals
    said say saying says stated states stressed stresses suggest suggested suggests tell tells
    testified told urged urges vowed warned warns writes wrote observed hailed responded retorted
    countered joked reiterated cautioned maintained
    """
)

# Verbs that report speech only in the "-ing that" form ("many commenting that ...").
REPORTING_PARTICIPLES: frozenset[str] = words(
    """
    accusing arguing claiming commenting insisting noting saying stating suggesting warning
    """
)

# Words between a subject and its reporting verb ("he also said", "Gellman has said").
SUBJECT_SKIP: frozenset[str] = words(
    """
    again already also earlier further had has have initially just later once previously recently
    repeatedly reportedly subsequently then would now instead even never still often always first
    """
)

PRONOUNS_SINGULAR: frozenset[str] = frozenset({"he", "she"})
PRONOUNS_OTHER: frozenset[str] = frozenset({"they", "it", "we", "i", "you"})

# Capitalised words that start a sentence but name no speaker.
NOT_NAMES: frozenset[str] = words(
    """
    a after all also although an analysts and another as at because before both but by critics each
    everybody everyone experts for from he here however i if in it many most no nobody none now of
    officials on one or other others people police report reports researchers she since so some
    someone sources studies study that the then there these they this those though we well what when
    which while who with yes yet you
    """
)

# Number words and their values (only their presence is used).
NUMBER_WORDS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1e06,
    "billion": 1e09,
    "trillion": 1e12,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2e06,
    "billions": 2e09,
    "half": 0.5,
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "tripled": 3,
    "triple": 3,
    "quadrupled": 4,
    "halved": 0.5,
}
# Number words that count only before a unit ("one" is mostly a pronoun, "half" an adjective).
WEAK_NUMBER_WORDS: frozenset[str] = words(
    """
    double half one triple
    """
)

# Number words that are a quantity on their own ("millions of", "doubled").
SELF_SUFFICIENT_NUMBERS: frozenset[str] = words(
    """
    billion billions doubled dozens halved hundred hundreds million millions quadrupled thousand
    thousands trillion tripled twice
    """
)
# Second halves of hyphenated fractions ("two-thirds").
FRACTION_PARTS: frozenset[str] = words(
    """
    fifth fifths half halves percent quarter quarters tenth tenths third thirds
    """
)
# Magnitudes after a number ("4 billion", "600 m").
MAGNITUDES: frozenset[str] = words(
    """
    billion billions bn hundred k m million millions mn thousand thousands tn trillion
    """
)


def _units(**by_kind: str) -> dict[str, str]:
    return {word: kind for kind, text in by_kind.items() for word in text.split()}


# Units after a number, by the kind of quantity they make ("18 months" is a duration).
UNITS: dict[str, str] = _units(
    duration="""
        second seconds minute minutes hour hours day days week weeks month months year years decade
        decades century centuries night nights
    """,
    money="""
        dollar dollars pound pounds euro euros yen cent cents pence rupees yuan bn billion million
        trillion
    """,
    percentage="""
        percent per % percentage
    """,
    measure="""
        km kilometres kilometers miles mile metres meters feet foot kg kilograms tonnes tons acres
        hectares mph degrees litres liters gallons barrels
    """,
    age="""
        year-old years-old year-olds
    """,
    fraction="""
        third thirds fifth fifths tenth tenths
    """,
)
CURRENCY_SYMBOLS: frozenset[str] = frozenset("$£€¥")

# Month names ("May" is left out: it is mostly the modal verb).
MONTHS: frozenset[str] = words(
    """
    apr april aug august dec december feb february january jul july jun june march nov november oct
    october sept september
    """
)

# Quantifiers that make a generalization before a plural noun ("most restaurants").
QUANTIFIERS: frozenset[str] = words(
    """
    all every few many most
    """
)
# Plural nouns that do not end in "s".
PLURAL_NOUNS: frozenset[str] = words(
    """
    children everyone folks men people population public women youth
    """
)
# Plurals after a quantifier that make no generalization ("at all times", "in many ways").
NOT_GENERAL_NOUNS: frozenset[str] = words(
    """
    cases kinds respects sides sorts times types ways
    """
)
# Words ending in "s" that are no plural noun.
NOT_PLURAL: frozenset[str] = words(
    """
    across always as bus does enormous famous gas has his is its less news obvious perhaps plus
    previous series serious this thus unless us various was whereas yes
    """
)
# Words between a quantifier and its noun ("most of the people").
DETERMINERS: frozenset[str] = words(
    """
    her his its my of our the their these those your
    """
)

# Comparatives that make a comparison with a following "than".
COMPARATIVES: frozenset[str] = words(
    """
    above below better bigger cheaper deeper earlier easier faster fewer greater harder heavier
    higher larger later less lighter longer lower more older poorer quicker richer safer shorter
    slower smaller stronger weaker wider worse younger
    """
)

# Superlatives after "the", "its", "our"...: "the biggest", "its largest", "the most".
SUPERLATIVES: frozenset[str] = words(
    """
    best biggest bloodiest brightest busiest cheapest cleanest coldest costliest deadliest deepest
    dirtiest driest earliest easiest farthest fastest fewest fiercest finest furthest greatest
    happiest hardest harshest healthiest heaviest highest hottest largest least lightest longest
    loudest lowest luckiest most newest oldest only poorest proudest quickest rarest richest safest
    sharpest shortest simplest slowest smallest smartest steepest strangest strictest strongest
    tallest toughest warmest weakest wealthiest wettest widest wildest worst youngest
    """
)
SUPERLATIVE_BEFORE: frozenset[str] = words(
    """
    her his its my our the their
    """
)

# Very frequent words, most frequent first. A phrase is looked up from its rarest word, so the
# scan stops at few tokens ("have to" is found from "have", "as a result" from "result").
COMMON_WORDS: tuple[str, ...] = ordered(
    """
    the to in a of and for is on it that has by its was at as be with are have will which an this
    from had not been he more than were would their we his they i could but or one two if all up no
    so there out about may can new after also she her who you my our said did do does being should
    must some any very just only over into time what when how them him me us your down last year
    years first made would like going get go
    """
)

# First-person experience: "I" followed by one of these (or any "-ed" verb).
EXPERIENCE_VERBS: frozenset[str] = words(
    """
    arrived asked ate became been began bought built came did discovered done drank drove
    experienced felt flew found gave gone got grew had heard joined knew learned learnt left lived
    lost made met moved noticed paid ran read realised realized remember remembered returned sat saw
    seen served slept sold spent spoke stayed stood studied survived talked taught thought told took
    traveled travelled tried used visited walked wanted was watched went were witnessed won worked
    wrote
    """
)
EXPERIENCE_AUX: frozenset[str] = frozenset({"have", "had"})
# Adverbs skipped between "I" and its verb ("I recently spent").
ADVERBS: frozenset[str] = words(
    """
    actually already also always clearly even finally first just myself never once only personally
    really recently still then truly
    """
)
FIRST_PERSON_STARTS: frozenset[str] = frozenset({"i", "i've", "i'd"})

# Page furniture: sign-ups, social links, credits. A sentence is checked against the patterns
# below (on its lower-cased text) only when it holds an anchor word or starts with a label word.
BOILERPLATE_ANCHORS: frozenset[str] = words(
    """
    alerts click comment cookie cookies copyright facebook inbox instagram linkedin newsletter
    newsletters please privacy reserved share sign sign-up signup subscribe tap terms tiktok twitter
    youtube ©
    """
)
BOILERPLATE_LABELS: frozenset[str] = words(
    """
    additional advertisement camera copyright credit credits edited editing find follow image images
    join like music photo photos picture pictures produced read related see source sources watch
    """
)
# Matched at the start of a sentence.
BOILERPLATE_START = (
    r"[ \t]*(?:(?:follow|like|join|find)\s+(?:us|[^\n]{1,60}?)\s+on\s+"
    r"(?:facebook|twitter|instagram|linkedin|youtube|tiktok)"
    r"|(?:music|photos?|images?|pictures?|credits?|sources?|editing|edited by|produced by|camera|"
    r"additional reporting|copyright|related|advertisement|read more|see also|watch)\s*[:|])"
)
# Searched anywhere in the sentence.
BOILERPLATE_ANYWHERE = (
    r"to your inbox|e-?mails? (?:&|and) alerts|©|all rights reserved|(?:click|tap) here|"
    r"comment below|terms of (?:use|service)|(?:privacy|cookie) policy|newsletter sign|"
    r"(?:follow|join) us on (?:facebook|twitter|instagram|linkedin|youtube|tiktok)|"
    r"sign(?:\s|-)?up\s+(?:for|to)\b[^\n]{0,40}?(?:newsletter|inbox|e-?mails?|alerts|updates)|"
    r"subscribe\b[^\n]{0,40}?(?:newsletter|inbox|channel|e-?mails?|updates)|"
    r"share this (?:article|story|page|post|video)|please (?:share|like|subscribe|follow|comment)\b|"
    r"see more of (?:his|her|their|my|our) work"
)
