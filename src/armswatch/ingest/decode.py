"""Bytes to text for Chinese news in whatever encoding it was saved in.

The order of evidence, strongest first:

1. A byte-order mark. Nothing else produces one by accident.
2. Strict UTF-8. Chinese text in GB18030 or Big5 is never valid UTF-8 beyond a few
   characters, so valid UTF-8 is UTF-8 even when a declaration says otherwise:
   mirrors and scrapers re-encode pages to UTF-8 and keep the original
   `<meta charset=gb2312>`. It is also by far the commonest case, so it is the
   fast path: one `bytes.decode`.
3. A declaration (transport header, XML declaration, HTML meta), decoded
   strictly. A declaration that does not fit the bytes is ignored, not obeyed.
   Single-byte declarations (ISO-8859-1, HTTP's old default, and its kin) fit any
   bytes, so they only win when the bytes do not read as Chinese.
4. Detection between GB18030 and Big5. Both accept most byte pairs, so both
   often "succeed"; the wrong one produces rare characters, which is how the
   right one is told apart (see `plausibility`).

Line endings become "\\n" (gnews mirrors use CRLF; old Mac-style files use CR);
nothing else in the text is changed, since readers and offsets depend on it.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from armswatch.errors import InputError
from armswatch.ingest.source import RawArticle
from armswatch.normalize.script import fold

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 LE starts with the UTF-16 LE BOM, so it is checked first.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Names seen in the wild, to the codecs that decode what those producers write.
# GB2312 and GBK are subsets of GB18030, and pages labelled gb2312 routinely use
# GBK characters, so all three decode as GB18030. Big5 is read as cp950 first: it
# is what Taiwanese (Windows) producers write, a superset of Python's big5, and it
# maps A145/A1E3 to the ‧ and ～ that the corpus uses (Python's big5 and big5hkscs
# give • and ∼). Big5-HKSCS comes second, for Hong Kong characters cp950 lacks;
# the two disagree on C6A1-C8FE (kana and Cyrillic in cp950, circled numbers in
# HKSCS), so a Big5-HKSCS label puts it first.
_BIG5 = ("cp950", "big5hkscs")
_ALIASES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "gb-2312",
         "chinese", "csgbk", "iso-ir-58", "gb-18030", "gb2312-80"),
        ("gb18030",),
    ),
    **dict.fromkeys(("big5", "big-5", "csbig5", "x-x-big5", "cn-big5", "cp950", "ms950", "windows-950"), _BIG5),
    **dict.fromkeys(("big5-hkscs", "big5hkscs", "hkscs", "big5-hkscs-2004", "big5-hkscs-2008"), ("big5hkscs", "cp950")),
    **dict.fromkeys(("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"), ("utf-8",)),
}
_DETECT = (("GB18030", ("gb18030",)), ("Big5", _BIG5))

# Codecs whose bytes are all ASCII: such a file is valid UTF-8 too, so only its
# declaration can tell that `~{` or ESC sequences are Chinese.
_SEVEN_BIT = frozenset({"hz", "utf-7", "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
                        "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr"})

_DECL_WINDOW = 2048
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)

# Enough text to tell a right decoding from a wrong one; scoring more only costs time.
_SCORE_CHARS = 5_000
# Below this, a GB18030 or Big5 decoding is not Chinese news (right decodings score 0.99).
_PLAUSIBLE = 0.5
_TRUNCATED = "truncated: the file ends in the middle of a UTF-8 character"


def decode(raw: RawArticle) -> str:
    """The text of `raw`, with "\\n" line endings, or an InputError naming the encodings tried."""
    data = raw.data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_other(raw, exc)
    else:
        if text.startswith("\ufeff"):
            text = text[1:]
        elif data.isascii():
            text = _seven_bit(raw, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode_other(raw: RawArticle, utf8_error: UnicodeDecodeError) -> str:
    data = raw.data
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_bom(raw, data[len(bom):], codec, label)
    truncated = utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data)
    if truncated and not data[: utf8_error.start].isascii():
        # Valid UTF-8 Chinese up to a cut: the file is UTF-8 and incomplete. Decoding it
        # as GB18030 would "work" and produce a page of rare characters instead.
        raise InputError(raw.source_path, _TRUNCATED)

    tried: list[str] = ["UTF-8"]
    rejected_declarations: list[str] = []
    single_byte: list[tuple[str, str]] = []
    for label, where in declarations(raw):
        codecs_for = _codecs_for(label)
        if not codecs_for:
            rejected_declarations.append(f"{where} {label!r} is not an encoding Python knows")
            continue
        if _is_single_byte(codecs_for[0]):
            # Latin-1 and its kin accept any bytes, so "decodes strictly" proves nothing; and
            # ISO-8859-1 is HTTP's old default, often sent for pages that are GBK or Big5.
            single_byte.append((codecs_for[0], f"{where} {label!r}"))
            continue
        for codec in codecs_for:
            if codec.startswith(("utf-16", "utf-32")):
                # Without a BOM (checked above) such a declaration was readable as ASCII, so it is wrong.
                continue
            try:
                return data.decode(codec)
            except UnicodeError:
                continue
        rejected_declarations.append(f"{where} {label!r} does not fit the bytes")

    decoded: list[tuple[str, str]] = []
    for name, candidates in _DETECT:
        tried.append(name)
        for codec in candidates:
            try:
                decoded.append((name, data.decode(codec)))
                break
            except UnicodeDecodeError:
                continue
    best = None
    if len(decoded) == 1 and not single_byte:
        return decoded[0][1]
    if decoded:
        # Ties (no Han characters at all, in short inputs) go to the decoding with fewer
        # private-use codes, which real text does not contain, then to GB18030.
        score, _, _, best = max((plausibility(text), -_private_use(text), -i, text)
                                for i, (_, text) in enumerate(decoded))
        if not single_byte or score >= _PLAUSIBLE:
            return best
    for codec, declared in single_byte:
        try:
            return data.decode(codec)
        except UnicodeError:
            rejected_declarations.append(f"{declared} does not fit the bytes")
    if best is not None:
        return best
    if truncated:
        raise InputError(raw.source_path, _TRUNCATED)
    reason = f"cannot decode: not valid {', '.join(tried[:-1])} or {tried[-1]}"
    if rejected_declarations:
        reason += " (" + "; ".join(rejected_declarations) + ")"
    raise InputError(raw.source_path, reason)


@lru_cache(maxsize=64)
def _is_single_byte(codec: str) -> bool:
    """True for codecs that map every byte to one character (Latin-1, Windows-1252, KOI8-R...)."""
    try:
        return len(bytes(range(256)).decode(codec, errors="replace")) == 256
    except UnicodeError:
        return False


def _decode_bom(raw: RawArticle, body: bytes, codec: str, label: str) -> str:
    """The BOM decides the encoding; bytes that do not fit it are a broken file, not another encoding."""
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.reason in ("unexpected end of data", "truncated data") and exc.end >= len(body) - 3:
            reason = f"truncated: the file ends in the middle of a {label} character"
        else:
            offset = exc.start + len(raw.data) - len(body)
            reason = f"cannot decode: it starts with a {label} byte-order mark but is not {label} (byte {offset})"
        raise InputError(raw.source_path, reason) from None


def _seven_bit(raw: RawArticle, text: str) -> str:
    """An ASCII file declared as HZ or ISO-2022 is Chinese (or Japanese, Korean) in disguise."""
    for label, _where in declarations(raw):
        for codec in _codecs_for(label):
            if codecs.lookup(codec).name in _SEVEN_BIT:
                try:
                    return raw.data.decode(codec)
                except UnicodeError:
                    continue
    return text


def declarations(raw: RawArticle) -> list[tuple[str, str]]:
    """Charset labels the input declares, as (label, where it was declared), the transport's first.

    Only the first 2 KiB are searched: declarations belong in the head, and a
    `charset=` deeper in is likely quoted HTML inside an article body.
    """
    found: list[tuple[str, str]] = []
    if raw.declared_charset:
        found.append((raw.declared_charset.strip(), "declared charset"))
    head = raw.data[:_DECL_WINDOW]
    match = _XML_DECL.match(head)
    if match:
        found.append((match.group(1).decode("ascii"), "XML declaration"))
    match = _META_CHARSET.search(head)
    if match:
        found.append((match.group(1).decode("ascii"), "HTML meta charset"))
    return found


def _codecs_for(label: str) -> tuple[str, ...]:
    """Codecs to try for a declared label, () when Python knows no such text encoding."""
    key = label.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        name = codecs.lookup(key).name
        b"a".decode(name, errors="replace")  # LookupError for bytes-to-bytes codecs such as base64
    except LookupError:
        return ()
    except UnicodeError:
        pass  # a text codec that just dislikes this byte
    return (name,)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most common Simplified characters (first byte 0xB0-0xD7)."""
    pairs = (bytes((hi, lo)) for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF))
    chars = set()
    for pair in pairs:
        try:
            chars.add(pair.decode("gb2312"))
        except UnicodeDecodeError:
            continue  # the last row stops at 0xD7F9
    return frozenset(chars)


# Han characters (the unified block, extension A, compatibility ideographs, the
# supplementary planes) and private-use codes, which only wrong decodings produce.
_HAN_OR_PRIVATE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\ue000-\uf8ff]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _private_use(text: str) -> int:
    return len(_PRIVATE.findall(text, 0, _SCORE_CHARS))


def plausibility(text: str) -> float:
    """Share of the Han (and private-use) characters of `text` that are common ones, 0.0-1.0.

    Real news uses the common characters almost all the time, in either script
    once folded to Simplified; a wrong legacy decoding spreads over the whole code
    table, most of it rare characters and private-use codes. On the seed and dev
    articles re-encoded both ways, the right decoding scored 0.99 or more and the
    wrong one 0.35 or less; the higher score wins.
    """
    chars = fold("".join(_HAN_OR_PRIVATE.findall(text, 0, _SCORE_CHARS)))
    if not chars:
        return 0.0
    return sum(map(_common_chars().__contains__, chars)) / len(chars)
