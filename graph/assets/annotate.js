/* pag annotate: the browser side. Everything from the server (the document,
   labels, quotes) is put into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var boot = JSON.parse(document.getElementById("boot").textContent);
  var doc = boot.doc;
  var sel = null;        // {start, end, quote, sugg}
  var current = null;    // the node links start from: {iri, label, kind}
  var dismissed = {};
  var suggPos = -1;
  var searchTimer = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function skey(g) { return g.kind + ":" + g.start + ":" + g.end; }
  function kind() { return document.querySelector("input[name=kind]:checked").value; }
  function setKind(k) {
    var r = document.querySelector("input[name=kind][value=" + k + "]");
    if (r) { r.checked = true; }
    document.body.className = "kind-" + k;
  }
  function say(id, text, bad) {
    var m = $(id);
    m.textContent = "";
    m.className = "msg " + (bad ? "bad" : "good");
    if (Array.isArray(text)) {
      m.appendChild(el("strong", null, text[0]));
      var ul = el("ul");
      text.slice(1).forEach(function (t) { ul.appendChild(el("li", null, t)); });
      m.appendChild(ul);
    } else {
      m.textContent = text;
    }
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-PAG-Token": boot.token },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (j) { j.status = r.status; return j; });
    });
  }

  function suggestions() {
    if (!$("show-sugg").checked) { return []; }
    return doc.suggestions.filter(function (g) { return !dismissed[skey(g)]; });
  }

  // -- the document ------------------------------------------------------
  function render() {
    var text = doc.text;
    var box = $("text");
    box.textContent = "";
    if (doc.missing_text) {
      box.appendChild(el("p", "bad", "The text of this document is not in the project's texts/ folder."));
    }
    var marks = [];
    doc.quotes.forEach(function (q) {
      if (q.start !== null && q.end > q.start) { marks.push({ s: q.start, e: q.end, q: q }); }
    });
    var sugg = suggestions();
    sugg.forEach(function (g, i) { marks.push({ s: g.start, e: g.end, g: g, i: i }); });
    var cuts = {}; cuts[0] = 1; cuts[text.length] = 1;
    marks.forEach(function (m) { cuts[m.s] = 1; cuts[m.e] = 1; });
    var pts = Object.keys(cuts).map(Number).sort(function (a, b) { return a - b; });
    for (var k = 0; k < pts.length - 1; k++) {
      var a = pts[k], b = pts[k + 1];
      if (a >= b) { continue; }
      var span = el("span", null, text.slice(a, b));
      span.setAttribute("data-start", String(a));
      var titles = [];
      var qs = marks.filter(function (m) { return m.q && m.s <= a && m.e >= b; });
      var ss = marks.filter(function (m) { return m.g && m.s <= a && m.e >= b; });
      if (qs.length) {
        span.classList.add("q", qs[0].q.kind);
        span.setAttribute("data-node", qs[0].q.node);
        qs.forEach(function (m) { titles.push(m.q.kind + ": " + m.q.label + (m.q.page ? " (p. " + m.q.page + ")" : "")); });
      }
      if (ss.length) {
        span.classList.add("s", "s-" + ss[0].g.kind);
        span.setAttribute("data-sugg", String(ss[0].i));
        ss.forEach(function (m) { titles.push("suggested " + m.g.kind + hint(m.g)); });
      }
      if (sel && a >= sel.start && b <= sel.end) { span.classList.add("picked"); }
      if (titles.length) { span.title = titles.join("\n"); }
      box.appendChild(span);
    }
    renderLists();
    renderDismissed();
    $("undo").disabled = !doc.history.undo;
    $("undo").title = doc.history.undo ? "Undo: " + doc.history.undo + " (Ctrl+Z)" : "Nothing to undo";
    $("redo").disabled = !doc.history.redo;
    $("redo").title = doc.history.redo ? "Redo: " + doc.history.redo + " (Ctrl+Shift+Z)" : "Nothing to redo";
  }

  function hint(g) {
    if (g.kind === "figure") { return ": " + g.figures.join(", "); }
    if (g.kind === "speech") { return g.speaker ? ": " + g.speaker : ""; }
    if (g.kind === "match") { return ": like \u201c" + g.node_label + "\u201d"; }
    return "";
  }

  function renderLists() {
    var ul = $("quotes");
    ul.textContent = "";
    doc.quotes.forEach(function (q) {
      var li = el("li", "item " + q.kind);
      li.appendChild(el("span", "tag " + q.kind, q.kind));
      var b = el("button", "linkish", q.label);
      b.type = "button";
      b.addEventListener("click", function () { pick({ iri: q.node, label: q.label, kind: q.kind }, q.start); openNode(q.node); });
      if (editing && editing.mode === "node" && editing.about.iri === q.node) { li.classList.add("editing"); }
      li.appendChild(b);
      if (q.page) { li.appendChild(el("span", "page", "p. " + q.page)); }
      if (q.start === null) { li.appendChild(el("span", "bad", " (quote not found in the text)")); }
      li.appendChild(el("q", null, q.quote));
      ul.appendChild(li);
    });
    if (!doc.quotes.length) { ul.appendChild(el("li", "note", "Nothing yet: select text in the document.")); }
    var lk = $("links");
    lk.textContent = "";
    doc.links.forEach(function (l) {
      var li = el("li", "link " + l.how);
      var b = el("button", "linkish", null);  // click: edit or delete the link
      b.type = "button";
      b.title = "Edit or delete this link";
      b.appendChild(el("span", null, l.from_label));
      b.appendChild(el("strong", null, " " + l.relation + " "));
      b.appendChild(el("span", null, l.to_label));
      b.addEventListener("click", function () { openLink(l); });
      li.appendChild(b);
      if (editing && editing.mode === "link" && editing.link.from === l.from && editing.link.to === l.to &&
          editing.link.relation === l.relation && editing.link.graph === l.graph) { li.classList.add("editing"); }
      li.appendChild(el("span", "how", l.how === "curation" ? " (linked by the curators)" : " (stated in this document)"));
      lk.appendChild(li);
    });
    if (!doc.links.length) { lk.appendChild(el("li", "note", "No links yet.")); }
  }

  function pick(node, start) {
    current = node;
    var c = $("current");
    c.textContent = "";
    c.appendChild(el("span", "tag " + node.kind, node.kind));
    c.appendChild(el("span", null, " " + node.label));
    c.setAttribute("data-iri", node.iri);
    if (typeof start === "number") {
      var span = document.querySelector('#text span[data-start="' + start + '"]');
      if (span) { span.scrollIntoView({ block: "center" }); }
    }
  }

  // -- selecting text ----------------------------------------------------
  function offsetOf(node, off) {
    var box = $("text");
    if (node === box) {
      var child = box.childNodes[Math.min(off, box.childNodes.length - 1)];
      if (!child) { return 0; }
      var s = Number(child.getAttribute("data-start"));
      return off >= box.childNodes.length ? s + child.textContent.length : s;
    }
    var span = node.nodeType === 3 ? node.parentNode : node;
    while (span && span !== box && !span.hasAttribute("data-start")) { span = span.parentNode; }
    if (!span || span === box) { return null; }
    return Number(span.getAttribute("data-start")) + (node.nodeType === 3 ? off : 0);
  }

  function choose(start, end, sugg) {
    var text = doc.text;
    while (start < end && /\s/.test(text[start])) { start++; }
    while (end > start && /\s/.test(text[end - 1])) { end--; }
    if (end <= start) { return; }
    sel = { start: start, end: end, quote: text.slice(start, end), sugg: sugg || null };
    $("quote").value = sel.quote;
    var lab = sel.quote.replace(/\s+/g, " ");
    $("label").value = lab.length > 90 ? lab.slice(0, 87) + "\u2026" : lab;
    var note = $("sugg-note");
    note.textContent = "";
    if (sugg) {
      note.textContent = "Suggested " + sugg.kind + hint(sugg) + ".";
      if (sugg.kind === "figure") {
        setKind("evidence");
        if (sugg.value !== null && sugg.value !== undefined) { $("value").value = String(sugg.value); }
        if (sugg.unit) { $("unit").value = sugg.unit; }
      } else if (sugg.kind === "speech") {
        setKind("claim");
      } else if (sugg.kind === "match") {
        note.textContent += " Link to it, or: ";
        var same = el("button", "linkish", "save this quote for that same node");
        same.type = "button";
        same.id = "same-node";
        same.addEventListener("click", function () { save(null, sugg.node); });
        note.appendChild(same);
        pick({ iri: sugg.node, label: sugg.node_label, kind: "node" });
      }
    }
    render();
    say("msg", "Selected " + sel.quote.length + " characters: choose the kind and label, then Save.", false);
  }

  $("text").addEventListener("mouseup", function (ev) {
    var s = window.getSelection();
    if (s && s.rangeCount && !s.isCollapsed) {
      var r = s.getRangeAt(0);
      var a = offsetOf(r.startContainer, r.startOffset);
      var b = offsetOf(r.endContainer, r.endOffset);
      if (a !== null && b !== null) { choose(Math.min(a, b), Math.max(a, b)); }
      return;
    }
    var t = ev.target;
    if (t && t.hasAttribute && t.hasAttribute("data-sugg")) {
      var g = suggestions()[Number(t.getAttribute("data-sugg"))];
      if (g) { suggPos = Number(t.getAttribute("data-sugg")); choose(g.start, g.end, g); }
    } else if (t && t.hasAttribute && t.hasAttribute("data-node")) {
      var iri = t.getAttribute("data-node");
      var q = doc.quotes.filter(function (x) { return x.node === iri; })[0];
      if (q) { pick({ iri: q.node, label: q.label, kind: q.kind }); openNode(q.node); }
    }
  });

  function nextSuggestion(step) {
    var list = suggestions();
    if (!list.length) { say("msg", "No suggestions left.", false); return; }
    suggPos = (suggPos + step + list.length) % list.length;
    var g = list[suggPos];
    choose(g.start, g.end, g);
    var span = document.querySelector('#text span[data-start="' + g.start + '"]');
    if (span) { span.scrollIntoView({ block: "center" }); }
  }

  // dismissed suggestions are remembered by the project (data/dismissed.json), per source
  function renderDismissed() {
    var list = doc.dismissed || [];
    var btn = $("show-dismissed");
    btn.textContent = "dismissed (" + list.length + ")";
    btn.disabled = !list.length;
    var ul = $("dismissed-list");
    ul.textContent = "";
    if (!list.length) { ul.hidden = true; btn.setAttribute("aria-expanded", "false"); }
    list.forEach(function (g) {
      var li = el("li");
      var short = g.text.length > 100 ? g.text.slice(0, 97) + "\u2026" : g.text;
      li.appendChild(el("span", "tag " + g.kind, g.kind));
      li.appendChild(el("span", null, " " + short + " "));
      var b = el("button", "restore", "restore");
      b.type = "button";
      b.addEventListener("click", function () {
        post("/api/undismiss", { source: doc.source, kind: g.kind, text: g.text }).then(function (j) {
          if (j.status !== 200) { say("msg", [j.error].concat(j.problems || []), true); return; }
          delete dismissed[skey(g)];
          doc = j.doc;
          render();
        });
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }
  $("show-dismissed").addEventListener("click", function () {
    var ul = $("dismissed-list");
    ul.hidden = !ul.hidden;
    $("show-dismissed").setAttribute("aria-expanded", ul.hidden ? "false" : "true");
  });

  function dismiss() {
    if (sel && sel.sugg) {
      var g = sel.sugg;
      dismissed[skey(g)] = true;
      post("/api/dismiss", { source: doc.source, kind: g.kind, text: g.text }).then(function (j) {
        if (j.status !== 200) { say("msg", [j.error].concat(j.problems || []), true); return; }
        doc = j.doc;
        render();
      });
    }
    sel = null;
    $("quote").value = "";
    $("label").value = "";
    $("sugg-note").textContent = "";
    window.getSelection().removeAllRanges();
    render();
  }

  // -- saving ------------------------------------------------------------
  function save(ev, sameAs) {
    if (ev) { ev.preventDefault(); }
    var k = kind();
    if (!sel && (k === "claim" || k === "evidence" || sameAs)) { say("msg", "Select the words of the document that state it first.", true); return; }
    var body = {
      source: doc.source, kind: k, label: $("label").value,
      quote: sel ? sel.quote : "", start: sel ? sel.start : null
    };
    if (sameAs) { body.same_as = sameAs; }
    if (k === "evidence") {
      ["value", "unit", "population", "place", "period", "evidence_type"].forEach(function (f) { body[f] = $(f).value; });
    } else if (k === "policy") {
      body.status = $("status").value;
    } else if (k === "actor") {
      body.actor_type = $("actor_type").value;
    }
    $("save").disabled = true;
    post("/api/node", body).then(function (j) {
      $("save").disabled = false;
      if (j.status !== 200) { say("msg", [j.error || "Not saved"].concat(j.problems || []), true); return; }
      doc = j.doc;
      var s = j.saved;
      sel = null;
      ["quote", "label", "value", "unit", "population", "place", "period"].forEach(function (f) { $(f).value = ""; });
      $("sugg-note").textContent = "";
      window.getSelection().removeAllRanges();
      pick({ iri: s.iri, label: s.label, kind: s.action });
      render();
      say("msg", "Saved " + s.action + " \u201c" + s.label + "\u201d" + (s.page ? " (p. " + s.page + ")" : "") + " to " + s.files.join(", "), false);
    }).catch(function (e) { $("save").disabled = false; say("msg", "Not saved: " + e, true); });
  }
  $("node-form").addEventListener("submit", save);
  $("dismiss").addEventListener("click", dismiss);

  // -- linking -----------------------------------------------------------
  function search() {
    var q = $("search").value;
    fetch("/api/search?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (j) {
      var ul = $("results");
      ul.textContent = "";
      j.results.forEach(function (n) {
        if (current && n.iri === current.iri) { return; }
        var li = el("li");
        var b = el("button", "result", null);
        b.type = "button";
        b.setAttribute("data-iri", n.iri);
        b.appendChild(el("span", "tag " + n.kind, n.kind));
        b.appendChild(el("span", null, " " + n.label));
        if (n.field && n.field !== "label" && n.text) {
          // why it was found: the alias, quote or note holding the words
          var why = n.text.length > 90 ? n.text.slice(0, 87) + "\u2026" : n.text;
          b.appendChild(el("span", "match", " \u2014 " + n.field + ": \u201c" + why + "\u201d"));
        }
        b.addEventListener("click", function () { link(n); });
        li.appendChild(b);
        ul.appendChild(li);
      });
    });
  }
  $("search").addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 150);
  });
  $("link-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var first = document.querySelector("#results button");
    if (first) { first.click(); }
  });

  function link(other) {
    if (!current) { say("link-msg", "Save a node, or click a highlighted quote, to link from it.", true); return; }
    var out = $("direction").value === "out";
    var body = {
      source: doc.source,
      subject: out ? current.iri : other.iri,
      relation: $("relation").value,
      object: out ? other.iri : current.iri,
      status: $("link-status").value,
      rationale: $("rationale").value
    };
    post("/api/link", body).then(function (j) {
      if (j.status !== 200) { say("link-msg", [j.error || "Not linked"].concat(j.problems || []), true); return; }
      doc = j.doc;
      render();
      say("link-msg", "Linked: " + j.saved.label, false);
    });
  }

  // -- undo / redo -------------------------------------------------------
  function step(which) {
    post("/api/" + which, { source: doc.source }).then(function (j) {
      if (j.status !== 200) { say("msg", [j.error || "Failed"].concat(j.problems || []), true); return; }
      doc = j.doc;
      render();
      var done = j.saved.undone || j.saved.redone;
      say("msg", done ? (which === "undo" ? "Undone: " : "Redone: ") + done : "Nothing to " + which + ".", false);
    });
  }
  $("undo").addEventListener("click", function () { step("undo"); });
  $("redo").addEventListener("click", function () { step("redo"); });
  $("help-toggle").addEventListener("click", function () { $("help").hidden = !$("help").hidden; });
  $("show-sugg").addEventListener("change", render);

  // -- editing and removing a node or a link -------------------------------
  var editing = null;   // {mode: "node", about: {...}} or {mode: "link", link: {...}}
  var newQuote = null;  // {quote, start}: the words selected for the node being edited
  var EDIT_FIELDS = ["value", "unit", "population", "place", "period", "evidence_type", "status", "comment"];

  function closeEdit() {
    editing = null;
    newQuote = null;
    $("edit-form").hidden = true;
    $("edit-msg").textContent = "";
    renderLists();
  }

  function openNode(iri, message) {
    var q = "/api/about?iri=" + encodeURIComponent(iri) + "&source=" + encodeURIComponent(doc.source);
    fetch(q).then(function (r) { return r.json(); }).then(function (a) {
      if (a.error) { say("msg", a.error, true); return; }
      editing = { mode: "node", about: a };
      newQuote = null;
      var f = $("edit-form");
      f.className = "panel edit mode-node kind-" + a.kind;
      var t = $("edit-title");
      t.textContent = "";
      t.appendChild(el("span", "tag " + a.kind, a.kind));
      t.appendChild(el("span", null, " Edit \u201c" + a.label + "\u201d"));
      $("edit-label").value = a.label;
      var mine = a.quotes.filter(function (x) { return x.source === doc.source; })[0];
      $("edit-quote").value = mine ? mine.quote : "";
      var where = mine ? "Quoted from this document." : "Not quoted from this document.";
      if (a.documents.length > 1) { where += " Stated in " + a.documents.length + " documents: " + a.documents.join("; ") + "."; }
      $("edit-quote-where").textContent = where;
      EDIT_FIELDS.forEach(function (k) { $("edit-" + k).value = a[k] || ""; });
      $("edit-delete").firstChild.textContent = a.documents.length > 1 ? "Delete from this document " : "Delete ";
      f.hidden = false;
      if (message) { editSay(message, false); } else { $("edit-msg").textContent = ""; }
      renderLists();
    });
  }

  function openLink(l, message) {
    editing = { mode: "link", link: l };
    newQuote = null;
    var f = $("edit-form");
    f.className = "panel edit mode-link";
    $("edit-title").textContent = "Edit link";
    $("edit-link-words").textContent = l.from_label + " \u2014 " + l.relation + " \u2192 " + l.to_label +
      (l.how === "curation" ? " (linked by the curators: it stays theirs)" : " (stated in this document)");
    $("edit-relation").value = l.relation;
    $("edit-link-status").value = "";
    $("edit-delete").firstChild.textContent = "Delete ";
    f.hidden = false;
    if (message) { editSay(message, false); } else { $("edit-msg").textContent = ""; }
    renderLists();
  }

  function editSay(text, bad) {
    say("edit-msg", text, bad);
    $("edit-msg").scrollIntoView({ block: "nearest" });
  }

  function editFailed(j) {
    editSay([j.error || "Not saved"].concat(j.problems || []), true);
  }

  function saveEdit(ev) {
    if (ev) { ev.preventDefault(); }
    if (!editing) { return; }
    if (editing.mode === "link") {
      var l = editing.link;
      var to = $("edit-relation").value;
      var st = $("edit-link-status").value;
      if (to === l.relation && !st) { say("edit-msg", "Nothing changed.", false); return; }
      var body = { source: doc.source, subject: l.from, relation: l.relation, object: l.to, graph: l.graph, to: to };
      if (st) { body.status = st; }
      post("/api/edit-link", body).then(function (j) {
        if (j.status !== 200) { editFailed(j); return; }
        doc = j.doc;
        render();
        var now = doc.links.filter(function (x) { return x.from === l.from && x.to === l.to && x.relation === to && x.graph === l.graph; })[0];
        openLink(now || l, "Saved: " + j.saved.label);
      });
      return;
    }
    var a = editing.about;
    var body2 = { source: doc.source, node: a.iri };
    var changed = false;
    if ($("edit-label").value !== a.label) { body2.label = $("edit-label").value; changed = true; }
    EDIT_FIELDS.forEach(function (k) {
      if ((k === "status" && a.kind !== "policy") || (k !== "status" && k !== "comment" && a.kind !== "evidence")) { return; }
      if ($("edit-" + k).value !== (a[k] || "")) { body2[k] = $("edit-" + k).value; changed = true; }
    });
    if (newQuote) { body2.quote = newQuote.quote; body2.start = newQuote.start; changed = true; }
    if (!changed) { say("edit-msg", "Nothing changed.", false); return; }
    $("edit-save").disabled = true;
    post("/api/edit", body2).then(function (j) {
      $("edit-save").disabled = false;
      if (j.status !== 200) { editFailed(j); return; }
      doc = j.doc;
      if (current && current.iri === a.iri) { pick({ iri: a.iri, label: j.saved.label, kind: a.kind }); }
      render();
      openNode(a.iri, "Saved: " + j.saved.label + (j.saved.files.length ? " (wrote " + j.saved.files.join(", ") + ")" : " (unchanged)"));
    }).catch(function (e) { $("edit-save").disabled = false; say("edit-msg", "Not saved: " + e, true); });
  }

  function removed(j, what) {
    doc = j.doc;
    if (current && what === current.iri) {
      current = null;
      $("current").textContent = "(save or click a highlighted quote first)";
      $("current").removeAttribute("data-iri");
    }
    closeEdit();
    render();
    say("msg", "Removed: " + j.saved.label, false);
  }

  function deleteEdit(withLinks) {
    if (!editing) { return; }
    if (editing.mode === "link") {
      var l = editing.link;
      post("/api/remove", { source: doc.source, subject: l.from, relation: l.relation, object: l.to, graph: l.graph })
        .then(function (j) { if (j.status !== 200) { editFailed(j); return; } removed(j, null); });
      return;
    }
    var a = editing.about;
    var body = { source: doc.source, node: a.iri, with_links: withLinks === true };
    if (a.documents.length > 1) { body.only_source = doc.source; }
    post("/api/remove", body).then(function (j) {
      if (j.status === 409) {
        // links still depend on it: list them, and ask before removing them too
        editFailed(j);
        var b = el("button", "confirm", "Delete it and these " + j.links.length + " link(s)");
        b.type = "button";
        b.id = "edit-confirm";
        b.addEventListener("click", function () { deleteEdit(true); });
        $("edit-msg").appendChild(b);
        b.scrollIntoView({ block: "nearest" });
        return;
      }
      if (j.status !== 200) { editFailed(j); return; }
      removed(j, a.iri);
    });
  }

  $("edit-form").addEventListener("submit", saveEdit);
  $("edit-delete").addEventListener("click", function () { deleteEdit(false); });
  $("edit-close").addEventListener("click", closeEdit);
  $("edit-use-sel").addEventListener("click", function () {
    if (!sel) { say("edit-msg", "Select the new words in the document first.", true); return; }
    newQuote = { quote: sel.quote, start: sel.start };
    $("edit-quote").value = sel.quote;
    $("edit-quote-where").textContent = "The new quote: Save to check it against the text and re-anchor it.";
  });

  // -- keyboard ----------------------------------------------------------
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
    var mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.key === "Enter") {
      ev.preventDefault();
      if (editing && ($("edit-form").contains(ev.target) || !sel)) { saveEdit(); } else { save(); }
      return;
    }
    if (mod && (ev.key === "z" || ev.key === "Z") && !typing) {
      ev.preventDefault(); step(ev.shiftKey ? "redo" : "undo"); return;
    }
    if (mod && ev.key === "y" && !typing) { ev.preventDefault(); step("redo"); return; }
    if (ev.key === "Escape") { if (typing) { ev.target.blur(); } if (editing && !sel) { closeEdit(); } dismiss(); return; }
    if (ev.key === "Delete" && editing && !typing && !mod) { ev.preventDefault(); deleteEdit(false); return; }
    if (typing || mod || ev.altKey) { return; }
    var kinds = { c: "claim", e: "evidence", p: "policy", a: "actor" };
    if (kinds[ev.key]) { setKind(kinds[ev.key]); return; }
    if (ev.key === "j") { nextSuggestion(1); return; }
    if (ev.key === "k") { nextSuggestion(-1); return; }
    if (ev.key === "/") { ev.preventDefault(); $("search").focus(); return; }
    if (ev.key === "?") { $("help").hidden = !$("help").hidden; }
  });
  document.querySelectorAll("input[name=kind]").forEach(function (r) {
    r.addEventListener("change", function () { setKind(kind()); });
  });

  // -- set up ------------------------------------------------------------
  function options(selectId, values, selected) {
    var s = $(selectId);
    values.forEach(function (v) {
      var o = el("option", null, v.label || v);
      o.value = v.iri || v;
      if (o.value === selected) { o.selected = true; }
      s.appendChild(o);
    });
  }
  options("source", boot.sources, doc.source);
  options("relation", boot.relations, "supports");
  options("status", boot.statuses);
  options("link-status", boot.statuses);
  options("evidence_type", boot.evidence_types);
  options("edit-evidence_type", boot.evidence_types);
  options("edit-status", boot.statuses);
  options("edit-relation", boot.relations);
  options("edit-link-status", boot.statuses);
  $("source").addEventListener("change", function () {
    window.location.search = "?source=" + encodeURIComponent($("source").value);
  });
  setKind("claim");
  render();
}());
