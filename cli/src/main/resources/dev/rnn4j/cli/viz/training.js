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
  const div = h("div", {class: "plots", id: "plots"});
  for (const c of charts) {
    const series = [];
    D.runs.forEach((r, i) => {
      const pts = r.series[c.train] || [];
      const noisy = c.train !== "lr";
      if (noisy && pts.length > 20) series.push({name: r.name, color: color(i), points: pts, width: 1, opacity: 0.25});
      series.push({name: r.name, color: color(i), points: noisy && pts.length > 20 ? smooth(pts) : pts, width: 2});
      if (c.val && r.series[c.val] && r.series[c.val].length) {
        series.push({name: r.name + " validation", color: color(i), points: r.series[c.val], width: 2, dash: "5 3", markers: true});
      }
    });
    if (!series.some(s => s.points.length)) continue;
    div.append(Plot.lineChart({title: c.title + (c.val ? " — dashed: validation" : ""), width: 600, height: 300,
      xLabel: "step", series}));
  }
  app.append(div);
})();
