// Progressive enhancement for the FOI question form: recompute the answer as the officer changes the filters.
// Without JavaScript the form still saves, and the request's page shows the answer.
const DELAY_MS = 250;

function answerPreview(form) {
  const preview = document.getElementById(form.dataset.previewTarget);
  if (!preview || !window.fetch) {
    return;
  }
  let timer;
  let latest = 0;
  // A date is typed in three boxes (day, month, year): wait until it is whole, or cleared, to recompute.
  function halfTypedDate() {
    return Array.from(form.querySelectorAll(".govuk-date-input")).some((date) => {
      const filled = Array.from(date.querySelectorAll("input")).filter((box) => box.value.trim() !== "");
      return filled.length > 0 && filled.length < date.querySelectorAll("input").length;
    });
  }
  function refresh() {
    if (halfTypedDate()) {
      return;
    }
    const params = new URLSearchParams(new FormData(form));
    params.delete("csrfmiddlewaretoken");
    const ticket = ++latest;
    fetch(`${form.dataset.previewUrl}?${params.toString()}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        if (ticket === latest) {
          preview.innerHTML = html;  // a slower, older answer must not replace a newer one
        }
      })
      .catch(() => {});
  }
  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  refresh();
}

export function initAnswerPreviews() {
  document.querySelectorAll('[data-module="app-answer-preview"]').forEach(answerPreview);
}
