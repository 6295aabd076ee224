// Starts the Design System's components (service navigation menu, error summary focus, notification banners)
// and the register's own (the FOI answer preview, an import's progress bar).
import { initAll } from "./govuk-frontend.min.js";
import { initAnswerPreviews } from "./answer-preview.mjs";
import { initImportProgress } from "./import-progress.mjs";

initAll();
initAnswerPreviews();
initImportProgress();
