"""The fixed parts of a ``dckg viz`` page: its markup, its style and its script.

:func:`kg.viz_html.render_page` fills :data:`PAGE` (a :class:`string.Template`)
with escaped text, the inline vis-network assets and the graph as escaped
JSON.  :data:`PAGE_JS` is the page's only own script; it is allowed by its
SHA-256 hash in the page's Content-Security-Policy, so it must be used
verbatim.  It never turns data into markup: the side panel is filled with
``textContent`` and ``createElement`` only.

Hooks for tests and benchmarks: ``window.dckgNetwork`` (the vis Network),
``window.dckgFirstDraw`` (``performance.now()`` at the first drawing),
``body[data-drawn]`` and, with physics, ``body[data-stable]``;
``window.dckgShow(id)`` opens a node in the side panel.
"""

from __future__ import annotations

__all__ = ["PAGE", "PAGE_CSS", "PAGE_JS"]

PAGE_CSS = """
html, body { margin: 0; height: 100%; color: #1c2833; background: #fff;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { padding: 0.5rem 1rem; border-bottom: 1px solid #d5d8dc; }
header h1 { font-size: 1.15rem; margin: 0; }
header p { margin: 0.15rem 0; color: #566573; }
header p.note { color: #784212; }
main { display: flex; height: calc(100% - var(--header, 5rem)); min-height: 24rem; }
#dckg-network { flex: 1 1 auto; min-width: 0; position: relative; background: #fbfcfc; }
aside { flex: 0 0 26rem; max-width: 40%; overflow: auto; border-left: 1px solid #d5d8dc;
  padding: 0.5rem 1rem; box-sizing: border-box; }
aside h2 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
#panel-kind { color: #566573; margin: 0 0 0.4rem; }
#panel-text { white-space: pre-wrap; background: #f4f6f7; border-left: 3px solid #7fb3d5;
  padding: 0.5rem; margin: 0.4rem 0; }
#panel-iri { font-size: 0.8rem; color: #808b96; word-break: break-all; }
ul { list-style: none; padding: 0; margin: 0.2rem 0; }
#legend li, #panel-links li, #panel-lines li { margin: 0.1rem 0; }
#legend svg { vertical-align: middle; }
footer { font-size: 0.75rem; color: #808b96; margin-top: 1rem; }
div.vis-tooltip { max-width: 32rem; white-space: pre-wrap; font: 13px/1.35 system-ui, sans-serif; }
"""

PAGE_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dckg-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var header = document.querySelector("header");
  document.documentElement.style.setProperty("--header", header.offsetHeight + "px");
  // A node's value is its size, an edge's value its width: with scaling.min/max set to
  // 0/100 (nodes) and 1/6 (edges) by kg.viz_html._options, these give the value back.
  data.options.nodes.scaling.customScalingFunction = function (min, max, total, value) {
    return value / 100;
  };
  data.options.edges.scaling.customScalingFunction = function (min, max, total, value) {
    return (value - 1) / 5;
  };
  var network = new vis.Network(
    byId("dckg-network"),
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
    data.options
  );
  window.dckgNetwork = network;
  network.once("afterDrawing", function () {
    window.dckgFirstDraw = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      document.body.setAttribute("data-stable", "1");
    });
  }
  function fill(list, items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item;
      list.appendChild(li);
    });
  }
  function show(id) {
    if (!Object.prototype.hasOwnProperty.call(data.details, id)) { return; }
    var d = data.details[id];
    byId("panel-heading").textContent = d.heading;
    byId("panel-kind").textContent = d.kind;
    byId("panel-text").textContent = d.text;
    byId("panel-text").hidden = !d.text;
    fill(byId("panel-lines"), d.lines);
    fill(byId("panel-links"), d.links);
    byId("panel-links-heading").hidden = !d.links.length;
    byId("panel-iri").textContent = d.iri;
    byId("panel-hint").hidden = true;
  }
  window.dckgShow = show;
  network.on("click", function (params) {
    if (params.nodes.length) { show(params.nodes[0]); }
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="drug-control-kg $version (dckg viz, pyvis, vis-network)">
<title>$title</title>
<style>$vis_css</style>
<style>$page_css</style>
</head>
<body>
<header>
<h1>$title</h1>
<p>$summary. Hover a node for its text, click it for details; drag to pan, scroll to zoom.</p>
$notes
</header>
<main>
<div id="dckg-network" role="img" aria-label="$title"></div>
<aside>
<section id="panel" aria-live="polite">
<h2 id="panel-heading">Details</h2>
<p id="panel-hint">Click a node to see its full text and links here.</p>
<p id="panel-kind"></p>
<div id="panel-text" hidden></div>
<ul id="panel-lines"></ul>
<h2 id="panel-links-heading" hidden>Links</h2>
<ul id="panel-links"></ul>
<p id="panel-iri"></p>
</section>
<section>
<h2>Legend</h2>
<ul id="legend">
$legend
</ul>
</section>
<footer>drug-control-kg $version. Self-contained page: no network access needed.</footer>
</aside>
</main>
<noscript><p>This graph needs JavaScript.</p></noscript>
<script type="application/json" id="dckg-data">$data</script>
<script>$vis_js</script>
<script>$page_js</script>
</body>
</html>
"""
