"""The web UI in a real headless Chromium (Debian's, see scripts/ensure-browser.sh), driven by Playwright.

An analyst's path through the pages over the sample articles: search in the other script, open the article,
follow an entity, its quotes, the timeline, the transfer graph. Each page's screenshot is kept under
tests/artifacts/ for a person to look at; the assertions check what the page shows.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.serving import EVIL, Server

from armswatch.store import open_store

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")

ARTIFACTS = Path(__file__).parents[1] / "artifacts"
# As the machine's own probe starts it: no sandbox as root, and no background connections, which this
# machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTICLE = "白俄罗斯称已接收伊斯坎德尔导弹系统"  # the GNews sample: Lukashenko says Iskanders arrived
LUKASHENKO = "kb:person/alexander-lukashenko"


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if os.environ.get("SKIP_BROWSER") == "1":
        pytest.skip("SKIP_BROWSER=1: no browser on this machine")
    executable = os.environ.get("ARMSWATCH_CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.skip("Debian's chromium is not installed: run scripts/ensure-browser.sh (make test does)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh page; a script error or an alert on any page fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield opened
    context.close()
    assert problems == []


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def nav(page, label: str) -> None:
    with page.expect_navigation():
        page.click(f"nav.sections >> text={label}")


def test_search_article_entity_quotes_timeline_graph(server: Server, page):
    page.goto(server.base + "/claims")
    page.keyboard.press("/")  # app.js: "/" jumps to the search box
    page.keyboard.type("白俄羅斯")  # traditional script; the article is in simplified
    with page.expect_navigation():
        page.keyboard.press("Enter")
    results = page.locator("ol.results a.title")
    assert ARTICLE in results.all_inner_texts()
    assert "白俄罗斯" in page.locator("ol.results mark").all_inner_texts()
    assert "白俄罗斯" in page.locator("section.facet a.ent-STATE").all_inner_texts()  # the entity facet
    shot(page, "1-search")

    with page.expect_navigation():
        results.filter(has_text=ARTICLE).click()
    assert page.locator("article.doc h1").inner_text() == ARTICLE
    body = page.locator("article.doc .body")
    mentions = body.locator(f'a.ent[href="/entities/{LUKASHENKO}"]')
    assert mentions.count() >= 2  # hovering a mention names the entity it was linked to
    assert mentions.first.get_attribute("title") == "亚历山大·卢卡申科 · Alexander Lukashenko (PERSON)"
    mentions.first.hover()  # every mention of the same entity is marked, and only those
    assert body.locator("a.ent.same").count() == mentions.count()
    quote = body.locator("span.quote").first
    assert "卢卡申科" in quote.get_attribute("title")  # a quotation names its speaker on hover
    assert body.locator(".ent-WEAPON, .ent-WEAPON_CLASS").count() >= 1
    page.click(".legend >> text=person")  # the legend switches person highlights off
    assert "hide-PERSON" in body.get_attribute("class")
    assert mentions.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator("aside.spans ol.events li").count() >= 1
    shot(page, "2-article")

    with page.expect_navigation():
        page.click(f'aside.spans ol.quotes a[href="/entities/{LUKASHENKO}"]')
    assert page.locator("section.entity h1").inner_text() == "亚历山大·卢卡申科"
    aliases = page.locator("ul.aliases li").all_inner_texts()
    assert any(a.startswith("卢卡申科") for a in aliases) and "盧卡申科" in aliases  # every script
    assert page.locator("section.entity li.quote-item").count() >= 1
    shot(page, "3-entity")

    nav(page, "Quotes")
    page.fill("form.filters input[name=speaker]", "盧卡申科")
    with page.expect_navigation():
        page.click("form.filters button")
    quotes = page.locator("li.quote-item")
    store = open_store(server.db)  # the upload tests may have added articles to the shared store
    assert quotes.count() == len(store.find_quotes(speaker="卢卡申科", limit=100)) >= 2
    store.close()
    assert all("亚历山大·卢卡申科" in q for q in quotes.all_inner_texts())
    shot(page, "4-quotes")

    nav(page, "Timeline")
    points = page.locator("svg#timeline circle.pt")
    store = open_store(server.db)
    dated = [e for e in store.find_events(limit=500) if e.date]
    store.close()
    assert points.count() == len(dated) >= 3
    shot(page, "5-timeline")
    target = page.locator("svg#timeline a").first
    href = target.get_attribute("href")
    with page.expect_navigation():
        target.locator("circle").click()
    doc_path, anchor = href.split("#")
    assert page.url.endswith(href) and doc_path.startswith("/documents/")
    evidence = page.locator(f"#{anchor}")
    assert evidence.evaluate("e => e.matches(':target')")  # the evidence sentence is the highlighted target
    assert evidence.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")

    nav(page, "Transfers")
    edges = page.locator("svg#graph g.edge")
    assert edges.count() >= 1
    labels = " ".join(page.locator("svg#graph text.edgelabel").all_text_contents())
    assert "伊斯坎德尔" in labels or "Iskander" in labels
    nodes = page.locator("svg#graph text.nodelabel").all_text_contents()
    assert {"俄罗斯", "白俄罗斯"} <= set(nodes)
    shot(page, "6-transfers")

    nav(page, "Claims")
    assert page.locator("main h1").count() == 1
    shot(page, "7-claims")


def test_a_hostile_title_and_url_stay_text(server: Server, page):
    page.goto(server.base + "/?q=alert")
    link = page.locator("ol.results a.title", has_text="alert(1)")
    assert link.inner_text() == EVIL
    with page.expect_navigation():
        link.click()
    assert page.locator("article.doc h1").inner_text() == EVIL
    scripts = page.eval_on_selector_all("script", "all => all.map(s => s.getAttribute('src'))")
    assert scripts == [server.base + "/static/app.js"]  # no script from the article made it into the page
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert "javascript:alert(2)" in page.locator("article.doc dl.meta").inner_text()
    shot(page, "8-hostile-title")
    # The page fixture fails the test if an alert opened.


def test_every_page_reads_with_javascript_off(server: Server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.base + "/")
        page.select_option("form.filters select[name=type]", "PERSON")
        with page.expect_navigation():
            page.click("form.filters button")  # without the script, the button applies the facet
        assert "type=PERSON" in page.url
        chips = page.locator("section.facet a.ent")
        assert chips.count() >= 1 and chips.count() == page.locator("section.facet a.ent-PERSON").count()
        page.goto(server.base + "/?q=" + ARTICLE[:4])
        with page.expect_navigation():
            page.locator("ol.results a.title", has_text=ARTICLE).click()
        assert page.locator("article.doc .body a.ent").count() >= 5
        page.goto(server.base + "/events")
        assert page.locator("svg#timeline circle.pt").count() >= 3
        page.goto(server.base + "/transfers")
        assert page.locator("svg#graph g.edge").count() >= 1
        shot(page, "9-no-javascript-transfers")
    finally:
        context.close()


def test_a_facet_list_applies_as_soon_as_it_is_chosen(server: Server, page):
    page.goto(server.base + "/quotes")
    outlet = page.locator("form.filters select[name=outlet] option").nth(1).get_attribute("value")
    with page.expect_navigation():
        page.select_option("form.filters select[name=outlet]", outlet)  # no button pressed
    assert page.locator("form.filters select[name=outlet]").input_value() == outlet
    assert {text.rsplit("(", 1)[-1].rstrip(")") for text in page.locator("li.quote-item .meta").all_inner_texts()} \
        == {outlet}


def test_the_api_docs_render_offline(server: Server, page):
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server.base)
            else None)
    page.goto(server.base + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)  # Swagger UI drew the operations
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert "/api/search" in paths and "/api/documents/{doc_id}" in paths
    assert outside == []
    shot(page, "10-api-docs")
