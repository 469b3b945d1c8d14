from armswatch.normalize.dedup import (
    MemoryDedupIndex,
    find_near_duplicate,
    from_bytes,
    shingle_hashes,
    signature,
    similarity,
    to_bytes,
)

SIMPLIFIED = ("白俄罗斯总统卢卡申科在参观明斯克地区一家汽车厂时表示，白俄罗斯从俄罗斯获得了伊斯坎德尔战术核导弹。"
              "他说，使用这些武器需要严格遵守协议并得到高级官员的批准。俄罗斯去年在白俄罗斯部署了战术核武器。")
TRADITIONAL = ("白俄羅斯總統盧卡申科在參觀明斯克地區一家汽車廠時表示，白俄羅斯從俄羅斯獲得了伊斯坎德爾戰術核導彈。"
               "他說，使用這些武器需要嚴格遵守協議並得到高級官員的批准。俄羅斯去年在白俄羅斯部署了戰術核武器。")
OTHER = "美国国防部说，朝鲜周四向东部海域发射了两枚短程弹道导弹，这是朝鲜今年第三次进行导弹试射。韩国军方正在分析。"


def test_the_same_text_in_the_other_script_has_the_same_signature():
    assert similarity(signature(SIMPLIFIED), signature(TRADITIONAL)) == 1.0


def test_a_repost_with_boilerplate_is_near_and_another_story_is_far():
    repost = "转载自某网站\n" + SIMPLIFIED + "\n责任编辑：某人"
    assert similarity(signature(SIMPLIFIED), signature(repost)) >= 0.7
    assert similarity(signature(SIMPLIFIED), signature(OTHER)) < 0.2


def test_short_and_empty_texts():
    assert len(shingle_hashes("")) == 0
    assert len(shingle_hashes("核")) == 1
    assert similarity(signature(""), signature("")) == 1.0


def test_memory_index_finds_the_earlier_near_duplicate():
    index = MemoryDedupIndex()
    first = signature(SIMPLIFIED)
    assert find_near_duplicate(index, "a", first) is None
    index.add("a", first)
    index.add("b", signature(OTHER))
    assert find_near_duplicate(index, "c", signature(TRADITIONAL)) == "a"
    assert find_near_duplicate(index, "a", first) is None  # never its own duplicate
    assert (from_bytes(to_bytes(first)) == first).all()
