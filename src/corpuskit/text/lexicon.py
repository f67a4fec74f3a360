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
