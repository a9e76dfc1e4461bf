// Starts the GOV.UK and MOJ Frontend components on every page.
import { initAll as initGovuk } from "../dist/js/govuk-frontend.min.js";
import { initAll as initMoj } from "../dist/js/moj-frontend.min.js";

initGovuk();
initMoj();
