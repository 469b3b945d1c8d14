from armswatch.normalize.text import clean_body, clean_title


def test_footer_cut_and_date_lines_dropped():
    body = "18/08/2023 - 11:59\n正文第一段。\n2021-07-05 10:34:45\n正文第二段。\n获取更多RSS：\nhttps://feedx.net"
    assert clean_body(body, "text") == "正文第一段。\n正文第二段。"


def test_credit_lines_are_article_text():
    assert clean_body("正文。\n编译:安朋朋\n上传排版：漂流瓶", "text") == "正文。\n编译:安朋朋\n上传排版：漂流瓶"


def test_invisible_characters_and_wide_spaces():
    assert clean_body("\u3000\u3000正文\u200b一段。\x07\n\n", "text") == "正文一段。"


def test_titles_lose_markup():
    assert clean_title("白俄罗斯获得[[zh:伊斯坎德尔]]", "markdown") == "白俄罗斯获得伊斯坎德尔"
    assert clean_title("A &amp; B <b>标题</b>", "html") == "A & B 标题"
    assert clean_title("  ", "text") is None
