"""When a figure holds: a date the sentence gives ("on 3 October", "on Thursday"), else the article's."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, m in enumerate(
        [
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
        ],
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")
WEEKDAY = re.compile(r"\b(?i:on)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


# Every date pattern above has a capitalised month or weekday name: a sentence without one of these
# three-letter stems gives no date, and this one pattern (a set of first letters, scanned in C) says so
# faster than the three patterns would.
HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun")


def as_of(sentence: str, published: date | None) -> date | None:
    """The date a sentence gives for what it reports, resolved against the publication date."""
    if not HINT.search(sentence):
        return published
    for pattern in (DAY_MONTH, MONTH_DAY):
        m = pattern.search(sentence)
        if m:
            found = _calendar(m, published)
            if found:
                return found
    m = WEEKDAY.search(sentence)
    if m and published:
        # News reports the past: "on Thursday" is the latest Thursday on or before publication.
        back = (published.weekday() - WEEKDAYS[m.group("weekday").lower()]) % 7
        return published - timedelta(days=back)
    return published


def _calendar(m: re.Match[str], published: date | None) -> date | None:
    month = MONTHS[
        m.group("month").lower().rstrip(".")[:4]
        if m.group("month").lower().startswith("sept")
        else m.group("month").lower()[:3]
    ]
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not m.group("year") and published and found > published:
        # "on 3 October" in a November article is this year's; in a February article, last year's.
        found = found.replace(year=year - 1) if (month, day) != (2, 29) else found
    return found
