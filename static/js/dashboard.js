// The event dashboard refreshes its totals and the two charts that move during the fair
// (registrations by day, check-ins by hour) from a small JSON endpoint, and says when.
"use strict";
(function () {
  const stamp = document.getElementById("live-updated");
  if (!stamp || !window.fetch) { return; }
  const every = Number(stamp.dataset.interval || 15) * 1000;
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const svg = "http://www.w3.org/2000/svg";

  function drawChart(id, rows) {
    const figure = document.getElementById(id);
    if (!figure) { return; }
    let table = figure.querySelector("table.chart-table");
    if (!table && rows.length) {
      const hint = figure.querySelector(".hint");
      if (hint) { hint.remove(); }
      table = document.createElement("table");
      table.className = "chart-table";
      table.appendChild(document.createElement("tbody"));
      figure.appendChild(table);
    }
    if (!table) { return; }
    const top = Math.max(0, ...rows.map((row) => row[1]));
    const body = document.createElement("tbody");
    for (const [key, count] of rows) {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = key;
      const cell = document.createElement("td");
      cell.className = "bar-cell";
      const picture = document.createElementNS(svg, "svg");
      picture.setAttribute("class", "bars");
      picture.setAttribute("viewBox", "0 0 100 10");
      picture.setAttribute("preserveAspectRatio", "none");
      picture.setAttribute("aria-hidden", "true");
      picture.setAttribute("focusable", "false");
      const rect = document.createElementNS(svg, "rect");
      rect.setAttribute("x", "0");
      rect.setAttribute("y", "1");
      rect.setAttribute("height", "8");
      rect.setAttribute("width", String(top ? (count / top) * 100 : 0));
      rect.setAttribute("class", "bar");
      picture.appendChild(rect);
      cell.appendChild(picture);
      const num = document.createElement("td");
      num.className = "num";
      num.textContent = number.format(count);
      tr.append(th, cell, num);
      body.appendChild(tr);
    }
    table.replaceChild(body, table.tBodies[0]);
  }

  function refresh() {
    if (document.hidden) { return; }
    fetch(stamp.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        for (const [name, value] of Object.entries(data.totals)) {
          const cell = document.querySelector(`[data-total="${name}"]`);
          if (cell) { cell.textContent = number.format(value); }
        }
        for (const [id, rows] of Object.entries(data.charts)) { drawChart(id, rows); }
        stamp.textContent = data.updated_label;
        stamp.dataset.updatedAt = data.updated_at;
      })
      .catch(() => { /* keep the last figures; the next round tries again */ });
  }

  setInterval(refresh, every);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) { refresh(); } });
})();
