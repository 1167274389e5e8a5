/* Policy Argument Graph: the interactive view (vis-network).
 * Reads the JSON block with id "pag-data". Every string in it is untrusted:
 * it reaches the page only through textContent / canvas text, never innerHTML,
 * and links are kept only when they are http(s). */
(function () {
  "use strict";
  var holder = document.getElementById("pag-data");
  if (!holder || typeof vis === "undefined") { return; }
  var data = JSON.parse(holder.textContent);

  var KIND = {}, REL = {}, LAB = {};
  data.kinds.forEach(function (k) { KIND[k.kind] = k; });
  data.relations.forEach(function (r) { REL[r.relation] = r; });
  data.labels.forEach(function (l) { LAB[l.label] = l; });
  var OTHER = { name: "Other", shape: "dot", color: "#bab0ac", font: "#222222" };
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var tree = data.layout === "tree";
  // the summary: a node with a hub is folded into it, hubs (and other
  // members) into their group, until the reader opens them (a click)
  var HUB_SIZE = {}, GROUP_OF = {}, GROUPS = data.groups || [];
  data.nodes.forEach(function (n) { if (n.hub) { HUB_SIZE[n.hub] = (HUB_SIZE[n.hub] || 0) + 1; } });
  GROUPS.forEach(function (g) { g.members.forEach(function (m) { GROUP_OF[m] = g.id; }); });
  var summarised = Object.keys(HUB_SIZE).length > 0 || GROUPS.length > 0;
  var large = data.nodes.length > 400;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeHref(u) {
    return (typeof u === "string" && /^https?:\/\/[^\s"'<>`]+$/i.test(u)) ? u : null;
  }
  function safePage(u) {
    return (typeof u === "string" && /^(?:\.\.\/)?(?:[A-Za-z0-9_-]+\/)?[A-Za-z0-9_.-]+\.html$/.test(u)) ? u : null;
  }
  function short(text, max) {
    text = String(text);
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }
  var BORDER = { IN: 1.5, OUT: 3, UNDECIDED: 2.5 };
  function sizeOf(n) { return Math.min(10 + 5 * Math.sqrt(n.rests || 0), 48); }

  function nodeItem(n) {
    var ks = KIND[n.kind] || OTHER;
    var border = n.status && LAB[n.status] ? LAB[n.status].color : "#444444";
    var item = {
      id: n.id, kind: n.kind, label: short(n.label, 80),
      shape: ks.shape, size: sizeOf(n), borderWidth: BORDER[n.status] || 1, borderWidthSelected: 4,
      color: { background: ks.color, border: border,
               highlight: { background: ks.color, border: "#000000" },
               hover: { background: ks.color, border: "#000000" } },
      font: { color: ks.shape === "box" ? ks.font : "#222222", size: 14, face: "sans-serif",
              strokeWidth: ks.shape === "box" ? 0 : 3, strokeColor: "#ffffff" }
    };
    item.widthConstraint = { maximum: ks.shape === "box" ? (tree ? 160 : 200) : (tree ? 125 : 170) };
    if (ks.shape === "box") { item.margin = 8; }
    if (n.status && LAB[n.status] && LAB[n.status].dashes.length) {
      item.shapeProperties = { borderDashes: LAB[n.status].dashes };
    }
    if (tree && n.level !== undefined) { item.level = n.level; }
    if (n.hub) { item.hub = n.hub; }
    if (GROUP_OF[n.id] && !HUB_SIZE[n.id]) { item.grp = GROUP_OF[n.id]; }
    return item;
  }
  function edgeItem(e) {
    var rs = REL[e.relation] || { color: "#999999", dashes: [], width: 1, arrow: true };
    return {
      id: e.id, from: e.from, to: e.to, relation: e.relation,
      color: { color: rs.color, highlight: rs.color, hover: rs.color, opacity: 0.95 },
      dashes: rs.dashes.length ? rs.dashes : false, width: rs.width, selectionWidth: 2,
      arrows: { to: { enabled: !!rs.arrow, scaleFactor: 0.6 } }
    };
  }

  var kindOn = {}, relOn = {};
  data.kinds.forEach(function (k) { kindOn[k.kind] = true; });
  data.relations.forEach(function (r) { relOn[r.relation] = true; });
  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return kindOn[n.kind] !== false; } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return relOn[e.relation] !== false; } });

  var options = {
    autoResize: true,
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: large, keyboard: false,
                   multiselect: false, navigationButtons: false },
    nodes: { scaling: { label: { enabled: false } } },
    edges: { smooth: tree ? { type: "cubicBezier", forceDirection: "vertical", roundness: 0.4 }
                          : (large ? false : { type: "continuous", roundness: 0.3 }) }
  };
  if (tree) {  // laid out by treeLayout() below: levels top to bottom, each parent over its children
    options.layout = { randomSeed: 7, improvedLayout: false };
    options.physics = { enabled: false };
  } else {
    options.layout = { randomSeed: 7, improvedLayout: data.nodes.length <= 150 };
    options.physics = { enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.01, springLength: 150,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: 0.5 },
      stabilization: { enabled: !summarised, iterations: large ? 200 : 500, updateInterval: 50, fit: true },
      minVelocity: 1.0, maxVelocity: 40 };
  }
  if (summarised && !tree) {  // big folded nodes: more room between them
    options.physics.forceAtlas2Based = { gravitationalConstant: -260, centralGravity: 0.012, springLength: 260,
      springConstant: 0.04, damping: 0.5, avoidOverlap: 1 };
  }
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);

  // ---- summary clusters -----------------------------------------------------
  var opened = {};  // cluster ids the reader opened (kept across re-layouts)
  function clusterColor(kind) {
    var ks = KIND[kind] || OTHER;
    return { background: ks.color, border: "#222222", highlight: { background: ks.color, border: "#000000" } };
  }
  function fold() {
    if (!summarised) { return; }
    var visible = {};
    nodesView.getIds().forEach(function (id) { visible[id] = true; });
    Object.keys(HUB_SIZE).sort().forEach(function (hub) {
      var cid = "hub:" + hub, n = byId[hub];
      if (opened[cid] || !visible[hub] || !n) { return; }
      var inside = 0;
      data.nodes.forEach(function (m) { if (m.hub === hub && visible[m.id]) { inside++; } });
      if (!inside) { return; }
      var ks = KIND[n.kind] || OTHER;
      network.cluster({
        joinCondition: function (o) { return o.id === hub || o.hub === hub; },
        clusterNodeProperties: {
          id: cid, label: short(n.label, 60) + " (+" + inside + ")", shape: ks.shape,
          size: sizeOf(n) + 4, borderWidth: 3, color: clusterColor(n.kind), grp: GROUP_OF[hub], level: n.level,
          font: { color: ks.shape === "box" ? ks.font : "#222222", size: 15, face: "sans-serif", strokeWidth: ks.shape === "box" ? 0 : 3, strokeColor: "#ffffff" },
          widthConstraint: { maximum: 200 }, margin: ks.shape === "box" ? 10 : undefined, hubOf: hub
        }
      });
    });
    GROUPS.forEach(function (g) {
      if (opened[g.id]) { return; }
      var members = g.members.filter(function (m) { return visible[m]; });
      if (members.length < 2) { return; }
      var kind = byId[members[0]] ? byId[members[0]].kind : "other";
      var total = 0;
      members.forEach(function (m) { total += 1 + (opened["hub:" + m] ? 0 : (HUB_SIZE[m] || 0)); });
      var lv = Math.min.apply(null, members.map(levelOf));
      network.cluster({
        joinCondition: function (o) { return o.grp === g.id; },
        clusterNodeProperties: {
          id: g.id, level: lv, label: g.label + " (" + members.length + (total > members.length ? ", " + total + " nodes" : "") + ")",
          shape: "ellipse", color: clusterColor(kind), borderWidth: 3, font: { size: 21, face: "sans-serif", color: "#222222" },
          widthConstraint: { maximum: 220 }, groupOf: g.id
        }
      });
    });
  }
  function openCluster(id) {
    if (!network.isCluster(id)) { return false; }
    opened[id] = true;
    network.openCluster(id, { releaseFunction: function (pos, children) {
      var out = {}, ids = Object.keys(children), r = 40 + 12 * Math.sqrt(ids.length);
      ids.forEach(function (cid, i) {
        var a = 2 * Math.PI * i / ids.length;
        out[cid] = { x: pos.x + r * Math.cos(a), y: pos.y + r * Math.sin(a) };
      });
      return out;
    } });
    relayout(false);
    return true;
  }

  // ---- layout: settle, then stop; again after a filter or an opened fold ------
  var focusAfter = null;
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    if (focusAfter !== null) {
      network.selectNodes([focusAfter]);
      network.moveTo({ position: network.getPosition(focusAfter), scale: 1.0, animation: false });
      focusAfter = null;
    }
    updateShown();
    document.body.setAttribute("data-settled", "true");
  }
  var layoutRuns = 0;
  // a layered tree of what is drawn now (folds included): y by level, each
  // leaf its own column, a parent centred over its children; linear time
  function levelOf(id) {
    var n = byId[id];
    if (n && n.level !== undefined) { return n.level; }
    var node = network.body.nodes[id];
    return node && node.options.level !== undefined ? node.options.level : 0;
  }
  function treeLayout() {
    var ids = network.body.nodeIndices.slice().sort();
    var shown = {}, kids = {}, parent = {};
    ids.forEach(function (id) { shown[id] = true; kids[id] = []; });
    network.body.edgeIndices.slice().sort().forEach(function (eid) {
      var e = network.body.edges[eid];
      if (!e || !shown[e.fromId] || !shown[e.toId]) { return; }
      var child = e.fromId, up = e.toId;
      if (levelOf(up) > levelOf(child)) { child = e.toId; up = e.fromId; }  // actors sit above
      if (levelOf(up) < levelOf(child) && parent[child] === undefined) { parent[child] = up; kids[up].push(child); }
    });
    var x = 0, pos = {}, XS = 170, YS = 170;
    function place(id) {
      if (pos[id]) { return pos[id].x; }
      pos[id] = { x: 0, y: levelOf(id) * YS };
      var ks = kids[id].filter(function (k) { return !pos[k]; });
      if (!ks.length) {
        var w = network.isCluster(id) ? 260 : XS;  // folds carry longer labels
        pos[id].x = x + w / 2; x += w;
        return pos[id].x;
      }
      var xs = ks.map(place);
      pos[id].x = (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2;
      return pos[id].x;
    }
    var roots = ids.filter(function (id) { return parent[id] === undefined; });
    roots.sort(function (a, b) { return (a === data.root ? -1 : b === data.root ? 1 : levelOf(a) - levelOf(b) || (a < b ? -1 : 1)); });
    roots.forEach(function (r) { place(r); x += XS / 2; });
    // set in place (vis's moveNode queues a timer and a redraw per node: minutes on a big tree)
    ids.forEach(function (id) { var b = network.body.nodes[id]; b.x = pos[id].x; b.y = pos[id].y; });
  }
  // open at a zoom where labels can be read (the whole view fits when it can)
  var READABLE = tree ? 0.85 : 0.55;  // fold labels are 21 px: 11.5 px on screen at 0.55
  function fitReadable() {
    network.fit({ animation: false });
    // (a view of hundreds of nodes stays fitted: zoomed in, its long dashed
    // edges take the browser minutes to paint)
    if (network.getScale() >= READABLE || network.body.nodeIndices.length > 150) { return; }
    var el = container.getBoundingClientRect(), at = network.getViewPosition();
    if (tree && data.root && network.body.nodes[data.root]) {
      var top = network.getPosition(data.root);
      at = { x: top.x, y: top.y + (el.height / 2 - 70) / READABLE };
    }
    network.moveTo({ position: at, scale: READABLE, animation: false });
  }
  function relayout(reset) {
    layoutRuns++;
    document.body.setAttribute("data-settled", "false");
    if (reset) {
      network.setData({ nodes: nodesView, edges: edgesView });
      fold();
    }
    if (tree) {
      network.setOptions({ layout: { hierarchical: { enabled: false } } });
      treeLayout();
      network.once("afterDrawing", function () { fitReadable(); settled(); });
      network.redraw();
    } else {
      network.setOptions({ physics: { enabled: true } });
      network.once("stabilizationIterationsDone", function () { fitReadable(); settled(); });
      network.stabilize(large ? 200 : 300);
    }
  }
  fold();
  if (summarised || tree) {
    relayout(false);  // lay out what is drawn, not the nodes folded away
  } else {
    network.once("stabilizationIterationsDone", function () { fitReadable(); settled(); });
  }

  // ---- what is shown --------------------------------------------------------
  function drawn() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }
  function folds() {
    return network.body.nodeIndices.filter(function (id) { return network.isCluster(id); }).length;
  }
  function updateShown() {
    var d = drawn(), f = folds();
    document.getElementById("shown").textContent = "Showing " + d.nodes + " of " + data.nodes.length + " nodes" +
      (f ? " (" + f + " of them folded: click to open)" : "") + " and " +
      d.edges + " of " + data.edges.length + " edges.";
  }

  // ---- legend and filters ---------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  function svg(w, h) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", w); s.setAttribute("height", h); s.setAttribute("aria-hidden", "true");
    return s;
  }
  function shapeIcon(shape, fill, stroke, dashes) {
    var s = svg(22, 18), e;
    var pts = { diamond: "11,1 20,9 11,17 2,9", triangle: "11,1 20,17 2,17",
                star: "11,1 13.5,6.5 20,7 15,11 16.5,17 11,14 5.5,17 7,11 2,7 8.5,6.5" };
    if (shape === "box") { e = document.createElementNS(SVG, "rect"); e.setAttribute("x", 1); e.setAttribute("y", 3); e.setAttribute("width", 20); e.setAttribute("height", 12); e.setAttribute("rx", 3); }
    else if (shape === "square") { e = document.createElementNS(SVG, "rect"); e.setAttribute("x", 3); e.setAttribute("y", 1); e.setAttribute("width", 16); e.setAttribute("height", 16); }
    else if (pts[shape]) { e = document.createElementNS(SVG, "polygon"); e.setAttribute("points", pts[shape]); }
    else { e = document.createElementNS(SVG, "circle"); e.setAttribute("cx", 11); e.setAttribute("cy", 9); e.setAttribute("r", 7); }
    e.setAttribute("fill", fill); e.setAttribute("stroke", stroke || "#444444");
    e.setAttribute("stroke-width", stroke ? 2.5 : 1);
    if (dashes && dashes.length) { e.setAttribute("stroke-dasharray", dashes.join(" ")); }
    s.appendChild(e);
    return s;
  }
  function lineIcon(r) {
    var s = svg(34, 12), l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", 1); l.setAttribute("y1", 6); l.setAttribute("x2", r.arrow ? 26 : 33); l.setAttribute("y2", 6);
    l.setAttribute("stroke", r.color); l.setAttribute("stroke-width", Math.max(r.width, 1.5));
    if (r.dashes.length) { l.setAttribute("stroke-dasharray", r.dashes.join(" ")); }
    s.appendChild(l);
    if (r.arrow) {
      var p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", "26,1 33,6 26,11"); p.setAttribute("fill", r.color); s.appendChild(p);
    }
    return s;
  }
  function legendRow(box, key, icon, name, count, onChange) {
    var lab = el("label", "row");
    var cb = el("input");
    cb.type = "checkbox"; cb.checked = true; cb.setAttribute("data-key", key);
    cb.addEventListener("change", function () { onChange(cb.checked); });
    lab.appendChild(cb); lab.appendChild(icon);
    lab.appendChild(el("span", "name", name));
    lab.appendChild(el("span", "count", count));
    box.appendChild(lab);
    return cb;
  }
  var kindBoxes = {};
  var lk = document.getElementById("legend-kinds");
  data.kinds.forEach(function (k) {
    kindBoxes[k.kind] = legendRow(lk, k.kind, shapeIcon(k.shape, k.color), k.name, k.count, function (on) {
      setKind(k.kind, on);
    });
  });
  var lr = document.getElementById("legend-relations");
  data.relations.forEach(function (r) {
    legendRow(lr, r.relation, lineIcon(r), r.name, r.count, function (on) { setRelation(r.relation, on); });
  });
  if (data.labels.length) {
    document.getElementById("legend-labels-box").hidden = false;
    var ll = document.getElementById("legend-labels");
    data.labels.forEach(function (l) {
      var row = el("div", "row");
      row.appendChild(shapeIcon("dot", "#ffffff", l.color, l.dashes));
      row.appendChild(el("span", "name", l.name));
      row.appendChild(el("span", "count", l.count));
      ll.appendChild(row);
    });
  }
  function setKind(kind, on) {
    kindOn[kind] = !!on;
    if (kindBoxes[kind]) { kindBoxes[kind].checked = !!on; }
    nodesView.refresh();
    relayout(true);  // a new layout for what is left: no gaps, no dots at old places
    updateShown();
  }
  function setRelation(rel, on) {
    relOn[rel] = !!on;
    edgesView.refresh();
    relayout(true);
    updateShown();
  }

  // ---- hover tooltip and click details -------------------------------------
  var tip = document.getElementById("tip");
  var details = document.getElementById("details");
  function sourceLine(idx, withLink, pages) {
    var s = data.sources[idx];
    var box = el("div", "src");
    if (!s) { return box; }
    box.appendChild(el("span", "src-title", s.title));
    if (pages) { box.appendChild(el("span", "src-pages", ", " + pages)); }
    var meta = [s.publisher, s.creator, s.date].filter(Boolean).join(", ");
    if (meta) { box.appendChild(el("span", "src-meta", " \u2014 " + meta)); }
    var href = safeHref(s.url);
    if (href) {
      box.appendChild(el("br"));
      if (withLink) {
        var a = el("a", "src-link", href);
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        box.appendChild(a);
      } else {
        box.appendChild(el("span", "src-link", href));
      }
    }
    return box;
  }
  function headLine(n) {
    var ks = KIND[n.kind] || OTHER;
    var bits = [ks.name, n.curie];
    if (n.status) { bits.push(n.status); }
    if (n.rests) { bits.push(n.rests + (n.rests === 1 ? " claim or policy rests on it" : " claims and policies rest on it")); }
    return el("div", "meta", bits.join(" \u00b7 "));
  }
  function fillTip(n) {
    tip.replaceChildren();
    tip.appendChild(el("div", "tip-label", n.label));
    tip.appendChild(headLine(n));
    if (n.quotes.length) {
      var q = n.quotes[0];
      tip.appendChild(el("blockquote", "quote", "\u201c" + short(q[0], 400) + "\u201d"));
      tip.appendChild(sourceLine(q[1], false, q[2]));
      if (n.quotes.length > 1) { tip.appendChild(el("div", "more", "+" + (n.quotes.length - 1) + " more quote(s): click")); }
    } else if (n.sources.length) {
      n.sources.slice(0, 3).forEach(function (i) { tip.appendChild(sourceLine(i, false)); });
    }
  }
  function place(pointer) {
    var wrap = container.getBoundingClientRect();
    var x = pointer.x + 14, y = pointer.y + 14;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > wrap.width) { x = Math.max(pointer.x - w - 14, 0); }
    if (y + h > wrap.height) { y = Math.max(pointer.y - h - 14, 0); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) {
    var n = byId[p.node];
    if (!n && network.isCluster(p.node)) {
      tip.replaceChildren();
      var info = network.body.nodes[p.node] ? network.body.nodes[p.node].options : {};
      tip.appendChild(el("div", "tip-label", info.label || ""));
      tip.appendChild(el("div", "meta", "Folded: click to open it."));
      place(p.pointer.DOM);
      return;
    }
    if (!n) { return; }
    fillTip(n);
    place(p.pointer.DOM);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("hoverEdge", function (p) {
    var d = edgeById[p.edge];
    if (!d) { return; }
    tip.replaceChildren();
    var from = byId[d.from], to = byId[d.to];
    tip.appendChild(el("div", "tip-label", (from ? short(from.label, 60) : d.from) + " \u2192 " +
      (REL[d.relation] ? REL[d.relation].name : d.relation) + " \u2192 " + (to ? short(to.label, 60) : d.to)));
    if (d.predicates.length) { tip.appendChild(el("div", "meta", "as stated: " + d.predicates.join(", "))); }
    d.sources.forEach(function (i) { tip.appendChild(sourceLine(i, false)); });
    place(p.pointer.DOM);
  });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  function listRow(box, title, items) {
    if (!items || !items.length) { return; }
    box.appendChild(el("h3", null, title));
    var ul = el("ul");
    items.forEach(function (t) { ul.appendChild(el("li", null, t)); });
    box.appendChild(ul);
  }
  function showDetails(id) {
    var n = byId[id];
    if (!n) { return; }
    details.replaceChildren();
    var close = el("button", "close", "\u00d7");
    close.type = "button"; close.title = "Close";
    close.addEventListener("click", function () { details.hidden = true; });
    details.appendChild(close);
    details.appendChild(el("h2", "d-label", n.label));
    details.appendChild(headLine(n));
    var page = safePage(n.page);
    if (page) {
      var a = el("a", "page", "Open its page \u2192");
      a.href = page; details.appendChild(a);
    }
    if (n.info.length) {
      var dl = el("dl");
      n.info.forEach(function (row) {
        dl.appendChild(el("dt", null, row[0]));
        var dd = el("dd");
        var href = row[0] === "link" ? safeHref(row[1]) : null;
        if (href) { var l = el("a", null, href); l.href = href; l.target = "_blank"; l.rel = "noopener noreferrer"; dd.appendChild(l); }
        else { dd.textContent = row[1]; }
        dl.appendChild(dd);
      });
      details.appendChild(dl);
    }
    if (n.quotes.length) {
      details.appendChild(el("h3", null, n.quotes.length === 1 ? "Quote" : "Quotes"));
      n.quotes.forEach(function (q) {
        details.appendChild(el("blockquote", "quote", "\u201c" + q[0] + "\u201d"));
        details.appendChild(sourceLine(q[1], true, q[2]));
      });
    } else if (n.sources.length) {
      details.appendChild(el("h3", null, "Sources"));
      n.sources.forEach(function (i) { details.appendChild(sourceLine(i, true)); });
    }
    var by = n.by || {};
    listRow(details, "Advocated by", by.advocates);
    listRow(details, "Opposed by", by.opposes);
    listRow(details, "Asserted by", by.asserts);
    details.hidden = false;
  }
  network.on("click", function (p) {
    if (!p.nodes.length) { return; }
    if (network.isCluster(p.nodes[0])) { tip.hidden = true; openCluster(p.nodes[0]); return; }
    showDetails(p.nodes[0]);
  });

  // ---- search ----------------------------------------------------------------
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var found = document.getElementById("found");
  var index = data.nodes.map(function (n) { return [n.label.toLowerCase(), n]; });
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) { return []; }
    var starts = [], inside = [];
    index.forEach(function (pair) {
      var at = pair[0].indexOf(q);
      if (at === 0) { starts.push(pair[1]); } else if (at > 0) { inside.push(pair[1]); }
    });
    return starts.concat(inside);
  }
  function unfold(id) {  // open the folds that hold a node, outermost first
    var any = false;
    for (var i = 0; i < 4; i++) {
      var path = network.clustering.findNode(id);
      if (!path || path.length < 2) { return any; }
      openCluster(path[0]);
      any = true;
    }
    return any;
  }
  function centre(id) {  // re-centre on a node at a readable zoom, whatever the zoom was
    network.moveTo({ position: network.getPosition(id), scale: 1.0, animation: false });
  }
  function select(id) {
    var n = byId[id];
    if (!n) { return false; }
    if (kindOn[n.kind] === false) { setKind(n.kind, true); }
    showDetails(id);
    if (unfold(id) || document.body.getAttribute("data-settled") !== "true") {
      focusAfter = id;  // once the new layout has settled
    }
    network.selectNodes([id]);
    centre(id);
    found.textContent = "Found: " + n.label;
    return true;
  }
  function showResults() {
    var m = matches(search.value);
    results.replaceChildren();
    m.slice(0, 12).forEach(function (n) {
      var li = el("li"), b = el("button", "hit", short(n.label, 70));
      b.type = "button"; b.setAttribute("data-id", n.id);
      b.appendChild(el("small", null, " " + (KIND[n.kind] || OTHER).name));
      b.addEventListener("click", function () { select(n.id); });
      li.appendChild(b); results.appendChild(li);
    });
    found.textContent = search.value.trim() ? (m.length ? m.length + " match" + (m.length === 1 ? "" : "es") : "No node matches") : "";
    return m;
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      var m = showResults();
      if (m.length) { select(m[0].id); }
    }
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  if (summarised) {
    document.getElementById("summary-box").hidden = false;
    document.getElementById("expand").addEventListener("click", function () {
      for (var i = 0; i < 3; i++) {
        network.body.nodeIndices.filter(function (x) { return network.isCluster(x); }).forEach(function (c) {
          opened[c] = true; network.openCluster(c);
        });
      }
      relayout(false);
    });
    document.getElementById("collapse").addEventListener("click", function () { opened = {}; relayout(true); });
  }

  // ---- save as PNG / SVG (drawn from what is on screen; no network) -----------
  function download(name, url) {
    var a = el("a");
    a.href = url; a.download = name; a.hidden = true;
    document.body.appendChild(a); a.click(); a.remove();
  }
  function fileName(ext) {
    return (data.title || "graph").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60).toLowerCase() + "." + ext;
  }
  function pngURL() {
    var src = container.querySelector("canvas");
    var c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(src, 0, 0);
    return c.toDataURL("image/png");
  }
  function svgText() {
    var ids = network.body.nodeIndices, pos = network.getPositions(ids), box = null;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      box = box ? { left: Math.min(box.left, b.left), top: Math.min(box.top, b.top),
                    right: Math.max(box.right, b.right), bottom: Math.max(box.bottom, b.bottom) } : b;
    });
    box = box || { left: 0, top: 0, right: 100, bottom: 100 };
    var s = svg(Math.ceil(box.right - box.left + 40), Math.ceil(box.bottom - box.top + 40));
    s.setAttribute("xmlns", SVG);
    s.setAttribute("viewBox", [box.left - 20, box.top - 20, box.right - box.left + 40, box.bottom - box.top + 40].join(" "));
    s.removeAttribute("aria-hidden");
    var bg = document.createElementNS(SVG, "rect");
    bg.setAttribute("x", box.left - 20); bg.setAttribute("y", box.top - 20);
    bg.setAttribute("width", box.right - box.left + 40); bg.setAttribute("height", box.bottom - box.top + 40);
    bg.setAttribute("fill", "#ffffff"); s.appendChild(bg);
    network.body.edgeIndices.forEach(function (eid) {
      var e = network.body.edges[eid];
      if (!e || !pos[e.fromId] || !pos[e.toId]) { return; }
      var d = edgeById[eid], rs = (d && REL[d.relation]) || { color: "#999999", dashes: [], width: 1 };
      var l = document.createElementNS(SVG, "line");
      l.setAttribute("x1", pos[e.fromId].x); l.setAttribute("y1", pos[e.fromId].y);
      l.setAttribute("x2", pos[e.toId].x); l.setAttribute("y2", pos[e.toId].y);
      l.setAttribute("stroke", rs.color); l.setAttribute("stroke-width", Math.max(rs.width, 1));
      if (rs.dashes.length) { l.setAttribute("stroke-dasharray", rs.dashes.join(" ")); }
      s.appendChild(l);
    });
    ids.forEach(function (id) {
      var o = network.body.nodes[id].options, p = pos[id];
      var fill = o.color && o.color.background ? o.color.background : "#bab0ac";
      var g = document.createElementNS(SVG, "g");
      var shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", p.x); shape.setAttribute("cy", p.y); shape.setAttribute("r", Math.max(o.size || 10, 6));
      shape.setAttribute("fill", fill); shape.setAttribute("stroke", (o.color && o.color.border) || "#444444");
      g.appendChild(shape);
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", p.x); t.setAttribute("y", p.y + Math.max(o.size || 10, 6) + 14);
      t.setAttribute("text-anchor", "middle"); t.setAttribute("font-family", "sans-serif"); t.setAttribute("font-size", "13");
      t.textContent = String(o.label || "");
      g.appendChild(t);
      s.appendChild(g);
    });
    return new XMLSerializer().serializeToString(s);
  }
  document.getElementById("save-png").addEventListener("click", function () { download(fileName("png"), pngURL()); });
  document.getElementById("save-svg").addEventListener("click", function () {
    download(fileName("svg"), "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText()));
  });

  updateShown();
  window.pag = { network: network, data: data, nodes: nodes, edges: edges, drawn: drawn, folds: folds,
                 setKind: setKind, setRelation: setRelation, search: matches, select: select,
                 openCluster: openCluster, pngURL: pngURL, svgText: svgText,
                 layoutRuns: function () { return layoutRuns; } };
}());
