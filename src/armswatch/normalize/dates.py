"""Publication times as sources write them, to ISO 8601.

A time with a zone keeps that zone (epoch milliseconds are UTC); a date alone
stays a date ("2022-10-13"), because inventing midnight would claim a precision
the source does not give.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_EPOCH = re.compile(r"^\d{10,13}$")
_US_TIME = re.compile(
    r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AP]M)"
    r"(?:\s+(?P<tz>UTC|GMT))?$",
    re.I,
)
_DMY_TIME = re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:\s*-?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?$")
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$"
)
_ZH = re.compile(
    r"^(?P<y>\d{4})\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：时時](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?)?$"
)
_URL_DATE = (
    re.compile(r"/(?P<y>20\d{2}|19\d{2})/(?P<m>\d{2})(?P<d>\d{2})/"),
    re.compile(r"/(?P<y>20\d{2}|19\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:[/_-]|$)"),
    re.compile(r"/(?P<y>20\d{2}|19\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>20\d{2}|19\d{2})-(?P<m>\d{2})-(?P<d>\d{2})/"),
)


def _tz(value: str | None) -> timezone | None:
    if not value:
        return None
    if value.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _valid_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_published(raw: str | None) -> str | None:
    """ISO 8601 for the forms news sources use; None when the string is no recognisable time."""
    if raw is None:
        return None
    s = str(raw).strip()
    if not s:
        return None
    if _EPOCH.match(s):
        seconds = int(s) / 1000 if len(s) == 13 else int(s)
        return _iso(datetime.fromtimestamp(seconds, tz=UTC))
    if m := _US_TIME.match(s):
        hour = int(m["H"]) % 12 + (12 if m["ampm"].upper() == "PM" else 0)
        day = _valid_date(m["y"], m["m"], m["d"])
        if day is None:
            return None
        dt = datetime(day.year, day.month, day.day, hour, int(m["M"]), int(m["S"] or 0))
        return _iso(dt.replace(tzinfo=UTC) if m["tz"] else dt)
    for pattern in (_ISO, _ZH):
        if m := pattern.match(s):
            day = _valid_date(m["y"], m["m"], m["d"])
            if day is None:
                return None
            if m["H"] is None:
                return day.isoformat()
            dt = datetime(day.year, day.month, day.day, int(m["H"]), int(m["M"]), int(m["S"] or 0))
            tz = _tz(m.groupdict().get("tz"))
            return _iso(dt.replace(tzinfo=tz) if tz else dt)
    if m := _DMY_TIME.match(s):
        day = _valid_date(m["y"], m["m"], m["d"])
        if day is None:
            return None
        if m["H"] is None:
            return day.isoformat()
        return _iso(datetime(day.year, day.month, day.day, int(m["H"]), int(m["M"])))
    try:
        return _iso(parsedate_to_datetime(s))  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        return None


def date_from_url(url: str | None) -> str | None:
    """The date many news URLs carry (/2022/1013/, /20200702/, /2021/07/02/), as YYYY-MM-DD."""
    if not url:
        return None
    for pattern in _URL_DATE:
        if m := pattern.search(url):
            day = _valid_date(m["y"], m["m"], m["d"])
            if day is not None:
                return day.isoformat()
    return None
