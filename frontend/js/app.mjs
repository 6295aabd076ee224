// Starts the Design System's components (service navigation menu, error summary focus, notification banners)
// and the register's own (the FOI answer preview).
import { initAll } from "./govuk-frontend.min.js";
import { initAnswerPreviews } from "./answer-preview.mjs";

initAll();
initAnswerPreviews();
