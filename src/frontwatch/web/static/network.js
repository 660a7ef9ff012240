/* frontwatch network view: the relations around an entity, drawn with Cytoscape.js.
 * Data: GET /graph/neighbors?id=ID&depth=N (nodes with `designated`, edges with evidence).
 * Click an edge: its evidence. Click a node: its details; double-click or "Expand": its links. */
(function () {
  "use strict";

  var main = document.querySelector("main.network");
  var rootId = main.getAttribute("data-root");
  var summary = document.getElementById("graph-summary");
  var selection = document.getElementById("selection");
  var REL_CLASS = {
    UnknownLink: "unknown", Ownership: "ownership", Succession: "ownership",
    Directorship: "directorship", Membership: "directorship", Employment: "directorship",
    Representation: "directorship", Family: "family", Associate: "family"
  };
  var SHAPE_CLASS = { Person: "person", Vessel: "vessel", Airplane: "vessel" };

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var LEGAL_FORMS = [
    [/ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ/gi, "ООО"],
    [/АКЦИОНЕРНОЕ ОБЩЕСТВО/gi, "АО"],
    [/НЕКОММЕРЧЕСКОЕ ПАРТНЕРСТВО/gi, "НП"],
    [/Limited Liability Company/gi, "LLC"],
    [/Joint[- ]Stock Company/gi, "JSC"],
    [/Company Limited/gi, "Co. Ltd."]
  ];
  function abbreviate(text) {
    LEGAL_FORMS.forEach(function (f) { text = text.replace(f[0], f[1]); });
    return text;
  }
  function short(text, n) {
    text = String(text || "");
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: [],
    wheelSensitivity: 0.25,
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "shape": "round-rectangle", "width": 30, "height": 30,
        "background-color": "#e9eef5", "border-color": "#71839b", "border-width": 2,
        "label": "data(label)", "font-size": 11, "color": "#1b2635",
        "font-family": "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
        "text-valign": "bottom", "text-margin-y": 5, "text-wrap": "wrap", "text-max-width": 150,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85,
        "text-background-padding": 2, "text-background-shape": "round-rectangle"
      } },
      { selector: "node.person", style: { "shape": "ellipse" } },
      { selector: "node.vessel", style: { "shape": "diamond" } },
      { selector: "node.designated", style: {
        "background-color": "#fde7e7", "border-color": "#c62828", "border-width": 3 } },
      { selector: "node.collapsed", style: { "border-style": "dashed" } },
      { selector: "node.root", style: {
        "width": 48, "height": 48, "font-size": 13, "font-weight": 700, "border-width": 4,
        "background-color": "#dbe7ff", "border-color": "#1f4fd1" } },
      { selector: "node.root.designated", style: { "background-color": "#fde7e7", "border-color": "#c62828" } },
      { selector: "node:selected", style: { "overlay-color": "#1f6feb", "overlay-opacity": 0.18, "overlay-padding": 6 } },
      { selector: "edge", style: {
        "width": 2, "curve-style": "bezier", "line-color": "#8a96a8",
        "target-arrow-color": "#8a96a8", "arrow-scale": 1.1,
        "label": "data(label)", "font-size": 9, "color": "#4b5565", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 1
      } },
      { selector: "edge.nolabel", style: { "label": "" } },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
      { selector: "edge.rel-unknown", style: { "line-style": "dashed", "line-dash-pattern": [6, 3] } },
      { selector: "edge.rel-ownership", style: { "line-color": "#1f6feb", "target-arrow-color": "#1f6feb" } },
      { selector: "edge.rel-directorship", style: { "line-color": "#7b4bd6", "target-arrow-color": "#7b4bd6" } },
      { selector: "edge.rel-family", style: { "line-color": "#2e8b57", "target-arrow-color": "#2e8b57" } },
      { selector: "edge:selected", style: {
        "width": 5, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "z-index": 10 } }
    ]
  });
  window.fwGraph = cy;

  function nodeElement(n) {
    var classes = [SHAPE_CLASS[n.schema] || "org"];
    if (n.designated) classes.push("designated");
    if (n.root) classes.push("root");
    if (!n.expanded) classes.push("collapsed");
    return { group: "nodes", data: Object.assign({}, n, { label: short(abbreviate(n.label), 42), full: n.label }),
      classes: classes.join(" ") };
  }
  function edgeElement(e) {
    var classes = ["rel-" + (REL_CLASS[e.relation] || "unknown")];
    if (e.directed) classes.push("directed");
    return { group: "edges", data: { id: e.id, source: e.source, target: e.target,
      label: short(e.label, 28), ev: e }, classes: classes.join(" ") };
  }

  function merge(graph) {
    var nodes = [], edges = [];
    graph.nodes.forEach(function (n) {
      var found = cy.getElementById(n.id);
      if (found.nonempty()) {
        if (n.expanded) { found.data("expanded", true); found.removeClass("collapsed"); }
      } else {
        nodes.push(nodeElement(n));
      }
    });
    graph.edges.forEach(function (e) {
      if (cy.getElementById(e.id).empty()) edges.push(edgeElement(e));
    });
    cy.add(nodes);
    cy.add(edges);
    cy.edges().toggleClass("nolabel", cy.edges().length > 40);
    return nodes.length + edges.length;
  }

  function fetchGraph(id, depth) {
    var url = "/graph/neighbors?id=" + encodeURIComponent(id) + "&depth=" + depth;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.detail || r.statusText);
          return body;
        });
      });
  }

  function arrange() {
    // Rings around the entity you opened: one ring per step out.
    var depth = {};
    cy.elements().breadthFirstSearch({
      root: cy.getElementById(rootId),
      visit: function (v, e, u, i, d) { depth[v.id()] = d; }
    });
    var far = 0;
    Object.keys(depth).forEach(function (k) { far = Math.max(far, depth[k]); });
    cy.layout({
      name: "concentric", animate: false, padding: 50, minNodeSpacing: 70, spacingFactor: 1.15,
      startAngle: 3 / 2 * Math.PI, avoidOverlap: true,
      concentric: function (node) { var d = depth[node.id()]; return d === undefined ? 0 : far + 1 - d; },
      levelWidth: function () { return 1; }
    }).run();
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
  }

  function summarise(truncated) {
    var designated = cy.nodes(".designated").length;
    summary.textContent = cy.nodes().length + " parties · " + cy.edges().length + " links · " +
      designated + " designated" + (truncated ? " · limited to the first 200 parties" : "");
    main.setAttribute("data-ready", "1");
  }

  function caption(id) {
    var n = cy.getElementById(id);
    return n.nonempty() ? n.data("full") : id;
  }

  function showEdge(edge) {
    var ev = edge.data("ev");
    var rows = [
      ["Relation", ev.relation_label === ev.relation ? ev.relation : ev.relation_label + " (" + ev.relation + ")"],
      ["Role as published", (ev.role && ev.role.length) ? ev.role.join("; ") : "—"],
      ["Stated by", (ev.list || "—") + (ev.version ? " · store version v" + ev.version : "")],
      ["Record", ev.relation_id]
    ];
    var LABELS = { description: "Description", summary: "Summary", startDate: "Start date",
      endDate: "End date", date: "Date", percentage: "Share (%)", sharesCount: "Shares",
      sharesValue: "Share value", ownershipType: "Ownership type", status: "Status",
      sourceUrl: "Source", publisher: "Publisher" };
    Object.keys(ev.details || {}).forEach(function (k) {
      rows.push([LABELS[k] || k, ev.details[k].join("; ")]);
    });
    selection.innerHTML =
      '<h2>Evidence</h2>' +
      '<p class="ev-sentence"><a href="/ui/entity/' + encodeURIComponent(ev.source) + '">' +
      esc(caption(ev.source)) + '</a> <span class="ev-verb">' + esc(ev.verb) + '</span> <a href="/ui/entity/' +
      encodeURIComponent(ev.target) + '">' + esc(caption(ev.target)) + '</a></p>' +
      '<dl class="ev" data-testid="evidence">' + rows.map(function (r) {
        return "<dt>" + esc(r[0]) + "</dt><dd>" + esc(r[1]) + "</dd>";
      }).join("") + "</dl>";
  }

  function showNode(node) {
    var d = node.data();
    var html = '<h2>' + esc(d.full) + '</h2><div class="meta"><span class="badge">' + esc(d.schema) + '</span>';
    if (d.designated) html += '<span class="pill pill-red">Designated</span>';
    (d.programs || []).forEach(function (p) { html += '<span class="chip">' + esc(p) + '</span>'; });
    html += '</div><dl class="ev">';
    if (d.authorities && d.authorities.length) html += "<dt>Sanctioned by</dt><dd>" + esc(d.authorities.join("; ")) + "</dd>";
    if (d.list) html += "<dt>List</dt><dd>" + esc(d.list) + (d.source_id ? " · ref " + esc(d.source_id) : "") + "</dd>";
    html += "<dt>Links shown</dt><dd>" + node.connectedEdges().length + "</dd></dl><div class=\"actions\">";
    html += '<a class="btn btn-small" href="/ui/entity/' + encodeURIComponent(d.id) + '">Entity page</a>';
    if (!d.expanded) html += '<button type="button" class="btn btn-small btn-primary" id="expand">Expand</button>';
    html += "</div>";
    selection.innerHTML = html;
    var button = document.getElementById("expand");
    if (button) button.addEventListener("click", function () { expand(node); });
  }

  function expand(node) {
    summary.textContent = "Expanding " + node.data("full") + "…";
    fetchGraph(node.id(), 1).then(function (graph) {
      node.data("expanded", true);
      node.removeClass("collapsed");
      if (merge(graph)) arrange();
      summarise(graph.truncated);
      showNode(node);
    }).catch(function (err) { summary.textContent = "Cannot expand: " + err.message; });
  }

  cy.on("tap", "edge", function (evt) { showEdge(evt.target); });
  cy.on("tap", "node", function (evt) { showNode(evt.target); });
  cy.on("dbltap", "node", function (evt) { expand(evt.target); });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 40); });
  document.getElementById("layout").addEventListener("click", arrange);
  document.getElementById("depth2").addEventListener("click", function () {
    fetchGraph(rootId, 2).then(function (graph) { merge(graph); arrange(); summarise(graph.truncated); });
  });

  fetchGraph(rootId, 1).then(function (graph) {
    merge(graph);
    arrange();
    summarise(graph.truncated);
    if (graph.edges.length === 0) {
      selection.innerHTML = "<h2>Evidence</h2><p class=\"muted\">The loaded lists state no relation of this entity.</p>";
    }
  }).catch(function (err) {
    summary.textContent = "Cannot load the network: " + err.message;
  });
})();
