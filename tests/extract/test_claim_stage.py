"""The claims stage on small texts: one golden case per way articles state a military quantity.

Each text runs through the real entity, quotes and claims stages (the bundled knowledge base
and LAC), as in production. Every case runs twice: on the Simplified text as written and on
its Traditional conversion, which must give the same claims; offsets must point at the
claim's words in the text that was read.
"""

from __future__ import annotations

import opencc
import pytest

from armswatch.document import Document
from armswatch.extract.pipeline import Pipeline
from armswatch.normalize.script import fold

LUKASHENKO = "kb:person/alexander-lukashenko"
_S2T = opencc.OpenCC("s2t")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_names(["entities", "quotes", "claims"])


@pytest.fixture(params=["simplified", "traditional"])
def script(request) -> str:
    return request.param


def read(pipeline: Pipeline, script: str, text: str) -> tuple[Document, list[dict]]:
    text = _S2T.convert(text) if script == "traditional" else text
    doc = pipeline(Document(source_path="t", text=text))
    ids = {e["id"] for e in doc.entities}
    for c in doc.claims:
        assert doc.text[c["start"] : c["end"]] == c["text"]
        assert set(c["about"]) <= ids
    return doc, doc.claims


def values(claims: list[dict]) -> list[tuple]:
    return [(c["value"], c["value_max"], c["unit"]) for c in claims]


def only(claims: list[dict]) -> dict:
    assert len(claims) == 1, claims
    return claims[0]


# (text, [(value, value_max, unit), ...], the first claim's text)
CASES = {
    # classifiers and counted nouns
    "warheads": ("据估计，俄罗斯拥有约2000枚战术核武器。", [(2000, None, "warheads")], "约2000枚战术核武器"),
    "missiles and drones": ("周一的袭击包括84枚巡航导弹和24架无人机。",
                            [(84, None, "missiles"), (24, None, "drones")], "84枚巡航导弹"),
    "aircraft": ("台湾国防部表示，共有22架战斗机进入防空识别区。", [(22, None, "aircraft")], "22架战斗机"),
    "launchers": ("美国将向台湾出售11部海马斯发射车。", [(11, None, "launchers")], "11部海马斯发射车"),
    "divisions": ("白俄罗斯境内部署了两个导弹师。", [(2, None, "divisions")], "两个导弹师"),
    "ships are other": ("中国海军拥有大约350艘舰艇。", [(350, None, "other")], "大约350艘舰艇"),
    "the last noun of a phrase": ("第二笔军售包括11个海马斯多管火箭系统(HIMARS)M142发射器。",
                                  [(11, None, "launchers")], "11个海马斯多管火箭系统(HIMARS)M142发射器"),
    # ranges
    "range 两三千": ("该国可能拥有两三千枚核弹头。", [(2000, 3000, "warheads")], "两三千枚核弹头"),
    "range 至": ("专家估计其库存为1500至2000枚导弹。", [(1500, 2000, "missiles")], "1500至2000枚导弹"),
    "range with a hyphen": ("报告称该国拥有1500-2000枚导弹。", [(1500, 2000, "missiles")], "1500-2000枚导弹"),
    "range 到": ("报告称该国拥有1500到2000枚弹道导弹。", [(1500, 2000, "missiles")], "1500到2000枚弹道导弹"),
    "range 或": ("新导弹可携带3或4个弹头。", [(3, 4, "warheads")], "3或4个弹头"),
    "range in 万": ("朝鲜将派出30至50万名士兵。", [(300000, 500000, "people")], "30至50万名士兵"),
    # how numbers are written
    "Chinese numerals": ("条约规定双方部署的战略核弹头不得超过一千五百五十枚。", [(1550, None, "warheads")],
                         "超过一千五百五十枚"),
    "grouped digits": ("新条约将已部署的核弹头限制在1,550枚。", [(1550, None, "warheads")], "1,550枚"),
    "decimal 万": ("该国在边境部署了3.5万名士兵。", [(35000, None, "people")], "3.5万名士兵"),
    "百 alone": ("中国需要至少百枚洲际弹道导弹。", [(100, None, "missiles")], "至少百枚洲际弹道导弹"),
    "one missile": ("朝鲜周五宣布发射了一枚新型短程弹道导弹。", [(1, None, "missiles")], "一枚新型短程弹道导弹"),
    # a number without classifier
    "a count word before": ("部署的核弹头上限为1550。", [(1550, None, "warheads")], "1550"),
    "from … to … is a change": ("已部署弹头数量从1550增加到约3500。",
                                [(1550, None, "warheads"), (3500, None, "warheads")], "1550"),
    # vague numbers and approximations
    "数十": ("俄罗斯向乌克兰发射了数十架无人机。", [(10, None, "drones")], "数十架无人机"),
    "数千": ("伊朗帮助俄罗斯建厂，可以制造数千架无人机。", [(1000, None, "drones")], "数千架无人机"),
    "上百": ("朝鲜拥有上百枚弹道导弹。", [(100, None, "missiles")], "上百枚弹道导弹"),
    "逾": ("战争已造成逾10万人死亡。", [(100000, None, "people")], "逾10万人"),
    "超过": ("超过50个国家的代表出席了会议。", [(50, None, "countries")], "超过50个国家"),
    "多 and 余": ("报告说中国有130多艘大型水面战斗舰艇，发射的导弹有二十余枚。",
                 [(130, None, "other"), (20, None, "missiles")], "130多艘大型水面战斗舰艇"),
    # measures
    "percent": ("两国的核弹头总量占全球约85%。", [(85, None, "percent")], "约85%"),
    "百分之": ("美俄合计掌控全球百分之九十的核武库。", [(90, None, "percent")], "百分之九十"),
    "fraction": ("冷战期间，大约三分之二的中程核导弹部署在白俄罗斯。", [(200 / 3, None, "percent")],
                 "大约三分之二"),
    "九成": ("美俄两国拥有全球九成的核武器。", [(90, None, "percent")], "九成"),
    "km": ("伊斯坎德尔-M导弹的射程可达500公里。", [(500, None, "km")], "达500公里"),
    "千米": ("该导弹射程为1500千米。", [(1500, None, "km")], "1500千米"),
    "miles are other": ("这种导弹的最大射程约为550英里。", [(550, None, "other")], "约为550英里"),
    "areas are other": ("乌军控制了库尔斯克地区大约1300平方公里。", [(1300, None, "other")], "大约1300平方公里"),
    "a warhead's weight": ("朝中社说，新导弹的弹头重量为2.5吨。", [(2.5, None, "other")], "2.5吨"),
    # people and countries
    "casualties": ("周一的袭击造成至少19人死亡。", [(19, None, "people")], "至少19人"),
    "countries": ("近50个国家的国防部长出席了会议。", [(50, None, "countries")], "近50个国家"),
    "members of a council": ("制裁委员会由安理会15个成员国的外交官组成。", [(15, None, "countries")], "15个成员国"),
    # the noun of an earlier number
    "a classifier without noun": ("中国的核弹头从320枚增加到350枚。俄罗斯拥有6255枚，美国有5550枚。",
                                  [(320, None, "warheads"), (350, None, "warheads"), (6255, None, "warheads"),
                                   (5550, None, "warheads")], "320枚"),
    "coordinated numbers": ("美国与俄罗斯分别有5800枚及6370枚核弹头。",
                            [(5800, None, "warheads"), (6370, None, "warheads")], "5800枚"),
    "each number once": ("俄罗斯拥有2000枚战术核武器。专家说，这2000枚战术核武器中有一些很小。",
                         [(2000, None, "warheads")], "2000枚战术核武器"),
}

NOT_CLAIMS = {
    "dates": "2023年3月，普京宣布将在白俄罗斯部署核武器。",
    "ages": "卢卡申科今年70岁，他说白俄罗斯不会使用核武器。",
    "money": "美国将向乌克兰提供10亿美元的军事援助，总值约18.113亿美元。",
    "money ranges": "这批导弹价值10亿至20亿美元。",
    "durations": "该条约有效期为10年，双方同意将其延长五年。",
    "designations": "中国展示了东风-41洲际弹道导弹，台湾则装备了F-16战斗机，俄罗斯部署了9M729导弹。",
    "ordinals": "这是该小组自4月成立以来的第六次会议，也是第2轮谈判。",
    "multiples": "中国核武储备预计在今后十年至少会增加一倍，甚至三倍。",
    "names with numbers": "七国集团和二十国集团领导人发表声明。",
    "both countries": "美俄两国同意将条约延长。",
    "a determiner": "最后一枚洲际弹道导弹于1996年11月从白俄罗斯撤出。",
    "a speed": "航母以每小时35公里的速度航行。",
    "great powers": "世界上两个超级大国之间的关系正在恶化。",
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_claims(pipeline, script, case):
    text, expected, first_text = CASES[case]
    _, claims = read(pipeline, script, text)
    got = values(claims)
    assert len(got) == len(expected), claims
    for (value, value_max, unit), (want, want_max, want_unit) in zip(got, expected, strict=True):
        assert value == pytest.approx(want) and unit == want_unit
        assert value_max == (pytest.approx(want_max) if want_max is not None else None)
    assert fold(claims[0]["text"]) == fold(first_text)


@pytest.mark.parametrize("case", list(NOT_CLAIMS), ids=list(NOT_CLAIMS))
def test_not_claims(pipeline, script, case):
    _, claims = read(pipeline, script, NOT_CLAIMS[case])
    assert claims == []


def test_about_names_the_weapon_and_its_holder(pipeline, script):
    doc, claims = read(pipeline, script, "据估计，俄罗斯拥有约2000枚战术核武器。")
    names = {e["id"]: e["name"] for e in doc.entities}
    assert [names[i] for i in only(claims)["about"]] == ["战术核武器", "俄罗斯"]


def test_about_is_empty_when_nothing_fits(pipeline, script):
    _, claims = read(pipeline, script, "周一的袭击造成至少19人死亡。")
    assert only(claims)["about"] == []


def test_a_claim_inside_a_quote_has_its_speaker(pipeline, script):
    _, claims = read(pipeline, script, "卢卡申科说：“我们获得了大量弹药，尤其是20枚导弹。”")
    c = only(claims)
    assert c["speaker"] == LUKASHENKO
    assert fold(c["speaker_name"]) == fold("卢卡申科")


def test_a_claim_in_a_reported_statement_has_its_cited_source(pipeline, script):
    text = "据俄新社报道，卢卡申科表示，白俄罗斯已经从俄罗斯接收了10枚伊斯坎德尔导弹。"
    _, claims = read(pipeline, script, text)
    c = only(claims)
    assert (c["value"], c["unit"]) == (10, "missiles")
    assert c["speaker"] == LUKASHENKO
    assert fold(c["cited_source"]) == fold("俄新社")


def test_a_claim_outside_quotes_has_no_speaker(pipeline, script):
    _, claims = read(pipeline, script, "周一的袭击包括84枚巡航导弹。")
    c = only(claims)
    assert c["speaker"] is None and c["speaker_name"] is None and c["cited_source"] is None
