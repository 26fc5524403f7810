// The edw up dashboard: uPlot charts fed by the server-sent events of /events.
(function () {
  "use strict";
  const MAX_POINTS = 3600;
  const MAX_ROWS = 200;
  const width = () => Math.max(480, Math.floor(document.getElementById("charts").clientWidth / 2) - 16);

  // each chart: a title, the y unit, lines or steps, and its series as [label, colour, value of a snapshot]
  const specs = [
    ["Queue depth", "messages", "lines", [
      ["visible", "#1f77b4", s => s.visible],
      ["in flight", "#ff7f0e", s => s.inFlight]]],
    ["Replicas and nodes", "count", "steps", [
      ["desired", "#d62728", s => s.desired],
      ["current", "#2ca02c", s => s.current],
      ["ready", "#17becf", s => s.ready],
      ["nodes", "#9467bd", s => s.nodes]]],
    ["Throughput", "msgs/s", "lines", [
      ["completed/s", "#2ca02c", s => s.throughput],
      ["sent/s", "#7f7f7f", s => s.arrivals]]],
    ["End-to-end latency", "seconds", "lines", [
      ["p50", "#1f77b4", s => s.p50],
      ["p99", "#d62728", s => s.p99]]]
  ];

  const data = specs.map(spec => [[]].concat(spec[3].map(() => [])));
  const charts = specs.map((spec, i) => {
    const box = document.createElement("div");
    box.className = "chart";
    box.innerHTML = "<h3></h3>";
    box.querySelector("h3").textContent = spec[0];
    document.getElementById("charts").appendChild(box);
    const opts = {
      width: width(),
      height: 220,
      scales: { x: { time: false } },
      axes: [{ label: "seconds" }, { label: spec[1] }],
      series: [{ label: "t" }].concat(spec[3].map(s => ({
        label: s[0], stroke: s[1], width: 2, spanGaps: true, points: { show: false },
        paths: spec[2] === "steps" ? uPlot.paths.stepped({ align: 1 }) : undefined })))
    };
    return new uPlot(opts, data[i], box);
  });

  let previous = null;
  let count = 0;
  function add(s) {
    s.arrivals = previous && s.t > previous.t ? (s.sent - previous.sent) / (s.t - previous.t) : null;
    previous = s;
    specs.forEach((spec, i) => {
      data[i][0].push(s.t);
      spec[3].forEach((series, j) => data[i][j + 1].push(series[2](s)));
      if (data[i][0].length > MAX_POINTS) {
        data[i].forEach(column => column.shift());
      }
    });
    count++;
    for (const key of ["visible", "inFlight", "ready", "current", "desired", "nodes", "readyNodes", "sent", "completed"]) {
      document.getElementById("stat-" + key).textContent = s[key];
    }
    document.getElementById("stat-throughput").textContent = s.throughput == null ? "-" : s.throughput.toFixed(1);
    document.getElementById("stat-p50").textContent = s.p50 == null ? "-" : s.p50.toFixed(2) + "s";
    document.getElementById("stat-p99").textContent = s.p99 == null ? "-" : s.p99.toFixed(2) + "s";
  }

  function redraw() {
    charts.forEach((chart, i) => chart.setData(data[i]));
  }

  function decision(d) {
    const row = document.createElement("tr");
    const cells = [d.t.toFixed(0), d.source, d.metric == null ? "-" : String(d.metric),
      String(d.active), d.current + " \u2192 " + d.desired, d.reason];
    cells.forEach((text, i) => {
      const td = document.createElement("td");
      td.textContent = text;
      if (i === 5) td.className = "reason";
      row.appendChild(td);
    });
    const body = document.querySelector("#decisions tbody");
    body.insertBefore(row, body.firstChild);
    while (body.children.length > MAX_ROWS) body.removeChild(body.lastChild);
  }

  const connection = document.getElementById("connection");
  const events = new EventSource("/events");
  events.addEventListener("history", e => {
    const h = JSON.parse(e.data);
    const c = h.config || {};
    document.getElementById("title").textContent = [c.kind, c.name, c.queue].filter(Boolean).join(" \u00b7 ");
    data.forEach(columns => columns.forEach(column => column.length = 0));
    previous = null;
    count = 0;
    document.querySelector("#decisions tbody").innerHTML = "";
    h.snapshots.forEach(add);
    h.decisions.forEach(decision);
    redraw();
  });
  events.addEventListener("snapshot", e => { add(JSON.parse(e.data)); redraw(); });
  events.addEventListener("decision", e => decision(JSON.parse(e.data)));
  events.onopen = () => { connection.textContent = "live"; connection.className = ""; };
  events.onerror = () => { connection.textContent = "disconnected"; connection.className = "off"; };
  window.addEventListener("resize", () => charts.forEach(c => c.setSize({ width: width(), height: 220 })));

  // for tests and the console
  window.edw = { charts, data, points: () => count };
})();
