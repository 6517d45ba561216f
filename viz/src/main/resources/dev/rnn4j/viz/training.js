// The training page: one chart per metric of metrics.jsonl, every run overlaid in its own color.
// Per-step training loss is noisy: it is drawn faintly with a smoothed line on top.
(() => {
  const D = DATA, h = Plot.h, app = document.getElementById("app");
  app.append(h("h1", {}, D.title), h("p", {class: "desc"}, "from each run's metrics.jsonl; faint lines are per-step values, "
    + "solid ones their moving average, dots the validations"));
  const color = i => Plot.COLORS[i % Plot.COLORS.length];
  app.append(Plot.keys(D.runs.map((r, i) => ({name: r.name, color: color(i)}))));
  // Centered moving average over about 1/40 of the run: no lag, unlike an exponential average.
  const smooth = pts => {
    const w = Math.max(1, Math.round(pts.length / 40)), out = [];
    let sum = 0, lo = 0, hi = -1;
    for (let i = 0; i < pts.length; i++) {
      while (hi < Math.min(pts.length - 1, i + w)) sum += pts[++hi][1];
      while (lo < i - w) sum -= pts[lo++][1];
      out.push([pts[i][0], sum / (hi - lo + 1)]);
    }
    return out;
  };
  const charts = [
    {title: "loss (nats/char)", train: "train_loss", val: "val_loss"},
    {title: "bits per char", train: "train_bpc", val: "val_bpc"},
    {title: "learning rate", train: "lr"},
    {title: "gradient norm (before clipping)", train: "grad_norm"},
    {title: "speed (chars/s)", train: "chars_per_s"}
  ];
  // x is the step, or the wall time in minutes where the run recorded it (older runs did not).
  const hasTime = D.runs.some(r => Object.values(r.series).some(pts => pts.some(p => p[2] != null)));
  let axis = hasTime && location.hash === "#minutes" ? "minutes" : "step";   // training.html#minutes opens on time
  const along = pts => axis === "step" ? pts.map(p => [p[0], p[1]]) : pts.filter(p => p[2] != null).map(p => [p[2], p[1]]);
  if (hasTime) {
    const pick = h("p", {class: "desc", id: "axis"}, "x axis: ");
    for (const a of ["step", "minutes"]) {
      const b = h("button", {id: "axis-" + a}, a);
      b.onclick = () => { axis = a; draw(); };
      pick.append(b, " ");
    }
    app.append(pick);
  }
  const div = h("div", {class: "plots", id: "plots"});
  app.append(div);
  function draw() {
    div.replaceChildren();
    for (const c of charts) {
      const series = [];
      D.runs.forEach((r, i) => {
        const pts = along(r.series[c.train] || []);
        const noisy = c.train !== "lr";
        if (noisy && pts.length > 20) series.push({name: r.name, color: color(i), points: pts, width: 1, opacity: 0.25});
        series.push({name: r.name, color: color(i), points: noisy && pts.length > 20 ? smooth(pts) : pts, width: 2});
        if (c.val && r.series[c.val] && r.series[c.val].length) {
          series.push({name: r.name + " validation", color: color(i), points: along(r.series[c.val]), width: 2, dash: "5 3", markers: true});
        }
      });
      if (!series.some(s => s.points.length)) continue;
      div.append(Plot.lineChart({title: c.title + (c.val ? " — dashed: validation" : ""), width: 600, height: 300,
        xLabel: axis, series}));
    }
  }
  draw();
})();
