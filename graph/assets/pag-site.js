/* Policy Argument Graph: the static site's reading aids (no network, no innerHTML).
 * - site search over labels, aliases and quotes (MiniSearch; the documents
 *   come from assets/pag-search-docs.js, built with the site);
 * - sortable, filterable tables (table.sortable, input.filter);
 * - outline buttons (expand, two levels, collapse, print), opening the
 *   outline around the line a URL's #anchor names, and a print that holds
 *   every line. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safePage(u) {
    return typeof u === "string" && /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)?\.html(?:#[A-Za-z0-9_-]+)?$/.test(u) ? u : null;
  }

  // ---- search ----------------------------------------------------------------
  var KIND = { policy: "policy", claim: "claim", evidence: "evidence", actor: "actor", source: "source" };
  var engine = null;
  function searchEngine() {
    if (engine || typeof MiniSearch === "undefined" || !window.PAG_SEARCH_DOCS) { return engine; }
    engine = new MiniSearch({
      idField: "i", fields: ["t", "a", "q"], storeFields: ["t", "k", "u", "q"],
      searchOptions: { boost: { t: 3, a: 2 }, prefix: true, fuzzy: 0.15, combineWith: "AND" }
    });
    engine.addAll(window.PAG_SEARCH_DOCS);
    return engine;
  }
  function snippet(text, terms) {
    if (!text) { return ""; }
    var low = text.toLowerCase(), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = low.indexOf(terms[i].toLowerCase()); }
    if (at < 0) { return ""; }
    var from = Math.max(0, at - 50);
    return (from ? "\u2026" : "") + text.slice(from, at + 90) + (at + 90 < text.length ? "\u2026" : "");
  }
  function search(query) {
    var ms = searchEngine();
    if (!ms || !query.trim()) { return []; }
    return ms.search(query.trim()).slice(0, 20);
  }
  var box = document.getElementById("site-q");
  var hits = document.getElementById("site-hits");
  function showHits() {
    var res = search(box.value);
    hits.replaceChildren();
    res.forEach(function (r) {
      var href = safePage(r.u);
      if (!href) { return; }
      var li = el("li"), a = el("a", "hit", r.t);
      a.href = root + href;
      li.appendChild(a);
      li.appendChild(el("span", "k", " " + (KIND[r.k] || "")));
      var inQuote = r.match && Object.keys(r.match).some(function (t) { return r.match[t].indexOf("q") >= 0; });
      var s = inQuote ? snippet(r.q, r.terms) : "";
      if (s) { li.appendChild(el("div", "snip", "\u201c" + s + "\u201d")); }
      hits.appendChild(li);
    });
    if (box.value.trim() && !res.length) { hits.appendChild(el("li", "none", "Nothing matches.")); }
    hits.hidden = !box.value.trim();
    return res;
  }
  if (box && hits) {
    box.addEventListener("input", showHits);
    box.addEventListener("focus", function () { searchEngine(); if (box.value.trim()) { showHits(); } });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var first = hits.querySelector("a.hit");
        if (first) { ev.preventDefault(); window.location.href = first.href; }
      } else if (ev.key === "Escape") { hits.hidden = true; }
    });
    document.addEventListener("click", function (ev) {
      if (!document.getElementById("site-search").contains(ev.target)) { hits.hidden = true; }
    });
  }

  // ---- tables: sort and filter ------------------------------------------------
  function cellValue(td, type) {
    if (!td) { return type === "text" ? "" : 0; }
    if (td.hasAttribute("data-v")) { return parseFloat(td.getAttribute("data-v")); }
    var t = td.textContent.trim();
    if (type === "num") { var x = parseFloat(t.replace(/,/g, "")); return isNaN(x) ? -Infinity : x; }
    return t.replace(/^[^0-9A-Za-z]+/, "").toLowerCase();
  }
  function sortBy(table, col, dir) {
    var th = table.tHead.rows[0].cells[col];
    var type = th.getAttribute("data-type") || "text";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.setAttribute("data-i", r.getAttribute("data-i") || String(i)); });
    var sign = dir === "descending" ? -1 : 1;
    rows.sort(function (a, b) {
      var x = cellValue(a.cells[col], type), y = cellValue(b.cells[col], type);
      if (x < y) { return -sign; }
      if (x > y) { return sign; }
      return parseInt(a.getAttribute("data-i"), 10) - parseInt(b.getAttribute("data-i"), 10);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.classList.add("sort");
      th.tabIndex = 0;
      function go() {
        var type = th.getAttribute("data-type") || "text";
        var now = th.getAttribute("aria-sort");
        var dir = now ? (now === "ascending" ? "descending" : "ascending") : (type === "text" ? "ascending" : "descending");
        sortBy(table, col, dir);
      }
      th.addEventListener("click", function (ev) { if (ev.target.tagName !== "A") { go(); } });
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    var shown = document.querySelector('.shown[data-table="' + input.getAttribute("data-table") + '"]');
    if (!table) { return; }
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var n = 0, rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (r) {
        var text = r.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) { n++; }
      });
      if (shown) { shown.textContent = words.length ? n + " of " + rows.length + " rows" : rows.length + " rows"; }
    });
  });

  // ---- outline --------------------------------------------------------------------
  var outline = document.getElementById("outline");
  function allDetails() { return Array.prototype.slice.call(document.querySelectorAll(".doc details")); }
  function setOutline(how) {
    allDetails().forEach(function (d) {
      d.open = how === "expand" ? true : how === "collapse" ? false : d.getAttribute("data-open") === "true";
    });
  }
  if (outline) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-outline]"), function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-outline");
        if (how === "print") { window.print(); } else { setOutline(how); }
      });
    });
  }
  // a printed page holds every line; the reader's view comes back after
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = allDetails().map(function (d) { return d.open; });
    allDetails().forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (!before) { return; }
    var ds = allDetails();
    before.forEach(function (o, i) { if (ds[i]) { ds[i].open = o; } });
    before = null;
  });
  // a URL's #anchor opens the lines around it
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    for (var e = target.parentElement; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") { e.open = true; }
    }
    target.classList.add("target");
    target.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  window.pagSite = { search: search, sortBy: sortBy, setOutline: setOutline, showHits: showHits };
}());
