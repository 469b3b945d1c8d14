from armswatch.normalize.markdown import markdown_to_text


def test_wiki_links_leave_the_words_around_them_unchanged():
    assert markdown_to_text("维克托·赫[[zh:列宁]]（Viktor Khrenin）") == "维克托·赫列宁（Viktor Khrenin）"
    assert markdown_to_text("[[zh:总参]]谋长") == "总参谋长"
    assert markdown_to_text("[[zh:白俄罗斯总统]][[zh:亚历山大·卢卡申科]]") == "白俄罗斯总统亚历山大·卢卡申科"


def test_wiki_link_with_display_text_keeps_the_display_text():
    assert markdown_to_text("[[zh:俄罗斯联邦|俄罗斯]]军队") == "俄罗斯军队"


def test_images_go_links_keep_their_text_and_bare_address_links_go():
    md = "前文![](ipfs://Qm123?.png)后文\n见[战区报道](https://www.twz.com/x \"t\")。\n[https://a.b/c](https://a.b/c)"
    assert markdown_to_text(md) == "前文后文\n见战区报道。"


def test_escapes_emphasis_headings_and_rules():
    md = "## 标题\n---\n**俄方**称伊斯坎德尔\\-M和*S-400*已部署\n> 引文\n- 条目"
    assert markdown_to_text(md) == "标题\n俄方称伊斯坎德尔-M和S-400已部署\n引文\n条目"


def test_blank_lines_collapse_to_one_paragraph_break():
    assert markdown_to_text("第一段。\n\n\n  \n第二段。") == "第一段。\n第二段。"
