"""Time expressions, resolved to day intervals where the text allows.

What is found: explicit dates ("12 March 2023", "March 12, 2023",
"2023-03-12"), day and month ("March 12", "on 12 March"), month and year
("May 2021", "October of last year"), a month alone ("in May"),
parts of months ("the start of March", "early/mid/late March", "the end
of May"), years after a preposition ("in 2015"), and phrases relative
to the publication date ("last month", "the end of last month", "last
year", "this week", "yesterday", "on Monday", "two weeks ago").

Decisions:

* Intervals are inclusive (first day, last day).  A part of a month is a
  third of it: start/beginning/early = days 1-10, middle/mid = 11-20,
  end/late = 21-last.  A part of a year is a third of it (Jan-Apr,
  May-Aug, Sep-Dec).
* Times are resolved in the direction the sentence points
  (``reference_direction``): a clause with a future or schedule cue ("will",
  "is to", "is due to", "is expected to", "adjourned until") looks forward,
  one with a past verb looks back, and one with neither is read as news
  usually is, in the past, except that a day written without a year within
  ``TimeSettings.upcoming_days`` after publication is the coming one (a
  date a year back would be written with its year).
* A month or day written without a year takes the publication year, the
  year before when looking back would put it after publication, or the year
  after when looking forward would put it before; such phrases are
  ``relative``, and stay unresolved without a publication date.
* "on Monday" is the latest Monday on or before publication, or in a
  forward-looking clause the first on or after it; "last Monday" strictly
  before it; "next Monday" strictly after.
* A time word inside a title is no time: a capitalised "Today" or
  "Tonight" inside a sentence, an all-capitals or title-cased time phrase
  ("USA TODAY", "This Morning"), "Today" before a word of broadcasting or
  print ("Today programme"), a day name before a capitalised word.
* Durations ("for five weeks") are quantities, not times: the number
  extractor reports them.  "five weeks ago" is a time.
* "May" and "March" alone are too often a verb or a word to trust: alone
  they need a preposition before them ("in May").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from corpuskit.documents import published_date
from corpuskit.facts.model import Span, TimeFact
from corpuskit.facts.text import Layout, content_keys
from corpuskit.ranges import count
from corpuskit.text import lexicon

__all__ = [
    "extract_times",
    "resolve_phrase",
    "time_phrases",
    "TimePhrase",
    "parse_published",
    "reference_direction",
    "TimeSettings",
    "TIME_PATTERN",
    "TRIGGER_WORDS",
    "FORWARD",
    "BACK",
    "year_inferred",
]


@dataclass(frozen=True)
class TimeSettings:
    """How yearless and day-name phrases are placed.  Not read from corpuskit.yaml: facts are
    cached under their code alone (``facts.corpus.facts_key``), so these are code."""

    # A day without a year ("August 24") this many days or fewer after publication, in a clause
    # with no tense cue, is the coming one: news gives the year of a date a year back, and dates
    # just ahead are hearings and events being announced.  Chosen, not fitted.
    upcoming_days: int = count(14, minimum=0)


DEFAULT_TIME_SETTINGS = TimeSettings()

NO_PUBLICATION = "relative to a publication date the document lacks"
NO_YEAR = "no year is given and the document has no publication date"

_FULL_MONTH = "|".join(name.capitalize() for name in lexicon.MONTH_NAMES)
# Longest first, so "Sept." is not read as "Sep" and a stray "t.".
_SHORT_MONTH = "|".join(sorted((a.capitalize() for a in lexicon.MONTH_ABBREVIATIONS), key=lambda a: (-len(a), a)))
_MONTH = rf"(?:{_FULL_MONTH}|(?:{_SHORT_MONTH})\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = "(?:" + "|".join(day.capitalize() for day in lexicon.WEEKDAYS) + ")"
_PART = r"(?i:(?:the\s+)?(?:start|beginning|middle|end)\s+of|early|mid|late)"
_SHIFT = r"(?i:last|this|next|past)"
_UNIT = r"(?i:day|week|month|year|decade)"
_COUNT = r"(?i:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several)"
_REL_YEAR = r"(?i:(?:of\s+)?(?:last|this|next)\s+year)"

TIME_PATTERN = re.compile(
    rf"""
    (?<![\w$\u00a3\u20ac-])(?<!\d[.,])(?:
      (?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)
    | (?P<part>{_PART})[\s-]+(?:(?P<pmonth>{_MONTH})(?:,?\s+(?P<pyear>{_YEAR}))?(?:\s+(?P<prel_year>{_REL_YEAR}))?
                              |(?P<pshift>{_SHIFT})\s+(?P<punit>{_UNIT})
                              |(?P<pyear_only>{_YEAR}))
    | (?P<dm_day>{_DAY})(?:\s+of)?\s+(?P<dm_month>{_MONTH})(?:,?\s+(?P<dm_year>{_YEAR})(?!\d)|\s+(?P<dm_rel>{_REL_YEAR}))?
    | (?P<md_month>{_MONTH})\s+(?P<md_day>{_DAY})(?![\d:])(?:,?\s+(?P<md_year>{_YEAR})|\s+(?P<md_rel>{_REL_YEAR}))?
    | (?P<my_month>{_MONTH})(?:,?\s+(?:of\s+)?(?P<my_year>{_YEAR})|\s+(?P<my_rel>{_REL_YEAR}))
    | (?P<month>{_MONTH})
    | (?P<year>{_YEAR})
    | (?P<ago_n>{_COUNT})\s+(?P<ago_unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)
    | (?P<shift>{_SHIFT})\s+(?P<unit>{_UNIT}|weekend|(?P<shift_weekday>{_WEEKDAY})|(?P<shift_month>{_MONTH}))
    | (?P<deictic>(?i:yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)))
    | (?P<weekday>{_WEEKDAY})
    )(?![\w-])(?![.,]\d)
    """,
    re.VERBOSE,
)

# A bare year, or a month name that is also a word ("May", "March", "Jan"),
# counts only after one of these ("in 2015", "since May").
_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|during|before|after|throughout|through|of|to|as of)\s+)$"
)
_CAPITALISED_AFTER = re.compile(rf"[ \t]+(?!(?:{_FULL_MONTH})\b)[A-Z]")
# A day name before the date it falls on ("Friday, January 28", "Friday 28 January"): the date places it.
_DATE_AFTER = re.compile(rf",?[ \t]+(?:(?:the[ \t]+)?{_DAY}(?:[ \t]+of)?[ \t]+{_MONTH}|{_MONTH}[ \t]+{_DAY}\b)")
_FULL_MONTHS = frozenset("January February April June July August September October November December".split())
# A year followed by a plural noun is a count ("2000 people"), not a year.
_COUNTED_AFTER = re.compile(r"\s+(?:people|[a-z]+s)\b")
_S_WORDS = frozenset("was is as has its his this us does thus towards besides perhaps unless always".split())

# Words (lower case) where a time phrase may start, besides digits and number words ("two weeks ago").
TRIGGER_WORDS = (
    frozenset(lexicon.MONTHS)
    | frozenset(lexicon.WEEKDAYS)
    | frozenset(
        "last this next past early mid late start beginning middle end yesterday today tomorrow tonight ago".split()
    )
    | frozenset(lexicon.NUMBER_WORDS)
)
_AFTER_THE = frozenset("start beginning middle end".split())
_AGO_BACK = re.compile(r"(?:^|(?<=\s))(?:an?|a\s+few|several)\s+\w+\s+$")

_SMALL_COUNTS = {**{w: int(v) for w, v in lexicon.NUMBER_WORDS.items()}, "a": 1, "an": 1}

FORWARD, BACK = "forward", "back"

# Grammar that points a clause ahead of its writing: the future, a schedule, a deferral to a date.
_FUTURE_CUES = (
    r"will|shall|won't|wo\s+n't|'ll|next|(?:the|this)\s+coming|upcoming|forthcoming|tomorrow"
    r"|(?:is|are|am|'s|'re)\s+(?:not\s+)?(?:going\s+to|due|set|expected|scheduled|planned|likely|to\s+(?!have\b)[a-z]+)"
    r"|(?:due|scheduled|planned|expected|set)\s+(?:for|on|to)\b"
    r"|(?:adjourn|remand|bail|postpon|defer|reschedul|put\s+back)[a-z]*\b[^;]*?\b(?:until|till|to|for)"
)
# ... and grammar that points it back: past auxiliaries, regular and common irregular past verbs.
_PAST_CUES = (
    r"was|were|had|did|ago|yesterday|last"
    r"|(?!(?:hundred|indeed|need|sacred|naked|wicked|beloved|kindred)\b)[a-z]{2,}ed"
    r"|said|told|went|came|took|gave|made|found|left|met|saw|began|fell|ran|got|sent|paid|held|heard"
    r"|thought|brought|bought|sold|kept|spoke|wrote|drove|broke|stole|stood|sat|lost|won|hit|shot"
    r"|struck|threw|fought|caught|led|fled|rose|knew|became|spent|felt|put|set|cut|let|flew|drew|grew"
    r"|swore|wore|tore|hid|sank|sang|rang|swam|drank|ate|forgot|chose|rode|woke|froze|shook|dealt|meant"
    r"|built|lent|slept|fed|bled|hung|stuck|dug|sought|taught|lay|laid|beat|bit"
)
_TENSE_CUE = re.compile(rf"\b(?:(?P<forward>{_FUTURE_CUES})|(?P<back>{_PAST_CUES}))\b")
# Where a clause ends, for the nearest cue: a comma, semicolon, colon, bracket or quotation mark.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014]")

# Title words (lower case) after "Today"/"Tonight" that make it a programme or paper's name.
_MEDIA_WORDS = frozenset(
    "programme program show presenter presenters host hosts newspaper paper magazine series broadcast".split()
)
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w'\u2019.&-]*[ \t]+$")


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or date-time string, or None."""
    day = published_date(published)  # the local day as written (corpuskit.documents)
    if day is None:
        return None
    # Phrases reach a few years either side of it; the calendar ends at years 1 and 9999.
    return day if 100 <= day.year <= 9900 else None


def extract_times(
    text: str, layout: Layout, published: date | None, settings: TimeSettings = DEFAULT_TIME_SETTINGS
) -> list[TimeFact]:
    """Time phrases in ``text``, in order, resolved against ``published`` where they need it."""
    facts = []
    for phrase in time_phrases(text, layout):
        resolution = resolve_phrase(phrase, published, settings)
        if resolution is not None:
            facts.append(_time_fact(text, layout, phrase.match.span(), resolution))
    return facts


class TimePhrase(NamedTuple):
    """A time phrase found in a text, before it is placed on the calendar."""

    match: re.Match[str]
    direction: str | None  # which way its clause points ("before"/"after"), when its day needs it


def time_phrases(text: str, layout: Layout) -> list[TimePhrase]:
    """The time phrases of ``text`` in order, not yet resolved: finding them does not depend on
    the publication day, so a text read against several days is searched once."""
    phrases = []
    covered = 0
    for position, word in layout.triggers:
        if position < covered or not (word[0].isdigit() or word in TRIGGER_WORDS):
            continue
        match = _match_at(text, layout, position, word)
        if match is None:
            continue
        covered = match.end()
        if _in_a_title(match, text, layout):
            continue
        direction = _direction_needed(match) and reference_direction(layout, match.span())
        phrases.append(TimePhrase(match, direction or None))
    return phrases


def resolve_phrase(
    phrase: TimePhrase, published: date | None, settings: TimeSettings = DEFAULT_TIME_SETTINGS
) -> Resolution:
    """(interval, relative, granularity) of a phrase published on ``published``; None when it is
    no time at all there."""
    return _resolve(phrase.match, _Placing(published, phrase.direction, settings))


def _match_at(text: str, layout: Layout, position: int, word: str) -> re.Match[str] | None:
    """The time phrase around the trigger ``word`` at ``position``, if any."""
    start = position
    if word in _AFTER_THE and layout.lower[position - 4 : position] == "the ":
        start = position - 4  # "the start of ..."
    elif word == "ago":
        before = _AGO_BACK.search(layout.lower, max(0, position - 30), position)
        if before is None:
            return None
        start = before.start()  # "a week ago"
    match = TIME_PATTERN.match(text, start)
    if match is None or match.end() <= position or not _trusted(match, text):
        return None
    return match


def _time_fact(text: str, layout: Layout, span: tuple[int, int], resolution: tuple) -> TimeFact:
    start, end = span
    interval, relative, granularity = resolution
    reason = None
    if interval is None:
        reason = NO_PUBLICATION if relative == "publication" else NO_YEAR
    sentence = layout.sentence_of(start)
    return TimeFact(
        span=(start, end),
        text=text[start:end],
        sentence_span=sentence,
        phrase=" ".join(text[start:end].lower().split()),
        interval=interval,
        relative=relative is not None,
        resolved=interval is not None,
        reason=reason,
        granularity=granularity,
        event=content_keys(layout.lower, sentence[0], sentence[1], skip=(start, end)),
    )


def _in_a_title(match: re.Match[str], text: str, layout: Layout) -> bool:
    """Whether the phrase is part of a name, not a time: "USA TODAY", "This Morning",
    "the Today programme", "ITV's Tonight".  In prose a time word is lower case unless it
    starts a sentence, and the later words of a time phrase are capitalised only if they
    are month or day names."""
    words = match.group().split()
    if any(w[:1].isupper() and w.rstrip(".,").lower() not in _NAMED_TIME_WORDS for w in words[1:]):
        return True
    if not match.group("deictic"):
        return False
    first = words[0]
    if not first[:1].isupper():
        return False
    if any(c.isupper() for c in first[1:]):
        return True  # "TODAY"
    after = text[match.end() : match.end() + 30].split(maxsplit=1)
    if after and after[0].strip(".,;:'\u2019").lower() in _MEDIA_WORDS:
        return True
    before = text[: match.start()].rstrip(" \t")
    if before.endswith(('"', "'", "\u201c", "\u2018", ":", "\u2014", "(")):
        return False  # '... told reporters: "Today we ...': the start of quoted speech
    sentence_start = layout.sentence_of(match.start())[0]
    return bool(text[sentence_start : match.start()].strip(_OPENING))


_NAMED_TIME_WORDS = frozenset(lexicon.MONTHS) | frozenset(lexicon.WEEKDAYS)
_OPENING = " \t\"'\u201c\u2018([-\u2014"


def year_inferred(phrase: str) -> bool:
    """Whether a time phrase names a month or day without its year ("December 11", "late
    March"): its year was inferred (from the publication date), not written."""
    match = TIME_PATTERN.match(phrase)
    return bool(match and match.end() == len(phrase) and _direction_needed(match) and not match.group("weekday"))


def _direction_needed(match: re.Match[str]) -> bool:
    """Whether the phrase's place depends on which way its clause points: a day name alone,
    a day or month without a year, "this weekend"."""
    g = match.groupdict()
    yearless_day = (g["dm_day"] and not (g["dm_year"] or g["dm_rel"])) or (
        g["md_month"] and not (g["md_year"] or g["md_rel"])
    )
    yearless_part = g["pmonth"] and not (g["pyear"] or g["prel_year"])
    this_weekend = (g["shift"] or "").lower() == "this" and (g["unit"] or "").lower() == "weekend"
    return bool(g["weekday"] or g["month"] or yearless_day or yearless_part or this_weekend)


def reference_direction(layout: Layout, span: Span) -> str | None:
    """``FORWARD`` when the clause of the phrase at ``span`` speaks of what is to come
    ("will appear on Friday", "was adjourned until August 24"), ``BACK`` when of what was,
    None when it gives no cue.  The cue nearest the phrase in its clause decides; without
    one there, the nearest in its sentence."""
    start, end = layout.sentence_of(span[0])
    lower = layout.lower
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(lower, start, span[0])), default=start)
    clause_break = _CLAUSE_BREAK.search(lower, span[1], end)
    clause_end = clause_break.start() if clause_break else end
    return _nearest_cue(lower, span, clause_start, clause_end) or _nearest_cue(lower, span, start, end)


def _nearest_cue(lower: str, span: Span, start: int, end: int) -> str | None:
    nearest: tuple[int, str] | None = None
    for cue in _TENSE_CUE.finditer(lower, start, end):
        if cue.end() <= span[0]:
            distance = span[0] - cue.end()
        elif cue.start() >= span[1]:
            distance = cue.start() - span[1]
        else:
            continue  # the phrase's own words ("last Friday")
        if nearest is None or distance < nearest[0]:
            nearest = (distance, FORWARD if cue.group("forward") else BACK)
    return nearest[1] if nearest else None


def _trusted(match: re.Match[str], text: str) -> bool:
    """A bare year or an ambiguous month name needs a preposition before it; a day name
    followed by a capitalised word is part of a name ("Saturday Night Live", "Sunday Times")."""
    if match.group("weekday") and (_CAPITALISED_AFTER.match(text, match.end()) or _DATE_AFTER.match(text, match.end())):
        return False
    month, year = match.group("month"), match.group("year")
    if not month and not year:
        return True
    if month in _FULL_MONTHS:
        return True
    if not _CUE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return False
    if year:
        after = _COUNTED_AFTER.match(text, match.end())
        return not after or after.group().strip() in _S_WORDS
    return True


Interval = tuple[str, str] | None
# (interval, what it is relative to: None, "publication" or "year", granularity); None drops the match.
Resolution = tuple[Interval, str | None, str] | None


@dataclass(frozen=True)
class _Placing:
    """What places a phrase: the publication day, which way its clause points, the settings."""

    published: date | None
    direction: str | None
    settings: TimeSettings

    def year_of(self, month: int, day: int | None = None) -> int:
        """The year of a month (or day) written without one: the latest on or before
        publication, or the first on or after it when the clause looks forward, or when a
        day is close ahead and the clause gives no cue (see ``TimeSettings.upcoming_days``)."""
        published = self.published
        assert published is not None, "placed only with a publication date"
        when = (month, day or 1)
        if self.direction == FORWARD:
            on_or_after = when >= (published.month, published.day if day else 1)
            return published.year if on_or_after else published.year + 1
        if self.direction is None and day is not None:
            ahead = published.year if when > (published.month, published.day) else published.year + 1
            if _days_after(published, ahead, month, day) <= self.settings.upcoming_days:
                return ahead
        return published.year if when <= (published.month, published.day) else published.year - 1


def _this_or_last(g: dict[str, str | None], placing: _Placing) -> str:
    """ "this weekend" in a past clause of a weekday's text is the one just gone."""
    shift = (g["shift"] or "").lower()
    weekday_text = placing.published is not None and placing.published.weekday() < 5
    if shift == "this" and (g["unit"] or "").lower() == "weekend" and placing.direction == BACK and weekday_text:
        return "last"
    return shift


def _days_after(published: date, year: int, month: int, day: int) -> int:
    try:
        return (date(year, month, day) - published).days
    except ValueError:  # 29 February of a common year
        return 1 << 30


def _resolve(match: re.Match[str], placing: _Placing) -> Resolution:
    g = match.groupdict()
    published = placing.published
    if g["iso"]:
        return _absolute_day(*map(int, g["iso"].split("-")))
    if g["part"]:
        return _resolve_part(g, placing)
    if g["dm_day"]:
        return _day_month(
            int(re.sub(r"\D", "", g["dm_day"])), _month(g["dm_month"]), g["dm_year"], g["dm_rel"], placing
        )
    if g["md_month"]:
        return _day_month(
            int(re.sub(r"\D", "", g["md_day"])), _month(g["md_month"]), g["md_year"], g["md_rel"], placing
        )
    if g["my_month"]:
        return _month_of(_month(g["my_month"]), g["my_year"], g["my_rel"], placing, None)
    if g["month"]:
        return _month_of(_month(g["month"]), None, None, placing, None)
    if g["year"]:
        return _year_interval(int(g["year"])), None, "year"
    if g["ago_n"]:
        return _ago(g["ago_n"], g["ago_unit"], published)
    if g["shift_month"]:
        return _shifted_month(g["shift"].lower(), _month(g["shift_month"]), published)
    if g["shift"]:
        return _shifted(_this_or_last(g, placing), g["unit"].lower(), published)
    if g["deictic"]:
        return _deictic(g["deictic"].lower(), published)
    if g["weekday"]:
        shift = "on or after" if placing.direction == FORWARD else "on"
        return _weekday(lexicon.WEEKDAYS[g["weekday"].lower()], shift, published)
    return None


def _month(name: str) -> int:
    return lexicon.MONTHS[name.rstrip(".").lower()]


def _iso(first: date, last: date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def _absolute_day(year: int, month: int, day: int) -> Resolution:
    try:
        day_date = date(year, month, day)
    except ValueError:
        return None
    return _iso(day_date, day_date), None, "day"


def _year_interval(year: int) -> tuple[str, str]:
    return _iso(date(year, 1, 1), date(year, 12, 31))


def _month_range(year: int, month: int, part: str | None = None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"start": (1, 10), "middle": (11, 20), "end": (21, last)}.get(part or "", (1, last))
    return date(year, month, first_day), date(year, month, last_day)


def _day_month(day: int, month: int, year: str | None, rel_year: str | None, placing: _Placing) -> Resolution:
    published = placing.published
    if year:
        return _absolute_day(int(year), month, day)
    if rel_year:
        if published is None:
            return None, "publication", "day"
        resolution = _absolute_day(published.year + _year_offset(rel_year), month, day)
        return (resolution[0], "publication", "day") if resolution else None
    if published is None:
        return None if day > calendar.monthrange(2024, month)[1] else (None, "year", "day")
    resolved_year = placing.year_of(month, day)
    try:
        day_date = date(resolved_year, month, day)
    except ValueError:
        return None
    return _iso(day_date, day_date), "year", "day"


def _month_of(month: int, year: str | None, rel_year: str | None, placing: _Placing, part: str | None) -> Resolution:
    published = placing.published
    granularity = "part_of_month" if part else "month"
    if year:
        return _iso(*_month_range(int(year), month, part)), None, granularity
    if rel_year:
        if published is None:
            return None, "publication", granularity
        year_number = published.year + _year_offset(rel_year)
        return _iso(*_month_range(year_number, month, part)), "publication", granularity
    if published is None:
        return None, "year", granularity
    return _iso(*_month_range(placing.year_of(month), month, part)), "year", granularity


def _year_offset(phrase: str) -> int:
    words = phrase.lower().split()
    return {"last": -1, "this": 0, "next": 1}[words[-2]]


def _part_name(part: str) -> str:
    word = part.lower().split()[-2] if " of" in part.lower() else part.lower()
    return {
        "start": "start",
        "beginning": "start",
        "early": "start",
        "middle": "middle",
        "mid": "middle",
        "end": "end",
        "late": "end",
    }[word]


def _resolve_part(g: dict[str, str | None], placing: _Placing) -> Resolution:
    part = _part_name(g["part"] or "")
    published = placing.published
    if g["pmonth"]:
        return _month_of(_month(g["pmonth"]), g["pyear"], g["prel_year"], placing, part)
    if g["pyear_only"]:
        first, last = _year_part(int(g["pyear_only"]), part)
        return _iso(first, last), None, "part_of_year"
    shift, unit = (g["pshift"] or "").lower(), (g["punit"] or "").lower()
    if published is None:
        return None, "publication", f"part_of_{unit}"
    whole = _shifted_range(shift, unit, published)
    if whole is None:
        return None
    first, last = whole
    if unit == "month":
        first, last = _month_range(first.year, first.month, part)
    elif unit == "year":
        first, last = _year_part(first.year, part)
    elif unit == "week":
        offsets = {"start": (0, 2), "middle": (1, 4), "end": (3, 6)}[part]
        first, last = first + timedelta(offsets[0]), first + timedelta(offsets[1])
    return _iso(first, last), "publication", f"part_of_{unit}"


def _year_part(year: int, part: str) -> tuple[date, date]:
    months = {"start": (1, 4), "middle": (5, 8), "end": (9, 12)}[part]
    return date(year, months[0], 1), date(year, months[1], calendar.monthrange(year, months[1])[1])


def _shifted_range(shift: str, unit: str, published: date) -> tuple[date, date] | None:
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[shift]
    if unit == "day":
        return None  # "last day" is a phrase, not a date
    if unit == "week" or unit == "weekend":
        monday = published - timedelta(published.weekday()) + timedelta(7 * step)
        return (monday + timedelta(5), monday + timedelta(6)) if unit == "weekend" else (monday, monday + timedelta(6))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return _month_range(index // 12, index % 12 + 1)
    if unit == "year":
        return date(published.year + step, 1, 1), date(published.year + step, 12, 31)
    if unit == "decade":
        return None
    return None


def _shifted(shift: str, unit: str, published: date | None) -> Resolution:
    if unit in lexicon.WEEKDAYS:
        return _weekday(lexicon.WEEKDAYS[unit], shift, published)
    if unit in {"day", "decade"}:
        return None
    if published is None:
        return None, "publication", unit if unit != "weekend" else "day"
    whole = _shifted_range(shift, unit, published)
    return (_iso(*whole), "publication", "day" if unit == "weekend" else unit) if whole else None


def _shifted_month(shift: str, month: int, published: date | None) -> Resolution:
    """ "last June": the latest June before the publication month; "next June" the first after it."""
    if published is None:
        return None, "publication", "month"
    if shift in {"last", "past"}:
        year = published.year if month < published.month else published.year - 1
    elif shift == "next":
        year = published.year if month > published.month else published.year + 1
    else:
        year = published.year
    return _iso(*_month_range(year, month)), "publication", "month"


def _deictic(word: str, published: date | None) -> Resolution:
    if published is None:
        return None, "publication", "day"
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = published + timedelta(offset)
    return _iso(day, day), "publication", "day"


def _weekday(weekday: int, shift: str, published: date | None) -> Resolution:
    if published is None:
        return None, "publication", "day"
    back = (published.weekday() - weekday) % 7
    if shift in {"last", "past"} and back == 0:
        back = 7
    if shift == "next":
        day = published + timedelta((weekday - published.weekday()) % 7 or 7)
    elif shift == "on or after":  # "will appear on Friday"
        day = published + timedelta((weekday - published.weekday()) % 7)
    elif shift == "this":
        day = published + timedelta(weekday - published.weekday())
    else:
        day = published - timedelta(back)
    return _iso(day, day), "publication", "day"


def _ago(count: str, unit: str, published: date | None) -> Resolution:
    unit = unit.lower().rstrip("s")
    word = " ".join(count.lower().split())
    if word in {"a few", "several"}:
        return None  # too vague to place
    n = int(word) if word.isdigit() else _SMALL_COUNTS.get(word)
    if n is None:
        return None
    if published is None:
        return None, "publication", unit
    if unit == "day":
        day = published - timedelta(n)
        return _iso(day, day), "publication", "day"
    if unit == "week":
        middle = published - timedelta(7 * n)
        return _iso(middle - timedelta(3), middle + timedelta(3)), "publication", "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 - n
        return _iso(*_month_range(index // 12, index % 12 + 1)), "publication", "month"
    return _year_interval(published.year - n), "publication", "year"
