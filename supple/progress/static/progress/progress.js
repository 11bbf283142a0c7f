/* supple: the Progress page's charts, drawn with the vendored Chart.js from #progress-data.
   Every chart has a text summary and a table beside it; the canvas adds nothing they lack. */
(function () {
  "use strict";
  var source = document.getElementById("progress-data");
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var INK = "#1d2b2a", BRAND = "#24615f", ACCENT = "#b4502f", VIOLET = "#5b4a8b", GREY = "#5d6b69";
  var BAND = "rgba(36, 97, 95, 0.13)";
  var BAND_LOW = "band-low";

  Chart.defaults.color = INK;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 13;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function same(labels, value) {
    return labels.map(function () { return value; });
  }

  function scale(title) {
    return { min: 0, max: 10, ticks: { stepSize: 2 }, title: { display: true, text: title } };
  }

  function xAxis() {
    return { ticks: { autoSkip: true, maxTicksLimit: 7, maxRotation: 0 } };
  }

  var legendWithoutBandEdge = {
    labels: { filter: function (item) { return item.text !== BAND_LOW; }, usePointStyle: true }
  };

  function painChart(canvas, pain) {
    var datasets = [];
    if (pain.band) {
      datasets.push({ label: "Usual ups and downs", data: same(pain.labels, pain.band[1]), fill: "+1",
        backgroundColor: BAND, borderWidth: 0, pointRadius: 0, pointStyle: "rect", order: 5 });
      datasets.push({ label: BAND_LOW, data: same(pain.labels, pain.band[0]), borderWidth: 0, pointRadius: 0,
        fill: false, order: 5 });
      datasets.push({ label: "Starting pain", data: same(pain.labels, pain.baseline), borderColor: GREY,
        borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointStyle: "line", order: 4 });
    }
    datasets.push({ label: "Morning check-in", data: pain.checkin, borderColor: BRAND, backgroundColor: BRAND,
      pointStyle: "circle", pointRadius: 3, borderWidth: 2, spanGaps: true, order: 1 });
    datasets.push({ label: "Before a session", data: pain.before, borderColor: ACCENT, backgroundColor: ACCENT,
      pointStyle: "triangle", pointRadius: 4, showLine: false, order: 2 });
    datasets.push({ label: "After a session", data: pain.after, borderColor: VIOLET, backgroundColor: VIOLET,
      pointStyle: "rect", pointRadius: 3, showLine: false, order: 3 });
    return new Chart(canvas, {
      type: "line",
      data: { labels: pain.labels, datasets: datasets },
      options: {
        scales: { y: scale("Pain, 0 to 10"), x: xAxis() },
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: legendWithoutBandEdge,
          tooltip: { filter: function (item) { return item.dataset.label !== BAND_LOW && item.raw !== null; } }
        }
      }
    });
  }

  function sessionsChart(canvas, sessions) {
    var datasets = [{ type: "bar", label: "Sessions", data: sessions.counts, backgroundColor: BRAND, order: 2 }];
    if (sessions.target) {
      datasets.push({ type: "line", label: "Your plan: " + sessions.target + " a week",
        data: same(sessions.labels, sessions.target), borderColor: ACCENT, borderDash: [6, 4], borderWidth: 2,
        pointRadius: 0, pointStyle: "line", order: 1 });
    }
    var most = Math.max.apply(null, sessions.counts.concat([sessions.target || 0, 1]));
    return new Chart(canvas, {
      data: { labels: sessions.labels, datasets: datasets },
      options: {
        scales: {
          y: { min: 0, suggestedMax: most + 1, ticks: { precision: 0 }, title: { display: true, text: "Sessions" } },
          x: xAxis()
        },
        plugins: { legend: { labels: { usePointStyle: true } } }
      }
    });
  }

  function psfsChart(canvas, psfs) {
    return new Chart(canvas, {
      type: "line",
      data: { labels: psfs.labels, datasets: [{ label: "Activities score", data: psfs.means, borderColor: BRAND,
        backgroundColor: BRAND, pointRadius: 4, borderWidth: 2 }] },
      options: {
        scales: { y: scale("Score, 0 to 10"), x: xAxis() },
        plugins: { legend: { labels: { usePointStyle: true } } }
      }
    });
  }

  painChart(document.getElementById("pain-chart"), data.pain);
  sessionsChart(document.getElementById("sessions-chart"), data.sessions);
  psfsChart(document.getElementById("psfs-chart"), data.psfs);
})();
