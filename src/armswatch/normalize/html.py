"""HTML bodies to plain paragraphs.

Article bodies in feeds and mirrors are fragments: paragraphs, a lead in
<strong>, images with captions, share buttons, ad slots and related-link lists.
Block elements become paragraph breaks, inline ones stay inline; images, scripts
and widgets are dropped; elements whose class names say they are chrome (share,
ad slots, related articles) are dropped with their contents.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_DROP_TAGS = {
    "script", "style", "noscript", "iframe", "img", "picture", "video", "audio", "source", "svg", "form", "button",
    "input", "select", "textarea", "nav", "object", "embed", "canvas", "template", "head", "title", "meta", "link",
}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote",
    "section", "article", "header", "footer", "aside", "table", "tr", "address", "pre", "hr", "dl", "dt", "dd", "main",
    "center", "caption", "details", "summary",
}
_CELL_TAGS = {"td", "th"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|adslot|advert|ads?|banner|promo|selfpromo|newsletter|related|moreArticle"
    r"|recommend|comment|subscribe|breadcrumb|tags?|toolbar|paywall)(?:$|[\s_-])",
    re.I,
)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f]+")


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    classes = " ".join(filter(None, (el.get("class"), el.get("id"))))
    if classes and _CHROME.search(classes):
        return True
    return any(attr.startswith(("data-selfpromo", "data-root-share")) for attr in el.attrib)


def html_to_text(html: str) -> str:
    """Paragraphs of the visible article text, one per line."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    out: list[str] = []
    _walk(root, out)
    text = "".join(out)
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag:  # comments and processing instructions
        if el.tail:
            out.append(el.tail)
        return
    tag = tag.lower()
    if tag in _DROP_TAGS or _is_chrome(el):
        if tag in _BLOCK_TAGS or tag in _DROP_TAGS:
            out.append("\n")
        if el.tail:
            out.append(el.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        out.append("\n")
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.append("\n")
    elif tag in _CELL_TAGS:
        out.append(" ")
    if el.tail:
        out.append(el.tail)
