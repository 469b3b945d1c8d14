"""Where names may be in a text: candidate spans from each recognizer, before overlaps are settled.

Each finder reads the folded text (`Document.norm_text`: simplified script, half-width,
lower case, the same length as the text), so one offset means the same character in
both. Finders never decide between each other; `resolve.py` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from armswatch.extract.gazetteer import Gazetteer
from armswatch.extract.lac import Word
from armswatch.kb.entities import KnowledgeBase
from armswatch.kb.loader import alias_key
from armswatch.kb.patterns import ClassGrammar, Designations, NameRules, alternation
from armswatch.normalize.script import fold

# LAC's name tags and the types they become.
LAC_TYPES = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
# When one name fits entries of several types, the one an arms-control article most likely means.
TYPE_PREFERENCE = ("WEAPON", "TREATY", "STATE", "ORG", "PERSON", "PLACE", "WEAPON_CLASS")
_DOTS = "·・•‧"
# The middle dots of transliterated names, and a Chinese character: shared by the entity modules.
MIDDLE_DOT = re.compile(f"[{_DOTS}]")
CJK = re.compile(r"[\u3400-\u9fff]")
# What a name found by LAC may be written with: Chinese characters, Latin letters, digits and middle dots.
_NAME_TEXT = re.compile(r"[\u3400-\u9fff0-9a-z·・•‧]*[\u3400-\u9fff][\u3400-\u9fff0-9a-z·・•‧]*")


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    # kb (a knowledge-base name), context (a context alias), class, designation, dotted (a transliterated
    # name with middle dots), stem (a one-character state form in a compound), lac.
    source: str
    ids: tuple[str, ...] = ()  # the knowledge-base entries it may name
    # Offsets of the part that is a name by itself (the code in M240B通用机枪), when not the whole span.
    core: tuple[int, int] | None = None
    # The folded name it is linked by, when not its own text (导弹系统 is the class 导弹).
    key: str | None = None
    # A LAC name that ends the way organisation or place names end (…大学, …研究所, …广场).
    suffixed: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end


def kb_candidates(gazetteer: Gazetteer, text: str, folded: str) -> list[Candidate]:
    kb = gazetteer.kb
    out = []
    for m in gazetteer.find_all(text, folded):
        types = {kb.entries[i].type for i in m.ids}
        type_ = min(types, key=TYPE_PREFERENCE.index)
        ids = tuple(i for i in m.ids if kb.entries[i].type == type_)
        out.append(Candidate(m.start, m.end, type_, "context" if m.context else "kb", ids))
    return out


class ClassFinder:
    """Weapon-class names built of parts (战术 + 核 + 导弹): a run of terms that ends in a head."""

    def __init__(self, grammar: ClassGrammar, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.modifiers, self.suffixes, self.same_class = grammar.modifiers, grammar.suffixes, grammar.same_class
        classes = {alias_key(n) for e in kb.of_type("WEAPON_CLASS") for n in e.names if CJK.search(n)}
        self.heads = grammar.heads | classes
        self.terms = self.modifiers | self.heads | self.suffixes | self.same_class
        self.longest = max(map(len, self.terms))
        self.first_chars = {t[0] for t in self.terms}

    def find(self, folded: str, word_starts: set[int] | None) -> list[Candidate]:
        out = []
        i, n = 0, len(folded)
        while i < n:
            if folded[i] not in self.first_chars:
                i += 1
                continue
            tokens = self._tokens(folded, i)
            count = self._name_length(tokens)
            # A one-character first part (核) must begin a word: 审核导弹 is not 核导弹.
            if count and (len(tokens[0]) > 1 or word_starts is None or i in word_starts):
                stop = i + sum(map(len, tokens[:count]))
                key = folded[i:stop]
                if count >= 2 and tokens[count - 1] in self.same_class and tokens[count - 2] in self.heads:
                    key = key[:-len(tokens[count - 1])]  # 导弹系统 is the class 导弹
                ids = tuple(x for x in self.kb.by_alias.get(key, ()) if self.kb.entries[x].type == "WEAPON_CLASS")
                out.append(Candidate(i, stop, "WEAPON_CLASS", "class", ids, key=key))
                i = stop
            else:
                i += 1
        return out

    def _tokens(self, folded: str, i: int) -> list[str]:
        """The terms from i on, each the longest that fits."""
        tokens: list[str] = []
        n = len(folded)
        while i < n:
            token = next((folded[i:i + k] for k in range(min(self.longest, n - i), 0, -1)
                          if folded[i:i + k] in self.terms), None)
            if token is None:
                break
            tokens.append(token)
            i += len(token)
        return tokens

    def _name_length(self, tokens: list[str]) -> int:
        """How many tokens make a class name: up to the last head (or suffix after one), if two or more."""
        best = 0
        seen_head = False
        for k, token in enumerate(tokens, 1):
            if token in self.heads:
                seen_head = True
                best = k
            elif (token in self.suffixes or token in self.same_class) and seen_head:
                best = k
            elif token not in self.modifiers:
                break
        return best if best >= 2 else 0


class DesignationFinder:
    """Designations that name weapons: 东风-41, 苏-25, F-16, 9M729, M240B通用机枪."""

    def __init__(self, rules: Designations) -> None:
        self.rules = rules
        series = alternation(rules.series)
        self.series = re.compile(rf"(?:{series})(-?)(\d{{1,4}})[a-z]{{0,2}}(?![0-9a-z])")
        self.latin = [(re.compile(rf"(?<![0-9a-z]){p.pattern}(?![0-9a-z])", re.IGNORECASE), p) for p in rules.latin]
        words = alternation(rules.weapon_words)
        self.coded = re.compile(rf"(?<![0-9a-z])({rules.latin_before_class.pattern})(?![0-9a-z])"
                                rf"[\u3400-\u9fff]{{0,10}}?(?:{words})", re.IGNORECASE)

    def find(self, text: str, folded: str) -> list[Candidate]:
        out = []
        for m in self.series.finditer(folded):
            name_len = m.start(1) - m.start()
            if not m.group(1) and (name_len < 2 or len(m.group(2)) < 2):
                continue  # 苏25 or 东风5 without a hyphen: too often not a designation
            out.append(Candidate(m.start(), m.end(), "WEAPON", "designation"))
        for loose, exact in self.latin:
            for m in loose.finditer(folded):
                if _exact_latin(text, m.start(), m.end(), exact) and alias_key(m.group()) not in self.rules.not_weapons:
                    out.append(Candidate(m.start(), m.end(), "WEAPON", "designation"))
        for m in self.coded.finditer(folded):
            if _exact_latin(text, m.start(1), m.end(1), self.rules.latin_before_class):
                out.append(Candidate(m.start(), m.end(), "WEAPON", "designation", core=(m.start(1), m.end(1))))
        return out


def _exact_latin(text: str, start: int, end: int, pattern: re.Pattern) -> bool:
    """The case-sensitive pattern fits what the article wrote (F-16, not f-16 in a URL or a word)."""
    return pattern.fullmatch(unicodedata.normalize("NFKC", text[start:end])) is not None


class DottedNameFinder:
    """Transliterated names written with middle dots: 帕维尔·波德维格, 爱德华·J·马基."""

    def __init__(self, rules: NameRules, kb: KnowledgeBase) -> None:
        # The characters of the dotted names the knowledge base holds count as transliteration characters too.
        known = {ch for e in kb.of_type("PERSON") for n in e.names if MIDDLE_DOT.search(n)
                 for ch in fold(n) if CJK.match(ch)}
        chars = "".join(sorted(rules.transliteration | known))
        part = rf"(?:[{re.escape(chars)}]{{1,8}}|[a-z]\.?)"
        self.pattern = re.compile(rf"{part}(?:\s?[{_DOTS}]\s?{part})+")

    def find(self, folded: str) -> list[Candidate]:
        return [Candidate(m.start(), m.end(), "PERSON", "dotted") for m in self.pattern.finditer(folded)
                if CJK.search(m.group()) and not m.group()[-1].isascii()]


def stem_candidates(folded: str, stems: dict[str, str], words: list[Word] | None) -> list[Candidate]:
    """One-character state forms in compounds (美俄, 中美俄, 俄乌): each is a mention of its state."""
    if not stems:
        return []
    by_start = {w.start: w for w in words} if words is not None else None
    out = []
    for m in re.finditer(f"[{re.escape(''.join(stems))}]{{2,5}}", folded):
        if by_start is not None:
            word = by_start.get(m.start())
            # The compound must start a word, not be the start of a longer name LAC found (中美洲), and no
            # other word may begin inside it and run past it (俄加强: 俄 + 加强, not Russia and Canada).
            if word is None or (word.tag in ("PER", "LOC") and word.end > m.end()):
                continue
            if any(w.end > m.end() for i in range(m.start() + 1, m.end()) if (w := by_start.get(i))):
                continue
        out.extend(Candidate(i, i + 1, "STATE", "stem", (stems[folded[i]],)) for i in range(m.start(), m.end()))
    return out


def lac_candidates(folded: str, words: Iterable[Word], rules: NameRules) -> list[Candidate]:
    out = []
    long_org_suffixes = [x for x in rules.org_suffixes if len(x) > 1]
    for w in words:
        type_ = LAC_TYPES.get(w.tag)
        if type_ is None or w.end - w.start < 2:
            continue
        surface = folded[w.start:w.end]
        if not _NAME_TEXT.fullmatch(surface) or alias_key(surface) in rules.not_names:
            continue  # Latin words come in parentheses after the Chinese name; see link.py
        if type_ == "PLACE" and surface.endswith("国"):
            continue  # every state is in the knowledge base: an unknown …国 is a generic word (盟国, 多国)
        end = w.end
        follow = next((x for x in long_org_suffixes if folded.startswith(x, end)), None)
        if follow and type_ != "PERSON":  # 汉堡 + 大学, 乌克兰政治 + 研究所: LAC cut the name short
            end, type_ = end + len(follow), "ORG"
        name = folded[w.start:end]
        suffixed = (type_ == "ORG" and name.endswith(rules.org_suffixes)) or (
            type_ == "PLACE" and name.endswith(rules.place_suffixes))
        out.append(Candidate(w.start, end, type_, "lac", suffixed=suffixed))
    return _whole_names(out, folded)


_ENGLISH_AFTER = re.compile(r"\([A-Za-z][^()]{1,60}\)")


def _whole_names(found: list[Candidate], folded: str) -> list[Candidate]:
    """A person LAC cut one character short of the English name that follows it (施灿|得(Chad Sbragia)),
    and every other place LAC cut the same name the same way (施灿得称)."""
    whole: set[str] = set()
    for c in found:
        if c.type == "PERSON" and CJK.match(folded, c.end) and _ENGLISH_AFTER.match(folded, c.end + 1):
            whole.add(folded[c.start : c.end + 1])
    if not whole:
        return found
    return [Candidate(c.start, c.end + 1, c.type, c.source, suffixed=c.suffixed)
            if c.type == "PERSON" and folded[c.start : c.end + 1] in whole else c for c in found]


def state_stems(kb: KnowledgeBase) -> dict[str, str]:
    """Stem character → state id, for stems only one state uses."""
    owners: dict[str, list[str]] = {}
    for entry in kb.of_type("STATE"):
        for stem in entry.attrs.get("stems") or ():
            owners.setdefault(str(stem), []).append(entry.id)
    return {stem: ids[0] for stem, ids in owners.items() if len(ids) == 1}


# A source cited at the end of a paragraph: (贝尔弗中心,2026年02月04日), (TASS.ru、路透社,2026年02月02日).
_CITED = re.compile(r"[(（]([^()（）\n]{1,80})[,，]\s*\d{4}年\d{1,2}月(?:\d{1,2}日)?[)）]")
_CITED_SPLIT = re.compile(r"[、;；/]")
# A Chinese name standing alone (after punctuation, or quoted) with its English name in parentheses.
_NAMED_IN_ENGLISH = re.compile(r"(?:(?<=[,，;；、:：\s])|[“《「\"])([\u3400-\u9fff]{2,16})[”》」\"]?\s*"
                               r"[(（]([a-z][a-z0-9 .'’&\-]{2,80})[)）]")


def cited_sources(folded: str) -> list[Candidate]:
    """Outlets and bodies cited in a roundup's closing parenthesis: each is an ORG (GUIDELINES.md)."""
    out = []
    for m in _CITED.finditer(folded):
        pos = m.start(1)
        for part in _CITED_SPLIT.split(m.group(1)):
            lead = len(part) - len(part.lstrip(" 《"))
            name = part.strip(" 《》")
            start = pos + lead
            if name and "官网" not in name:
                out.append(Candidate(start, start + len(name), "ORG", "document"))
            pos += len(part) + 1
    return out


def orgs_named_in_english(folded: str, rules: NameRules) -> list[Candidate]:
    out = []
    for m in _NAMED_IN_ENGLISH.finditer(folded):
        words = set(re.findall(r"[a-z]+", m.group(2)))
        if words & rules.english_org_words or m.group(1).endswith(rules.org_suffixes):
            out.append(Candidate(m.start(1), m.end(1), "ORG", "document"))
    return out
