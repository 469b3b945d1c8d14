import pytest

from armswatch.normalize import outlets
from armswatch.normalize.lang import detect_lang


@pytest.mark.parametrize(
    ("name", "url", "want"),
    [
        ("(臺)中央社CNA", None, "中央社"),
        ("法广", None, "RFI 法广"),
        ("美國之音", None, "美国之音"),
        (None, "https://www.rfi.fr/cn/x", "RFI 法广"),
        (None, "https://hk.aboluowang.com/2022/1013/1815244.html", "阿波罗新闻网"),
        (None, "https://unknown-site.example.org/a", "unknown-site.example.org"),
        ("某某日报", None, "某某日报"),
        (None, None, None),
    ],
)
def test_resolve(name, url, want):
    assert outlets.resolve(name, url) == want


def test_title_suffix_of_the_feed_is_dropped():
    assert outlets.strip_title_suffix("疫情冲击经济 – 法国国际广播电台 - RFI") == "疫情冲击经济"
    assert outlets.strip_title_suffix("法国国际广播电台") == "法国国际广播电台"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("白俄罗斯总统卢卡申科表示，白俄罗斯从俄罗斯获得了伊斯坎德尔导弹。", "zh-Hans"),
        ("白俄羅斯總統盧卡申科表示，白俄羅斯從俄羅斯獲得了伊斯坎德爾導彈。", "zh-Hant"),
        ("Belarus says it has received Iskander missiles from Russia, its president said on Friday.", "en"),
        ("北朝鮮がミサイルを発射したと防衛省が発表した。", "other"),
        ("", "other"),
    ],
)
def test_detect_lang(text, want):
    assert detect_lang(text) == want
