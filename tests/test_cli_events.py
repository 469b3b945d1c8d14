"""`armswatch events`, `transfers` and `claims` as a user runs them: a real store file, real exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.document import Document
from armswatch.store import open_store

runner = CliRunner()

RUSSIA, BELARUS, USA, UKRAINE = (f"kb:state/{s}" for s in ("russia", "belarus", "united-states", "ukraine"))
LUKASHENKO, PUTIN = "kb:person/alexander-lukashenko", "kb:person/vladimir-putin"
ISKANDER, PATRIOT, TNW = "kb:weapon/iskander", "new:weapon/patriot", "kb:weapon_class/tactical-nuclear-weapon"
MINSK = "kb:place/minsk"
NAMES = {RUSSIA: "俄罗斯", BELARUS: "白俄罗斯", USA: "美国", UKRAINE: "乌克兰", LUKASHENKO: "亚历山大·卢卡申科",
         PUTIN: "弗拉基米尔·普京", ISKANDER: "伊斯坎德尔", PATRIOT: "爱国者", TNW: "战术核武器", MINSK: "明斯克"}

RFI = ("卢卡申科周五说，俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹。首批战术核武器已于本月运抵明斯克。"
       "俄罗斯部署的战术核武器约有2000枚。")
VOA = ("據報道，俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位。"
       "美國科學家聯合會估計俄羅斯擁有約1000至1500枚戰術核武器。")
# The transfer's evidence is long: the listing cuts it.
BBC = ("美国去年向乌克兰提供了爱国者防空系统，" + "并承诺继续提供弹药和训练" * 20
       + "。普京说俄罗斯拥有约2000枚战术核武器。爱国者的射程约160公里。")


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def span(body: str, text: str) -> dict:
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def entities(body: str, *ids_and_forms: tuple[str, str]) -> list[dict]:
    return [{"id": entity_id, "type": entity_id.split(":")[1].split("/")[0].upper(), "name": NAMES[entity_id],
             "name_en": None, "roles": [], "mentions": [span(body, form)]} for entity_id, form in ids_and_forms]


def event(body: str, type: str, evidence: str, date: str | None, status: str = "completed", **roles) -> dict:
    return {"type": type, "subtype": None, "status": status, "actor": [], "recipient": [], "weapon": [],
            "treaty": [], "location": [], **roles, "date": date, "evidence": span(body, evidence)}


def claim(body: str, text: str, value, unit: str, about: list[str], value_max=None, **more) -> dict:
    return {"value": value, "value_max": value_max, "unit": unit, "about": about, **span(body, text), **more}


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store holding three articles written by hand, with their events and claims."""
    path = str(tmp_path / "store.db")

    def doc(body: str, **fields) -> Document:
        return Document(source_path="hand.md", text=body, doc_id=hashlib.sha256(body.encode()).hexdigest(), **fields)

    evidence = BBC[: BBC.index("。")]
    with open_store(path) as store:
        store.put(doc(RFI, title="卢卡申科：核武器已运抵", published="2023-06-16T10:00:00+00:00", outlet="RFI 法广",
                      entities=entities(RFI, (LUKASHENKO, "卢卡申科"), (RUSSIA, "俄罗斯"), (BELARUS, "白俄罗斯"),
                                        (ISKANDER, "伊斯坎德尔"), (TNW, "战术核武器"), (MINSK, "明斯克")),
                      events=[event(RFI, "TRANSFER", "俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹", "2022", actor=[RUSSIA],
                                    recipient=[BELARUS], weapon=[ISKANDER]),
                              event(RFI, "DEPLOY", "首批战术核武器已于本月运抵明斯克", "2023-06", actor=[RUSSIA],
                                    weapon=[TNW], location=[MINSK])],
                      claims=[claim(RFI, "战术核武器约有2000枚", 2000, "warheads", [RUSSIA, TNW])]))
        store.put(doc(VOA, title="伊斯坎德爾已到位", published="2023-07-02", outlet="美国之音",
                      entities=entities(VOA, (RUSSIA, "俄羅斯"), (BELARUS, "白俄羅斯"), (ISKANDER, "伊斯坎德爾"),
                                        (TNW, "戰術核武器")),
                      events=[event(VOA, "TRANSFER", "俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位", None,
                                    actor=[RUSSIA], recipient=[BELARUS], weapon=[ISKANDER])],
                      claims=[claim(VOA, "約1000至1500枚戰術核武器", 1000, "warheads", [RUSSIA, TNW], value_max=1500,
                                    speaker=None, speaker_name=None, cited_source="美國科學家聯合會")]))
        store.put(doc(BBC, title="俄乌战争一周", published="2024-01-20T12:51:00+00:00", outlet="BBC中文",
                      entities=entities(BBC, (USA, "美国"), (UKRAINE, "乌克兰"), (PATRIOT, "爱国者"), (PUTIN, "普京"),
                                        (RUSSIA, "俄罗斯"), (TNW, "战术核武器")),
                      events=[event(BBC, "TRANSFER", evidence, "2023", status="pledged", actor=[USA],
                                    recipient=[UKRAINE], weapon=[PATRIOT])],
                      claims=[claim(BBC, "俄罗斯拥有约2000枚战术核武器", 2000, "warheads", [RUSSIA, TNW], speaker=PUTIN,
                                    speaker_name="普京", cited_source=None),
                              claim(BBC, "射程约160公里", 160, "km", [PATRIOT])]))
    return path


# -- events ---------------------------------------------------------------------------------------------------

def test_events_print_a_timeline_earliest_first(db):
    shown = run("events", "--db", db)
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    rfi = hashlib.sha256(RFI.encode()).hexdigest()[:12]
    assert lines[:4] == ["2022  TRANSFER  completed  俄罗斯 → 白俄罗斯  weapon 伊斯坎德尔",
                         "  俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹",
                         f"  卢卡申科：核武器已运抵 · RFI 法广 · 2023-06-16 · {rfi}",
                         ""]
    firsts = [line for line in lines if line and not line.startswith(" ")]
    assert firsts == [
        "2022  TRANSFER  completed  俄罗斯 → 白俄罗斯  weapon 伊斯坎德尔",
        "2023  TRANSFER  pledged  美国 → 乌克兰  weapon 爱国者",
        "2023-06  DEPLOY  completed  俄罗斯  weapon 战术核武器  at 明斯克",
        "2023-07-02 (article date)  TRANSFER  completed  俄罗斯 → 白俄罗斯  weapon 伊斯坎德尔",
    ]
    long_evidence = lines[lines.index(firsts[1]) + 1]
    assert long_evidence.startswith("  美国去年向乌克兰提供了爱国者防空系统") and long_evidence.endswith("…")
    assert len(long_evidence) < 170
    assert "4 events" in shown.stderr

    limited = run("events", "--db", db, "--limit", "1")
    assert limited.stdout.startswith("2022  TRANSFER") and "pledged" not in limited.stdout
    assert "1 event (more with a higher --limit)" in limited.stderr


def test_events_filters_take_names_in_any_script_and_partial_dates(db):
    def dates(*args: str) -> list[str | None]:
        result = run("events", "--db", db, "--json", *args)
        assert result.exit_code == 0, result.stderr
        return [hit["date"] for hit in json.loads(result.stdout)]

    assert dates("--type", "transfer") == ["2022", "2023", "2023-07-02"]
    assert dates("--actor", "俄羅斯") == ["2022", "2023-06", "2023-07-02"]
    assert dates("--weapon", "伊斯坎德爾", "--since", "2023") == ["2023-07-02"]
    assert dates("--since", "2023-05-01", "--until", "2023-12-31") == ["2023", "2023-06", "2023-07-02"]  # 2023 overlaps
    assert dates("--until", "2023-06") == ["2022", "2023", "2023-06"]
    [hit] = json.loads(run("events", "--db", db, "--json", "--type", "DEPLOY").stdout)
    assert (hit["type"], hit["date_source"], hit["outlet"], hit["actor"], hit["location"]) == (
        "DEPLOY", "event", "RFI 法广", [{"id": RUSSIA, "name": "俄罗斯", "name_en": None}],
        [{"id": MINSK, "name": "明斯克", "name_en": None}])
    year, voa = json.loads(run("events", "--db", db, "--json", "--since", "2023-07").stdout)
    assert (year["date"], year["outlet"]) == ("2023", "BBC中文")  # the whole of 2023 overlaps July
    assert (voa["date"], voa["date_source"], voa["published"]) == ("2023-07-02", "published", "2023-07-02")


def test_events_exit_codes(db, tmp_path):
    bad_type = run("events", "--db", db, "--type", "invasion")
    assert bad_type.exit_code == 2 and "unknown --type 'invasion'; one of: DEPLOY, TRANSFER" in bad_type.stderr
    for option in ("--since", "--until"):
        bad = run("events", "--db", db, option, "June 2023")
        assert bad.exit_code == 2 and f"{option} wants YYYY, YYYY-MM or YYYY-MM-DD" in bad.stderr
    unknown = run("events", "--db", db, "--actor", "普金")
    assert unknown.exit_code == 1 and "no entity named '普金' (--actor)" in unknown.stderr
    nothing = run("events", "--db", db, "--type", "STRIKE", "--actor", "俄罗斯")
    assert nothing.exit_code == 1 and "no events match --type 'STRIKE' --actor '俄罗斯'" in nothing.stderr
    empty = run("events", "--db", db, "--json", "--since", "2025")
    assert empty.exit_code == 1 and json.loads(empty.stdout) == []
    missing = run("events", "--db", str(tmp_path / "absent.db"))
    assert missing.exit_code == 2 and "no store" in missing.stderr


# -- transfers ------------------------------------------------------------------------------------------------

def test_transfers_group_supplier_recipient_weapon_with_the_articles(db):
    shown = run("transfers", "--db", db)
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    rfi, voa = (hashlib.sha256(body.encode()).hexdigest()[:12] for body in (RFI, VOA))
    assert lines[:7] == [
        "俄罗斯 → 白俄罗斯 · 伊斯坎德尔",
        "  2022 … 2023-07-02 · completed · 2 articles",
        f"  2022  completed  卢卡申科：核武器已运抵 · RFI 法广 · 2023-06-16 · {rfi}",
        "      俄罗斯去年向白俄罗斯交付了伊斯坎德尔导弹",
        f"  2023-07-02 (article date)  completed  伊斯坎德爾已到位 · 美国之音 · 2023-07-02 · {voa}",
        "      俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位",
        "",
    ]
    assert lines[7:9] == ["美国 → 乌克兰 · 爱国者", "  2023 · pledged · 1 article"]
    assert "2 supplier → recipient → weapon rows from 3 articles" in shown.stderr


def test_transfers_filters_and_json(db):
    [row] = json.loads(run("transfers", "--db", db, "--json", "--recipient", "白俄羅斯", "--since", "2023").stdout)
    assert (row["supplier"]["id"], row["recipient"]["id"], row["weapon"]["id"]) == (RUSSIA, BELARUS, ISKANDER)
    assert (row["dates"], row["statuses"]) == (["2023-07-02"], ["completed"])
    assert [(a["outlet"], a["evidence"]) for a in row["articles"]] == [
        ("美国之音", "俄羅斯向白俄羅斯交付的伊斯坎德爾導彈系統已經全部到位")]
    [row] = json.loads(run("transfers", "--db", db, "--json", "--weapon", "爱国者").stdout)
    assert row["supplier"]["name"] == "美国" and row["articles"][0]["title"] == "俄乌战争一周"


def test_transfers_exit_codes(db):
    unknown = run("transfers", "--db", db, "--supplier", "火星")
    assert unknown.exit_code == 1 and "no entity named '火星' (--supplier)" in unknown.stderr
    nothing = run("transfers", "--db", db, "--supplier", "乌克兰")
    assert nothing.exit_code == 1 and "no transfers match --supplier '乌克兰'" in nothing.stderr
    assert run("transfers", "--db", db, "--until", "2023/12").exit_code == 2


# -- claims ---------------------------------------------------------------------------------------------------

def test_claims_list_every_number_then_the_disagreements(db):
    shown = run("claims", "--db", db, "--about", "俄羅斯")
    assert shown.exit_code == 0, shown.stderr
    out = shown.stdout
    lines = out.splitlines()
    assert lines[0] == f"Claims about 俄罗斯 ({RUSSIA})"
    assert lines[2:5] == ["warheads · 俄罗斯, 战术核武器", "  1000–1500  source: 美國科學家聯合會",
                          "    約1000至1500枚戰術核武器"]
    assert "  2000  source: RFI 法广" in lines
    assert "  2000  弗拉基米尔·普京 (as 普京) · source: BBC中文" in lines
    marked = lines.index("DISAGREEMENTS (1): sources giving values that do not overlap")
    assert marked > lines.index("  2000  source: RFI 法广")  # after every number
    assert lines[marked + 1] == "warheads · 俄罗斯, 战术核武器"
    assert lines[marked + 2].startswith("  1000–1500  美國科學家聯合會 (伊斯坎德爾已到位, 2023-07-02, ")
    assert lines[marked + 3].startswith("  2000  RFI 法广 (卢卡申科：核武器已运抵, 2023-06-16, ")
    assert "; 弗拉基米尔·普京 · BBC中文 (俄乌战争一周, 2024-01-20, " in lines[marked + 3]
    assert "3 claims, 1 disagreement" in shown.stderr

    calm = run("claims", "--db", db, "--about", "爱国者")
    assert calm.exit_code == 0
    assert "  160  source: BBC中文" in calm.stdout.splitlines()
    assert "DISAGREEMENTS: none" in calm.stdout


def test_claims_json_and_unit(db):
    report = json.loads(run("claims", "--db", db, "--json", "--about", "战术核武器", "--unit", "warheads").stdout)
    assert [a["id"] for a in report["about"]] == [TNW]
    assert [(c["value"], c["value_max"], c["speaker"], c["source"]) for c in report["claims"]] == [
        (1000, 1500, None, "美國科學家聯合會"), (2000, None, None, "RFI 法广"), (2000, None, PUTIN, "BBC中文")]
    [found] = report["disagreements"]
    assert found["unit"] == "warheads" and [a["id"] for a in found["about"]] == [RUSSIA, TNW]
    assert [(p["value"], [v["source"] for v in p["given_by"]]) for p in found["positions"]] == [
        (1000, ["美國科學家聯合會"]), (2000, ["RFI 法广", "BBC中文"])]


def test_claims_exit_codes(db):
    unknown = run("claims", "--db", db, "--about", "火星")
    assert unknown.exit_code == 1 and "no entity named '火星' (--about)" in unknown.stderr
    none_in_unit = run("claims", "--db", db, "--about", "俄罗斯", "--unit", "km")
    assert none_in_unit.exit_code == 1 and "no claims about '俄罗斯' in unit 'km'" in none_in_unit.stderr
    empty = run("claims", "--db", db, "--json", "--about", "白俄罗斯")
    assert empty.exit_code == 1 and json.loads(empty.stdout)["claims"] == []
    assert run("claims", "--db", db).exit_code == 2  # --about is required
    bad_unit = run("claims", "--db", db, "--about", "俄罗斯", "--unit", "nukes")
    assert bad_unit.exit_code == 2 and "unknown --unit 'nukes'; one of: warheads" in bad_unit.stderr
