"""Hand-built documents for the export tests: one of each case the exports treat specially.

A pledge, a joint and a single-country exercise, a planned deployment, a meeting, a treaty withdrawal and a
pledged signature, a pledged disarmament, a denied strike, a transfer naming no recipient, quotes (one joint,
one unresolved), a range claim, a near-duplicate repost and an article with no spans: each PLOVER rule and
each table and network case is checked on an event known to need it.
"""

from __future__ import annotations

import hashlib

from armswatch.document import Document

RUSSIA, BELARUS, USA, UKRAINE, CHINA = (f"kb:state/{s}" for s in ("russia", "belarus", "united-states", "ukraine",
                                                                   "china"))
PUTIN, LUKASHENKO = "kb:person/vladimir-putin", "kb:person/alexander-lukashenko"
ISKANDER, PATRIOT = "kb:weapon/iskander", "new:weapon/patriot"
MINSK, NEW_START, NATO = "kb:place/minsk", "kb:treaty/new-start", "kb:org/nato"
NAMES = {RUSSIA: "俄罗斯", BELARUS: "白俄罗斯", USA: "美国", UKRAINE: "乌克兰", CHINA: "中国", PUTIN: "普京",
         LUKASHENKO: "卢卡申科", ISKANDER: "伊斯坎德尔", PATRIOT: "爱国者", MINSK: "明斯克",
         NEW_START: "新削减战略武器条约", NATO: "北约"}
TYPES = {RUSSIA: "STATE", BELARUS: "STATE", USA: "STATE", UKRAINE: "STATE", CHINA: "STATE", PUTIN: "PERSON",
         LUKASHENKO: "PERSON", ISKANDER: "WEAPON", PATRIOT: "WEAPON", MINSK: "PLACE", NEW_START: "TREATY", NATO: "ORG"}

# One sentence per case; the events below point into them.
SENTENCES = {
    "transfer": "俄罗斯向白俄罗斯交付了伊斯坎德尔导弹。",
    "pledge": "美国承诺向乌克兰提供爱国者。",
    "joint": "中国与白俄罗斯将举行联合演习。",
    "alone": "俄罗斯举行了演习。",
    "deploy": "俄罗斯计划在明斯克部署伊斯坎德尔。",
    "meeting": "普京与卢卡申科会谈。",
    "withdraw": "俄罗斯退出了新削减战略武器条约。",
    "sign": "美国承诺签署新削减战略武器条约。",
    "disarm": "白俄罗斯承诺销毁伊斯坎德尔。",
    "denied": "北约否认袭击了俄罗斯。",
    "unsent": "俄罗斯出售伊斯坎德尔。",
    "said": ("普京说：“我们不会让步。”卢卡申科和普京表示“合作继续”。"
             "有人称俄罗斯拥有约1000至1500枚战术核武器和1550枚弹头。"),
}
BODY = "".join(SENTENCES.values())
REPOST = SENTENCES["transfer"] + "这是转载。"


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def span(body: str, text: str, within: str | None = None) -> dict:
    offset = body.index(within) if within else 0
    start = body.index(text, offset)
    return {"start": start, "end": start + len(text), "text": text}


def entities(body: str) -> list[dict]:
    """Every entity of NAMES the body names, each with all its mentions."""
    found = []
    for entity_id, name in NAMES.items():
        starts = [i for i in range(len(body)) if body.startswith(name, i)]
        if starts:
            found.append({"id": entity_id, "type": TYPES[entity_id], "name": name, "name_en": None,
                          "roles": ["白俄罗斯总统"] if entity_id == LUKASHENKO else [],
                          "mentions": [{"start": s, "end": s + len(name), "text": name} for s in starts]})
    return found


def event(body: str, sentence: str, type: str, status: str = "completed", subtype: str | None = None,
          date: str | None = None, **roles: list[str]) -> dict:
    return {"type": type, "subtype": subtype, "status": status, "actor": [], "recipient": [], "weapon": [],
            "treaty": [], "location": [], **roles, "date": date,
            "evidence": span(body, SENTENCES[sentence].rstrip("。"))}


def hand_documents() -> list[Document]:
    said = SENTENCES["said"]
    main = Document(
        source_path="hand.md", text=BODY, doc_id=doc_id(BODY), title="手写的测试文章",
        published="2024-03-01T08:00:00+00:00", outlet="RFI 法广", url="https://example.org/a", lang="zh-Hans",
        entities=entities(BODY),
        events=[
            event(BODY, "transfer", "TRANSFER", date="2023-06", actor=[RUSSIA], recipient=[BELARUS], weapon=[ISKANDER]),
            event(BODY, "pledge", "TRANSFER", "pledged", actor=[USA], recipient=[UKRAINE], weapon=[PATRIOT]),
            event(BODY, "joint", "EXERCISE", "planned", actor=[CHINA, BELARUS]),
            event(BODY, "alone", "EXERCISE", actor=[RUSSIA]),
            event(BODY, "deploy", "DEPLOY", "planned", actor=[RUSSIA], weapon=[ISKANDER], location=[MINSK]),
            event(BODY, "meeting", "MEETING", actor=[PUTIN], recipient=[LUKASHENKO]),
            event(BODY, "withdraw", "TREATY_ACTION", subtype="withdraw", date="2023-02-21", actor=[RUSSIA],
                  treaty=[NEW_START]),
            event(BODY, "sign", "TREATY_ACTION", "pledged", subtype="sign", actor=[USA], treaty=[NEW_START]),
            event(BODY, "disarm", "DISARM", "pledged", actor=[BELARUS], weapon=[ISKANDER]),
            event(BODY, "denied", "STRIKE", "denied", actor=[NATO], recipient=[RUSSIA]),
            event(BODY, "unsent", "TRANSFER", "planned", actor=[RUSSIA], weapon=[ISKANDER]),
        ],
        quotes=[
            {"speaker": PUTIN, "speaker_name": "普京", **span(BODY, "我们不会让步", said), "direct": True,
             "cited_source": None, "cited_date": None},
            {"speaker": LUKASHENKO, "speakers": [LUKASHENKO, PUTIN], "speaker_name": "卢卡申科和普京",
             **span(BODY, "合作继续", said), "direct": True, "cited_source": "俄新社", "cited_date": "2024-02-28"},
            {"speaker": None, "speaker_name": "有人", **span(BODY, "俄罗斯拥有约1000至1500枚战术核武器", said),
             "direct": False, "cited_source": None, "cited_date": None},
        ],
        claims=[
            {"value": 1000, "value_max": 1500, "unit": "warheads", "about": [RUSSIA],
             **span(BODY, "约1000至1500枚战术核武器", said)},
            {"value": 1550, "value_max": None, "unit": "warheads", "about": [RUSSIA], **span(BODY, "1550枚弹头", said)},
        ])
    repost = Document(
        source_path="repost.md", text=REPOST, doc_id=doc_id(REPOST), title="转载", published="2024-03-02",
        outlet="GNews", lang="zh-Hans", duplicate_of=main.doc_id, entities=entities(REPOST),
        events=[event(REPOST, "transfer", "TRANSFER", date="2023-07", actor=[RUSSIA], recipient=[BELARUS],
                      weapon=[ISKANDER])])
    bare = "没有任何实体的短文。"
    empty = Document(source_path="empty.txt", text=bare, doc_id=doc_id(bare), lang="zh-Hans")
    return [main, repost, empty]
