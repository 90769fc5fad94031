// A job's page follows the job: it asks the server how far the job is every few seconds and
// shows it, then the download link or the failure, and stops asking once the job is over.
"use strict";
(function () {
  const box = document.getElementById("job-status");
  if (!box || !window.fetch || box.dataset.finished === "yes") { return; }
  const progress = document.getElementById("job-progress");
  let bar = document.getElementById("job-bar");
  let wait = 1000;

  function show(job) {
    progress.textContent = job.progress;
    document.querySelector("h1").textContent = job.status_text;
    if (job.total) {
      if (!bar) {
        bar = document.createElement("progress");
        bar.id = "job-bar";
        progress.after(bar);
      }
      bar.max = job.total;
      bar.value = job.done;
    }
    if (job.file_url) {
      document.getElementById("job-file").hidden = false;
    }
    if (job.finished) {
      // The page as the server draws it: the summary, the failure and its buttons.
      window.location.reload();
    }
  }

  function ask() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((answer) => (answer.ok ? answer.json() : Promise.reject(answer.status)))
      .then((job) => {
        show(job);
        if (!job.finished) {
          wait = Math.min(wait * 1.5, 5000);
          window.setTimeout(ask, wait);
        }
      })
      .catch(() => window.setTimeout(ask, 10000));
  }
  window.setTimeout(ask, wait);
})();
