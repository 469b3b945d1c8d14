"""The PLOVER mapping file: every event type and subtype coded, only PLOVER's own words used, documented as is."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from armswatch.document import EVENT_TYPES
from armswatch.kb.loader import KBError, load_yaml
from armswatch.kb.plover import SOURCE, build_plover, declared_subtypes, plover_mapping

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


@pytest.fixture
def data() -> dict:
    """A fresh copy of the bundled file's data, to break."""
    return copy.deepcopy(load_yaml(SOURCE))


def test_the_bundled_mapping_codes_every_type_and_subtype():
    mapping = plover_mapping()
    assert tuple(mapping.types) == EVENT_TYPES
    for name, subtypes in declared_subtypes().items():
        assert set(mapping.types[name].subtypes) == subtypes
    categories = set(mapping.event_types)
    assert len(categories) == 16
    for entry in mapping.types.values():
        for code in (entry.code, entry.joint, *entry.subtypes.values()):
            if code is not None:
                assert code.event_type in categories and code.why
                assert code.mode is None or code.mode in mapping.modes[code.event_type]
    assert set(mapping.promises.values()) <= categories


def test_a_file_missing_a_type_is_rejected(data: dict):
    del data["types"]["DISARM"]
    with pytest.raises(KBError, match="types.DISARM: missing; every event type of the record needs a PLOVER mapping"):
        build_plover(data)


def test_a_file_missing_a_subtype_is_rejected(data: dict):
    del data["types"]["TREATY_ACTION"]["subtypes"]["withdraw"]
    with pytest.raises(KBError, match="types.TREATY_ACTION.subtypes.withdraw: missing"):
        build_plover(data)


def test_every_problem_is_reported_at_once(data: dict):
    data["types"]["TRANSFER"]["event_type"] = "GIVE"
    data["types"]["DEPLOY"]["mode"] = "parade"
    data["types"]["STRIKE"]["context"] = ["war"]
    data["types"]["INVADE"] = {"event_type": "ASSAULT", "why": "x"}
    data["types"]["TEST"]["why"] = ""
    data["types"]["TREATY_ACTION"]["subtypes"]["renounce"] = {"event_type": "REJECT", "why": "x"}
    data["promises"]["AID"] = "THANK"
    with pytest.raises(KBError) as raised:
        build_plover(data)
    message = str(raised.value)
    for problem in ("types.TRANSFER.event_type: 'GIVE' is not a PLOVER category",
                    "types.DEPLOY.mode: 'parade' is not a mode of MOBILIZE",
                    "types.STRIKE.context: 'war' is not one of contexts",
                    "types.INVADE: not an event type of the record",
                    "types.TEST.why: give the reasoning",
                    "types.TREATY_ACTION.subtypes.renounce: events.yaml gives TREATY_ACTION no such subtype",
                    "promises.AID: 'THANK' is not a PLOVER category"):
        assert problem in message


def test_statuses_must_all_have_a_context_entry(data: dict):
    del data["status_context"]["denied"]
    with pytest.raises(KBError, match="status_context: must give exactly the statuses"):
        build_plover(data)


def test_the_documented_table_says_what_the_file_says():
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("<!-- plover-table: start -->"):text.index("<!-- plover-table: end -->")]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| type", "| ---"))]
    documented = {(kind, subtype): (category, None if mode == "—" else mode, context)
                  for kind, subtype, category, mode, context, _why in rows}
    mapping = plover_mapping()
    expected = {}
    for name, entry in mapping.types.items():
        context = ", ".join(entry.context)
        expected[(name, "—")] = (entry.code.event_type, entry.code.mode, context)
        if entry.joint is not None:
            expected[(name, "(joint)")] = (entry.joint.event_type, entry.joint.mode, context)
        for subtype, code in entry.subtypes.items():
            expected[(name, subtype)] = (code.event_type, code.mode, context)
    assert documented == expected
