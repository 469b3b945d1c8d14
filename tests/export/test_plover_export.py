"""The PLOVER export: every stored event once, coded by the mapping, with our own fields kept."""

from __future__ import annotations

import io
import json

from export_cases import BELARUS, CHINA, LUKASHENKO, MINSK, NATO, PUTIN, RUSSIA, SENTENCES

from armswatch.export.plover import write_plover
from armswatch.export.records import iter_documents
from armswatch.kb.entities import knowledge_base
from armswatch.kb.plover import plover_mapping
from armswatch.store import open_store


def export(db: str) -> tuple[list[dict], dict[str, int]]:
    sink = io.StringIO()
    with open_store(db) as store:
        counts = write_plover(store, sink)
    return [json.loads(line) for line in sink.getvalue().splitlines()], counts


def test_every_stored_event_is_coded_once_and_keeps_its_own_fields(any_db: str):
    records, counts = export(any_db)
    with open_store(any_db) as store:
        events = [(doc, n, ev) for doc in iter_documents(store) for n, ev in enumerate(doc.events)]
    assert counts == {"events": len(events)} and len(records) == len(events)
    mapping = plover_mapping()
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records)
    for doc, n, ev in events:
        record = by_id[f"{doc.doc_id}:{n}"]
        assert record["event_type"] in mapping.event_types
        assert record["mode"] is None or record["mode"] in mapping.modes[record["event_type"]]
        ours = record["armswatch"]
        assert (ours["type"], ours["subtype"], ours["status"], ours["date"]) == (
            ev["type"], ev["subtype"], ev["status"], ev["date"])
        assert record["event_text"] == (ev["evidence"] or {}).get("text")
        assert (record["story_id"], record["pub_date"], record["cite_info"]["publication"]) == (
            doc.doc_id, doc.published, doc.outlet)
        # Every argument is somewhere: actors and recipients as PLOVER actors, the rest under "armswatch".
        parties = {a["identifier_id"] for a in record["actor"] + record["recipient"]}
        assert parties == set(ev["actor"]) | set(ev["recipient"])
        assert [w["id"] for w in ours["weapon"]] == list(dict.fromkeys(ev["weapon"]))
        expected_date = ev["date"] or (doc.published or "")[:10] or None
        assert record["event_date"] == expected_date


def coded(db: str) -> dict[str, dict]:
    """The hand-built main article's PLOVER records, by the sentence each one's evidence is."""
    records, _ = export(db)
    return {name: r for name, sentence in SENTENCES.items() for r in records
            if r["event_text"] == sentence.rstrip("。") and r["cite_info"]["title"] == "手写的测试文章"}


def test_the_mapping_rules_apply_to_the_cases_that_need_them(hand_db: str):
    got = coded(hand_db)

    def code(name: str) -> tuple:
        return got[name]["event_type"], got[name]["mode"], got[name]["context"]

    assert code("transfer") == ("AID", "military", ["military"])
    assert code("pledge") == ("AGREE", None, ["military", "future"])  # a promise to give is AGREE
    assert code("joint") == ("COOPERATE", None, ["military", "future"])  # two parties: a joint exercise
    assert code("alone") == ("MOBILIZE", "troops", ["military"])
    assert code("deploy") == ("MOBILIZE", "weapons", ["military", "future"])  # weapons named: the weapons mode
    assert code("meeting") == ("CONSULT", None, ["diplomatic"])
    assert code("withdraw") == ("SANCTION", "withdraw", ["legal"])
    assert code("sign") == ("AGREE", None, ["legal", "future"])  # a promise to sign
    assert code("disarm") == ("CONCEDE", None, ["military", "future"])  # a promise to disarm is a verbal concession
    assert code("denied") == ("ASSAULT", None, ["military", "negation"])
    assert code("unsent") == ("AID", "military", ["military", "future"])
    # A meeting's participants are all actors; elsewhere the recipient stays one.
    assert [a["identifier_id"] for a in got["meeting"]["actor"]] == [PUTIN, LUKASHENKO]
    assert got["meeting"]["recipient"] == []
    assert [a["identifier_id"] for a in got["transfer"]["recipient"]] == [BELARUS]
    assert [a["identifier_id"] for a in got["joint"]["actor"]] == [CHINA, BELARUS]


def test_actors_carry_codes_from_the_knowledge_base_and_the_words_of_the_evidence(hand_db: str):
    got = coded(hand_db)
    kb = knowledge_base().entries
    [russia] = got["transfer"]["actor"]
    assert (russia["code"], russia["actor_text"], russia["identifier_text"], russia["entity_type"]) == (
        kb[RUSSIA].attrs["iso3"], "俄罗斯", "俄罗斯", "STATE")
    # A person is coded by the state of their nationality; an alliance by its non-state code.
    putin = got["meeting"]["actor"][0]
    assert putin["code"] == kb[kb[PUTIN].attrs["nationality"]].attrs["iso3"]
    [nato] = got["denied"]["actor"]
    assert (nato["code"], nato["actor_text"]) == (plover_mapping().org_codes[kb[NATO].attrs["kind"]], "北约")
    # An entity the knowledge base does not hold has no code, only its id and name.
    [patriot] = got["pledge"]["armswatch"]["weapon"]
    assert patriot == {"id": "new:weapon/patriot", "name": "爱国者"}
    place = got["deploy"]["event_loc"]
    assert (place["identifier_id"], place["cc3"]) == (MINSK, kb[kb[MINSK].attrs["country"]].attrs["iso3"])
    assert got["transfer"]["cite_info"]["language"] == "zh"
    assert (got["transfer"]["event_date"], got["transfer"]["date_source"]) == ("2023-06", "event")
    assert (got["alone"]["event_date"], got["alone"]["date_source"]) == ("2024-03-01", "published")
