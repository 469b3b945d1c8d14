// Small enhancements over pages that work without JavaScript: nothing here is needed to read a page.
"use strict";

// Article view: pointing at a mention marks every mention of the same entity, so an analyst sees at
// once where else the article names it (卢卡申科 … 他 … 白俄罗斯总统).
function markSameEntity(body) {
  const mark = (href, on) => {
    for (const a of body.querySelectorAll("a.ent")) {
      if (a.getAttribute("href") === href) a.classList.toggle("same", on);
    }
  };
  for (const type of ["mouseover", "focusin"]) {
    body.addEventListener(type, (e) => {
      const a = e.target.closest("a.ent");
      if (a) mark(a.getAttribute("href"), true);
    });
  }
  for (const type of ["mouseout", "focusout"]) {
    body.addEventListener(type, (e) => {
      const a = e.target.closest("a.ent");
      if (a) mark(a.getAttribute("href"), false);
    });
  }
}

// Article view: the legend's entries switch one kind of highlight off and on, to read a long article
// for its quotes alone, say. The state is a class on the body text; the spans themselves stay.
function legendToggles(legend, body) {
  for (const item of legend.querySelectorAll("[data-kind]")) {
    item.setAttribute("role", "button");
    item.setAttribute("tabindex", "0");
    item.setAttribute("aria-pressed", "true");
    const toggle = () => {
      const off = body.classList.toggle("hide-" + item.dataset.kind);
      item.setAttribute("aria-pressed", String(!off));
    };
    item.addEventListener("click", toggle);
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const body = document.querySelector("article.doc .body");
  const legend = document.querySelector("article.doc .legend");
  if (body) markSameEntity(body);
  if (body && legend) legendToggles(legend, body);

  // A facet chosen from a list applies at once; the Filter button stays for typed fields and for no script.
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.submit());
  }

  // "/" jumps to the search box, as on most search sites, unless the reader is typing somewhere.
  const search = document.querySelector("form.search input[name=q]");
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest("input, textarea, select, [contenteditable]");
    if (e.key === "/" && search && !typing) { e.preventDefault(); search.focus(); search.select(); }
  });
});
