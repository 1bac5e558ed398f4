/* Draws every <canvas data-chart> on the page with Chart.js (portal.core.charts describes them).
   Each series gets its own colour AND its own fill pattern or dash, so charts read in black and white. */
(function () {
  "use strict";
  var COLOURS = ["#1f5f99", "#d55e00", "#009e73", "#8a6d00", "#cc79a7", "#56b4e9", "#444444"];
  var DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [1, 6]];
  var POINTS = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];

  function pattern(colour, index) {
    var size = 10, c = document.createElement("canvas");
    c.width = size; c.height = size;
    var g = c.getContext("2d");
    g.fillStyle = colour; g.globalAlpha = 0.35; g.fillRect(0, 0, size, size); g.globalAlpha = 1;
    g.strokeStyle = colour; g.fillStyle = colour; g.lineWidth = 2;
    switch (index % 6) {
      case 0: g.globalAlpha = 0.9; g.fillRect(0, 0, size, size); break; // solid
      case 1: g.beginPath(); g.moveTo(0, size); g.lineTo(size, 0); g.stroke(); break; // diagonal
      case 2: g.beginPath(); g.arc(size / 2, size / 2, 2, 0, 2 * Math.PI); g.fill(); break; // dots
      case 3: g.beginPath(); g.moveTo(0, 0); g.lineTo(size, size); g.moveTo(size, 0); g.lineTo(0, size); g.stroke(); break; // cross
      case 4: g.fillRect(0, size / 2 - 1, size, 2); break; // horizontal
      default: g.fillRect(size / 2 - 1, 0, 2, size); // vertical
    }
    return g.createPattern(c, "repeat");
  }

  function format(value, unit) {
    if (value === null || value === undefined) return "–";
    var text = Number(value).toLocaleString("en-IN");
    if (unit === "₹") return "₹" + text;
    return unit ? text + (unit === "%" ? "%" : " " + unit) : text;
  }

  function config(data) {
    var kind = data.kind, type = kind;
    if (kind === "horizontal-bar" || kind === "stacked-bar") type = "bar";
    var many = kind === "doughnut";
    var datasets = data.series.map(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var asLine = type === "line" || type === "radar" || s.kind === "line";
      var set = { label: s.label, data: s.values, borderColor: colour, borderWidth: 2 };
      if (s.kind === "line") set.type = "line";
      if (asLine) {
        set.borderDash = DASHES[i % DASHES.length];
        set.pointStyle = POINTS[i % POINTS.length];
        set.pointRadius = 4;
        set.backgroundColor = type === "radar" ? pattern(colour, i + 1) : colour;
        set.fill = type === "radar";
        set.spanGaps = true;
      } else if (many) {
        set.backgroundColor = s.values.map(function (_v, j) { return pattern(COLOURS[j % COLOURS.length], j); });
      } else {
        set.backgroundColor = pattern(colour, i);
      }
      return set;
    });
    var options = {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: {
        legend: { display: datasets.length > 1 || many, labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + format(ctx.raw, data.unit); } } }
      }
    };
    if (type === "radar") {
      options.scales = { r: { beginAtZero: true, suggestedMax: data.max || undefined } };
    } else if (!many) {
      var valueAxis = { beginAtZero: true, ticks: { callback: function (v) { return format(v, data.unit); } } };
      if (data.max) valueAxis.max = data.max;
      options.scales = kind === "horizontal-bar" ? { x: valueAxis } : { y: valueAxis };
      if (kind === "stacked-bar") { options.scales.x = { stacked: true }; options.scales.y.stacked = true; }
      if (kind === "horizontal-bar") options.indexAxis = "y";
    }
    return { type: type, data: { labels: data.labels, datasets: datasets }, options: options };
  }

  function drawAll(root) {
    if (!window.Chart) return;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, config(JSON.parse(source.textContent)));
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.body && document.body.addEventListener("htmx:afterSettle", function (e) { drawAll(e.target); });
})();
