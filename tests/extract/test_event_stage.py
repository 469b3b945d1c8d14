"""Golden cases for the events stage: triggers, roles, status and date, in both scripts.

Each case runs the real pipeline (entities, then events) on a short article and
checks the event it must state by type, status, date and the names of its
arguments; every case runs again converted to Traditional script.
"""

from __future__ import annotations

import opencc
import pytest

from armswatch.document import Document
from armswatch.extract.pipeline import Pipeline

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")

# (id, text, published, expected events: (type, status, date, {role: [names]}) — names in Simplified script)
CASES = [
    ("deploy-in", "俄罗斯在白俄罗斯部署了战术核武器。", "2024-01-20",
     [("DEPLOY", "completed", None, {"actor": ["俄罗斯"], "location": ["白俄罗斯"], "weapon": ["战术核武器"]})]),
    ("transfer-planned", "美国将向乌克兰出售防空系统。", "2022-10-13",
     [("TRANSFER", "planned", None, {"actor": ["美国"], "recipient": ["乌克兰"], "weapon": ["防空系统"]})]),
    ("transfer-reverse", "白俄罗斯从俄罗斯获得了伊斯坎德尔导弹。", "2024-01-20",
     [("TRANSFER", "completed", None, {"actor": ["俄罗斯"], "recipient": ["白俄罗斯"]})]),
    ("deploy-denied", "美国不考虑在乌克兰部署战术核武器。", "2022-10-13",
     [("DEPLOY", "denied", None, {"actor": ["美国"], "location": ["乌克兰"]})]),
    ("transfer-hypothetical", "如果伊朗向俄罗斯提供弹道导弹，美国将作出回应。", "2024-03-16",
     [("TRANSFER", "hypothetical", None, {"actor": ["伊朗"], "recipient": ["俄罗斯"], "weapon": ["弹道导弹"]})]),
    ("transfer-pledged", "日本承诺向乌克兰提供无人机。", "2022-10-13",
     [("TRANSFER", "pledged", None, {"actor": ["日本"], "recipient": ["乌克兰"], "weapon": ["无人机"]})]),
    ("strike-ongoing", "俄罗斯继续袭击乌克兰。", "2022-10-13",
     [("STRIKE", "ongoing", None, {"actor": ["俄罗斯"], "recipient": ["乌克兰"]})]),
    ("strike-invasion-goes-on", "俄罗斯入侵乌克兰以后，北约加强了东翼。", "2022-10-13",
     [("STRIKE", "ongoing", None, {"actor": ["俄罗斯"], "recipient": ["乌克兰"]})]),
    ("treaty-sign-dated", "去年5月，俄罗斯和白俄罗斯签署了一项协议。", "2024-01-20",
     [("TREATY_ACTION", "completed", "2023-05", {"actor": ["俄罗斯", "白俄罗斯"]})]),
    ("meeting-weekday", "中国国防部长李尚福周四在明斯克会见了白俄罗斯总统卢卡申科。", "2023-08-18",
     [("MEETING", "completed", "2023-08-17",
       {"actor": ["李尚福"], "recipient": ["卢卡申科"], "location": ["明斯克"]})]),
    ("test-missile", "朝鲜3月25日试射了两枚弹道导弹。", "2021-03-26",
     [("TEST", "completed", "2021-03-25", {"actor": ["朝鲜"], "weapon": ["弹道导弹"]})]),
    ("treaty-withdraw", "2019年，美国退出了《中导条约》。", "2021-01-27",
     [("TREATY_ACTION", "completed", "2019", {"actor": ["美国"], "treaty": ["中导条约"]})]),
    ("ba-is-not-future", "俄罗斯将核武器部署在白俄罗斯境内。", "2024-01-20",
     [("DEPLOY", "completed", None, {"actor": ["俄罗斯"], "location": ["白俄罗斯"], "weapon": ["核武器"]})]),
    ("aid-to-come-is-pledged", "拜登告诉泽连斯基，美国将向乌克兰提供先进的防空系统。", "2022-10-13",
     [("TRANSFER", "pledged", None, {"actor": ["美国"], "recipient": ["乌克兰"], "weapon": ["防空系统"]})]),
    ("purchase-to-come-is-planned", "俄罗斯正计划从伊朗购买短程弹道导弹。", "2024-01-04",
     [("TRANSFER", "planned", None, {"actor": ["伊朗"], "recipient": ["俄罗斯"]})]),
    ("not-on-the-list", "美国宣布对台军售。不过，MQ-9无人机并不在这次的军售名单中。", "2020-10-21",
     [("TRANSFER", "denied", None, {"weapon": ["MQ-9"]})]),
    ("threat-made", "普京威胁对乌克兰使用核武器。", "2022-10-13",
     [("THREAT", "completed", None, {"actor": ["普京"], "weapon": ["核武器"]})]),
    ("threat-with-a-condition", "七国集团警告伊朗，如果向俄罗斯提供弹道导弹，将付出严重代价。", "2024-03-16",
     [("THREAT", "hypothetical", None, {"actor": ["七国集团"], "recipient": ["伊朗"]})]),
    ("sanction", "美国宣布制裁伊朗。", "2023-10-20",
     [("SANCTION", "completed", None, {"actor": ["美国"], "recipient": ["伊朗"]})]),
    ("exercise-partners", "中国与白俄罗斯计划明年举行联合军演。", "2023-08-18",
     [("EXERCISE", "planned", "2024", {"actor": ["中国", "白俄罗斯"]})]),
    ("back-reference", "在苏联时期，白俄罗斯与乌克兰和哈萨克斯坦一样拥有核武器。1994年，它们放弃了核武器。",
     "2024-01-20",
     [("DISARM", "completed", "1994", {"actor": ["白俄罗斯", "乌克兰", "哈萨克斯坦"], "weapon": ["核武器"]})]),
    ("plan-reaches-joined-clause", "中国计划扩大潜艇部队，并部署射程更远的洲际弹道导弹。", "2021-06-17",
     [("DEPLOY", "planned", None, {"actor": ["中国"], "weapon": ["洲际弹道导弹"]})]),
    ("never-stopped-goes-on", "俄罗斯从未停止部署分导式多弹头导弹。", "2026-02-05",
     [("DEPLOY", "ongoing", None, {"actor": ["俄罗斯"]})]),
    ("withdraw-by-che-chu", "特朗普撤出了《开放天空条约》。", "2021-01-27",
     [("TREATY_ACTION", "completed", None, {"actor": ["特朗普"], "treaty": ["开放天空条约"]})]),
    ("place-of-another-event-still-signs", "俄罗斯和白俄罗斯签署了协议，在白俄罗斯领土上部署俄罗斯核武器。",
     "2023-05-26", [("TREATY_ACTION", "completed", None, {"actor": ["俄罗斯", "白俄罗斯"]})]),
    ("outlet-reports-does-not-act", "美联社称，莫斯科正在白俄罗斯部署战术核武器。", "2023-08-18",
     [("DEPLOY", "ongoing", None, {"actor": ["莫斯科"], "location": ["白俄罗斯"]})]),
    ("year-ago-month", "一年前，朝鲜试射了弹道导弹。", "2021-03-26",
     [("TEST", "completed", "2020-03", {"actor": ["朝鲜"], "weapon": ["弹道导弹"]})]),
    ("on-the-eve-is-planned", "美国国务卿布林肯会晤中国外长王毅前夕表示，美国不会让步。", "2024-01-20",
     [("MEETING", "planned", None, {"actor": ["布林肯"], "recipient": ["王毅"]})]),
    ("only-if-is-conditional", "朝鲜坚持唯有美国放弃敌对政策，朝鲜才会与美国重开谈判。", "2021-03-26",
     [("MEETING", "hypothetical", None, {"actor": ["朝鲜"], "recipient": ["美国"]})]),
    ("owner-after-reverse-trigger-supplies", "白俄罗斯已经接收了俄罗斯的核武器。", "2023-08-18",
     [("TRANSFER", "completed", None, {"actor": ["俄罗斯"], "recipient": ["白俄罗斯"], "weapon": ["核武器"]})]),
    ("passive-subject-suffers", "俄罗斯面临国际制裁。", "2024-01-04",
     [("SANCTION", "ongoing", None, {"recipient": ["俄罗斯"]})]),
    ("passive-subject-of-an-earlier-clause", "俄罗斯深陷消耗战，面临国际制裁。", "2024-01-04",
     [("SANCTION", "ongoing", None, {"recipient": ["俄罗斯"]})]),
    ("prevention-inside-a-noun-phrase", "美国实施了旨在阻止伊朗导弹贸易的制裁。", "2024-01-04",
     [("SANCTION", "completed", None, {"actor": ["美国"]})]),
    ("pronoun-before-a-named-subject", "俄罗斯一直与各国合作。它还支持联合国安理会对朝鲜实施严厉制裁。", "2024-01-04",
     [("SANCTION", "completed", None, {"actor": ["联合国安理会"], "recipient": ["朝鲜"]})]),
    ("relative-clause-of-a-force", "部署在白俄罗斯的俄罗斯军队仍留在那里。", "2023-08-18",
     [("DEPLOY", "completed", None, {"actor": ["俄罗斯武装力量"], "location": ["白俄罗斯"]})]),
    ("pronoun-after-conjunction", "中国国防部长会见了白俄罗斯总统卢卡申科，但两国同意明年举行联合军事演习。",
     "2023-08-18",
     [("EXERCISE", "planned", "2024", {"actor": ["中国", "白俄罗斯"]})]),
    ("treaty-conference", "8月的《不扩散核武器条约》审议大会即将举行。", "2022-06-04",
     [("MEETING", "planned", "2022-08", {"treaty": ["不扩散核武器条约"]})]),
    ("cue-inside-a-name", "《禁止核武器条约》缔约国在维也纳举行会议。", "2022-06-21",
     [("MEETING", "completed", None, {"treaty": ["禁止核武器条约"], "location": ["维也纳"]})]),
    ("general-is-not-future", "伊朗武装部队总参谋长穆罕默德·巴盖里少将会见了俄罗斯国防部长绍伊古。", "2023-09-20",
     [("MEETING", "completed", None, {"actor": ["穆罕默德·巴盖里"], "recipient": ["绍伊古"]})]),
    ("narrative-time-carries", "2023年12月，朝鲜向俄罗斯运送了弹道导弹。俄罗斯随后试射了这些导弹。", "2024-01-04",
     [("TRANSFER", "completed", "2023-12", {"actor": ["朝鲜"], "recipient": ["俄罗斯"]}),
      ("TEST", "completed", "2023-12", {"actor": ["俄罗斯"]})]),
    ("warning-of-a-response", "拜登警告称，如果朝鲜升级事态，美国将做出相应回应。", "2021-03-26",
     [("THREAT", "hypothetical", None, {"actor": ["拜登"]})]),
    ("undated-strike-goes-on", "俄罗斯用伊朗无人机攻击乌克兰。", "2024-01-04",
     [("STRIKE", "ongoing", None, {"actor": ["俄罗斯"], "recipient": ["乌克兰"]})]),
    ("dated-strike-is-one-attack", "俄罗斯周一用导弹袭击了乌克兰。", "2022-10-13",
     [("STRIKE", "completed", "2022-10-10", {"actor": ["俄罗斯"], "recipient": ["乌克兰"]})]),
    ("owner-of-the-weapons-deploys", "1991年，根据美国斡旋达成的协议，部署在哈萨克斯坦的苏联核武器被运回。",
     "2023-05-26",
     [("DEPLOY", "completed", "1991", {"actor": ["苏联"], "location": ["哈萨克斯坦"], "weapon": ["核武器"]})]),
    ("treaty-referred-back", "《新削减战略武器条约》是美俄之间仅存的核军控条约。普京提议将条约延长五年。",
     "2021-01-27",
     [("TREATY_ACTION", "completed", None, {"actor": ["普京"], "treaty": ["新削减战略武器条约"]})]),
    ("relative-clause-with-its-agent-states", "这些无人机包括俄罗斯最近从伊朗获得的无人机。", "2022-10-13",
     [("TRANSFER", "completed", None, {"actor": ["伊朗"], "recipient": ["俄罗斯"], "weapon": ["无人机"]})]),
]

# Texts that state no event: a noun that only names a capability, opinion, a quotation's words.
NO_EVENTS = [
    ("capability-noun", "美国拥有可以实施核打击能力的潜艇和飞机。", "2020-09-02"),
    ("opinion", "分析人士认为俄罗斯可能在白俄罗斯部署更多核武器。", "2024-01-20"),
    ("quoted", "卢卡申科说：“我们将在白俄罗斯部署核武器。”", "2024-01-20"),
    ("threat-noun", "中国的核力量对美国构成威胁。", "2021-06-17"),
    ("relative-clause", "中国发展能携带核弹头的洲际导弹和发射导弹的轰炸机。", "2021-06-17"),
    ("capability-of-an-agent", "美国有可以实施核打击的潜艇和飞机。", "2020-09-02"),
    ("warning-is-not-a-threat", "佩斯科夫警告美国，新的军控安排需要很多时间且很复杂。", "2026-02-05"),
    ("weapon-in-another-clause", "美国向私营企业发布对伊销售指南，以免助长伊朗的弹道导弹计划。", "2024-09-08"),
    ("forbidden", "联合国禁止伊朗向俄罗斯出售弹道导弹。", "2023-10-20"),
    ("sale-of-no-weapon", "伊朗同意向中国出售石油。", "2024-01-08"),
    ("treaty-word-inside-name", "《全面禁止核试验条约》是重要的军控条约。", "2021-06-17"),
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_names(["entities", "events"])


def _run(pipeline: Pipeline, text: str, published: str) -> tuple[Document, list[dict]]:
    doc = pipeline(Document(source_path="case.txt", text=text, published=published, lang="zh-Hans"))
    return doc, doc.events


def _names(doc: Document, ids: list[str]) -> set[str]:
    """Every name an argument goes by: the entity's canonical name and its mention texts, in Simplified."""
    out: set[str] = set()
    for entity in doc.entities:
        if entity["id"] in ids:
            out.add(entity["name"])
            out.update(_T2S.convert(m["text"]) for m in entity["mentions"])
    return out


def _script(text: str, script: str) -> str:
    return _S2T.convert(text) if script == "hant" else text


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize(("text", "published", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_event(pipeline, script, text, published, expected):
    doc, events = _run(pipeline, _script(text, script), published)
    for etype, status, date, roles in expected:
        candidates = [e for e in events if e["type"] == etype]
        assert candidates, f"no {etype} event in {events}"
        event = candidates[0]
        assert event["status"] == status, event
        assert event["date"] == date, event
        for role, names in roles.items():
            found = _names(doc, event[role])
            assert set(names) <= found, f"{role}: want {names}, got {found} in {event}"
        assert doc.text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize(("text", "published"), [c[1:] for c in NO_EVENTS], ids=[c[0] for c in NO_EVENTS])
def test_no_event(pipeline, script, text, published):
    _, events = _run(pipeline, _script(text, script), published)
    assert events == []


def test_repeated_mentions_merge(pipeline):
    text = "俄罗斯在白俄罗斯部署了战术核武器。俄罗斯在白俄罗斯部署核武器引起了国际关切。"
    _, events = _run(pipeline, text, "2024-01-20")
    assert [e["type"] for e in events] == ["DEPLOY"]


def test_different_statuses_stay_apart(pipeline):
    text = "美国已经向乌克兰提供了防空系统。美国计划继续向乌克兰提供防空系统。"
    _, events = _run(pipeline, text, "2022-10-13")
    assert sorted(e["status"] for e in events if e["type"] == "TRANSFER") == ["completed", "pledged"]


def test_record_shape(pipeline):
    _, events = _run(pipeline, "美国将向乌克兰提供防空系统。", "2022-10-13")
    event = events[0]
    assert set(event) == {"type", "subtype", "status", "actor", "recipient", "weapon", "treaty", "location", "date",
                          "evidence"}
    assert all(isinstance(event[r], list) for r in ("actor", "recipient", "weapon", "treaty", "location"))


def test_an_outlet_is_never_an_argument(pipeline):
    doc, events = _run(pipeline, "美联社称，莫斯科正在白俄罗斯部署战术核武器。", "2023-08-18")
    named = set().union(*(_names(doc, e[role]) for e in events for role in ("actor", "recipient", "location")))
    assert "美联社" not in named


def test_the_owner_of_a_weapon_is_not_its_receiver(pipeline):
    doc, events = _run(pipeline, "中国向朝鲜提供了苏联坦克。", "2023-11-26")
    transfer = next(e for e in events if e["type"] == "TRANSFER")
    assert _names(doc, transfer["recipient"]) >= {"朝鲜"}
    assert "苏联" not in _names(doc, transfer["recipient"])


def test_a_topic_of_talk_is_not_an_event(pipeline):
    _, events = _run(pipeline, "联合国安理会周五将开会讨论朝鲜的导弹试验。", "2021-03-26")
    assert "TEST" not in {e["type"] for e in events}
    assert "MEETING" in {e["type"] for e in events}


def test_a_speaker_fills_no_role(pipeline):
    doc, events = _run(pipeline, "美国官员称，伊朗的弹道导弹将于今年春季交付。", "2024-01-04")
    transfer = next(e for e in events if e["type"] == "TRANSFER")
    assert "美国" not in _names(doc, transfer["actor"] + transfer["recipient"])


def test_a_leader_acts_for_the_state_named_in_the_article(pipeline):
    doc, events = _run(pipeline, "俄罗斯很强大。普京总统表示已开始向白俄罗斯交付核武器。", "2024-01-20")
    transfer = next(e for e in events if e["type"] == "TRANSFER")
    assert {"普京", "俄罗斯"} <= _names(doc, transfer["actor"])
    _, alone = _run(pipeline, "普京总统表示已开始向白俄罗斯交付核武器。", "2024-01-20")
    assert "kb:state/russia" not in next(e for e in alone if e["type"] == "TRANSFER")["actor"]


def test_the_reference_time_does_not_split_one_happening(pipeline):
    text = "2023年，俄罗斯在白俄罗斯部署了核武器。2024年1月16日，北约发表声明。俄罗斯在白俄罗斯部署核武器引起了关切。"
    _, events = _run(pipeline, text, "2024-01-20")
    deploys = [e for e in events if e["type"] == "DEPLOY"]
    assert [e["date"] for e in deploys] == ["2023"]


def test_a_flashback_does_not_move_the_story_time(pipeline):
    text = ("5月25日，俄罗斯和白俄罗斯签署了协议。普京此前在3月宣布将部署核武器。"
            "在明斯克，白俄罗斯国防部长赫列宁与俄罗斯国防部长绍伊古举行会谈。")
    _, events = _run(pipeline, text, "2023-05-26")
    meeting = next(e for e in events if e["type"] == "MEETING")
    assert meeting["date"] == "2023-05-25"


def test_a_bound_is_not_the_events_date(pipeline):
    text = "条约原始有效期至2021年2月5日。美国与俄罗斯同意将《新削减战略武器条约》延长五年至2026年2月5日。"
    _, events = _run(pipeline, text, "2026-02-06")
    extension = next(e for e in events if e["type"] == "TREATY_ACTION" and e["subtype"] == "extend")
    assert extension["date"] == "2021-02-05"  # the story's time, not the new end date


def test_a_date_of_the_announcement_gives_way_to_the_events_own(pipeline):
    text = "朝鲜周五宣布发射了一枚短程弹道导弹。朝中社发布，朝鲜3月25日发射短程弹道导弹。"
    _, events = _run(pipeline, text, "2021-03-26")
    tests = [e for e in events if e["type"] == "TEST"]
    assert [e["date"] for e in tests] == ["2021-03-25"]


def test_a_plan_restated_as_a_condition_is_one_event(pipeline):
    text = "俄罗斯正计划从伊朗购买短程弹道导弹。如果采购计划继续进行，伊朗的短程弹道导弹最快将于今年春季交付俄罗斯。"
    _, events = _run(pipeline, text, "2024-01-04")
    transfers = [e for e in events if e["type"] == "TRANSFER"]
    assert [(e["status"], e["date"]) for e in transfers] == [("planned", "2024")]


def test_the_date_before_the_trigger_in_its_clause_wins(pipeline):
    _, events = _run(pipeline, "另一方面，6月的《禁止核武器条约》缔约方会议和8月的审议大会即将举行。", "2022-06-04")
    assert next(e for e in events if e["type"] == "MEETING")["date"] == "2022-06"


def test_there_is_the_last_place_named(pipeline):
    text = "乌克兰国防部长向在布鲁塞尔召开的会议作出简报。北约国防部长们也在那里举行会议。"
    doc, events = _run(pipeline, text, "2022-10-13")
    nato = next(e for e in events if e["type"] == "MEETING" and "北约" in _names(doc, e["actor"]))
    assert "布鲁塞尔" in _names(doc, nato["location"])


def test_its_own_country_is_the_subjects(pipeline):
    doc, events = _run(pipeline, "根据该协议，波兰可以让核武器部署在本国境内。", "2022-10-13")
    deploy = next(e for e in events if e["type"] == "DEPLOY")
    assert "波兰" in _names(doc, deploy["location"])
    assert deploy["status"] == "hypothetical"  # 可以: it may happen


def test_both_countries_are_both_sides_of_the_previous_event(pipeline):
    text = ("中国国防部长李尚福周四在明斯克会见了白俄罗斯总统卢卡申科。"
            "双方均未透露细节，但两国同意明年举行联合军事演习。")
    doc, events = _run(pipeline, text, "2023-08-18")
    exercise = next(e for e in events if e["type"] == "EXERCISE")
    assert {"中国", "白俄罗斯"} <= _names(doc, exercise["actor"])
    assert (exercise["status"], exercise["date"]) == ("planned", "2024")


def test_both_sides_who_only_tell_do_not_act(pipeline):
    text = "赫列宁与绍伊古在明斯克会晤。双方没有说明何时在白俄罗斯部署这些武器。"
    doc, events = _run(pipeline, text, "2023-05-26")
    deploy = [e for e in events if e["type"] == "DEPLOY"]
    assert all(not ({"赫列宁", "绍伊古"} & _names(doc, e["actor"])) for e in deploy)
    assert all(e["status"] != "denied" for e in deploy)


def test_the_object_fronted_by_jiang_is_the_weapon(pipeline):
    text = "赫列宁宣布，将伊斯坎德尔-M导弹系统和S-400防空导弹部署到明斯克导弹系统。"
    doc, events = _run(pipeline, text, "2023-05-26")
    deploy = next(e for e in events if e["type"] == "DEPLOY")
    assert {"伊斯坎德尔-M", "S-400"} <= _names(doc, deploy["weapon"])


def test_a_modal_of_a_described_thing_does_not_qualify_the_event(pipeline):
    _, events = _run(pipeline, "俄罗斯计划将能够携带核弹头的伊斯坎德尔导弹部署到白俄罗斯。", "2023-05-26")
    assert next(e for e in events if e["type"] == "DEPLOY")["status"] == "planned"


def test_a_conference_about_to_be_held_is_planned(pipeline):
    _, events = _run(pipeline, "《禁止核武器条约》首次缔约方会议即将举行。", "2022-06-04")
    assert next(e for e in events if e["type"] == "MEETING")["status"] == "planned"


def test_a_date_before_a_short_verb_and_hou_bounds(pipeline):
    text = ("美国总统拜登26日与俄罗斯总统普京通电话，这是拜登1月20日就职后，双方首度通话。"
            "两人在通话中同意将美俄核武条约延长五年。")
    _, events = _run(pipeline, text, "2021-01-27")
    meetings = [e for e in events if e["type"] == "MEETING"]
    assert [e["date"] for e in meetings] == ["2021-01-26"]  # one call, not one on inauguration day


def test_an_armed_force_acts_for_its_state(pipeline):
    doc, events = _run(pipeline, "白俄罗斯是俄罗斯的盟友。中国向白俄罗斯军队提供了军事援助。", "2023-08-18")
    transfer = next(e for e in events if e["type"] == "TRANSFER")
    assert {"白俄罗斯军队", "白俄罗斯"} <= _names(doc, transfer["recipient"])


def test_test_equipment_is_no_test(pipeline):
    _, events = _run(pipeline, "美国向台湾出售导弹以及支援系统与测试设备。", "2020-10-21")
    assert "TEST" not in {e["type"] for e in events}
