"""Cross-article views of events and claims: the timeline, transfers and numbers with their disagreements."""

from __future__ import annotations

import hashlib

import pytest

from armswatch.document import Document
from armswatch.store.base import EntityRef, EventHit
from armswatch.store.sqlite import SQLiteStore

LUKASHENKO = "kb:person/alexander-lukashenko"
PUTIN = "kb:person/vladimir-putin"
RUSSIA, BELARUS, USA, UKRAINE, NORTH_KOREA = (f"kb:state/{s}" for s in (
    "russia", "belarus", "united-states", "ukraine", "north-korea"))
NATO = "kb:org/nato"
MINSK, KHARKIV = "kb:place/minsk", "kb:place/kharkiv"
ISKANDER, PATRIOT, ABRAMS = "kb:weapon/iskander", "new:weapon/patriot", "new:weapon/abrams"
TNW, SNW, ICBM = ("kb:weapon_class/tactical-nuclear-weapon", "kb:weapon_class/strategic-nuclear-weapon",
                  "kb:weapon_class/icbm")

NAMES = {LUKASHENKO: "亚历山大·卢卡申科", PUTIN: "弗拉基米尔·普京", RUSSIA: "俄罗斯", BELARUS: "白俄罗斯", USA: "美国",
         UKRAINE: "乌克兰", NORTH_KOREA: "朝鲜", NATO: "北约", MINSK: "明斯克", KHARKIV: "哈尔科夫",
         ISKANDER: "伊斯坎德尔", PATRIOT: "爱国者", ABRAMS: "艾布拉姆斯", TNW: "战术核武器", SNW: "战略核武器",
         ICBM: "洲际弹道导弹"}
ENGLISH = {LUKASHENKO: "Alexander Lukashenko", RUSSIA: "Russia", ISKANDER: "Iskander"}

# RFI, simplified script: a transfer last year, a deployment this month, a number of its own.
MINSK_TEXT = ("卢卡申科周五说，俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹。首批战术核武器已于本月运抵白俄罗斯。"
              "俄罗斯在白俄罗斯部署的战术核武器约有2000枚。")
# VOA, traditional script: the same transfer, undated (so dated by the article); a number credited to FAS.
VIENNA_TEXT = ("據塔斯社報道，盧卡申科表示，俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位。"
               "盧卡申科本月警告北約。美國科學家聯合會估計俄羅斯擁有約1000至1500枚戰術核武器。")
# BBC: one transfer of two weapons last year, an undated strike, Putin's number and a range in km.
KYIV_TEXT = ("美国去年向乌克兰提供了爱国者防空系统和艾布拉姆斯坦克。俄罗斯用伊斯坎德尔导弹袭击了哈尔科夫。"
             "普京说俄罗斯拥有约2000枚战术核武器。爱国者的射程约160公里。")
# Reuters, English: a planned transfer next year, a meeting, a number about another class of weapons.
REUTERS_TEXT = ("Lukashenko met Putin in Minsk on Friday. Russia will hand Belarus more Iskander launchers next year. "
                "Russia has about 1,550 deployed strategic warheads.")
# No date and no outlet at all.
UNDATED_TEXT = "朝鲜试射了一枚洲际弹道导弹。"


def span(body: str, text: str) -> dict:
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def entity(entity_id: str, body: str, *forms: str) -> dict:
    return {"id": entity_id, "type": entity_id.split(":")[1].split("/")[0].upper(), "name": NAMES[entity_id],
            "name_en": ENGLISH.get(entity_id), "roles": [], "mentions": [span(body, form) for form in forms]}


def event(body: str, type: str, evidence: str, *, status: str = "completed", date: str | None = None,
          subtype: str | None = None, **roles: list[str]) -> dict:
    return {"type": type, "subtype": subtype, "status": status, "actor": [], "recipient": [], "weapon": [],
            "treaty": [], "location": [], **roles, "date": date, "evidence": span(body, evidence)}


def claim(body: str, text: str, value: float, unit: str, about: list[str], *, value_max: float | None = None,
          **more) -> dict:
    return {"value": value, "value_max": value_max, "unit": unit, "about": about, **span(body, text), **more}


def make_doc(text: str, **fields) -> Document:
    return Document(source_path="hand.md", text=text, doc_id=hashlib.sha256(text.encode()).hexdigest(), **fields)


@pytest.fixture
def docs(store: SQLiteStore) -> dict[str, Document]:
    minsk = make_doc(
        MINSK_TEXT, title="卢卡申科：核武器已运抵", published="2023-06-16T10:00:00+00:00", outlet="RFI 法广",
        lang="zh-Hans",
        entities=[entity(LUKASHENKO, MINSK_TEXT, "卢卡申科"), entity(RUSSIA, MINSK_TEXT, "俄罗斯"),
                  entity(BELARUS, MINSK_TEXT, "白俄罗斯"), entity(ISKANDER, MINSK_TEXT, "伊斯坎德尔"),
                  entity(TNW, MINSK_TEXT, "战术核武器")],
        events=[event(MINSK_TEXT, "TRANSFER", "俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹", date="2022",
                      actor=[RUSSIA], recipient=[BELARUS], weapon=[ISKANDER]),
                event(MINSK_TEXT, "DEPLOY", "首批战术核武器已于本月运抵白俄罗斯", date="2023-06",
                      actor=[RUSSIA], weapon=[TNW], location=[BELARUS])],
        claims=[claim(MINSK_TEXT, "部署的战术核武器约有2000枚", 2000, "warheads", [RUSSIA, TNW])])
    vienna = make_doc(
        VIENNA_TEXT, title="盧卡申科：伊斯坎德爾已到位", published="2023-07-02", outlet="美国之音", lang="zh-Hant",
        entities=[entity(LUKASHENKO, VIENNA_TEXT, "盧卡申科"), entity(RUSSIA, VIENNA_TEXT, "俄羅斯"),
                  entity(BELARUS, VIENNA_TEXT, "白俄羅斯"), entity(ISKANDER, VIENNA_TEXT, "伊斯坎德爾"),
                  entity(NATO, VIENNA_TEXT, "北約"), entity(TNW, VIENNA_TEXT, "戰術核武器")],
        events=[event(VIENNA_TEXT, "TRANSFER", "俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位",
                      actor=[RUSSIA], recipient=[BELARUS], weapon=[ISKANDER]),
                event(VIENNA_TEXT, "THREAT", "盧卡申科本月警告北約", date="2023-07", actor=[LUKASHENKO],
                      recipient=[NATO])],
        claims=[claim(VIENNA_TEXT, "約1000至1500枚戰術核武器", 1000, "warheads", [RUSSIA, TNW], value_max=1500,
                      speaker=None, speaker_name=None, cited_source="美國科學家聯合會")])
    kyiv = make_doc(
        KYIV_TEXT, title="俄乌战争一周", published="2024-01-20T12:51:00+00:00", outlet="BBC中文", lang="zh-Hans",
        entities=[entity(USA, KYIV_TEXT, "美国"), entity(UKRAINE, KYIV_TEXT, "乌克兰"),
                  entity(PATRIOT, KYIV_TEXT, "爱国者"), entity(ABRAMS, KYIV_TEXT, "艾布拉姆斯"),
                  entity(RUSSIA, KYIV_TEXT, "俄罗斯"), entity(ISKANDER, KYIV_TEXT, "伊斯坎德尔"),
                  entity(KHARKIV, KYIV_TEXT, "哈尔科夫"), entity(PUTIN, KYIV_TEXT, "普京"),
                  entity(TNW, KYIV_TEXT, "战术核武器")],
        events=[event(KYIV_TEXT, "TRANSFER", "美国去年向乌克兰提供了爱国者防空系统和艾布拉姆斯坦克", date="2023",
                      actor=[USA], recipient=[UKRAINE], weapon=[PATRIOT, ABRAMS]),
                event(KYIV_TEXT, "STRIKE", "俄罗斯用伊斯坎德尔导弹袭击了哈尔科夫", actor=[RUSSIA],
                      recipient=[UKRAINE], weapon=[ISKANDER], location=[KHARKIV])],
        claims=[claim(KYIV_TEXT, "俄罗斯拥有约2000枚战术核武器", 2000, "warheads", [RUSSIA, TNW], speaker=PUTIN,
                      speaker_name="普京", cited_source=None),
                claim(KYIV_TEXT, "射程约160公里", 160, "km", [PATRIOT])])
    reuters = make_doc(
        REUTERS_TEXT, title="Lukashenko meets Putin", published="2023-12-02", outlet="Reuters", lang="en",
        entities=[entity(LUKASHENKO, REUTERS_TEXT, "Lukashenko"), entity(PUTIN, REUTERS_TEXT, "Putin"),
                  entity(MINSK, REUTERS_TEXT, "Minsk"), entity(RUSSIA, REUTERS_TEXT, "Russia"),
                  entity(BELARUS, REUTERS_TEXT, "Belarus"), entity(ISKANDER, REUTERS_TEXT, "Iskander"),
                  entity(SNW, REUTERS_TEXT, "strategic warheads")],
        events=[event(REUTERS_TEXT, "MEETING", "Lukashenko met Putin in Minsk on Friday", date="2023-12-01",
                      actor=[LUKASHENKO], recipient=[PUTIN], location=[MINSK]),
                event(REUTERS_TEXT, "TRANSFER", "Russia will hand Belarus more Iskander launchers next year",
                      status="planned", date="2024", actor=[RUSSIA], recipient=[BELARUS], weapon=[ISKANDER])],
        claims=[claim(REUTERS_TEXT, "about 1,550 deployed strategic warheads", 1550, "warheads", [RUSSIA, SNW])])
    undated = make_doc(
        UNDATED_TEXT, entities=[entity(NORTH_KOREA, UNDATED_TEXT, "朝鲜"), entity(ICBM, UNDATED_TEXT, "洲际弹道导弹")],
        events=[event(UNDATED_TEXT, "TEST", "朝鲜试射了一枚洲际弹道导弹", actor=[NORTH_KOREA], weapon=[ICBM])])
    found = {"minsk": minsk, "vienna": vienna, "kyiv": kyiv, "reuters": reuters, "undated": undated}
    for doc in found.values():
        assert store.put(doc)
    return found


def timeline(hits: list[EventHit]) -> list[tuple[str | None, str | None]]:
    return [(hit.date, hit.type) for hit in hits]


# -- find_events ----------------------------------------------------------------------------------------

def test_the_timeline_is_earliest_first_falling_back_to_the_article_date(store: SQLiteStore, docs):
    hits = store.find_events()
    assert [(h.date, h.date_source, h.type) for h in hits] == [
        ("2022", "event", "TRANSFER"),  # 去年 in an article of 2023
        ("2023", "event", "TRANSFER"),  # a year sorts at the start of its year
        ("2023-06", "event", "DEPLOY"),
        ("2023-07", "event", "THREAT"),
        ("2023-07-02", "published", "TRANSFER"),  # no date of its own: the article's day
        ("2023-12-01", "event", "MEETING"),
        ("2024", "event", "TRANSFER"),
        ("2024-01-20", "published", "STRIKE"),  # the day of a published time
        (None, None, "TEST"),  # neither: last
    ]
    assert timeline(store.find_events(limit=3)) == timeline(hits[:3])
    assert store.find_events(limit=0) == []


def test_an_event_carries_its_arguments_by_name_and_its_article(store: SQLiteStore, docs):
    strike = next(h for h in store.find_events() if h.type == "STRIKE")
    kyiv, evidence = docs["kyiv"], "俄罗斯用伊斯坎德尔导弹袭击了哈尔科夫"
    assert strike == EventHit(
        event_id=strike.event_id, type="STRIKE", subtype=None, status="completed", date="2024-01-20",
        date_source="published", doc_id=kyiv.doc_id, title="俄乌战争一周", published="2024-01-20T12:51:00+00:00",
        outlet="BBC中文", url=None, duplicate_of=None, evidence=evidence,
        evidence_start=KYIV_TEXT.index(evidence), evidence_end=KYIV_TEXT.index(evidence) + len(evidence),
        actor=[EntityRef(RUSSIA, "俄罗斯", "Russia")], recipient=[EntityRef(UKRAINE, "乌克兰")],
        weapon=[EntityRef(ISKANDER, "伊斯坎德尔", "Iskander")], treaty=[], location=[EntityRef(KHARKIV, "哈尔科夫")])
    transfer = next(h for h in store.find_events(type="TRANSFER") if h.doc_id == kyiv.doc_id)
    assert [(w.id, w.name) for w in transfer.weapon] == [(PATRIOT, "爱国者"), (ABRAMS, "艾布拉姆斯")]


def test_an_argument_the_store_does_not_hold_keeps_its_id(store: SQLiteStore):
    text = "某国向某国交付了导弹。"
    store.put(make_doc(text, published="2025-01-01", events=[
        event(text, "TRANSFER", "某国向某国交付了导弹", actor=["new:state/x"], weapon=[ISKANDER])]))
    [hit] = store.find_events()
    assert hit.actor == [EntityRef("new:state/x", None)] and hit.weapon == [EntityRef(ISKANDER, None)]


@pytest.mark.parametrize("name", ["卢卡申科", "盧卡申科", "Lukashenko", "亚历山大·卢卡申科", LUKASHENKO])
def test_actor_by_name_in_any_script_or_by_id(store: SQLiteStore, docs, name):
    assert timeline(store.find_events(actor=name)) == [("2023-07", "THREAT"), ("2023-12-01", "MEETING")]


@pytest.mark.parametrize(("weapon", "expected"), [
    ("伊斯坎德尔", [("2022", "TRANSFER"), ("2023-07-02", "TRANSFER"), ("2024", "TRANSFER"), ("2024-01-20", "STRIKE")]),
    ("伊斯坎德爾", [("2022", "TRANSFER"), ("2023-07-02", "TRANSFER"), ("2024", "TRANSFER"), ("2024-01-20", "STRIKE")]),
    ("iskander", [("2022", "TRANSFER"), ("2023-07-02", "TRANSFER"), ("2024", "TRANSFER"), ("2024-01-20", "STRIKE")]),
    ("艾布拉姆斯", [("2023", "TRANSFER")]),  # the second weapon of the event
    ("戰術核武器", [("2023-06", "DEPLOY")]),
    ("乌克兰", []),  # a recipient, not a weapon
    ("不存在的武器", []),
])
def test_weapon_by_name_in_any_script(store: SQLiteStore, docs, weapon, expected):
    assert timeline(store.find_events(weapon=weapon)) == expected


def test_type_and_filters_combine(store: SQLiteStore, docs):
    assert timeline(store.find_events(type="transfer")) == [
        ("2022", "TRANSFER"), ("2023", "TRANSFER"), ("2023-07-02", "TRANSFER"), ("2024", "TRANSFER")]
    assert timeline(store.find_events(type="TRANSFER", actor="俄羅斯", since="2023")) == [
        ("2023-07-02", "TRANSFER"), ("2024", "TRANSFER")]
    assert timeline(store.find_events(type="STRIKE", actor="美国")) == []
    assert timeline(store.find_events(actor="Russia", weapon="战术核武器")) == [("2023-06", "DEPLOY")]


@pytest.mark.parametrize(("since", "until", "expected"), [
    # A partial date is the whole period it names: 2023 overlaps May to December, 2023-07 overlaps 2023-07-15.
    ("2023-05-01", "2023-12-31", ["2023", "2023-06", "2023-07", "2023-07-02", "2023-12-01"]),
    ("2023-08", None, ["2023", "2023-12-01", "2024", "2024-01-20"]),
    ("2024-01-21", None, ["2024"]),
    (None, "2022-12-31", ["2022"]),
    (None, "2023-06", ["2022", "2023", "2023-06"]),
    ("2023-07-15", "2023-07-31", ["2023", "2023-07"]),
    ("2023-07-02", "2023-07-02", ["2023", "2023-07", "2023-07-02"]),  # the article's day counts when it is the date
    ("2025", None, []),
])
def test_since_and_until_keep_events_whose_period_overlaps(store: SQLiteStore, docs, since, until, expected):
    assert [h.date for h in store.find_events(since=since, until=until)] == expected


@pytest.mark.parametrize("bound", ["since", "until"])
def test_a_malformed_date_is_refused_by_name(store: SQLiteStore, bound):
    with pytest.raises(ValueError, match=bound):
        store.find_events(**{bound: "June 2023"})
    with pytest.raises(ValueError, match=bound):
        store.transfers(**{bound: "2023/06"})


# -- transfers ------------------------------------------------------------------------------------------

def row_ids(rows) -> list[tuple[str | None, str | None, str | None]]:
    return [tuple(ref.id if ref else None for ref in (r.supplier, r.recipient, r.weapon)) for r in rows]


def test_transfers_group_the_articles_saying_so_by_supplier_recipient_and_weapon(store: SQLiteStore, docs):
    rows = store.transfers()
    # Earliest first; the two weapons of one event are two rows of the same date, by name.
    assert row_ids(rows) == [(RUSSIA, BELARUS, ISKANDER), (USA, UKRAINE, PATRIOT), (USA, UKRAINE, ABRAMS)]
    iskander, patriot, abrams = rows
    assert [ref.name for ref in (iskander.supplier, iskander.recipient, iskander.weapon)] == [
        "俄罗斯", "白俄罗斯", "伊斯坎德尔"]
    assert iskander.dates == ["2022", "2023-07-02", "2024"]
    assert iskander.statuses == ["completed", "planned"]
    assert [(a.doc_id, a.date, a.date_source, a.status, a.outlet) for a in iskander.articles] == [
        (docs["minsk"].doc_id, "2022", "event", "completed", "RFI 法广"),
        (docs["vienna"].doc_id, "2023-07-02", "published", "completed", "美国之音"),
        (docs["reuters"].doc_id, "2024", "event", "planned", "Reuters"),
    ]
    assert [a.evidence for a in iskander.articles] == ["俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹",
                                                       "俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位",
                                                       "Russia will hand Belarus more Iskander launchers next year"]
    assert [a.title for a in iskander.articles] == ["卢卡申科：核武器已运抵", "盧卡申科：伊斯坎德爾已到位",
                                                    "Lukashenko meets Putin"]
    # One event behind both rows.
    assert patriot.articles == abrams.articles and len(patriot.articles) == 1
    assert (patriot.dates, patriot.statuses, patriot.articles[0].title) == (["2023"], ["completed"], "俄乌战争一周")


@pytest.mark.parametrize(("filters", "expected"), [
    ({"supplier": "俄羅斯"}, [(RUSSIA, BELARUS, ISKANDER)]),
    ({"supplier": "美國"}, [(USA, UKRAINE, PATRIOT), (USA, UKRAINE, ABRAMS)]),
    ({"recipient": "Belarus"}, [(RUSSIA, BELARUS, ISKANDER)]),
    ({"weapon": "爱国者"}, [(USA, UKRAINE, PATRIOT)]),  # only that row of the two-weapon event
    ({"supplier": "美国", "weapon": "伊斯坎德尔"}, []),
    ({"supplier": "白俄罗斯"}, []),  # a recipient, not a supplier
])
def test_transfers_by_names_in_any_script(store: SQLiteStore, docs, filters, expected):
    assert row_ids(store.transfers(**filters)) == expected


def test_transfers_in_a_window_keep_only_the_events_inside(store: SQLiteStore, docs):
    rows = store.transfers(since="2023-01", until="2023-12")
    assert row_ids(rows) == [(USA, UKRAINE, PATRIOT), (USA, UKRAINE, ABRAMS), (RUSSIA, BELARUS, ISKANDER)]
    assert [a.doc_id for a in rows[2].articles] == [docs["vienna"].doc_id]
    assert rows[2].dates == ["2023-07-02"]
    assert row_ids(store.transfers(until="2022")) == [(RUSSIA, BELARUS, ISKANDER)]


def test_a_role_the_event_leaves_empty_is_none_and_an_id_listed_twice_is_one_row(store: SQLiteStore):
    text = "俄罗斯将交付更多伊斯坎德尔导弹。"
    store.put(make_doc(text, published="2025-02-01", entities=[entity(RUSSIA, text, "俄罗斯")], events=[
        event(text, "TRANSFER", "俄罗斯将交付更多伊斯坎德尔导弹", status="pledged", actor=[RUSSIA],
              weapon=[ISKANDER, ISKANDER])]))
    [row] = store.transfers()
    assert (row.supplier.name, row.recipient, row.weapon.id, row.statuses, row.dates) == (
        "俄罗斯", None, ISKANDER, ["pledged"], ["2025-02-01"])
    assert len(row.articles) == 1


# -- find_claims ----------------------------------------------------------------------------------------

def test_claims_about_an_entity_in_any_script(store: SQLiteStore, docs):
    for name in ("俄罗斯", "俄羅斯", "Russia", RUSSIA):
        report = store.find_claims(name)
        assert [a.id for a in report.about] == [RUSSIA]
        assert [(c.value, c.value_max, c.unit, c.source) for c in report.claims] == [
            (1000, 1500, "warheads", "美國科學家聯合會"),  # 俄罗斯+战术核武器, low to high
            (2000, None, "warheads", "RFI 法广"),
            (2000, None, "warheads", "BBC中文"),
            (1550, None, "warheads", "Reuters"),  # 俄罗斯+战略核武器: another thing counted
        ]
    assert [c.value for c in store.find_claims("爱国者").claims] == [160]
    assert store.find_claims("俄罗斯", unit="km").claims == []
    assert [c.value for c in store.find_claims("俄罗斯", unit="Warheads").claims] == [1000, 2000, 2000, 1550]
    nobody = store.find_claims("不存在的实体")
    assert (nobody.about, nobody.claims, nobody.disagreements) == ([], [], [])


def test_a_claim_carries_its_speaker_source_and_article(store: SQLiteStore, docs):
    report = store.find_claims("普京")  # no claim is about Putin
    assert report.claims == [] and [a.id for a in report.about] == [PUTIN]
    putin = next(c for c in store.find_claims("战术核武器").claims if c.speaker)
    kyiv = docs["kyiv"]
    assert (putin.speaker, putin.speaker_label, putin.speaker_name, putin.cited_source, putin.source) == (
        PUTIN, "弗拉基米尔·普京", "普京", None, "BBC中文")
    assert (putin.doc_id, putin.title, putin.published, putin.text) == (
        kyiv.doc_id, "俄乌战争一周", "2024-01-20T12:51:00+00:00", "俄罗斯拥有约2000枚战术核武器")
    assert [(a.id, a.name) for a in putin.about] == [(RUSSIA, "俄罗斯"), (TNW, "战术核武器")]
    assert KYIV_TEXT[putin.start:putin.end] == putin.text and putin.start == KYIV_TEXT.index("俄罗斯拥有")


def test_sources_giving_values_that_do_not_overlap_disagree(store: SQLiteStore, docs):
    [found] = store.find_claims("戰術核武器").disagreements
    assert found.unit == "warheads" and [a.id for a in found.about] == [RUSSIA, TNW]
    assert [(p.value, p.value_max, [(v.speaker_label, v.source) for v in p.given_by]) for p in found.positions] == [
        (1000, 1500, [(None, "美國科學家聯合會")]),
        (2000, None, [(None, "RFI 法广"), ("弗拉基米尔·普京", "BBC中文")]),
    ]
    assert found.positions[0].given_by[0].doc_id == docs["vienna"].doc_id
    # The same disagreement whichever entity of the group is asked about; Reuters' 1550 counts another thing.
    assert store.find_claims("俄罗斯").disagreements == [found]
    assert store.find_claims("俄罗斯", unit="km").disagreements == []


def put_numbers(store: SQLiteStore, *articles: tuple) -> list[Document]:
    """Articles each stating numbers of warheads about Russia's tactical nuclear weapons.

    Each article: (outlet, [(value, value_max, extra fields)], document fields).
    """
    docs = []
    for n, (outlet, numbers, fields) in enumerate(articles, start=store.stats()["documents"]):
        text = f"第{n}篇：" + "；".join(f"估计{value}枚" for value, _, _ in numbers) + "。"
        claims = [claim(text, f"估计{value}枚", value, "warheads", [RUSSIA, TNW], value_max=value_max, **more)
                  for value, value_max, more in numbers]
        doc = make_doc(text, outlet=outlet, published=f"2024-01-{n + 1:02d}", claims=claims, **fields)
        assert store.put(doc)
        docs.append(doc)
    return docs


def disagreeing_values(store: SQLiteStore) -> list[list[tuple]]:
    return [[(p.value, p.value_max) for p in found.positions] for found in store.find_claims(RUSSIA).disagreements]


def test_equal_or_overlapping_values_from_different_sources_agree(store: SQLiteStore):
    put_numbers(store, ("RFI 法广", [(2000, None, {})], {}), ("美国之音", [(2000, None, {})], {}),
                ("BBC中文", [(1800, 2200, {})], {}), ("DW", [(1900, 2500, {})], {}))
    assert len(store.find_claims(RUSSIA).claims) == 4
    assert disagreeing_values(store) == []


def test_one_article_giving_two_numbers_does_not_disagree_with_itself_or_with_a_source_it_agrees_with(
        store: SQLiteStore):
    # 从1550增加到3500: both numbers in one article; another source repeats the 1550.
    put_numbers(store, ("RFI 法广", [(1550, None, {}), (3500, None, {}), (1550, None, {})], {}),
                ("美国之音", [(1550, None, {})], {}))
    assert len(store.find_claims(RUSSIA).claims) == 4
    assert disagreeing_values(store) == []


def test_a_third_source_contradicting_both_is_flagged_with_every_value_it_conflicts_with(store: SQLiteStore):
    put_numbers(store, ("RFI 法广", [(1550, None, {}), (3500, None, {})], {}), ("美国之音", [(1550, None, {})], {}),
                ("BBC中文", [(4000, None, {})], {}))
    assert disagreeing_values(store) == [[(1550, None), (3500, None), (4000, None)]]
    [found] = store.find_claims(RUSSIA).disagreements
    assert [[v.source for v in p.given_by] for p in found.positions] == [
        ["RFI 法广", "美国之音"], ["RFI 法广"], ["BBC中文"]]


def test_one_source_updating_its_figure_is_not_a_disagreement(store: SQLiteStore):
    put_numbers(store, ("RFI 法广", [(2000, None, {})], {}),
                ("RFI 法广", [(3000, None, {"speaker": None, "speaker_name": None, "cited_source": None})], {}))
    assert disagreeing_values(store) == []


def test_a_cited_source_is_one_source_whatever_outlet_or_script_reports_it(store: SQLiteStore):
    put_numbers(store, ("美国之音", [(1000, None, {"cited_source": "美國科學家聯合會"})], {}),
                ("BBC中文", [(1200, None, {"cited_source": "美国科学家联合会"})], {}))
    assert disagreeing_values(store) == []
    put_numbers(store, ("DW", [(2000, None, {})], {}))  # a third source: now they do
    assert disagreeing_values(store) == [[(1000, None), (1200, None), (2000, None)]]


def test_one_outlet_quoting_different_speakers_is_two_sources(store: SQLiteStore):
    put_numbers(store, ("RFI 法广", [(2000, None, {"speaker": None, "speaker_name": "波德维格"})], {}),
                ("RFI 法广", [(3000, None, {"speaker": None, "speaker_name": "克里斯滕森"})], {}))
    [found] = store.find_claims(RUSSIA).disagreements
    assert [[(v.speaker_label, v.source) for v in p.given_by] for p in found.positions] == [
        [("波德维格", "RFI 法广")], [("克里斯滕森", "RFI 法广")]]


def test_a_near_duplicate_is_the_article_it_copies(store: SQLiteStore):
    original, copy = put_numbers(store, ("RFI 法广", [(2000, None, {})], {}), ("GNews", [(3000, None, {})], {}))
    assert disagreeing_values(store) == [[(2000, None), (3000, None)]]
    store._conn.execute("UPDATE documents SET duplicate_of = ? WHERE doc_id = ?", (original.doc_id, copy.doc_id))
    assert disagreeing_values(store) == []


def test_numbers_about_no_entity_are_listed_but_never_compared(store: SQLiteStore):
    """300 people and 5000 people in two articles need not count the same thing."""
    for n, (outlet, value) in enumerate((("RFI 法广", 300), ("美国之音", 5000))):
        text = f"第{n}篇：袭击造成{value}人死亡。"
        doc = make_doc(text, outlet=outlet, published=f"2024-02-0{n + 1}",
                       claims=[claim(text, f"{value}人", value, "people", [])])
        assert store.put(doc)
    report = store.find_claims(None)
    assert sorted(c.value for c in report.claims) == [300, 5000]
    assert report.disagreements == []
