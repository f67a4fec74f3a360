"""Quantities and what they count: "around 300 patients", "2.4 million voters", "85 km".

A number is reported only when the text says what it counts (a plural
noun phrase after it, "of" + a noun phrase after "of the") or in what unit
(km, %, $, roubles, months...).  That keeps out most numbers that are not
claims: years, parts of dates and times of day (the time phrases found
first are excluded), page furniture, scores, "one of the".

Decisions:

* Identifiers are not quantities: a number after "Number", "No.", "#",
  "Article", "Flight"... ("Prison Number 9") is dropped, and so is a
  number glued to letters ("F-16", "COVID-19", "240w") or inside a URL or
  markup line.
* "one" and "a" alone are dropped ("one such worker", "one of the"): as
  words they are too often not counts.  "1" in digits is kept.
* A bare four-digit number from 1800 to 2100 is a year unless a hedge
  stands before it ("about 2000 people").
* Vague amounts ("tens of thousands", "hundreds of", "dozens of") get
  the least value the words commit to as ``value``/``low`` ("tens of
  thousands" = 20,000 up to 100,000) and are ``approximate``.
* Hedges: "more than/over/at least" leave ``high`` open; "up to/fewer
  than/nearly/almost" leave ``low`` open; "about/around/some" keep both
  at the value and only set ``approximate``.  A range "10-20" / "between
  10 and 20" has its midpoint as ``value``.
* A bare number is read only where the words around it say what it is:
  an age after "aged"/"age of" or in apposition to a name ("Smith, 46,",
  "Brown (80)"), and a count of the noun before "of" ("an audience of
  200"; not of "a total of").
* "10 and 12 years" is two quantities, each counting years; only "between
  10 and 12" (or "10-12", "10 to 12") is a range.
* ``counted`` is the unit when there is one ("85 km" -> "km", "for five
  months" -> "month"), or the singular noun phrase without leading
  modifiers such as "more", "other", "former" ("two former fighters" ->
  "fighter").
"""

from __future__ import annotations

import re

from corpuskit.facts.model import NumberFact
from corpuskit.facts.text import Layout
from corpuskit.text import lexicon

__all__ = ["extract_numbers", "number_value", "singular", "plural", "TRIGGER_WORDS"]

Span = tuple[int, int]

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SMALL = "|".join(sorted((w for w in lexicon.NUMBER_WORDS if w != "hundred"), key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:a\s+(?:dozen|hundred|thousand|million|billion)|(?:{_SMALL}|dozen|hundred|thousand|million|billion|trillion))"
)
_QUALIFIERS = {
    # hedge: (low side open, high side open)
    "about": (False, False),
    "around": (False, False),
    "approximately": (False, False),
    "approx.": (False, False),
    "roughly": (False, False),
    "some": (False, False),
    "an estimated": (False, False),
    "estimated": (False, False),
    "close to": (False, False),
    "nearly": (True, False),
    "almost": (True, False),
    "up to": (True, False),
    "fewer than": (True, False),
    "less than": (True, False),
    "under": (True, False),
    "as many as": (True, False),
    "as much as": (True, False),
    "at most": (True, False),
    "no more than": (True, False),
    "just under": (True, False),
    "more than": (False, True),
    "over": (False, True),
    "at least": (False, True),
    "upwards of": (False, True),
    "in excess of": (False, True),
    "just over": (False, True),
    "well over": (False, True),
    "no fewer than": (False, True),
    "no less than": (False, True),
    "between": (False, False),
    "from": (False, False),
}
_VAGUE = {
    # the words -> (least value, upper bound)
    "tens of thousands": (20_000, 100_000),
    "hundreds of thousands": (200_000, 1_000_000),
    "tens of millions": (20_000_000, 100_000_000),
    "hundreds of millions": (200_000_000, 1_000_000_000),
    "dozens": (24, 144),
    "scores": (40, 200),
    "hundreds": (200, 1_000),
    "thousands": (2_000, 10_000),
    "millions": (2_000_000, 10_000_000),
    "billions": (2e9, 1e10),
    "several hundred": (300, 1_000),
    "several thousand": (3_000, 10_000),
    "several million": (3e6, 1e7),
    "a few hundred": (200, 1_000),
    "a few thousand": (2_000, 10_000),
    "a few million": (2e6, 1e7),
}
_VAGUE_WORDS = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True))
_CURRENCY_SYMBOLS = {
    "$": "$",
    "us$": "$",
    "usd": "$",
    "£": "£",
    "gbp": "£",
    "€": "€",
    "eur": "€",
    "¥": "¥",
    "₽": "rouble",
    "rub": "rouble",
}

# The number itself, matched where a trigger word or digit starts; the
# hedge before it is read separately (``_hedge_before``).
NUMBER_PATTERN = re.compile(
    rf"""
    (?<![\w/#=@.,:\u00a3\u20ac$-])
    (?:
      (?P<vague>(?i:{_VAGUE_WORDS}))(?:\s+of\b)?
    | (?P<currency>US\$|\$|\u00a3|\u20ac|\u00a5|\u20bd|(?:USD|GBP|EUR|RUB)\s?)?
      (?P<number>{_DIGITS})
      (?:\s*(?P<joiner>-|\u2013|to|and)\s*(?P<number2>{_DIGITS}))?
      (?:(?P<suffix>bn|mn|m|k)|\s+(?P<scale>(?i:thousand|million|billion|trillion)))?
    | (?P<words>(?i:{_WORD_NUMBER}(?:(?:\s+and\s+|[\s-]+){_WORD_NUMBER})*))
    )
    (?P<half>(?i:[\s-]+and[\s-]+a[\s-]+half)(?:[\s-]+(?P<half_scale>(?i:thousand|million|billion|trillion))\b)?)?
    (?![\w/@]|[.,:]\d)
    """,
    re.VERBOSE,
)
# Words (lower case) where a quantity may start; digits and currency signs are triggers too.
TRIGGER_WORDS = frozenset(lexicon.NUMBER_WORDS) | frozenset(
    "dozen hundred thousand million billion trillion tens hundreds dozens scores thousands millions billions "
    "several few usd gbp eur rub us".split()
)
_A_BEFORE = frozenset("dozen hundred thousand million billion few".split())
_CURRENCY_START = frozenset("$\u00a3\u20ac\u00a5\u20bd")

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
_WORD_VALUES = {**{w: float(v) for w, v in lexicon.NUMBER_WORDS.items()}, "a": 1.0, "dozen": 12.0}

# Units right after the number (or after a hyphen: "190-km", "32-year-old").
_UNIT_PATTERN = re.compile(
    r"""[\s-]?(?P<unit>%|(?i:per\s?cent|percentage\s+points?|km2|km/h|kmh|mph|sq\s+km|square\s+(?:kilomet(?:re|er)s?|miles?)
    |km|kilomet(?:re|er)s?|miles?|metres?|meters?|kg|kilo(?:gram)?s?|tonnes?|tons?|litres?|liters?|hectares?|acres?
    |feet|foot|ft|inch(?:es)?|cm|mm|barrels?|degrees?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?
    |centuries|century|dollars?|cents?|euros?|pounds?|roubles?|rubles?|rupees?|yuan|yen|hryvnias?|francs?|pesos?))
    (?P<old>-old|\s+old)?(?![\w/])""",
    re.VERBOSE,
)
_UNIT_NAMES = {
    "percent": "%",
    "per cent": "%",
    "percentage point": "percentage point",
    "kilometre": "km",
    "kilometer": "km",
    "kmh": "km/h",
    "square kilometre": "sq km",
    "square kilometer": "sq km",
    "km2": "sq km",
    "mile": "mile",
    "square mile": "sq mile",
    "metre": "m",
    "meter": "m",
    "kilo": "kg",
    "kilogram": "kg",
    "ton": "tonne",
    "liter": "litre",
    "feet": "ft",
    "foot": "ft",
    "inche": "inch",
    "century": "century",
    "centurie": "century",
    "dollar": "$",
    "euro": "€",
    "ruble": "rouble",  # "pounds" stays "pound": money or weight
}
_DURATIONS = frozenset("second minute hour day week month year decade century".split())
_MONEY = frozenset("$ € £ ¥ cent rouble rupee yuan yen hryvnia franc peso".split())

# A number right after one of these names a thing ("Number 6", "Flight 17").
_IDENTIFIER_WORDS = frozenset(
    """number no no. nos nr # article section chapter page pages room flight route building unit highway level gate
    platform paragraph resolution case bill squad colony division brigade regiment battalion district ward block
    apartment flat house road line channel episode season volume vol part phase stage grade class model version type
    category item rule clause amendment table figure fig zone sector camp school cell terminal pier lane exit bus
    tram train track code step act title psalm verse lot plot""".split()
)
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|them|their|his|her|its|our|us|you|whom|which)\b", re.IGNORECASE)
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")
_WORD_AFTER = re.compile(r"\s*([^\W\d_][\w'\u2019.-]*)")
# Words that end a counted noun phrase: the stop words, except those that
# can sit inside one ("two new hospitals", "three year terms"), and more
# function words and common verbs.
_INSIDE_A_PHRASE = frozenset("one 1 first new other own same further time week month year".split())
_PHRASE_STOP = (lexicon.STOP_WORDS - _INSIDE_A_PHRASE) | frozenset(
    """according across ago already although among away back earlier either even every including later
    least less like many much neither next onto per several since still though unlike via whether whose""".split()
)
# "two thirds", "three quarters": fractions, not counts of anything.
_FRACTIONS = frozenset("half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths".split())
_LEADING_MODIFIERS = frozenset("more other former additional further new extra fellow another same such".split())
_IRREGULAR_PLURALS = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "staff": "staff",
    "personnel": "personnel",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "thieves": "thief",
    "wolves": "wolf",
    "cattle": "cattle",
    "livestock": "livestock",
    "sheep": "sheep",
    "fish": "fish",
    "aircraft": "aircraft",
    "deer": "deer",
    "crew": "crew",
    "troops": "troop",
    "data": "data",
}
_NOT_PLURAL = frozenset(
    "news series species politics economics physics bus gas lens chaos status analysis basis crisis thesis "
    "princess was is as has its his this us does thus towards besides perhaps unless always whereas "
    "virus census campus focus bonus chorus stimulus consensus apparatus radius nucleus fungus plus minus "
    "surplus corpus genus opus exodus circus syllabus".split()
)
# Plurals in -ies whose singular ends in -ie, not -y.
_IE_PLURALS = frozenset(
    "calories movies cookies pies ties lies zombies rookies brownies prairies goalies hippies selfies smoothies "
    "aunties sweeties freebies budgies".split()
)


def singular(word: str) -> str:
    """The singular of an English plural noun (lower case in, lower case out)."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4 and word not in _IE_PLURALS:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes", "oes")) or word[:-2] in _NOT_PLURAL:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "ous", "is")) and word not in _NOT_PLURAL:
        return word[:-1]
    return word


_PLURALS = {one: many for many, one in _IRREGULAR_PLURALS.items() if one != many}
_OWN_PLURALS = frozenset(one for many, one in _IRREGULAR_PLURALS.items() if one == many)  # "sheep", "police"


def plural(phrase: str) -> str:
    """The plural of a singular noun phrase as ``counted`` holds it ("man" -> "men", "charge" ->
    "charges", "inmate" -> "inmates"); units and symbols stay as they are ("km", "%", "$")."""
    head = phrase.rsplit(" ", 1)[-1]
    if head in _PLURALS:
        many = _PLURALS[head]
    elif not head.isalpha() or len(head) < 3 or head.endswith("s") or head in _NOT_COUNTED_FORMS | _OWN_PLURALS:
        return phrase
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        many = head[:-1] + "ies"
    elif head.endswith(("ch", "sh", "x", "z")):
        many = head + "es"
    else:
        many = head + "s"
    return phrase[: len(phrase) - len(head)] + many


# Units kept in their written form in a plural phrase ("85 km", "5 kg").
_NOT_COUNTED_FORMS = frozenset("km kg mph cm mm ft yen yuan sq".split())


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "ous", "is"))
        and word not in _NOT_PLURAL
        and word not in _PHRASE_STOP
    )


def extract_numbers(text: str, layout: Layout, excluded: list[Span]) -> list[NumberFact]:
    """Quantities in ``text``; ``excluded`` are spans already read as something else (times)."""
    skip = sorted(excluded + _furniture_spans(text, layout))
    facts = []
    covered = 0
    for position, word in layout.triggers:
        if position < covered or not (word[0].isdigit() or word in TRIGGER_WORDS or word in _CURRENCY_START):
            continue
        start = position - 2 if word in _A_BEFORE and layout.lower[position - 2 : position] == "a " else position
        if word[0].isdigit() and text[start - 1 : start] in ("+", "("):
            start -= 1
        phone = _PHONE.match(text, start) if word[0].isdigit() else None
        if phone and sum(c.isdigit() for c in phone.group()) >= 7:
            covered = phone.end()
            continue
        match = NUMBER_PATTERN.match(text, start)
        if match is None and start < position:  # "Smith (46)": the bracket is not a phone number's
            start = position
            match = NUMBER_PATTERN.match(text, start)
        if match is None:
            continue
        covered = match.end()
        if (skip and _overlaps(skip, start, match.end())) or _is_identifier(text, start) or _glued_to_word(text, start):
            continue
        half = start < position and layout.lower[start - 5 : start] == "half "  # "half a million"
        outer = start - 5 if half else start
        hedge = _hedge_before(layout.lower, outer)
        listed = _is_list(match, hedge)
        fact = _read(text, layout, match, hedge, outer, 0.5 if half else 1.0, listed)
        if listed:
            covered = match.start("joiner")  # the second number of "10 and 12 years" is read on its own
        if fact is not None:
            facts.append(fact)
            covered = max(covered, fact.span[1])
    return facts


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _furniture_spans(text: str, layout: Layout) -> list[Span]:
    """Paragraphs that are markup, links or counters ("265 shares"), not prose: their numbers are
    sizes, ids and widget counts."""
    markup = "://" in text or '="' in text
    return [
        p
        for p in layout.paragraphs
        if text.count(" ", p[0], p[1]) < 2 or (markup and ("://" in text[p[0] : p[1]] or '="' in text[p[0] : p[1]]))
    ]


_PHONE = re.compile(r"\+?\(?\d{1,4}\)?(?:[ .-]\(?\d{2,4}\)?){2,}(?![\w,])")


def _is_identifier(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip()
    if before.endswith("#"):
        return True
    words = before.split()
    return bool(words) and words[-1].lower().lstrip("(") in _IDENTIFIER_WORDS


def _glued_to_word(text: str, start: int) -> bool:
    """ "F-16", "COVID-19": a number hyphened onto a word is part of a name."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()


def _hedge_before(lower: str, start: int) -> tuple[str, int] | None:
    """The hedge ("about", "at least", "no more than") right before ``start``, and where it starts."""
    if start == 0 or not lower[start - 1].isspace():
        return None
    words = lower[max(0, start - 24) : start].split()
    for size in (3, 2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in _QUALIFIERS:
            position = start
            for word in reversed(words[-size:]):  # right to left, each word before the last one found
                position = lower.rfind(word, 0, position)
            if position == 0 or not lower[position - 1].isalnum():
                return phrase, position
    return None


def _is_list(match: re.Match[str], hedge: tuple[str, int] | None) -> bool:
    """ "10 and 12 years" names two quantities (two sentences, two counts); only "between 10 and 12"
    is a range.  Its bounds are not one number, and neither is their total."""
    return match.group("joiner") == "and" and not (hedge and hedge[0] == "between")


def _read(
    text: str,
    layout: Layout,
    match: re.Match[str],
    hedge: tuple[str, int] | None,
    outer: int,
    factor: float,
    listed: bool = False,
) -> NumberFact | None:
    qualifier = hedge[0] if hedge else None
    amount = _amount(match, qualifier, single=listed)
    if amount is None:
        return None
    value, low, high, vague = amount
    value, low, high = (
        value * factor,
        low * factor if low is not None else None,
        high * factor if high is not None else None,
    )
    if qualifier in {"between", "from"} and not match.group("number2"):
        qualifier = None  # "from 300 patients": not a range, and not a hedge
    if qualifier:
        low_open, high_open = _QUALIFIERS[qualifier]
        low, high = (None if low_open else low), (None if high_open else high)
    start = hedge[1] if hedge and qualifier else outer
    unit, kind, counted, end = _what_is_counted(text, match, match.end())
    if counted is None and unit is None:
        unit, kind, counted, start, end = _bare(text, layout.lower, match, start, end)
        if counted is None:
            return None
    if listed:
        end = match.end("number")  # the first of two listed numbers: its own digits, what follows both
    head = counted.split()[-1] if counted else None
    return NumberFact(
        span=(start, end),
        text=text[start:end],
        sentence_span=layout.sentence_of(start),
        value=value,
        low=low,
        high=high,
        counted=counted,
        head=head,
        unit=unit,
        kind=kind,
        approximate=bool(qualifier or vague),
        qualifier=qualifier or (" ".join(vague.lower().split()) if vague else None),
    )


def _amount(
    match: re.Match[str], qualifier: str | None, years: bool = False, single: bool = False
) -> tuple[float, float | None, float | None, str | None] | None:
    """(value, low, high, vague words) of the number itself, or None when it is not a quantity
    (with ``years``, a year-like number is a number too; with ``single``, a second number after
    the first is not its upper bound)."""
    if match.group("vague"):
        low, high = _VAGUE[" ".join(match.group("vague").lower().split())]
        return float(low), float(low), float(high), match.group("vague")
    half = 0.5 if match.group("half") else 0.0  # "four-and-a-half hours", "two and a half years"
    if match.group("words"):
        value = _word_value(match.group("words"))
        if value is None or (value == 1 and not half):
            return None
        value = (
            (value + half) * _SCALES[match.group("half_scale").lower()] if match.group("half_scale") else value + half
        )
        return value, value, value, None
    scale = (
        _SCALES[(match.group("suffix") or match.group("scale") or "").lower()]
        if (match.group("suffix") or match.group("scale"))
        else 1.0
    )
    first = float(match.group("number").replace(",", "")) * scale
    raw = match.group("number")
    if (
        not years
        and re.fullmatch(r"1[89]\d\d|20\d\d", raw)
        and not qualifier
        and scale == 1.0
        and not match.group("currency")
    ):
        return None  # a year
    if match.group("number2") and not single:
        second = float(match.group("number2").replace(",", "")) * scale
        if second <= first:
            return None  # a score or an id ("3-1", "24-7"), not a range
        return (first + second) / 2, first, second, None
    value = first + half
    if match.group("half_scale"):  # "2 and a half million"
        value *= _SCALES[match.group("half_scale").lower()]
    return value, value, value, None


# A scale word glued to its number ("4million"), and a unit or ordinal ending glued on ("22st", "3rd").
_GLUED_SCALE = re.compile(r"(?<=\d)(?=(?:thousand|million|billion|trillion)\b)", re.IGNORECASE)
_GLUED_UNIT = re.compile(
    r"(?<=\d)(?:"
    + "|".join(sorted(lexicon.UNIT_ABBREVIATIONS | {"st", "nd", "rd", "th"}, key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)


def number_value(phrase: str) -> float | None:
    """The value of ``phrase`` when it is one number and nothing else, else None.

    "4.4m", "\u00a38 million", "4million", "two hundred and fifty", "1,500", "a dozen" and "one"
    are numbers; a unit abbreviation or an ordinal ending glued on is dropped ("22st", "24in",
    "3rd"), a range ("10-20") has its midpoint, and a vague amount ("hundreds") is not one number.
    Unlike ``extract_numbers`` nothing needs to follow it (the caller knows what it counts: the
    edits compare two numbers in the same place of two texts), and a year-like number is a number.
    """
    text = _GLUED_UNIT.sub("", _GLUED_SCALE.sub(" ", " ".join(phrase.split())))
    match = NUMBER_PATTERN.fullmatch(text)
    if match is None or match.group("vague"):
        return None
    if match.group("words"):
        return _word_value(match.group("words"))
    amount = _amount(match, None, years=True)
    return amount[0] if amount else None


def _word_value(words: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1.0) * 100.0
        elif word == "dozen":
            current = (current or 1.0) * 12.0
        elif word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in _SCALES:
            total += (current or 1.0) * _SCALES[word]
            current = 0.0
        else:
            return None
    return total + current


def _what_is_counted(text: str, match: re.Match[str], end: int) -> tuple[str | None, str, str | None, int]:
    """(unit, kind, counted, new end) from the words after the number."""
    currency = match.group("currency")
    if currency:
        unit = _CURRENCY_SYMBOLS[currency.strip().lower()]
        return unit, "money", unit, end
    unit_match = _UNIT_PATTERN.match(text, end)
    if unit_match:
        unit = _unit_name(unit_match.group("unit"))
        kind = (
            "percent" if unit == "%" else "money" if unit in _MONEY else "duration" if unit in _DURATIONS else "measure"
        )
        if kind == "duration" and unit_match.group("old"):
            kind = "age"
        counted = unit
        if kind == "percent":
            of_phrase = _noun_phrase(text, unit_match.end(), after_of=True)
            if of_phrase:
                return unit, kind, of_phrase[0], of_phrase[1]
        return unit, kind, counted, unit_match.end()
    partitive = _PARTITIVE.match(text, end)
    if partitive:
        phrase = _noun_phrase(text, partitive.end())
        return (None, "count", phrase[0], phrase[1]) if phrase else (None, "count", None, end)
    phrase = _noun_phrase(text, end)
    if phrase is None:
        return None, "count", None, end
    return None, "count", phrase[0], phrase[1]


# A bare number is an age after "aged" or "age of" ("at the age of 46"), and in apposition to a
# name: "John Smith, 46, of Leeds", "Mary Brown (80)".
_AGE_BEFORE = re.compile(r"\bage(?:d|\s+of)\s+$")
_COMMA_APPOSITION = (re.compile(r"\b([A-Z][\w'\u2019-]*),\s+$"), re.compile(r"[,;]|\.(?:\s|$)"))
_BRACKET_APPOSITION = (re.compile(r"\b([A-Z][\w'\u2019-]*)\s+\($"), re.compile(r"\)"))
_NOT_NAMES = frozenset(lexicon.MONTHS) | frozenset(lexicon.WEEKDAYS)  # "In March, 46, ..." is no age
_OLDEST = 120  # no one is older: a bare number above this after a name is something else
# A bare number after "<noun> of" counts that noun: "an audience of 200", "a crowd of 5,000".
_COLLECTIVE_BEFORE = re.compile(r"\b([^\W\d_][\w-]+)\s+of\s+$")
# "a total of 30", "an average of 4": a figure over other quantities, which says nothing of what it counts.
_AGGREGATES = frozenset("total average maximum minimum sum mean median".split())
_BEFORE_WINDOW = 40  # characters before a number read for the words that make it an age or a count


def _bare(
    text: str, lower: str, match: re.Match[str], start: int, end: int
) -> tuple[str | None, str, str | None, int, int]:
    """(unit, kind, counted, start, end) of a number with nothing after it that says what it counts:
    an age or a collective count from the words before it, or ``counted`` None."""
    before = text[max(0, start - _BEFORE_WINDOW) : start]
    if _is_age(before, text[end : end + 2], match):
        return "year", "age", "year", start, end
    collective = _COLLECTIVE_BEFORE.search(lower, max(0, start - _BEFORE_WINDOW), start)
    if collective and _is_counted_noun(collective.group(1)) and collective.group(1) not in _AGGREGATES:
        return None, "count", singular(collective.group(1)), start, end
    return None, "count", None, start, end


def _is_age(before: str, after: str, match: re.Match[str]) -> bool:
    plain = not (match.group("currency") or match.group("suffix") or match.group("scale") or match.group("vague"))
    value = (
        _word_value(match.group("words"))
        if match.group("words")
        else float((match.group("number") or "0").replace(",", ""))
    )
    if not plain or value is None or not 0 < value <= _OLDEST or value != int(value):
        return False
    if _AGE_BEFORE.search(before.lower()):
        return True
    for opening, closing in _APPOSITIONS:
        name = opening.search(before)
        if name and closing.match(after) and name.group(1).lower() not in _NOT_NAMES:
            return True
    return False


_APPOSITIONS = (_COMMA_APPOSITION, _BRACKET_APPOSITION)


def _is_counted_noun(word: str) -> bool:
    return not (
        word in _PHRASE_STOP
        or word in _IDENTIFIER_WORDS
        or word in _FRACTIONS
        or word in lexicon.NUMBER_WORDS
        or (word.endswith("ly") and len(word) > 4)
    )


def _unit_name(raw: str) -> str:
    word = " ".join(raw.lower().split())
    if word in _UNIT_NAMES:
        return _UNIT_NAMES[word]
    base = singular(word) if word not in {"km", "mph", "kg", "ft", "cm", "mm", "%", "yen", "yuan"} else word
    return _UNIT_NAMES.get(base, base)


def _noun_phrase(text: str, position: int, after_of: bool = False) -> tuple[str, int] | None:
    """The singular noun phrase starting at ``position`` that ends in a plural noun, and its end."""
    if after_of:
        of = re.match(r"\s+of(?:\s+the)?\b", text[position : position + 12])
        if not of:
            return None
        position += of.end()
    words: list[str] = []
    for _ in range(4):
        found = _WORD_AFTER.match(text, position)
        if not found:
            return None
        word = found.group(1).rstrip(".").lower()
        if (
            word.endswith(("'s", "\u2019s"))
            or word in _PHRASE_STOP
            or word in _FRACTIONS
            or (word.endswith("ly") and len(word) > 4)
        ):
            return None
        position = found.start(1) + len(found.group(1).rstrip("."))
        if found.group(1)[0].isupper() and _name_goes_on(text, position):
            words.append(word)  # part of a name ("300 Nordic Airways tickets"), not the head
            continue
        if _is_plural(word) or (after_of and found.group(1)[0].islower() and text[position : position + 1] in ",.;"):
            words.append(singular(word))
            return _without_modifiers(words), position
        words.append(word)
    return None


def _name_goes_on(text: str, position: int) -> bool:
    """After a capitalised word: the next word is capitalised too, or is the plural head."""
    if _CAPITAL_NEXT.match(text, position):
        return True
    following = _WORD_AFTER.match(text, position)
    return (
        following is not None and following.group(1)[0].islower() and _is_plural(following.group(1).rstrip(".").lower())
    )


def _without_modifiers(words: list[str]) -> str:
    while len(words) > 1 and words[0] in _LEADING_MODIFIERS:
        words = words[1:]
    return " ".join(words)
