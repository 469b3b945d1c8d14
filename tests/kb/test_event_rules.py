"""kb/data/events.yaml loads into rules the events stage can trust, and a bad edit is named clearly."""

from __future__ import annotations

import pytest
import yaml

from armswatch.kb import event_rules as er
from armswatch.kb.loader import KBError


def test_shipped_rules_cover_every_type_and_script():
    rules = er.event_rules()
    assert set(rules.types) == set(er.EVENT_TYPES)
    words = rules.trigger_words()
    assert "部署" in words and words["部署"][0].name == "DEPLOY"
    # Words are folded once at load: a Traditional form in the file is matched as Simplified.
    assert all(w == w.lower() for w in words)
    assert rules.types["TREATY_ACTION"].triggers["退出"] == "withdraw"
    assert rules.types["STRIKE"].default_status["入侵"] == "ongoing"
    assert "否则" in rules.types["THREAT"].conditional_after
    assert [s for s, _ in rules.status_cues] == list(er.STATUSES)


def _load(tmp_path, monkeypatch, data: dict) -> er.EventRules:
    (tmp_path / "events.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr("armswatch.kb.loader.data_dir", lambda: tmp_path)
    er.event_rules.cache_clear()
    try:
        return er.event_rules()
    finally:
        er.event_rules.cache_clear()


def _minimal(**deploy) -> dict:
    return {"types": {"DEPLOY": {"triggers": ["部署"], **deploy}},
            "type_roles": {"DEPLOY": ["actor", "weapon", "location"]},
            "roles": {"actor": ["STATE"], "weapon": ["WEAPON"], "location": ["PLACE"]},
            "markers": {"location": ["在"]}, "status": {"planned": ["将"]}}


def test_a_minimal_file_loads(tmp_path, monkeypatch):
    rules = _load(tmp_path, monkeypatch, _minimal(default_status="planned"))
    deploy = rules.types["DEPLOY"]
    assert deploy.roles == ("actor", "weapon", "location")
    assert deploy.default_status == {"部署": "planned"}
    assert deploy.min_arguments == 2
    assert deploy.needs_after == {} and deploy.undated_status is None


def test_needs_after_and_undated_status_load_folded(tmp_path, monkeypatch):
    rules = _load(tmp_path, monkeypatch, _minimal(needs_after={"部署": ["軍隊"]}, undated_status="ongoing"))
    assert rules.types["DEPLOY"].needs_after == {"部署": ("军队",)}
    assert rules.types["DEPLOY"].undated_status == "ongoing"


@pytest.mark.parametrize(("data", "message"), [
    ({**_minimal(), "types": {"LAUNCH": {"triggers": ["发射"]}}}, "unknown event types"),
    (_minimal(reverse=["获得"]), "not its triggers"),
    (_minimal(default_status={"部署": "maybe"}), "default_status"),
    (_minimal(min_arguments=-1), "min_arguments"),
    ({**_minimal(), "type_roles": {"DEPLOY": ["who"]}}, "type_roles.DEPLOY"),
    ({**_minimal(), "types": {"DEPLOY": {"triggers": []}}}, "no trigger words"),
    (_minimal(needs_after={"驻扎": ["军队"]}), "needs_after lists words that are not its triggers"),
    (_minimal(needs_after=["军队"]), "needs_after must map"),
    (_minimal(undated_status="done"), "undated_status"),
])
def test_a_bad_edit_names_the_file_and_the_key(tmp_path, monkeypatch, data, message):
    with pytest.raises(KBError, match=message) as err:
        _load(tmp_path, monkeypatch, data)
    assert "events.yaml" in str(err.value)
