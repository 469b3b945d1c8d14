import pytest

from armswatch.kb.loader import KBError, alias_key, boilerplate, build_outlets, outlets


def test_bundled_data_loads():
    table = outlets()
    assert table.by_alias[alias_key("法國國際廣播電台")].name == "RFI 法广"
    assert table.by_domain["voachinese.com"].name == "美国之音"
    assert boilerplate().cut_rest and boilerplate().drop_line


def test_alias_key_ignores_script_case_spaces_and_brackets():
    assert alias_key("(臺)中央社 CNA") == alias_key("（台）中央社cna") == "台中央社cna"


def test_an_alias_claimed_by_two_outlets_is_reported():
    rows = [{"name": "甲报", "aliases": ["Jia"]}, {"name": "乙报", "aliases": ["JIA"]}]
    with pytest.raises(KBError, match="'JIA' is claimed by '甲报' and '乙报'"):
        build_outlets(rows)


def test_a_domain_claimed_twice_and_a_nameless_entry_are_reported():
    with pytest.raises(KBError, match="domain 'a.org'"):
        build_outlets([{"name": "甲", "domains": ["a.org"]}, {"name": "乙", "domains": ["A.org"]}])
    with pytest.raises(KBError, match="entry 2: needs a name"):
        build_outlets([{"name": "甲"}, {"aliases": ["x"]}])
