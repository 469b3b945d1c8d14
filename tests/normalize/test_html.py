from armswatch.normalize.html import html_to_text


def test_blocks_become_paragraphs_and_inline_stays_inline():
    html = "<div><p>美国<strong>国防部</strong>说，</p><p>导弹已&nbsp;部署。<br>第二行</p></div>"
    assert html_to_text(html) == "美国国防部说，\n导弹已 部署。\n第二行"


def test_scripts_images_and_chrome_are_dropped_captions_kept():
    html = (
        '<img src="x.jpg" alt="alt text"><figure><figcaption>图片说明</figcaption></figure>'
        "<script>var x = 1;</script><style>p{}</style>"
        '<div class="m-share"><a href="#">Twitter</a></div><div class="adslot_pcBox">广告位</div>'
        '<div class="moreArticle"><a>相关文章标题</a></div><div data-selfpromo-app>下载应用</div>'
        "<p>正文。</p>"
    )
    assert html_to_text(html) == "图片说明\n正文。"


def test_comments_are_dropped_but_their_tail_text_kept():
    assert html_to_text("<p>甲<!-- note -->乙</p>") == "甲乙"


def test_broken_and_empty_html():
    assert html_to_text("") == ""
    assert html_to_text("<p>未闭合的段落<div>另一段") == "未闭合的段落\n另一段"
