// The vanishing-gradient page: log10 ‖∂L_T/∂h_t‖ against T−t for each cell, at initialisation (dashed)
// and after training (solid), with the fitted decay per step.
(() => {
  const D = DATA, h = Plot.h, app = document.getElementById("app");
  const cells = [...new Set(D.curves.map(c => c.cell))];
  const colorOf = cell => ({RNN: Plot.COLORS[0], LSTM: Plot.COLORS[1], GRU: Plot.COLORS[2]})[cell] || Plot.COLORS[3];
  const label = c => (c.cell === "RNN" ? "plain RNN" : c.cell) + (c.trained ? ", trained" : ", at init");
  const series = D.curves.map(c => ({
    name: label(c), color: colorOf(c.cell), dash: c.trained ? null : "6 4", width: c.trained ? 2.4 : 1.6,
    points: c.log10.map((y, d) => [d, y])
  }));
  app.append(h("h1", {}, D.title), h("p", {class: "desc"}, D.description), h("p", {class: "sentence", id: "sentence"}, D.sentence));
  app.append(Plot.keys(series.map(s => ({name: s.name, color: s.color, dash: !!s.dash}))));
  const chart = Plot.lineChart({title: "gradient norm reaching back from the loss at step T (log scale)", width: 900, height: 430,
    xLabel: "distance T − t (steps)", yLabel: "‖∂L_T/∂h_t‖", logY: true, series});
  chart.id = "chart";
  app.append(chart);
  const table = h("table", {class: "panel", id: "fits", style: "margin-top:12px;border-collapse:collapse"});
  table.append(h("tr", {}, h("th", {}, "cell"), h("th", {}, "factor per step at init"), h("th", {}, "factor per step trained"),
    h("th", {}, "validation loss after training")));
  for (const cell of cells) {
    const init = D.curves.find(c => c.cell === cell && !c.trained), tr = D.curves.find(c => c.cell === cell && c.trained);
    const f = c => c ? "×" + c.factor.toFixed(3) + " (slope " + c.slope.toFixed(4) + ")" : "–";
    table.append(h("tr", {}, h("td", {}, cell === "RNN" ? "plain RNN" : cell), h("td", {}, f(init)), h("td", {}, f(tr)),
      h("td", {}, tr && tr.valLoss != null ? tr.valLoss.toFixed(3) + " nats/char" : "–")));
  }
  for (const td of table.querySelectorAll("td, th")) td.style.padding = "3px 14px 3px 0";
  app.append(table);
})();
