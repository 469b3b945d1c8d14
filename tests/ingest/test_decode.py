"""Decoding: every common encoding of Chinese news comes back as the exact original text, or a clear InputError."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from armswatch.errors import InputError
from armswatch.ingest.decode import decode
from armswatch.ingest.source import RawArticle, load

SEED_SIMPLIFIED = "000_f5b72a09c03ed9d9.txt"
SEED_TRADITIONAL = "001_e197d68363d17f64.txt"


def _seed(shared_dir: Path, name: str) -> str:
    return (shared_dir / "corpus" / "seeds" / name).read_bytes().decode("utf-8").replace("\r\n", "\n")


def _big5_part(text: str) -> str:
    """The paragraphs of `text` that Big5 can encode (a few characters, like 裏, are outside it)."""
    kept = []
    for line in text.split("\n"):
        try:
            line.encode("big5", errors="strict")
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return "\n".join(kept)


def _decode_file(tmp_path: Path, name: str, data: bytes) -> str:
    """Through a real file and `load`, as the CLI does."""
    path = tmp_path / name
    path.write_bytes(data)
    return decode(load(path))


def _rejected(tmp_path: Path, name: str, data: bytes) -> InputError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        decode(load(path))
    assert name in str(info.value)
    return info.value


# --- legacy encodings of the seeds ---------------------------------------------------------------------------------

def test_traditional_seed_in_big5(shared_dir: Path, tmp_path: Path):
    text = _big5_part(_seed(shared_dir, SEED_TRADITIONAL))
    assert len(text) > 1000, "most of the seed should be Big5-encodable"
    assert _decode_file(tmp_path, "big5.txt", text.encode("big5", errors="strict")) == text


def test_traditional_seed_in_gb18030(shared_dir: Path, tmp_path: Path):
    text = _seed(shared_dir, SEED_TRADITIONAL)
    assert _decode_file(tmp_path, "gb18030.txt", text.encode("gb18030", errors="strict")) == text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_simplified_seed_in_gb_encodings(shared_dir: Path, tmp_path: Path, encoding: str):
    text = _seed(shared_dir, SEED_SIMPLIFIED)
    assert _decode_file(tmp_path, f"{encoding}.txt", text.encode(encoding, errors="strict")) == text


def test_gbk_text_also_valid_as_big5_is_read_as_gbk(shared_dir: Path, tmp_path: Path):
    """Much GBK text is valid Big5 too, without a telltale private-use code; only plausibility can choose."""
    sentences = re.split(r"(?<=[。，])", _seed(shared_dir, SEED_SIMPLIFIED))
    text = "".join(s for s in sentences if _decodes(s.encode("gbk"), "big5hkscs"))
    data = text.encode("gbk")
    assert len(text) > 500 and _decodes(data, "big5hkscs"), "precondition: both decodings must succeed"
    assert _decode_file(tmp_path, "ambiguous.txt", data) == text


def test_big5_text_also_valid_as_gb18030_is_read_as_big5(shared_dir: Path, tmp_path: Path):
    """Big5 words without punctuation also decode as GB18030 with no private-use code; plausibility must choose."""
    words = re.findall(r"[\u4e00-\u9fff]{2,}", _big5_part(_seed(shared_dir, SEED_TRADITIONAL)))
    text = " ".join(w for w in words if _decodes(w.encode("big5"), "gb18030")
                    and not _private_use(w.encode("big5").decode("gb18030")))
    data = text.encode("big5")
    assert len(text) > 60 and not _private_use(data.decode("gb18030")), "precondition: both decodings plausible"
    assert _decode_file(tmp_path, "headlines.txt", data) == text


def _private_use(text: str) -> int:
    return sum("\ue000" <= ch <= "\uf8ff" for ch in text)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def test_seed_utf8_unchanged(shared_dir: Path):
    path = shared_dir / "corpus" / "seeds" / SEED_SIMPLIFIED
    assert decode(load(path)) == _seed(shared_dir, SEED_SIMPLIFIED)


# --- declarations -------------------------------------------------------------------------------------------------

def test_html_meta_charset_gbk(shared_dir: Path, tmp_path: Path):
    body = _seed(shared_dir, SEED_SIMPLIFIED)[:600]
    html = (f'<!DOCTYPE html>\n<html><head><meta charset="gbk"><title>新闻</title></head>\n'
            f"<body><p>{body}</p></body></html>\n")
    assert _decode_file(tmp_path, "page.html", html.encode("gbk")) == html


def test_xml_feed_declaring_big5(shared_dir: Path, tmp_path: Path):
    body = _big5_part(_seed(shared_dir, SEED_TRADITIONAL))[:600]
    xml = (f'<?xml version="1.0" encoding="big5"?>\n<rss version="2.0"><channel><title>國際新聞</title>'
           f"<item><title>美國領導的聯盟</title><description>{body}</description></item></channel></rss>\n")
    assert _decode_file(tmp_path, "feed.xml", xml.encode("big5")) == xml


@pytest.mark.parametrize(("declared", "expected"), [("gbk", "中文"), ("big5", "笢恅")])
def test_declaration_decides_bytes_valid_in_both(tmp_path: Path, declared: str, expected: str):
    """'中文' in GBK is also valid Big5 ('笢恅'): only the declaration can tell, and it is obeyed."""
    data = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'.encode() + "中文".encode("gbk")
    assert _decode_file(tmp_path, f"{declared}.html", data).endswith(expected)


def test_transport_charset_is_used(tmp_path: Path):
    data = "笢恅".encode("big5")  # == "中文" in GBK; the header says which
    assert decode(RawArticle("x.html", data, declared_charset="GB2312")) == "中文"
    assert decode(RawArticle("x.html", data, declared_charset="Big5")) == "笢恅"


def test_wrong_declaration_big5_on_utf8(shared_dir: Path, tmp_path: Path):
    html = '<html><head><meta charset="big5"></head><body>' + _seed(shared_dir, SEED_TRADITIONAL) + "</body></html>"
    assert _decode_file(tmp_path, "mislabelled.html", html.encode("utf-8")) == html


def test_wrong_declaration_utf8_on_gbk(shared_dir: Path, tmp_path: Path):
    xml = '<?xml version="1.0" encoding="utf-8"?>\n<item>' + _seed(shared_dir, SEED_SIMPLIFIED) + "</item>\n"
    assert _decode_file(tmp_path, "mislabelled.xml", xml.encode("gbk")) == xml


def test_latin1_header_on_gbk_is_not_obeyed(shared_dir: Path):
    """ISO-8859-1 was HTTP's default charset; servers still send it for GBK pages, and Latin-1 accepts any bytes."""
    text = _seed(shared_dir, SEED_SIMPLIFIED)
    assert decode(RawArticle("page.html", text.encode("gbk"), declared_charset="ISO-8859-1")) == text


def test_latin1_declaration_on_latin1_text_is_obeyed(tmp_path: Path):
    html = '<meta charset="iso-8859-1"><p>Le traité New START, signé à Prague, réduit les arsenaux.</p>\n'
    assert _decode_file(tmp_path, "fr.html", html.encode("latin-1")) == html


def test_undecodable_names_the_encodings_tried_and_the_declaration(tmp_path: Path):
    data = b'<meta charset="big5">\nCaf\xe9 au lait, cr\xe8me br\xfbl\xe9e.\n'
    exc = _rejected(tmp_path, "latin1.html", data)
    assert "cannot decode: not valid UTF-8, GB18030 or Big5" in exc.reason
    assert "HTML meta charset 'big5' does not fit the bytes" in exc.reason


# --- byte-order marks and line endings ---------------------------------------------------------------------------

def test_utf8_bom_is_stripped(tmp_path: Path):
    assert _decode_file(tmp_path, "bom.md", codecs.BOM_UTF8 + "标题\n正文\n".encode()) == "标题\n正文\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str):
    text = "美俄元首會晤，對控制核擴散達成共識。\nNew START\n"
    bom = b"" if encoding == "utf-16" else (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE)
    assert _decode_file(tmp_path, "u16.txt", bom + text.encode(encoding)) == text


def test_bom_wins_over_declaration(tmp_path: Path):
    data = codecs.BOM_UTF8 + '<?xml version="1.0" encoding="big5"?><a>導彈</a>'.encode()
    assert _decode_file(tmp_path, "bom.xml", data) == '<?xml version="1.0" encoding="big5"?><a>導彈</a>'


def test_line_endings_normalised(tmp_path: Path):
    data = "第一行\r\n第二行\r第三行\n\r\n".encode()
    assert _decode_file(tmp_path, "crlf.md", data) == "第一行\n第二行\n第三行\n\n"


def test_line_endings_normalised_in_gb18030(tmp_path: Path):
    text = "导弹防御系统试验成功。\r\n美国国防部表示，拦截弹击中目标。\r\n"
    assert _decode_file(tmp_path, "crlf-gb.txt", text.encode("gb18030")) == text.replace("\r\n", "\n")


# --- rejected ------------------------------------------------------------------------------------------------------

def test_truncated_utf8(shared_dir: Path, tmp_path: Path):
    data = _seed(shared_dir, SEED_SIMPLIFIED).rstrip().encode()
    assert data.endswith("。".encode())  # a 3-byte character to cut into
    exc = _rejected(tmp_path, "cut.txt", data[:-1])
    assert exc.reason == "truncated: the file ends in the middle of a UTF-8 character"


def test_truncated_utf8_short(tmp_path: Path):
    data = "美国宣布对台军售".encode()[:-2]
    exc = _rejected(tmp_path, "cut2.txt", data)
    assert "truncated" in exc.reason


def test_truncated_utf16(tmp_path: Path):
    exc = _rejected(tmp_path, "cut16.txt", "核武器".encode("utf-16")[:-1])
    assert exc.reason == "truncated: the file ends in the middle of a UTF-16 character"
