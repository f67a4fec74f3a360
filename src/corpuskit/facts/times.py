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
* A month or day written without a year takes the publication year, or
  the year before when that would put it after publication (news reports
  the past); such phrases are ``relative``, and stay unresolved without a
  publication date.
* "on Monday" is the latest Monday on or before publication; "last Monday"
  strictly before it; "next Monday" strictly after.
* Durations ("for five weeks") are quantities, not times: the number
  extractor reports them.  "five weeks ago" is a time.
* "May" and "March" alone are too often a verb or a word to trust: alone
  they need a preposition before them ("in May").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from corpuskit.documents import published_date
from corpuskit.facts.model import TimeFact
from corpuskit.facts.text import Layout, content_keys
from corpuskit.text import lexicon

__all__ = ["extract_times", "parse_published", "TIME_PATTERN", "TRIGGER_WORDS"]

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


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or date-time string, or None."""
    day = published_date(published)  # the local day as written (corpuskit.documents)
    if day is None:
        return None
    # Phrases reach a few years either side of it; the calendar ends at years 1 and 9999.
    return day if 100 <= day.year <= 9900 else None


def extract_times(text: str, layout: Layout, published: date | None) -> list[TimeFact]:
    """Time phrases in ``text``, in order, resolved against ``published`` where they need it."""
    facts = []
    covered = 0
    for position, word in layout.triggers:
        if position < covered or not (word[0].isdigit() or word in TRIGGER_WORDS):
            continue
        match = _match_at(text, layout, position, word)
        if match is None:
            continue
        covered = match.end()
        resolution = _resolve(match, published)
        if resolution is not None:
            facts.append(_time_fact(text, layout, match.span(), resolution))
    return facts


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


def _trusted(match: re.Match[str], text: str) -> bool:
    """A bare year or an ambiguous month name needs a preposition before it; a day name
    followed by a capitalised word is part of a name ("Saturday Night Live", "Sunday Times")."""
    if match.group("weekday") and _CAPITALISED_AFTER.match(text, match.end()):
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


def _resolve(match: re.Match[str], published: date | None) -> Resolution:
    g = match.groupdict()
    if g["iso"]:
        return _absolute_day(*map(int, g["iso"].split("-")))
    if g["part"]:
        return _resolve_part(g, published)
    if g["dm_day"]:
        return _day_month(
            int(re.sub(r"\D", "", g["dm_day"])), _month(g["dm_month"]), g["dm_year"], g["dm_rel"], published
        )
    if g["md_month"]:
        return _day_month(
            int(re.sub(r"\D", "", g["md_day"])), _month(g["md_month"]), g["md_year"], g["md_rel"], published
        )
    if g["my_month"]:
        return _month_of(_month(g["my_month"]), g["my_year"], g["my_rel"], published, None)
    if g["month"]:
        return _month_of(_month(g["month"]), None, None, published, None)
    if g["year"]:
        return _year_interval(int(g["year"])), None, "year"
    if g["ago_n"]:
        return _ago(g["ago_n"], g["ago_unit"], published)
    if g["shift_month"]:
        return _shifted_month(g["shift"].lower(), _month(g["shift_month"]), published)
    if g["shift"]:
        return _shifted(g["shift"].lower(), g["unit"].lower(), published)
    if g["deictic"]:
        return _deictic(g["deictic"].lower(), published)
    if g["weekday"]:
        return _weekday(lexicon.WEEKDAYS[g["weekday"].lower()], "on", published)
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


def _year_without_future(month: int, published: date, day: int = 1) -> int:
    """The publication year, or the one before when the date would come after publication."""
    year = published.year
    return year - 1 if (month, day) > (published.month, published.day) else year


def _day_month(day: int, month: int, year: str | None, rel_year: str | None, published: date | None) -> Resolution:
    if year:
        return _absolute_day(int(year), month, day)
    if rel_year:
        if published is None:
            return None, "publication", "day"
        resolution = _absolute_day(published.year + _year_offset(rel_year), month, day)
        return (resolution[0], "publication", "day") if resolution else None
    if published is None:
        return None if day > calendar.monthrange(2024, month)[1] else (None, "year", "day")
    resolved_year = _year_without_future(month, published, day)
    try:
        day_date = date(resolved_year, month, day)
    except ValueError:
        return None
    return _iso(day_date, day_date), "year", "day"


def _month_of(
    month: int, year: str | None, rel_year: str | None, published: date | None, part: str | None
) -> Resolution:
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
    return _iso(*_month_range(_year_without_future(month, published), month, part)), "year", granularity


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


def _resolve_part(g: dict[str, str | None], published: date | None) -> Resolution:
    part = _part_name(g["part"] or "")
    if g["pmonth"]:
        return _month_of(_month(g["pmonth"]), g["pyear"], g["prel_year"], published, part)
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
