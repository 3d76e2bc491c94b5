// Start GOV.UK Frontend's components on every page.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
