// A very small SVG plotting helper shared by the viz pages: line charts (linear or log10 y) and
// scatter plots, with axes, grid and ticks. No dependencies; everything is drawn as SVG elements.
const Plot = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = ["#d6402f", "#2f6fd6", "#1f9d55", "#9b51e0", "#e08a00", "#0fa3b1", "#c2185b", "#5d6d7e"];

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, s, attrs) {
    const t = el("text", Object.assign({x, y}, attrs || {}), parent);
    t.textContent = s;
    return t;
  }

  // About n round numbers covering [lo, hi].
  function ticks(lo, hi, n) {
    if (!(hi > lo)) { hi = lo + 1; }
    const raw = (hi - lo) / Math.max(1, n);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw) || raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }

  function fmt(v) {
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(0);
    if (a >= 1000) return (v / 1000).toFixed(a >= 1e4 ? 0 : 1) + "k";
    return String(+v.toPrecision(3));
  }

  function extent(values, pad) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
    if (lo === Infinity) return [0, 1];
    if (lo === hi) { const p = Math.abs(lo) * 0.5 || 0.5; lo -= p; hi += p; }
    const p = (hi - lo) * (pad || 0);
    return [lo - p, hi + p];
  }

  // A frame with axes; returns {svg, sx, sy, plot} where sx/sy map data to pixels.
  function frame(o, xr, yr) {
    const W = o.width || 560, H = o.height || 300, m = {l: 58, r: 14, t: 26, b: 38};
    const svg = el("svg", {class: "plot", width: W, height: H, viewBox: `0 0 ${W} ${H}`});
    const sx = x => m.l + (x - xr[0]) / (xr[1] - xr[0]) * (W - m.l - m.r);
    const sy = y => H - m.b - (y - yr[0]) / (yr[1] - yr[0]) * (H - m.t - m.b);
    if (o.title) text(svg, m.l, 16, o.title, {class: "title"});
    for (const v of ticks(xr[0], xr[1], 6)) {
      el("line", {x1: sx(v), x2: sx(v), y1: m.t, y2: H - m.b, class: "grid"}, svg);
      text(svg, sx(v), H - m.b + 14, fmt(v), {"text-anchor": "middle"});
    }
    const yt = o.logY ? ticks(Math.ceil(yr[0]), Math.floor(yr[1]), 6).filter(Number.isInteger) : ticks(yr[0], yr[1], 5);
    for (const v of yt) {
      el("line", {x1: m.l, x2: W - m.r, y1: sy(v), y2: sy(v), class: "grid"}, svg);
      text(svg, m.l - 6, sy(v) + 4, o.logY ? "1e" + v : fmt(v), {"text-anchor": "end"});
    }
    el("line", {x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: "axis"}, svg);
    el("line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: "axis"}, svg);
    if (o.xLabel) text(svg, (m.l + W - m.r) / 2, H - 6, o.xLabel, {"text-anchor": "middle"});
    if (o.yLabel) text(svg, 12, (m.t + H - m.b) / 2, o.yLabel, {"text-anchor": "middle", transform: `rotate(-90 12 ${(m.t + H - m.b) / 2})`});
    return {svg, sx, sy};
  }

  // series: [{name, color, points: [[x, y], ...], width, dash, opacity}]; with logY the y values are log10.
  function lineChart(o) {
    const xs = [], ys = [];
    for (const s of o.series) for (const [x, y] of s.points) { xs.push(x); ys.push(y); }
    const xr = o.xRange || extent(xs, 0);
    let yr = o.yRange || extent(ys, 0.05);
    if (o.logY) yr = [Math.floor(yr[0]), Math.ceil(yr[1])];
    const {svg, sx, sy} = frame(o, xr, yr);
    for (const s of o.series) {
      if (!s.points.length) continue;
      const d = s.points.filter(p => Number.isFinite(p[1]))
        .map((p, i) => (i ? "L" : "M") + sx(p[0]).toFixed(1) + " " + sy(p[1]).toFixed(1)).join("");
      el("path", {d, fill: "none", stroke: s.color, "stroke-width": s.width || 1.8,
        "stroke-dasharray": s.dash || "none", opacity: s.opacity == null ? 1 : s.opacity}, svg);
      if (s.markers) for (const p of s.points) el("circle", {cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: s.color}, svg);
    }
    return svg;
  }

  // points: [{x, y, key}]; onPick(key) on click; highlight(key) says which point to ring.
  function scatter(o) {
    const {svg, sx, sy} = frame(o, o.xRange || [0, 1], o.yRange || [0, 1]);
    const dots = new Map();
    for (const p of o.points) {
      const c = el("circle", {cx: sx(p.x), cy: sy(p.y), r: 3.2, fill: o.color || "#2f6fd6", "fill-opacity": 0.45,
        stroke: "none", style: "cursor:pointer"}, svg);
      el("title", {}, c).textContent = p.label || "";
      if (o.onPick) c.addEventListener("click", () => o.onPick(p.key));
      dots.set(p.key, c);
    }
    svg.highlight = key => {
      for (const [k, c] of dots) {
        const on = k === key;
        c.setAttribute("r", on ? 6 : 3.2);
        c.setAttribute("stroke", on ? "#111" : "none");
        c.setAttribute("fill-opacity", on ? 1 : 0.45);
        if (on) c.parentNode.appendChild(c);   // draw on top
      }
    };
    return svg;
  }

  // A row of colored keys: [{name, color, dash}].
  function keys(items) {
    const div = document.createElement("div");
    div.className = "keys";
    for (const it of items) {
      const s = document.createElement("span");
      const i = document.createElement("i");
      i.style.background = it.dash ? `repeating-linear-gradient(90deg, ${it.color} 0 5px, transparent 5px 8px)` : it.color;
      s.append(i, document.createTextNode(it.name));
      div.appendChild(s);
    }
    return div;
  }

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  return {el, text, ticks, fmt, extent, lineChart, scatter, keys, h, COLORS};
})();
