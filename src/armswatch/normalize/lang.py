"""Which language and script an article is in: zh-Hans, zh-Hant, en or other."""

from __future__ import annotations

import re

from armswatch.normalize.script import simplified_chars, traditional_chars

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_SAMPLE = 1500


def detect_lang(text: str) -> str:
    """Decided on a sample: Han characters that only exist in one script say which script it is."""
    sample = text[:_SAMPLE]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    other = len(_KANA_HANGUL.findall(sample))
    if han == 0 or other > han:
        return "en" if latin > 20 and latin >= 0.5 * len(sample.replace(" ", "")) and other == 0 else "other"
    if latin > 4 * han:
        return "en"
    trad = traditional_chars(sample)
    simp = simplified_chars(sample)
    return "zh-Hant" if trad > simp else "zh-Hans"
