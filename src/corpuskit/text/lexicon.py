"""English word lists shared by the stages: one list per idea.

A stage that needs a variant builds it from these in one line (the facts'
"non-content" words are ``STOP_WORDS | TIME_WORDS``), so no stage keeps a
private copy that drifts from the others.
"""

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen col capt lt sgt rev hon jr sr no nos co corp inc ltd vs etc "
    "jan feb mar apr aug sep sept oct nov dec e.g i.e u.s u.k u.n approx fig vol "
    # Titles of office before a name ("Sen. Smith", "Det. Supt. Jones").
    "sen sens rep reps gov govs pres maj adm cmdr supt insp det".split()
)

# Cardinal number words read as digits ("Number Nine" is "Number 9").
# Ordinals stay words: "First Avenue" is not "1 Avenue".
NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
}

# Scale words: amounts in prose ("two million"), not parts of names.
SCALE_WORDS = {"thousand": "1000", "million": "1000000"}

# Month names in calendar order, their usual abbreviations, and both to month numbers (dates).
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, start=1)}, **MONTH_ABBREVIATIONS}

# Day names, to Python weekday numbers (Monday is 0).
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# Verbs that introduce or close a quotation ("...," she said).
SPEECH_VERBS = frozenset(
    "said says say told tells added adds explained explains claimed claims noted notes wrote writes asked "
    "asks replied replies recalled recalls insisted insists warned warns stressed stresses continued "
    "shared admitted admits argued argues declared declares stated states remarked commented comments "
    "confirmed confirms revealed complained acknowledged emphasised emphasized emphasises emphasizes "
    "shouted yelled whispered suggested concluded conceded tweeted posted".split()
)

# Personal pronouns that can stand for a speaker.
SPEAKER_PRONOUNS = frozenset("he she they we i it".split())

# Function words, reporting verbs and the commonest news vocabulary: they
# carry no evidence that two texts say the same thing, so they never anchor
# a match alone.  Keys, not surfaces: "1" is the key of "one".
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yet said says say told tell
    mr mrs ms dr may might must shall us one 1 new last first year yesterday today
    week month time""".split()
)

# The vocabulary of time phrases themselves ("early last month", "days ago").
TIME_WORDS = (
    frozenset(
        """years tomorrow weeks months day days ago early late mid middle start beginning end next
        previous recently""".split()
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)

# Scale words of amounts ("two million", "4.4 billion"): parts of one number, not of a name.
SCALE_NAMES = frozenset("hundred thousand million billion trillion".split())

# Unit abbreviations written glued to a number ("22st", "24in", "5ft"): the number's unit, not a
# different word.  "m" and "bn" are scale endings ("5m"), read by the facts number pattern.
UNIT_ABBREVIATIONS = frozenset("st lb lbs oz in ft yd mi mph kph km kg cm mm ml g hr hrs yr yrs pc".split())

# Parts of a day and seasons: times in phrases such as "last night", "this autumn".
DAY_PARTS = frozenset("morning afternoon evening night".split())
SEASONS = frozenset("spring summer autumn winter".split())
# Units of time in relative phrases ("two days later", "a week earlier").
TIME_UNITS = frozenset("hour hours day days week weeks month months year years decade decades".split())

# Function words: articles, prepositions, conjunctions, pronouns and auxiliaries.  They glue a
# phrase together and say nothing of their own ("in" of "in May", "the" of "the BBC").
FUNCTION_WORDS = frozenset(
    """a an the of in on at by for from to with into onto over under since until till before after
    during through throughout within about around and or but nor so as than that which who whom whose
    this these those there here it its he she they we i you his her their our my your him them us me
    is was were be been being are am has have had do does did will would shall should can could may
    might must not also then""".split()
)

# Words a quotation keeps or loses in retelling without saying anything else: articles, the
# complementiser "that" ("said that we"), and openers such as "so", "and", "well", "oh".  Not
# negations, pronouns, prepositions or adverbs ("not", "we"/"I", "towards"/"for", "just"): each of
# those changes what was said.
QUOTE_FILLER_WORDS = frozenset("a an the that so and well oh".split())

# Forms of one function word that a retelling changes for tense or agreement without changing
# what is said ("was"/"were", "will"/"would", "its"/"their" of a company, "it"/"this"): a quote
# that differs only by them is misquoted in grammar, not in content.  Person ("he"/"she",
# "we"/"I") and negation are content and are in no class.
GRAMMAR_FORMS = tuple(
    frozenset(forms.split())
    for forms in (
        "is was were are am be been being",
        "has have had",
        "do does did",
        "will would",
        "can could",
        "shall should",
        "may might",
        "its their",
        "it this that these those",
    )
)

# The function words that join a phrase to its sentence (articles, prepositions, conjunctions):
# "in" of "in May", "that" of "said yesterday that"; not pronouns or verbs, which make a clause.
CONNECTIVES = frozenset(
    """a an the of in on at by for from to with into onto over under since until till before after
    during through throughout within about around and or but nor so as than that then""".split()
)

# Titles and ranks before a name ("Mr", "Sgt", "Judge"): part of how a person is named, not the name.
TITLES = frozenset(
    """mr mrs ms miss mx dr sir dame lord lady pc wpc dc ds dci di sgt sergeant det detective insp
    inspector supt superintendent ch chief constable col colonel gen general capt captain lt lieutenant
    maj major cpl corporal pte private adm admiral cmdr commander brig brigadier judge justice rev
    reverend fr father prof professor sen senator rep gov governor pres president""".split()
)
# Abbreviated titles and their full forms: "Sgt Smith" and "Sergeant Smith" say the same.
TITLE_ABBREVIATIONS = {
    "sgt": "sergeant",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "ch": "chief",
    "col": "colonel",
    "gen": "general",
    "capt": "captain",
    "lt": "lieutenant",
    "maj": "major",
    "cpl": "corporal",
    "pte": "private",
    "adm": "admiral",
    "cmdr": "commander",
    "brig": "brigadier",
    "rev": "reverend",
    "fr": "father",
    "prof": "professor",
    "sen": "senator",
    "gov": "governor",
    "pres": "president",
    "dr": "doctor",
}

# Contractions and their long forms ("I've" is "I have"); the endings first, then whole words.
CONTRACTION_ENDINGS = {"n't": " not", "'ve": " have", "'re": " are", "'ll": " will", "'m": " am", "'d": " would"}
CONTRACTIONS = {
    "won't": "will not",
    "can't": "cannot",
    "shan't": "shall not",
    "it's": "it is",
    "he's": "he is",
    "she's": "she is",
    "that's": "that is",
    "there's": "there is",
    "what's": "what is",
    "who's": "who is",
    "here's": "here is",
    "where's": "where is",
    "let's": "let us",
}

# Endings that derive one word from another ("Belgium" -> "Belgian", "prosecuting" -> "prosecutor",
# "Chile" -> "Chilean"): two names that differ by them are two words, not one respelled.
DERIVATION_ENDINGS = frozenset("e n an ian ean ese ish er ern ing or ly ess ism ist ite um ia al ic ine".split())
