// Progressive enhancement for an import's or a large download's progress page: ask its status every second, move
// the bar, and reload the page once the job has finished (the page then shows the report, or the file's button).
// The words come from the element's data-progress-words ("rows checked") and data-total-words ("of about").
// Without JavaScript the page's "Check progress" button reloads it when the person chooses.
const POLL_MS = 1000;

function importProgress(element) {
  const bar = element.querySelector("progress");
  const text = element.querySelector("[data-progress-text]");
  const url = element.dataset.statusUrl;
  const progressWords = element.dataset.progressWords || "rows checked";
  const totalWords = element.dataset.totalWords || "of about";
  if (!bar || !text || !url || !window.fetch) {
    return;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((job) => {
        if (job.finished) {
          window.location.reload();
          return;
        }
        if (job.total) {
          bar.max = Math.max(job.total, job.processed);
        }
        bar.value = job.processed;
        bar.textContent = String(job.processed);
        text.textContent =
          job.status === "queued"
            ? "Waiting for a worker to start"
            : `${job.processed.toLocaleString("en-GB")}${job.total ? ` ${totalWords} ${job.total.toLocaleString("en-GB")}` : ""} ${progressWords}`;
        setTimeout(poll, POLL_MS);
      })
      .catch(() => setTimeout(poll, POLL_MS * 5));
  }
  setTimeout(poll, POLL_MS);
}

export function initImportProgress() {
  document.querySelectorAll('[data-module="app-import-progress"]').forEach(importProgress);
}
