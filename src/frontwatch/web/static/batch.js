/* frontwatch batch page: upload a CSV to POST /batch, poll GET /batch/{id}, offer the results. */
(function () {
  "use strict";
  var form = document.getElementById("batch-form");
  var box = document.getElementById("job");
  var bar = document.getElementById("job-bar");
  var state = document.getElementById("job-state");
  var text = document.getElementById("job-text");
  var download = document.getElementById("job-download");
  var errorBox = document.getElementById("batch-error");

  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function show(job) {
    box.hidden = false;
    document.getElementById("job-name").textContent = job.filename;
    state.textContent = job.status;
    state.className = "pill pill-" + ({ done: "green", failed: "red" }[job.status] || "amber");
    var pct = Math.round((job.progress || 0) * 100);
    bar.style.width = pct + "%";
    bar.parentNode.setAttribute("aria-valuenow", String(pct));
    var line = (job.done_rows || 0).toLocaleString() + " of " + (job.total_rows || 0).toLocaleString() + " rows screened";
    if (job.status === "done") {
      line = job.message + " · " + (job.result_rows || 0).toLocaleString() + " result rows";
      if (job.error_count) line += " · " + job.error_count + " rows could not be screened (see the error column)";
      download.href = job.links.results;
      download.hidden = false;
    } else if (job.status === "failed") {
      line = job.message || "the job failed";
    }
    text.textContent = line;
  }

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function refreshJobs() {
    fetch("/batch", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { jobs: [] }; })
      .then(function (body) {
        if (!body.jobs.length) return;
        document.getElementById("jobs-body").innerHTML = body.jobs.slice(0, 20).map(function (j) {
          var tone = { done: "green", failed: "red" }[j.status] || "amber";
          var last = j.status === "done" ? '<a href="' + esc(j.links.results) + '">results.csv</a>'
            : '<span class="muted">' + esc(j.message || "") + "</span>";
          return "<tr><td>" + esc(j.filename) + '</td><td class="mono">' +
            esc((j.created_at || "").slice(0, 19).replace("T", " ")) + '</td><td><span class="pill pill-' + tone +
            '">' + esc(j.status) + "</span></td><td>" + (j.done_rows || 0).toLocaleString() + " / " +
            (j.total_rows || 0).toLocaleString() + "</td><td>" + (j.matched_rows || 0).toLocaleString() +
            "</td><td>" + last + "</td></tr>";
        }).join("");
      });
  }

  function poll(url) {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.detail); return b; }); })
      .then(function (job) {
        show(job);
        if (job.status === "queued" || job.status === "running") {
          setTimeout(function () { poll(url); }, 500);
        } else {
          refreshJobs();
        }
      })
      .catch(function (err) { fail(err.message); });
  }

  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    errorBox.hidden = true;
    download.hidden = true;
    var data = new FormData(form);
    fetch("/batch", { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.detail); return b; }); })
      .then(function (job) { show(job); poll(job.links.status); })
      .catch(function (err) { fail(err.message); });
  });
})();
