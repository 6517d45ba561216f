// The cells page: the text colored by one hidden cell (red = positive, blue = negative), a cell picker
// with keyboard navigation, the automatically ranked interpretable cells, a hover card with the model's
// top-5 next characters and the step's gates, and gate-saturation scatter plots per layer.
(() => {
  const D = DATA, T = D.chars.length, H = D.hidden, L = D.layers, G = D.gateNames.length;
  const bytes = b64 => Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const act = new Int8Array(bytes(D.act).buffer), hid = new Int8Array(bytes(D.hid).buffer), gates = bytes(D.gates);
  const h = Plot.h;
  let layer = 0, unit = 0;

  const activation = (l, t, j) => act[(l * T + t) * H + j] / 127;
  const hidden = (l, t, j) => hid[(l * T + t) * H + j] / 127;
  const gate = (l, t, g, j) => {
    const b = gates[((l * T + t) * G + g) * H + j] / 255;
    return D.tanhGates[g] ? 2 * b - 1 : b;
  };
  function color(v) {
    const a = Math.min(1, Math.abs(v));
    const [r, g, b] = v >= 0 ? [220, 40, 40] : [40, 90, 220];
    const mix = (c) => Math.round(255 + (c - 255) * a);
    return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
  }
  const show = c => c === "\n" ? "↵" : c === " " ? "␣" : c === "\t" ? "⇥" : c;

  // ---- layout
  const app = document.getElementById("app");
  const layerSel = h("select", {id: "layer"});
  for (let l = 0; l < L; l++) layerSel.append(h("option", {value: l}, "layer " + l));
  const unitIn = h("input", {id: "unit", type: "number", min: 0, max: H - 1, value: 0, style: "width:70px"});
  const info = h("span", {id: "cellinfo", class: "muted"});
  app.append(
    h("h1", {}, D.title),
    h("p", {class: "desc"}, D.description),
    h("div", {class: "controls"},
      h("label", {}, "cell "), layerSel, unitIn, info,
      h("span", {class: "legend"}, "−1", h("span", {class: "grad"}), "+1 (" + D.colorBy + ")"),
      h("span", {class: "muted"}, "keys: ", h("kbd", {}, "←"), h("kbd", {}, "→"), " previous/next cell, ",
        h("kbd", {}, "↑"), h("kbd", {}, "↓"), " ranked list; hover a character for predictions and gates")));
  const textDiv = h("div", {id: "text", class: "panel"});
  const rankedDiv = h("div", {id: "ranked", class: "panel"}, h("h2", {style: "margin-top:0"}, "Most interpretable cells"),
    h("p", {class: "muted"}, "correlation r of the cell's " + D.colorBy + " with a property of the text"));
  app.append(h("div", {class: "row"}, textDiv, rankedDiv));
  const satDiv = h("div", {id: "saturation"});
  app.append(h("h2", {}, "Gate saturation"), h("p", {class: "muted"},
    "each dot is one cell: the fraction of steps its gate spends left-saturated (x) and right-saturated (y); click a dot to show that cell"), satDiv);
  const tip = h("div", {id: "tip"});
  document.body.append(tip);

  // ---- text
  const spans = new Array(T);
  const frag = document.createDocumentFragment();
  for (let t = 0; t < T; t++) {
    const c = D.chars[t];
    const s = h("span", {class: c === "\n" ? "ch nl" : "ch"});
    s.dataset.t = t;
    s.textContent = c === "\n" ? "↵\n" : c;
    spans[t] = s;
    frag.append(s);
  }
  textDiv.append(frag);

  // ---- ranked list
  const ol = h("ol", {});
  const items = D.ranked.map((r, i) => {
    const li = h("li", {}, `L${r.layer} #${r.unit} `, h("b", {}, r.feature), " ",
      h("span", {class: "score"}, "r = " + (r.r > 0 ? "+" : "") + r.r.toFixed(2)));
    li.addEventListener("click", () => select(r.layer, r.unit));
    ol.append(li);
    return li;
  });
  if (!items.length) ol.append(h("li", {}, "no cell correlates with the measured features"));
  rankedDiv.append(ol);

  // ---- saturation plots
  const scatters = [];
  D.saturation.forEach((perGate, l) => {
    const row = h("div", {class: "sat"});
    perGate.forEach((g, gi) => {
      const lo = g.low, hi = g.high;
      const svg = Plot.scatter({
        title: `layer ${l}, gate ${g.gate}`, width: 250, height: 230,
        xLabel: `fraction of steps < ${lo}`, yLabel: `fraction > ${hi}`, color: Plot.COLORS[gi % Plot.COLORS.length],
        points: g.left.map((x, j) => ({x, y: g.right[j], key: j, label: `cell ${j}: ${(100 * x).toFixed(0)}% < ${lo}, ${(100 * g.right[j]).toFixed(0)}% > ${hi}`})),
        onPick: j => select(l, j)
      });
      svg.dataset.layer = l;
      scatters.push(svg);
      row.append(svg);
    });
    satDiv.append(h("h2", {}, "layer " + l + (D.kind === "RNN" ? " (tanh activation h)" : "")), row);
  });

  // ---- selection
  function select(l, j) {
    layer = Math.max(0, Math.min(L - 1, l));
    unit = ((j % H) + H) % H;
    layerSel.value = layer;
    unitIn.value = unit;
    for (let t = 0; t < T; t++) spans[t].style.background = color(activation(layer, t, unit));
    const r = D.ranked.findIndex(x => x.layer === layer && x.unit === unit);
    items.forEach((li, i) => li.classList.toggle("sel", i === r));
    if (r >= 0) items[r].scrollIntoView({block: "nearest"});
    info.textContent = r >= 0 ? `tracks ${D.ranked[r].feature} (r = ${(D.ranked[r].r > 0 ? "+" : "") + D.ranked[r].r.toFixed(2)})` : "";
    for (const s of scatters) s.highlight(+s.dataset.layer === layer ? unit : -1);
    document.body.dataset.cell = layer + ":" + unit;
  }
  layerSel.addEventListener("change", () => select(+layerSel.value, unit));
  unitIn.addEventListener("change", () => select(layer, +unitIn.value || 0));

  document.addEventListener("keydown", e => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const r = D.ranked.findIndex(x => x.layer === layer && x.unit === unit);
    if (e.key === "ArrowRight" || e.key === "j") {
      unit === H - 1 ? select((layer + 1) % L, 0) : select(layer, unit + 1);
    } else if (e.key === "ArrowLeft" || e.key === "k") {
      unit === 0 ? select((layer + L - 1) % L, H - 1) : select(layer, unit - 1);
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && D.ranked.length) {
      const next = e.key === "ArrowDown" ? Math.min(D.ranked.length - 1, r + 1) : Math.max(0, r < 0 ? 0 : r - 1);
      select(D.ranked[next].layer, D.ranked[next].unit);
    } else {
      return;
    }
    e.preventDefault();
  });

  // ---- hover card
  let hovered = null;
  textDiv.addEventListener("mousemove", e => {
    const s = e.target.closest ? e.target.closest("span.ch") : null;
    if (!s) { hideTip(); return; }
    const t = +s.dataset.t;
    if (hovered !== s) {
      if (hovered) hovered.classList.remove("hover");
      hovered = s;
      s.classList.add("hover");
      fillTip(t);
    }
    placeTip(e.clientX + 16, e.clientY + 18);
  });
  textDiv.addEventListener("mouseleave", hideTip);
  function hideTip() {
    tip.style.display = "none";
    if (hovered) hovered.classList.remove("hover");
    hovered = null;
  }
  function fillTip(t) {
    tip.replaceChildren();
    tip.append(h("div", {}, "after ", h("span", {class: "ch"}, show(D.chars[t])), ` (step ${t}), next character:`));
    const table = h("table", {class: "top5"});
    const top = D.top[t];
    for (let k = 0; k < top.length; k += 2) {
      const p = top[k + 1];
      const next = t + 1 < T && D.chars[t + 1] === top[k];
      table.append(h("tr", {}, h("td", {}, h("span", {class: "ch"}, show(top[k]))),
        h("td", {}, h("span", {class: "bar", style: `width:${Math.max(1, Math.round(80 * p))}px`})),
        h("td", {}, (100 * p).toFixed(1) + "%" + (next ? " ✓" : ""))));
    }
    tip.append(table);
    const parts = [`layer ${layer} cell ${unit}:`];
    for (let g = 0; g < G && D.kind !== "RNN"; g++) parts.push(`${D.gateNames[g]} ${gate(layer, t, g, unit).toFixed(2)}`);
    parts.push(`h ${hidden(layer, t, unit).toFixed(2)}`);
    if (D.kind === "LSTM") parts.push(`tanh(c) ${activation(layer, t, unit).toFixed(2)}`);
    tip.append(h("div", {class: "gates", style: "margin-top:4px"}, parts.join("  ")));
    tip.style.display = "block";
  }

  function placeTip(x, y) {
    tip.style.left = Math.min(x, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = (y + tip.offsetHeight > window.innerHeight ? y - tip.offsetHeight - 30 : y) + "px";
  }

  // A link such as cells.html#cell=0:37&t=120 opens on that cell with the card of character 120 pinned.
  const params = new URLSearchParams(location.hash.slice(1));
  const asked = (params.get("cell") || "").split(":").map(Number);
  const first = D.ranked[0];
  if (asked.length === 2 && asked.every(Number.isInteger)) select(asked[0], asked[1]);
  else select(first ? first.layer : 0, first ? first.unit : 0);
  const pin = Number(params.get("t"));
  if (params.has("t") && Number.isInteger(pin) && pin >= 0 && pin < T) {
    spans[pin].scrollIntoView({block: "nearest"});
    spans[pin].classList.add("hover");
    fillTip(pin);
    const r = spans[pin].getBoundingClientRect();
    placeTip(r.right + 6, r.bottom + 6);
  }
})();
