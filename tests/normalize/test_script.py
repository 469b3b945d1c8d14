"""Names in the other script, for pages that show an entity's every name."""

from __future__ import annotations

from armswatch.normalize.script import fold, in_both_scripts


def test_each_chinese_name_gets_its_form_in_the_other_script_once():
    names = ["卢卡申科", "Lukashenko", "亚历山大·卢卡申科", "北韓", "伊斯坎德尔-M"]
    assert in_both_scripts(names) == ["盧卡申科", "亞歷山大·盧卡申科", "北韩", "伊斯坎德爾-M"]


def test_a_form_already_listed_is_not_repeated():
    assert in_both_scripts(["卢卡申科", "盧卡申科"]) == []
    assert in_both_scripts(["Iskander", "NATO"]) == []


def test_every_form_folds_to_the_name_it_came_from():
    for name, other in zip(["卢卡申科", "北韓"], in_both_scripts(["卢卡申科", "北韓"]), strict=True):
        assert fold(other) == fold(name)
