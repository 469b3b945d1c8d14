"""The shape of a roundup article (seed 004): speaker headers, section titles and closing credits.

A roundup lists statements under headers "Name (English), role:" and closes each paragraph
with the outlet and date it comes from: "(贝尔弗中心,2026年02月04日)". The quotes stage
reads every paragraph under a header as that speaker's and credits it to that outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armswatch.extract.speakers import Mentions, Speaker

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{4})-(\d{2})(?:-(\d{2}))?")
_EDGE = " \t\u3000,:;。!?、"
_ENTRY_JOINERS = frozenset(";与和、")


@dataclass(frozen=True)
class Citation:
    source: str | None  # the outlet as written (贝尔弗中心, TASS.ru、路透社)
    date: str | None  # YYYY-MM-DD or YYYY-MM
    start: int  # where the parenthesis opens: the paragraph's statement ends before it


def header_speakers(folded: str, mentions: Mentions, start: int, end: int) -> list[Speaker] | None:
    """The speakers of a header line ("Name (English), role:" or several joined by ";"), if it is one."""
    line = folded[start:end].rstrip()
    if not line.endswith(":") or len(line) > 300 or any(ch in line for ch in "。!?"):
        return None
    named = [m for m in mentions.between(start, end) if m.type in ("PERSON", "ORG")]
    if not named or named[0].start - start > 1:  # the name opens the line (after a 《 at most)
        return None
    speakers = []
    for m in named:
        # The first name, and each name that starts a new entry (after ";" or 与): not the organisation
        # in a role (昆西研究所(Quincy Institute)高级研究员), which also has its English name in brackets.
        opens_entry = m is named[0] or folded[start : m.start].rstrip()[-1:] in _ENTRY_JOINERS
        if opens_entry and folded[m.end : m.end + 1] in ("(", ",", "》"):
            speakers.append(Speaker(m.id, m.text, m.type, m.start, m.end, "named"))
    return speakers or None


def is_heading(folded: str, start: int, end: int) -> bool:
    """A short line with no punctuation (美国观点, 欧洲观点): a section title, which ends a speaker's part."""
    line = folded[start:end].strip()
    return len(line) <= 12 and not re.search(r"[,:;。!?()“”「」]", line)


def trailing_citation(text: str, folded: str, mentions: Mentions, start: int, end: int) -> Citation | None:
    """The "(outlet, 2026年02月04日)" closing a paragraph, if there is one."""
    b = end
    while b > start and folded[b - 1] in _EDGE:
        b -= 1
    if b <= start or folded[b - 1] != ")":
        return None
    open_at = folded.rfind("(", start, b)
    if open_at < 0:
        return None
    date = _DATE.search(folded, open_at + 1, b - 1)
    if date is None:
        return None
    year, month, day = date.group(1, 2, 3) if date.group(1) else date.group(4, 5, 6)
    cited_date = f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    raw = text[open_at + 1 : date.start()].strip().rstrip(",，、于於 ")
    # "RM工作人员于2026年02月03日通过电子邮件独家采访": the organisation named first, not its staff.
    orgs = [m for m in mentions.between(open_at + 1, date.start()) if m.type == "ORG"]
    if orgs and orgs[0].start == open_at + 1 and not re.search(r"[、,，]", raw):
        raw = orgs[0].text
    return Citation(raw.strip("《》 ") or None, cited_date, open_at)
